import type { PoolClient } from '../pool.ts';
import { CopyError } from './copy-error.ts';
import type { CopySource } from './source.ts';
import { COPIED_TABLES, DERIVED_TABLES, SEQ_COLUMN, type CopiedTable } from './tables.ts';

/** How a value crosses over: the only differences between the two schemas' column types. */
export type ColumnKind = 'boolean' | 'integer' | 'text' | 'bytes';

export interface PlannedColumn {
  name: string;
  kind: ColumnKind;
}

export interface TablePlan {
  table: CopiedTable;
  /** PostgreSQL's columns, in its order. */
  columns: PlannedColumn[];
  /** Identity columns, whose sequences must continue past the copied values. */
  identities: string[];
}

const KINDS: Readonly<Record<string, ColumnKind>> = {
  boolean: 'boolean',
  smallint: 'integer',
  integer: 'integer',
  bigint: 'integer',
  text: 'text',
  bytea: 'bytes',
};

/** framebot's own bookkeeping of PostgreSQL migrations, not data to copy. */
/** Not copied: the migrations' own record, and the tables the tasks' triggers fill as the tasks are copied. */
const NOT_COPIED = new Set(['schema_migrations', ...DERIVED_TABLES]);

interface PgColumn {
  table_name: string;
  column_name: string;
  data_type: string;
  is_identity: 'YES' | 'NO';
}

/**
 * Checks that both schemas hold exactly the listed tables, each with the same columns (PostgreSQL's
 * `seq` standing for SQLite's rowid), so nothing is left behind unnoticed; returns what to copy.
 */
export async function planCopy(client: PoolClient, source: CopySource): Promise<TablePlan[]> {
  const listed = COPIED_TABLES.map((t) => t.name);
  const { rows } = await client.query<PgColumn>(
    `SELECT c.table_name, c.column_name, c.data_type, c.is_identity
     FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
     WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
     ORDER BY c.table_name, c.ordinal_position`,
  );
  const pgTables = [...new Set(rows.map((r) => r.table_name))].filter((t) => !NOT_COPIED.has(t));
  sameTables(listed, pgTables, 'PostgreSQL');
  sameTables(listed, source.tables().filter((t) => !NOT_COPIED.has(t)), 'SQLite');

  return COPIED_TABLES.map((table) => {
    const pgColumns = rows.filter((r) => r.table_name === table.name);
    const expected = pgColumns.map((c) => c.column_name).filter((c) => !(table.seqFromRowid && c === SEQ_COLUMN));
    const sqlite = source.columns(table.name);
    const onlyPg = expected.filter((c) => !sqlite.includes(c));
    const onlySqlite = sqlite.filter((c) => !expected.includes(c));
    if (onlyPg.length > 0 || onlySqlite.length > 0) {
      const parts = [onlySqlite.length > 0 && `only in SQLite: ${onlySqlite.join(', ')}`, onlyPg.length > 0 && `only in PostgreSQL: ${onlyPg.join(', ')}`].filter(Boolean);
      throw new CopyError(`table ${table.name} has different columns in the two databases (${parts.join('; ')}): this framebot cannot copy it`);
    }
    return {
      table,
      columns: pgColumns.map((c) => {
        const kind = KINDS[c.data_type];
        if (kind === undefined) throw new CopyError(`column ${table.name}.${c.column_name} has PostgreSQL type ${c.data_type}, which the copy does not know how to fill`);
        return { name: c.column_name, kind };
      }),
      identities: pgColumns.filter((c) => c.is_identity === 'YES').map((c) => c.column_name),
    };
  });
}

function sameTables(listed: readonly string[], found: readonly string[], engine: string): void {
  const unknown = found.filter((t) => !listed.includes(t));
  const missing = listed.filter((t) => !found.includes(t));
  if (unknown.length > 0) throw new CopyError(`the ${engine} database has tables the copy does not know (${unknown.join(', ')}): this framebot cannot copy it`);
  if (missing.length > 0) throw new CopyError(`the ${engine} database lacks tables the copy expects (${missing.join(', ')}): is it framebot's?`);
}
