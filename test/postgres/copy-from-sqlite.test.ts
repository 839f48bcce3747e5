/**
 * `npm run migrate-to-postgres`'s copy (issue 11, part 8): a SQLite database filled by the real
 * repositories arrives in PostgreSQL whole, value for value; the ledger checks hold; sequences go
 * on past the copied ids; anything that does not check out leaves PostgreSQL as it was.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { CopyError, DERIVED_TABLES, copySqliteToPostgres, type CopyOptions } from '../../src/store/postgres/copy-from-sqlite/index.ts';
import type { Pool } from '../../src/store/postgres/pool.ts';
import { migrations } from '../../src/store/migrations.ts';
import { EMPTY_WALLET, GROUP_WALLET, USER_WALLET, filledSqlite } from '../support/filled-sqlite.ts';
import { describePostgres } from '../support/postgres.ts';

/** Every table of both schemas, written out here so the comparison below cannot skip one. */
const TABLES = ['wallets', 'tasks', 'task_parts', 'actions', 'ledger', 'photo_sets', 'photo_files', 'inbox', 'user_settings', 'group_settings', 'asks', 'drafts', 'hosted_files', 'access_entries', 'access_refusals', 'rate_windows'];
/** The known differences: SQLite's 0/1 is a boolean, and its rowid order is PostgreSQL's `seq`. */
const BOOLEANS: Record<string, string[]> = { photo_sets: ['shared'], access_entries: ['listed'] };
const SEQ_FROM_ROWID = new Set(['task_parts', 'actions', 'photo_files']);

type Row = Record<string, unknown>;

const canonical = (row: Row): string => JSON.stringify(Object.keys(row).sort().map((k) => [k, row[k]]));
const sorted = (rows: Row[]): Row[] => [...rows].sort((a, b) => (canonical(a) < canonical(b) ? -1 : 1));

function sqliteRows(path: string, table: string): Row[] {
  const db = new Database(path, { readonly: true });
  try {
    const rows = db.prepare(`SELECT ${SEQ_FROM_ROWID.has(table) ? 'rowid AS seq, ' : ''}* FROM ${table}`).all() as Row[];
    return rows.map((row) => {
      const out = { ...row };
      for (const column of BOOLEANS[table] ?? []) out[column] = row[column] === 1;
      return out;
    });
  } finally {
    db.close();
  }
}

/** Every row and every value of every table, SQLite against PostgreSQL. */
async function expectSameData(path: string, pool: Pool): Promise<void> {
  for (const table of TABLES) {
    const { rows } = await pool.query<Row>(`SELECT * FROM ${table}`);
    expect(sorted(rows), table).toEqual(sorted(sqliteRows(path, table)));
  }
}

async function rowCounts(pool: Pool): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of TABLES) counts[table] = (await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;
  return counts;
}

const EMPTY = Object.fromEntries(TABLES.map((t) => [t, 0]));

function tamper(path: string, sql: string): void {
  const db = new Database(path);
  try {
    db.exec(sql);
  } finally {
    db.close();
  }
}

