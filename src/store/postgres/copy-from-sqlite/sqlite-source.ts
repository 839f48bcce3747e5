// The one file of the PostgreSQL engine's folder that reads SQLite: the copy bridges both engines
// (test/architecture.test.ts allows it here and nowhere else in src/store/postgres).
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { migrations } from '../../migrations.ts';
import { CopyError } from './copy-error.ts';
import type { CopySource, SourceRow, WalletSum } from './source.ts';
import { SEQ_COLUMN, type CopiedTable } from './tables.ts';

const quote = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/**
 * Opens the bot's SQLite file read-only (it must exist: a mistyped path never leaves an empty
 * database behind), checks its schema is this framebot's, and holds one read transaction until
 * close, so every table is read at the same moment even if a bot still writes to the file.
 */
export function openSqliteSource(path: string): CopySource {
  if (path === ':memory:') throw new CopyError('DATABASE_PATH is :memory:, which holds nothing to copy');
  if (!existsSync(path)) throw new CopyError(`there is no database at ${path}: check DATABASE_PATH`);
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
  } catch (err) {
    throw new CopyError(`could not open ${path} as a SQLite database: ${(err as Error).message}`);
  }
  try {
    db.pragma('busy_timeout = 5000');
    checkVersion(db, path);
    // Integers as bigint: a credit amount or a time is copied exactly, whatever its size.
    db.defaultSafeIntegers(true);
    db.exec('BEGIN');
    // A WAL reader's snapshot starts at its first read, not at BEGIN.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  } catch (err) {
    db.close();
    throw err instanceof CopyError ? err : new CopyError(`could not read ${path}: ${(err as Error).message}`);
  }
  return new SqliteSource(db, path);
}

function checkVersion(db: Database.Database, path: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  const expected = migrations.length;
  if (version < expected) {
    throw new CopyError(
      `${path} has SQLite schema version ${version}, older than this framebot's ${expected}: start this framebot on it once (it brings the schema up to date), stop it, then copy`,
    );
  }
  if (version > expected) {
    throw new CopyError(`${path} has SQLite schema version ${version}, newer than this framebot's ${expected}: copy it with the framebot version that wrote it`);
  }
}

class SqliteSource implements CopySource {
  constructor(
    private readonly db: Database.Database,
    readonly name: string,
  ) {}

  tables(): string[] {
    const rows = this.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`).all() as Array<{ name: string }>;
    return rows.map((r) => r.name);
  }

  columns(table: string): string[] {
    return (this.db.pragma(`table_info(${quote(table)})`) as Array<{ name: string }>).map((c) => c.name);
  }

  rows(table: CopiedTable, columns: readonly string[]): IterableIterator<SourceRow> {
    const t = quote(table.name);
    const select = columns.map((c) => (table.seqFromRowid && c === SEQ_COLUMN ? `${t}.rowid AS ${quote(SEQ_COLUMN)}` : `${t}.${quote(c)}`)).join(', ');
    if (table.parentColumn === undefined) {
      return this.db.prepare(`SELECT ${select} FROM ${t} ORDER BY ${t}.rowid`).iterate() as IterableIterator<SourceRow>;
    }
    // Parents before children, so each row's foreign key to its parent holds when it is inserted.
    // A row whose parent is missing comes last, and PostgreSQL's foreign key then names it.
    const parent = quote(table.parentColumn);
    return this.db
      .prepare(
        `WITH RECURSIVE depth(key, d) AS (
           SELECT id, 0 FROM ${t} WHERE ${parent} IS NULL
           UNION ALL
           SELECT child.id, depth.d + 1 FROM ${t} AS child JOIN depth ON child.${parent} = depth.key
         )
         SELECT ${select} FROM ${t} LEFT JOIN depth ON depth.key = ${t}.id
         ORDER BY depth.d IS NULL, depth.d, ${t}.rowid`,
      )
      .iterate() as IterableIterator<SourceRow>;
  }

  count(table: string): bigint {
    return (this.db.prepare(`SELECT count(*) AS n FROM ${quote(table)}`).get() as { n: bigint }).n;
  }

  walletSums(): WalletSum[] {
    const rows = this.db
      .prepare(
        `SELECT w.id, w.balance, COALESCE((SELECT sum(l.amount) FROM ledger l WHERE l.wallet_id = w.id), 0) AS ledger_sum
         FROM wallets w ORDER BY w.id`,
      )
      .all() as Array<{ id: string; balance: bigint; ledger_sum: bigint }>;
    return rows.map((r) => ({ id: r.id, balance: BigInt(r.balance), ledgerSum: BigInt(r.ledger_sum) }));
  }

  ledgerTotal(): bigint {
    return BigInt((this.db.prepare('SELECT COALESCE(sum(amount), 0) AS total FROM ledger').get() as { total: bigint }).total);
  }

  autoincrementFloor(table: string): bigint {
    const hasSequence = this.db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'`).get() !== undefined;
    if (!hasSequence) return 0n;
    const row = this.db.prepare('SELECT seq FROM sqlite_sequence WHERE name = ?').get(table) as { seq: bigint } | undefined;
    return row ? BigInt(row.seq) : 0n;
  }

  close(): void {
    if (this.db.inTransaction) this.db.exec('COMMIT');
    this.db.close();
  }
}
