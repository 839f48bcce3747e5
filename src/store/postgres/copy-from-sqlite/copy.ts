import { migratePostgres } from '../migrate.ts';
import type { Pool, PoolClient } from '../pool.ts';
import { inTransaction } from '../transaction.ts';
import { compareTallies, listed, walletsOffLedger, type Tally } from './checks.ts';
import { toPostgres, type TargetValue } from './convert.ts';
import { CopyError } from './copy-error.ts';
import { planCopy, type TablePlan } from './plan.ts';
import type { CopySource, SourceRow, WalletSum } from './source.ts';
import { openSqliteSource } from './sqlite-source.ts';

export interface CopyOptions {
  /** Told as each table is copied (the command prints a line); nothing is kept until the whole copy checks out. */
  onTable?: (table: string, rows: number) => void;
  /** A test seam: runs inside the copy's transaction, on its connection, after each table. */
  afterTable?: (table: string, client: PoolClient) => Promise<void>;
  /** Rows per INSERT (fewer when a table's columns would pass PostgreSQL's parameter limit). */
  batchRows?: number;
  /** Blob bytes per INSERT, beyond its first row (photos are megabytes each): 32 MB unless a test says. */
  batchBytes?: number;
  /** How long to wait for another session's hold on the tables (a bot already running on them). */
  lockTimeoutMs?: number;
}

export interface CopyResult {
  tables: Array<{ name: string; rows: number }>;
  rows: number;
  wallets: number;
  ledgerTotal: bigint;
}

/** PostgreSQL takes at most 65,535 parameters in one statement. */
const MAX_PARAMETERS = 65_535;
/** Blob bytes per INSERT at most (beyond one row): a statement's parameters sit in memory on both sides. */
const BATCH_BYTES = 32 * 1024 * 1024;
/** lock_not_available: lock_timeout ran out. */
const LOCK_NOT_AVAILABLE = '55P03';

const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/**
 * Copies the bot's SQLite database at `sqlitePath` into the (empty) PostgreSQL database of `pool`,
 * all or nothing: its schema is brought up to date first, then every table is copied inside one
 * transaction, which commits only when the row counts, every wallet's balance against its ledger
 * and the ledger's total agree on both sides.
 */
export async function copySqliteToPostgres(sqlitePath: string, pool: Pool, opts: CopyOptions = {}): Promise<CopyResult> {
  const source = openSqliteSource(sqlitePath);
  try {
    return await copyInto(source, pool, opts);
  } finally {
    source.close();
  }
}

export async function copyInto(source: CopySource, pool: Pool, opts: CopyOptions = {}): Promise<CopyResult> {
  // A source that breaks the ledger invariant would make a copy that breaks it too: refuse first.
  const broken = walletsOffLedger(source.walletSums(), 'SQLite');
  if (broken.length > 0) throw new CopyError(`${source.name} is not consistent, so nothing was copied: ${listed(broken)}`);

  await migratePostgres(pool);
  const client = await pool.connect();
  let healthy = true;
  try {
    return await inTransaction(client, async () => {
      const plans = await planCopy(client, source);
      await lockTables(client, plans, opts.lockTimeoutMs ?? 10_000);
      await refuseFilled(client, plans);
      const tables: CopyResult['tables'] = [];
      for (const plan of plans) {
        const rows = await copyTable(client, source, plan, opts.batchRows ?? 500, opts.batchBytes ?? BATCH_BYTES);
        tables.push({ name: plan.table.name, rows });
        opts.onTable?.(plan.table.name, rows);
        await opts.afterTable?.(plan.table.name, client);
      }
      await continueIdentities(client, source, plans);
      const sourceTally = tallySource(source, plans);
      const found = compareTallies(sourceTally, await tallyTarget(client, plans));
      if (found.length > 0) throw new CopyError(`the copy does not match, so it was rolled back and PostgreSQL holds none of it: ${listed(found)}`);
      return { tables, rows: tables.reduce((n, t) => n + t.rows, 0), wallets: sourceTally.wallets.length, ledgerTotal: sourceTally.ledgerTotal };
    });
  } catch (err) {
    healthy = err instanceof CopyError;
    throw err;
  } finally {
    // A connection that failed mid-statement is closed rather than pooled.
    client.release(!healthy);
  }
}

/** Keeps a bot (or a second copy) from writing while the copy fills the tables; readers may look. */
async function lockTables(client: PoolClient, plans: readonly TablePlan[], timeoutMs: number): Promise<void> {
  await client.query(`SELECT set_config('lock_timeout', $1, true)`, [`${timeoutMs}ms`]);
  try {
    await client.query(`LOCK TABLE ${plans.map((p) => quote(p.table.name)).join(', ')} IN EXCLUSIVE MODE`);
  } catch (err) {
    if ((err as { code?: string }).code === LOCK_NOT_AVAILABLE) {
      throw new CopyError(`another session held framebot's PostgreSQL tables for over ${timeoutMs / 1000} s (a bot running on them?): stop it, then copy again`);
    }
    throw err;
  }
}

