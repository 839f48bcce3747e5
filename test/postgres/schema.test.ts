import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/db.ts';
import { migratePostgres } from '../../src/store/postgres/migrate.ts';
import type { Pool } from '../../src/store/postgres/pool.ts';
import { describePostgres } from '../support/postgres.ts';

const NOW = 1_760_000_000_000;

/** The error a statement failed with: PostgreSQL's code and the constraint it names. */
async function refusal(work: Promise<unknown>): Promise<{ code?: string; constraint?: string; message: string }> {
  const err = await work.then(
    () => undefined,
    (e: unknown) => e as { code?: string; constraint?: string; message: string },
  );
  if (!err) throw new Error('the statement was accepted');
  return { code: err.code, constraint: err.constraint, message: err.message };
}

describePostgres('the PostgreSQL schema', (server) => {
  let pool: Pool;
  beforeAll(async () => {
    pool = server.pool(await server.newDatabase());
    await migratePostgres(pool);
  });

  const wallet = async (balance = 0) => {
    const id = `telegram:group:${randomUUID()}`;
    await pool.query(`INSERT INTO wallets (id, platform, kind, balance, created_at, updated_at) VALUES ($1, 'telegram', 'group', $2, $3, $3)`, [id, balance, NOW]);
    return id;
  };
  const task = async (fields: { origin?: string | null; walletId?: string | null; status?: string; provider?: string; providerTaskId?: string | null } = {}) => {
    const id = randomUUID();
    await pool.query(
      `INSERT INTO tasks (id, kind, endpoint, request_json, status, provider, provider_task_id, prompt, label, platform, chat_id, user_id, user_name,
         created_at, updated_at, deadline_at, wallet_id, origin)
       VALUES ($1, 'imagine', 'imagine', '{}', $2, $3, $4, 'a cat', 'Imagine', 'telegram', 'c1', 'u1', 'Ann', $5, $5, $5, $6, $7)`,
      [id, fields.status ?? 'pending', fields.provider ?? 'apiframe', fields.providerTaskId ?? null, NOW, fields.walletId ?? null, fields.origin ?? null],
    );
    return id;
  };
  const move = (walletId: string, amount: number, more: { kind?: string; taskId?: string | null; origin?: string | null } = {}) =>
    pool.query(`INSERT INTO ledger (wallet_id, kind, amount, at, task_id, origin) VALUES ($1, $2, $3, $4, $5, $6)`, [
      walletId,
      more.kind ?? 'grant',
      amount,
      NOW,
      more.taskId ?? null,
      more.origin ?? null,
    ]);

  it('has every table, column, NOT NULL and named index of the SQLite schema after all its migrations', async () => {
    const sqlite = openDatabase(':memory:');
    const tables = (sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as Array<{ name: string }>).map((r) => r.name);
    const sqliteColumns = tables.flatMap((table) =>
      (sqlite.prepare(`SELECT name, "notnull" AS nn, pk FROM pragma_table_info(?)`).all(table) as Array<{ name: string; nn: number; pk: number }>).map(
        // SQLite lets a non-integer PRIMARY KEY column hold NULL; PostgreSQL never does.
        (c) => `${table}.${c.name}${c.nn || c.pk ? ' not null' : ''}`,
      ),
    );
    const sqliteIndexes = (sqlite.prepare(`SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex%'`).all() as Array<{ name: string; tbl_name: string }>).map((i) => {
      const flags = sqlite.prepare(`SELECT "unique" AS u, partial AS p FROM pragma_index_list(?) WHERE name = ?`).get(i.tbl_name, i.name) as { u: number; p: number };
      return `${i.name}${flags.u ? ' unique' : ''}${flags.p ? ' partial' : ''}`;
    });
    sqlite.close();

    const { rows: columns } = await pool.query<{ c: string }>(
      `SELECT table_name || '.' || column_name || CASE WHEN is_nullable = 'NO' THEN ' not null' ELSE '' END AS c
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'schema_migrations' AND column_name <> 'seq'`,
    );
    const { rows: indexes } = await pool.query<{ i: string }>(
      `SELECT c.relname || CASE WHEN x.indisunique THEN ' unique' ELSE '' END || CASE WHEN x.indpred IS NOT NULL THEN ' partial' ELSE '' END AS i
       FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND NOT x.indisprimary AND c.relname <> 'tasks_provider_task_unique'`,
    );
    expect(columns.map((r) => r.c).sort()).toEqual(sqliteColumns.sort());
    expect(indexes.map((r) => r.i).sort()).toEqual(sqliteIndexes.sort());
  });

  it('refuses a balance below zero', async () => {
    const id = await wallet(5);
    const err = await refusal(pool.query('UPDATE wallets SET balance = balance - 6 WHERE id = $1', [id]));
    expect(err).toMatchObject({ code: '23514', constraint: 'wallets_balance_not_negative' });
    expect((await pool.query('SELECT balance FROM wallets WHERE id = $1', [id])).rows[0].balance).toBe(5);
  });

  it('refuses a second task from the same platform event, but any number without one', async () => {
    const origin = `telegram:update:${randomUUID()}`;
    await task({ origin });
    expect(await refusal(task({ origin }))).toMatchObject({ code: '23505', constraint: 'tasks_origin' });
    await task({ origin: null });
    await task({ origin: null });
  });

  it('refuses a second credit movement from the same platform event', async () => {
    const id = await wallet();
    const origin = `discord:interaction:${randomUUID()}`;
    await move(id, 10, { origin });
    expect(await refusal(move(id, 10, { origin }))).toMatchObject({ code: '23505', constraint: 'ledger_origin' });
  });

  it('reserves, captures and refunds a task at most once each', async () => {
    const id = await wallet();
    const taskId = await task({ walletId: id });
    await move(id, -3, { kind: 'reserve', taskId });
    await move(id, 0, { kind: 'capture', taskId });
    expect(await refusal(move(id, -3, { kind: 'reserve', taskId }))).toMatchObject({ code: '23505', constraint: 'ledger_one_per_task_kind' });
    // Movements of no task (grants) are not limited.
    await move(id, 1);
    await move(id, 1);
  });

  it('keeps the ledger append-only: no update, delete or truncate', async () => {
    const id = await wallet();
    await move(id, 7);
    for (const statement of ['UPDATE ledger SET amount = 1000 WHERE wallet_id = $1', 'DELETE FROM ledger WHERE wallet_id = $1']) {
      expect((await refusal(pool.query(statement, [id]))).message).toMatch(/ledger is append-only/);
    }
    expect((await refusal(pool.query('TRUNCATE ledger CASCADE'))).message).toMatch(/ledger is append-only/);
    expect((await pool.query('SELECT amount FROM ledger WHERE wallet_id = $1', [id])).rows).toEqual([{ amount: 7 }]);
  });

  it('keeps a provider task id unique per provider, not across providers', async () => {
    const part = randomUUID();
    await task({ status: 'submitted', provider: 'apiframe', providerTaskId: part });
    await task({ status: 'submitted', provider: 'aiphotogenerator', providerTaskId: part });
    expect(await refusal(task({ status: 'submitted', provider: 'apiframe', providerTaskId: part }))).toMatchObject({ code: '23505', constraint: 'tasks_provider_task_unique' });
  });

  it('refuses unknown states and references to rows that do not exist', async () => {
    expect(await refusal(task({ status: 'lost' }))).toMatchObject({ code: '23514', constraint: 'tasks_status_known' });
    expect(await refusal(task({ walletId: 'telegram:group:nobody' }))).toMatchObject({ code: '23503', constraint: 'tasks_wallet_id_fkey' });
    expect(await refusal(move('telegram:group:nobody', 1))).toMatchObject({ code: '23503', constraint: 'ledger_wallet_id_fkey' });
  });

  it('allows one open photo set per person and chat, and one model of a name per person', async () => {
    const user = randomUUID();
    const set = (status: string, name: string | null = null) =>
      pool.query(
        `INSERT INTO photo_sets (id, platform, chat_id, user_id, user_name, gender, ethnicity, status, name, created_at, updated_at, expires_at)
         VALUES ($1, 'telegram', 'c1', $2, 'Ann', 'female', 'any', $3, $4, $5, $5, $5)`,
        [randomUUID(), user, status, name, NOW],
      );
    await set('collecting');
    expect(await refusal(set('collecting'))).toMatchObject({ code: '23505', constraint: 'photo_sets_one_open' });
    await set('ready', 'me');
    expect(await refusal(set('training', 'me'))).toMatchObject({ code: '23505', constraint: 'photo_models_by_name' });
    await set('failed', 'me');
  });

  it('removes a photo set’s files with it', async () => {
    const id = randomUUID();
    await pool.query(
      `INSERT INTO photo_sets (id, platform, chat_id, user_id, user_name, gender, ethnicity, status, created_at, updated_at, expires_at)
       VALUES ($1, 'discord', 'c1', $2, 'Ann', 'male', 'any', 'collecting', $3, $3, $3)`,
      [id, randomUUID(), NOW],
    );
    await pool.query(`INSERT INTO photo_files (set_id, sha256, path, bytes, width, height, content_type, created_at) VALUES ($1, 'abc', 'p', 1, 1, 1, 'image/jpeg', $2)`, [id, NOW]);
    await pool.query('DELETE FROM photo_sets WHERE id = $1', [id]);
    expect((await pool.query('SELECT count(*)::int AS n FROM photo_files WHERE set_id = $1', [id])).rows[0].n).toBe(0);
  });

  it('reads times and amounts back as numbers, as SQLite does, and refuses one too large for a number', async () => {
    const id = await wallet(2 ** 40);
    const { rows } = await pool.query('SELECT balance, created_at FROM wallets WHERE id = $1', [id]);
    expect(rows[0]).toEqual({ balance: 2 ** 40, created_at: NOW });
    await expect(pool.query(`SELECT 9007199254740993::bigint AS n`)).rejects.toThrow(/beyond what a JavaScript number holds exactly/);
  });
});