describePostgres('copying a SQLite database into PostgreSQL', (server) => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'framebot-pgcopy-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  async function copy(path: string, opts: CopyOptions = {}): Promise<{ pool: Pool; result: Awaited<ReturnType<typeof copySqliteToPostgres>> }> {
    const pool = server.pool(await server.newDatabase());
    return { pool, result: await copySqliteToPostgres(path, pool, opts) };
  }

  it('lists every table of both schemas, so the comparison covers all of them', async () => {
    const path = await filledSqlite(dir, { grants: 1 });
    const db = new Database(path, { readonly: true });
    const sqliteTables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`).all() as Array<{ name: string }>).map((r) => r.name);
    db.close();
    const { pool } = await copy(path);
    const { rows } = await pool.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_name <> 'schema_migrations'`,
    );
    expect(sqliteTables.sort()).toEqual([...TABLES, ...DERIVED_TABLES].sort());
    expect(rows.map((r) => r.table_name).sort()).toEqual([...TABLES, ...DERIVED_TABLES].sort());
    // The waiting line's tables are not copied: the tasks' triggers rebuild them as the tasks arrive
    // (a row that counts for nothing, left where a task changed service, may be missing).
    const counting = (rows: Row[]) => sorted(rows.filter((r) => Number(r.served) > 0 || Number(r.waiting) > 0));
    // (The line's epochs only move on: any value serves a fresh database.)
    for (const table of DERIVED_TABLES.filter((t) => t !== 'queue_epochs')) {
      const { rows: copied } = await pool.query<Row>(`SELECT * FROM ${table}`);
      expect(counting(copied), table).toEqual(counting(sqliteRows(path, table)));
      expect(copied.length, table).toBeGreaterThan(0);
    }
  });

  it('copies every row and value, in batches, parents before children, and the ledger sums match', async () => {
    const path = await filledSqlite(dir, { grants: 40 });
    const told: Array<[string, number]> = [];
    // Seven rows a statement: the ledger (47 rows) and the rest cross several batches.
    const { pool, result } = await copy(path, { batchRows: 7, onTable: (table, rows) => told.push([table, rows]) });

    await expectSameData(path, pool);
    const counts = await rowCounts(pool);
    expect(told).toEqual(TABLES.map((t) => [t, counts[t]]));
    expect(result.tables).toEqual(told.map(([name, rows]) => ({ name, rows })));
    expect(result.rows).toBe(Object.values(counts).reduce((a, b) => a + b, 0));
    expect(counts.ledger).toBeGreaterThan(40);
    expect(result.wallets).toBe(3);

    const { rows } = await pool.query<{ id: string; balance: number; sum: number }>(
      `SELECT w.id, w.balance, COALESCE((SELECT sum(amount) FROM ledger l WHERE l.wallet_id = w.id), 0)::bigint AS sum FROM wallets w ORDER BY w.id`,
    );
    expect(rows).toEqual([
      { id: EMPTY_WALLET, balance: 0, sum: 0 },
      { id: USER_WALLET, balance: 12, sum: 12 },
      { id: GROUP_WALLET, balance: 396, sum: 396 },
    ].sort((a, b) => (a.id < b.id ? -1 : 1)));
    expect(result.ledgerTotal).toBe(408n);
    // The booleans crossed as booleans, both ways.
    const shared = await pool.query<{ id: string; shared: boolean }>('SELECT id, shared FROM photo_sets ORDER BY id');
    expect(shared.rows).toEqual([{ id: 'set-private', shared: false }, { id: 'set-shared', shared: true }]);
    // Insertion order survives as seq: the buttons, parts and photos come back as they were added.
    const buttons = await pool.query<{ id: string }>(`SELECT id FROM actions WHERE task_id = 'task-grid' ORDER BY seq`);
    expect(buttons.rows.map((r) => r.id)).toEqual(['act-u4', 'act-u3', 'act-u2', 'act-u1', 'act-reroll']);
    const parts = await pool.query<{ part_id: string }>(`SELECT part_id FROM task_parts WHERE task_id = 'task-four' ORDER BY seq`);
    expect(parts.rows.map((r) => r.part_id)).toEqual(['img-4', 'img-3', 'img-2', 'img-1', 'unqueued:task-four:1']);
  });

  it("copies photos' and hosted files' bytes exactly (an older build's photo without them too), in statements bounded by their bytes", async () => {
    const path = await filledSqlite(dir, { grants: 1 });
    const inserts: number[] = [];
    // One byte per statement at most: every row with a blob goes in a statement of its own.
    const { pool } = await copy(path, {
      batchBytes: 1,
      afterTable: async (table, client) => {
        if (table === 'photo_files' || table === 'hosted_files') inserts.push((await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n);
      },
    });
    await expectSameData(path, pool);
    const photos = await pool.query<{ sha256: string; content: Buffer | null; path: string }>('SELECT sha256, content, path FROM photo_files ORDER BY seq');
    expect(photos.rows.map((r) => [r.sha256[0], r.content?.length ?? null, r.path])).toEqual([
      ['d', 1000, ''],
      ['c', 1000, ''],
      ['b', 1000, ''],
      ['a', 1000, ''],
      ['e', 2048, ''],
      ['f', null, 'photos/set-private/f.jpg'],
    ]);
    expect(photos.rows[0]!.content).toEqual(Buffer.alloc(1000, 'd'));
    const hosted = await pool.query<{ name: string; content: Buffer }>('SELECT name, content FROM hosted_files ORDER BY name');
    expect(hosted.rows.map((r) => r.content)).toEqual([Buffer.alloc(3000, 'a'), Buffer.alloc(3000, 'b')]);
    expect(inserts).toEqual([6, 2]);
  });

  it('continues every identity sequence past the copied ids: the next insert gets a fresh one', async () => {
    const path = await filledSqlite(dir);
    const { pool } = await copy(path);
    const identities = await pool.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() AND is_identity = 'YES' ORDER BY table_name`,
    );
    expect(identities.rows.map((r) => `${r.table_name}.${r.column_name}`)).toEqual(['actions.seq', 'ledger.id', 'photo_files.seq', 'task_parts.seq']);
    for (const { table_name: table, column_name: column } of identities.rows) {
      const { rows } = await pool.query<{ max: number }>(`SELECT max(${column})::bigint AS max FROM ${table}`);
      const next = await pool.query<{ next: number }>(`SELECT nextval(pg_get_serial_sequence($1, $2))::bigint AS next`, [table, column]);
      expect(next.rows[0]!.next, `${table}.${column}`).toBe(rows[0]!.max + 1);
    }
    // A credit movement written after the copy: a new id, accepted by the append-only ledger.
    const maxId = (await pool.query<{ max: number }>('SELECT max(id) AS max FROM ledger')).rows[0]!.max;
    const inserted = await pool.query<{ id: number }>(`INSERT INTO ledger (wallet_id, kind, amount, at) VALUES ($1, 'grant', 1, 0) RETURNING id`, [USER_WALLET]);
    expect(inserted.rows[0]!.id).toBeGreaterThan(maxId);
    const maxSeq = (await pool.query<{ max: number }>('SELECT max(seq) AS max FROM actions')).rows[0]!.max;
    const button = await pool.query<{ seq: number }>(`INSERT INTO actions (id, task_id, kind, platform, chat_id, created_at) VALUES ('act-new', 'task-grid', 'vary', 'telegram', '-100', 0) RETURNING seq`);
    expect(button.rows[0]!.seq).toBeGreaterThan(maxSeq);
  });

  it("never hands out a ledger id SQLite's AUTOINCREMENT already gave, even one whose row is gone", async () => {
    const path = await filledSqlite(dir, { grants: 2 });
    tamper(path, `UPDATE sqlite_sequence SET seq = 1000 WHERE name = 'ledger'`);
    const { pool } = await copy(path);
    const { rows } = await pool.query<{ id: number }>(`INSERT INTO ledger (wallet_id, kind, amount, at) VALUES ($1, 'grant', 1, 0) RETURNING id`, [USER_WALLET]);
    expect(rows[0]!.id).toBe(1001);
  });

  it('copies a child task stored before its parent (parents go first, whatever the file order)', async () => {
    const path = await filledSqlite(dir, { grants: 1 });
    // A child row written before its parent, as a rebuilt table may leave them.
    tamper(
      path,
      `PRAGMA foreign_keys = OFF;
       INSERT INTO tasks (id, kind, endpoint, request_json, status, parent_id, prompt, label, platform, chat_id, user_id, user_name, created_at, updated_at, deadline_at)
         VALUES ('early-child', 'mj.imagine', 'imagine', '{}', 'pending', 'late-parent', 'p', 'l', 'telegram', '-1', '1', 'a', 1, 1, 2);
       INSERT INTO tasks (id, kind, endpoint, request_json, status, parent_id, prompt, label, platform, chat_id, user_id, user_name, created_at, updated_at, deadline_at)
         VALUES ('late-parent', 'mj.imagine', 'imagine', '{}', 'pending', NULL, 'p', 'l', 'telegram', '-1', '1', 'a', 1, 1, 2);`,
    );
    const { pool } = await copy(path, { batchRows: 1 });
    await expectSameData(path, pool);
  });

  it('refuses a database that already holds data, and changes nothing in it', async () => {
    const path = await filledSqlite(dir);
    const { pool } = await copy(path);
    const before = await rowCounts(pool);
    const again = await copySqliteToPostgres(path, pool).catch((err: unknown) => err);
    expect(again).toBeInstanceOf(CopyError);
    expect((again as Error).message).toBe(
      'the PostgreSQL database already holds framebot data (in wallets, tasks, task_parts, actions, ledger, photo_sets, photo_files, inbox, user_settings, group_settings, asks, drafts, hosted_files, access_entries, access_refusals, rate_windows), so nothing was copied: copy into a new, empty database',
    );
    expect(await rowCounts(pool)).toEqual(before);
    await expectSameData(path, pool);
  });

  it('refuses a database holding even one row of one table', async () => {
    const path = await filledSqlite(dir, { grants: 1 });
    const pool = server.pool(await server.newDatabase());
    const { migratePostgres } = await import('../../src/store/postgres/migrate.ts');
    await migratePostgres(pool);
    await pool.query(`INSERT INTO drafts (id, platform, chat_id, user_id, kind, input_json, created_at) VALUES ('d', 'telegram', '1', '1', 'generate', '{}', 0)`);
    await expect(copySqliteToPostgres(path, pool)).rejects.toThrow(/already holds framebot data \(in drafts\)/);
    expect(await rowCounts(pool)).toEqual({ ...EMPTY, drafts: 1 });
  });

  it('waits for no one: a session writing to the tables (a bot already on them) stops the copy with a line saying so', async () => {
    const path = await filledSqlite(dir, { grants: 1 });
    const url = await server.newDatabase();
    const pool = server.pool(url);
    const { migratePostgres } = await import('../../src/store/postgres/migrate.ts');
    await migratePostgres(pool);
    const bot = await server.pool(url).connect();
    try {
      await bot.query('BEGIN');
      await bot.query(`INSERT INTO inbox (id, platform, status, received_at, updated_at) VALUES ('tg:1', 'telegram', 'received', 0, 0)`);
      await expect(copySqliteToPostgres(path, pool, { lockTimeoutMs: 200 })).rejects.toThrow(
        "another session held framebot's PostgreSQL tables for over 0.2 s (a bot running on them?): stop it, then copy again",
      );
    } finally {
      await bot.query('ROLLBACK');
      bot.release();
    }
    expect(await rowCounts(pool)).toEqual(EMPTY);
  });

  it('rolls everything back when the copy does not match (a row slipped into the ledger mid-copy), naming the table and the wallet', async () => {
    const path = await filledSqlite(dir);
    const pool = server.pool(await server.newDatabase());
    const copied: string[] = [];
    const failure = await copySqliteToPostgres(path, pool, {
      onTable: (table) => copied.push(table),
      afterTable: async (table, client) => {
        if (table === 'ledger') await client.query(`INSERT INTO ledger (id, wallet_id, kind, amount, at) SELECT max(id) + 1, $1, 'grant', 5, 0 FROM ledger`, [GROUP_WALLET]);
      },
    }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(CopyError);
    const message = (failure as Error).message;
    expect(message).toMatch(/^the copy does not match, so it was rolled back and PostgreSQL holds none of it: /);
    expect(message).toMatch(/table ledger has (\d+) rows in SQLite and \d+ in PostgreSQL/);
    expect(message).toContain(`wallet ${GROUP_WALLET} has balance 296 in PostgreSQL but its ledger sums to 301`);
    expect(message).toContain('the ledger sums to 308 in SQLite and 313 in PostgreSQL');
    // Every table was reached, and none of it was kept.
    expect(copied).toEqual(TABLES);
    expect(await rowCounts(pool)).toEqual(EMPTY);
    // The database is as good as new: the copy then goes through.
    await copySqliteToPostgres(path, pool);
    await expectSameData(path, pool);
  });

  it('names a wallet whose balance changed mid-copy, and keeps nothing', async () => {
    const path = await filledSqlite(dir, { grants: 3 });
    const pool = server.pool(await server.newDatabase());
    const failure = copySqliteToPostgres(path, pool, {
      afterTable: async (table, client) => {
        if (table === 'wallets') await client.query(`UPDATE wallets SET balance = balance + 1 WHERE id = $1`, [USER_WALLET]);
      },
    });
    await expect(failure).rejects.toThrow(
      `the copy does not match, so it was rolled back and PostgreSQL holds none of it: wallet ${USER_WALLET} has balance 13 in PostgreSQL but its ledger sums to 12; wallet ${USER_WALLET} has balance 12 in SQLite and 13 in PostgreSQL`,
    );
    expect(await rowCounts(pool)).toEqual(EMPTY);
  });

  it('keeps nothing when the copy fails part way', async () => {
    const path = await filledSqlite(dir, { grants: 3 });
    const pool = server.pool(await server.newDatabase());
    const failure = copySqliteToPostgres(path, pool, {
      afterTable: async (table) => {
        if (table === 'photo_sets') throw new Error('the connection dropped');
      },
    });
    await expect(failure).rejects.toThrow('the connection dropped');
    expect(await rowCounts(pool)).toEqual(EMPTY);
  });

  it('refuses a SQLite database whose wallets do not match their ledger, before copying anything', async () => {
    const path = await filledSqlite(dir, { grants: 3 });
    tamper(path, `UPDATE wallets SET balance = balance + 2 WHERE id = '${GROUP_WALLET}'`);
    const pool = server.pool(await server.newDatabase());
    await expect(copySqliteToPostgres(path, pool)).rejects.toThrow(
      `${path} is not consistent, so nothing was copied: wallet ${GROUP_WALLET} has balance 28 in SQLite but its ledger sums to 26`,
    );
  });

  it('names a value SQLite let through that PostgreSQL cannot hold, and keeps nothing', async () => {
    const path = await filledSqlite(dir, { grants: 1 });
    tamper(path, `UPDATE photo_sets SET shared = 2 WHERE id = 'set-private'`);
    const pool = server.pool(await server.newDatabase());
    await expect(copySqliteToPostgres(path, pool)).rejects.toThrow(
      'photo_sets.shared of the row with id set-private holds the number 2, which is not a 0 or 1: fix that row in SQLite, then copy again',
    );
    expect(await rowCounts(pool)).toEqual(EMPTY);
  });

  it('refuses a SQLite file it does not know: missing, an older schema, or an unknown table', async () => {
    const pool = server.pool(await server.newDatabase());
    const missing = join(dir, 'typo.sqlite');
    await expect(copySqliteToPostgres(missing, pool)).rejects.toThrow(`there is no database at ${missing}: check DATABASE_PATH`);

    const path = await filledSqlite(dir, { grants: 1 });
    const current = migrations.length;
    tamper(path, `PRAGMA user_version = ${current - 1}`);
    await expect(copySqliteToPostgres(path, pool)).rejects.toThrow(
      `${path} has SQLite schema version ${current - 1}, older than this framebot's ${current}: start this framebot on it once (it brings the schema up to date), stop it, then copy`,
    );
    tamper(path, `PRAGMA user_version = ${current}; CREATE TABLE notes (id TEXT)`);
    await expect(copySqliteToPostgres(path, pool)).rejects.toThrow('the SQLite database has tables the copy does not know (notes): this framebot cannot copy it');
    expect(await rowCounts(pool)).toEqual(EMPTY);
  });
});