/** The copy fills an empty database only: merging two histories would break ids and the ledger. */
async function refuseFilled(client: PoolClient, plans: readonly TablePlan[]): Promise<void> {
  const { rows } = await client.query<{ name: string }>(
    plans.map((p, i) => `SELECT $${i + 1}::text AS name WHERE EXISTS (SELECT 1 FROM ${quote(p.table.name)})`).join(' UNION ALL '),
    plans.map((p) => p.table.name),
  );
  if (rows.length > 0) {
    throw new CopyError(`the PostgreSQL database already holds framebot data (in ${rows.map((r) => r.name).join(', ')}), so nothing was copied: copy into a new, empty database`);
  }
}

async function copyTable(client: PoolClient, source: CopySource, plan: TablePlan, batchRows: number, batchBytes: number): Promise<number> {
  const { table, columns } = plan;
  const names = columns.map((c) => c.name);
  const perBatch = Math.max(1, Math.min(batchRows, Math.floor(MAX_PARAMETERS / names.length)));
  const head = `INSERT INTO ${quote(table.name)} (${names.map(quote).join(', ')}) VALUES `;
  const insert = async (batch: TargetValue[][]): Promise<void> => {
    const tuples = batch.map((_, r) => `(${names.map((__, c) => `$${r * names.length + c + 1}`).join(', ')})`);
    await client.query(head + tuples.join(', '), batch.flat());
  };

  let copied = 0;
  let batch: TargetValue[][] = [];
  let bytes = 0;
  // Streamed: at most one batch of rows is in memory, whatever the table's size; a batch of
  // photos (megabytes each) also ends once it holds `batchBytes`.
  for (const row of source.rows(table, names)) {
    const values = columns.map((c) => toPostgres(row[c.name] ?? null, c.kind, () => `${table.name}.${c.name} of ${rowName(row, copied + batch.length + 1)}`));
    batch.push(values);
    bytes += values.reduce((n, v) => n + (Buffer.isBuffer(v) ? v.length : 0), 0);
    if (batch.length === perBatch || bytes >= batchBytes) {
      await insert(batch);
      copied += batch.length;
      batch = [];
      bytes = 0;
    }
  }
  if (batch.length > 0) {
    await insert(batch);
    copied += batch.length;
  }
  return copied;
}

function rowName(row: SourceRow, position: number): string {
  return typeof row.id === 'string' || typeof row.id === 'bigint' ? `the row with id ${row.id}` : `row ${position}`;
}

/**
 * Identity columns were filled with SQLite's values, which leaves their sequences at the start: set
 * each past the highest id copied (and past any id SQLite's AUTOINCREMENT ever gave), so the bot's
 * next insert gets a fresh one. setval is not undone by a rollback; that is harmless, since a
 * sequence only promises unused values and a later copy sets it again.
 */
async function continueIdentities(client: PoolClient, source: CopySource, plans: readonly TablePlan[]): Promise<void> {
  for (const { table, identities } of plans) {
    for (const column of identities) {
      await client.query(
        `SELECT setval(pg_get_serial_sequence($1, $2), GREATEST((SELECT COALESCE(max(${quote(column)}), 0) FROM ${quote(table.name)}), $3::bigint) + 1, false)`,
        [quote(table.name), column, source.autoincrementFloor(table.name).toString()],
      );
    }
  }
}

function tallySource(source: CopySource, plans: readonly TablePlan[]): Tally {
  return {
    counts: new Map(plans.map((p) => [p.table.name, source.count(p.table.name)])),
    wallets: source.walletSums(),
    ledgerTotal: source.ledgerTotal(),
  };
}

async function tallyTarget(client: PoolClient, plans: readonly TablePlan[]): Promise<Tally> {
  const counts = new Map<string, bigint>();
  for (const p of plans) {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${quote(p.table.name)}`);
    counts.set(p.table.name, BigInt(rows[0]!.n));
  }
  const { rows: wallets } = await client.query<{ id: string; balance: string; ledger_sum: string }>(
    `SELECT w.id, w.balance::text AS balance, COALESCE((SELECT sum(l.amount) FROM ledger l WHERE l.wallet_id = w.id), 0)::text AS ledger_sum FROM wallets w`,
  );
  const { rows: total } = await client.query<{ total: string }>('SELECT COALESCE(sum(amount), 0)::text AS total FROM ledger');
  return {
    counts,
    wallets: wallets.map((w): WalletSum => ({ id: w.id, balance: BigInt(w.balance), ledgerSum: BigInt(w.ledger_sum) })),
    ledgerTotal: BigInt(total[0]!.total),
  };
}
