/**
 * What `npm run migrate-to-postgres` copies, in an order where every foreign key points at rows
 * already copied. The columns themselves are read from both schemas at run time and must match
 * (see plan.ts), so a column added to both engines is copied without a change here, and a table
 * added to either engine stops the copy until it is listed.
 */
export interface CopiedTable {
  readonly name: string;
  /**
   * PostgreSQL keeps in an explicit `seq` column the insertion order SQLite kept in its implicit
   * rowid (the order of a task's parts, a result's buttons, a set's photos).
   */
  readonly seqFromRowid: boolean;
  /** A column naming another row (its `id`) of the same table: rows are copied parents first. */
  readonly parentColumn?: string;
}

export const COPIED_TABLES: readonly CopiedTable[] = [
  { name: 'wallets', seqFromRowid: false },
  { name: 'tasks', seqFromRowid: false, parentColumn: 'parent_id' },
  { name: 'task_parts', seqFromRowid: true },
  { name: 'actions', seqFromRowid: true },
  { name: 'ledger', seqFromRowid: false },
  { name: 'photo_sets', seqFromRowid: false },
  { name: 'photo_files', seqFromRowid: true },
  { name: 'inbox', seqFromRowid: false },
  { name: 'user_settings', seqFromRowid: false },
  { name: 'group_settings', seqFromRowid: false },
  { name: 'asks', seqFromRowid: false },
  { name: 'drafts', seqFromRowid: false },
  { name: 'hosted_files', seqFromRowid: false },
  { name: 'access_entries', seqFromRowid: false },
  { name: 'access_refusals', seqFromRowid: false },
  { name: 'rate_windows', seqFromRowid: false },
];

/** The column PostgreSQL adds where seqFromRowid is set. */
export const SEQ_COLUMN = 'seq';

/**
 * Tables not copied because triggers on the tasks table keep them (the waiting line's groups, users
 * and epoch): they fill as the tasks are copied, and copying them too would count every waiting job twice.
 */
export const DERIVED_TABLES: readonly string[] = ['queue_groups', 'queue_users', 'queue_epochs'];
