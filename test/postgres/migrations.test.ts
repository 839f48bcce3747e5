import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { MIGRATION_LOCK_KEY, MigrationError, migratePostgres } from '../../src/store/postgres/migrate.ts';
import { postgresMigrations, type PostgresMigration } from '../../src/store/postgres/schema.ts';
import type { Pool } from '../../src/store/postgres/pool.ts';
import { describePostgres } from '../support/postgres.ts';

/** Migrations that fail if run twice (CREATE TABLE without IF NOT EXISTS) and leave a trace of each run. */
const COUNTED: PostgresMigration[] = [
  { version: 1, name: 'runs table', sql: `CREATE TABLE runs (version INTEGER NOT NULL); INSERT INTO runs VALUES (1)` },
  { version: 2, name: 'second', sql: `INSERT INTO runs VALUES (2)` },
];

async function versions(pool: Pool): Promise<number[]> {
  const { rows } = await pool.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
  return rows.map((r) => r.version);
}

/** Sessions of this database waiting for an advisory lock. */
async function waitingForLock(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_locks l JOIN pg_database d ON d.oid = l.database
     WHERE l.locktype = 'advisory' AND NOT l.granted AND d.datname = current_database()`,
  );
  return rows[0]!.n;
}

describePostgres('PostgreSQL migrations', (server) => {
  it('applies the schema to an empty database, and nothing on the next start', async () => {
    const pool = server.pool(await server.newDatabase());
    expect(await migratePostgres(pool)).toEqual({ applied: postgresMigrations.map((m) => m.version), version: postgresMigrations.length });
    expect(await migratePostgres(pool)).toEqual({ applied: [], version: postgresMigrations.length });
    expect(await versions(pool)).toEqual(postgresMigrations.map((m) => m.version));
  });

  it('runs each migration once when two instances start together: the second waits on the lock, then finds the work done', async () => {
    const url = await server.newDatabase();
    const observer = server.pool(url);
    // Hold the lock so both runners are provably inside migratePostgres at once, then let them race for it.
    const holder = await server.pool(url).connect();
    await holder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY.toString()]);
    const runs = Promise.allSettled([migratePostgres(server.pool(url), { migrations: COUNTED }), migratePostgres(server.pool(url), { migrations: COUNTED })]);
    let waiting = 0;
    try {
      for (let i = 0; i < 400 && waiting < 2; i++) {
        waiting = await waitingForLock(observer);
        if (waiting < 2) await sleep(25);
      }
    } finally {
      holder.release(true); // ends the session, and with it the lock
    }
    expect(waiting).toBe(2);

    const results = await runs;
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value.applied : r.reason)).sort((x, y) => y.length - x.length)).toEqual([[1, 2], []]);
    const { rows } = await observer.query<{ version: number }>('SELECT version FROM runs ORDER BY version');
    expect(rows.map((r) => r.version)).toEqual([1, 2]);
    expect(await versions(observer)).toEqual([1, 2]);
  });

  it('releases the lock when it is done, whether the migrations worked or not', async () => {
    const url = await server.newDatabase();
    const pool = server.pool(url);
    await migratePostgres(pool, { migrations: COUNTED });
    await expect(migratePostgres(pool, { migrations: [...COUNTED, { version: 3, name: 'broken', sql: 'SELECT 1 / 0' }] })).rejects.toThrow(MigrationError);
    const other = await server.pool(url).connect();
    const { rows } = await other.query<{ got: boolean }>('SELECT pg_try_advisory_lock($1) AS got', [MIGRATION_LOCK_KEY.toString()]);
    other.release(true);
    expect(rows[0]!.got).toBe(true);
  });

  it('rolls a failing migration back whole and does not record it; the fixed set applies it later', async () => {
    const pool = server.pool(await server.newDatabase());
    const broken: PostgresMigration = { version: 3, name: 'half done', sql: `CREATE TABLE half (x INTEGER); SELECT 1 / 0` };
    const failure = await migratePostgres(pool, { migrations: [...COUNTED, broken] }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(MigrationError);
    expect((failure as Error).message).toMatch(/migration 3 \(half done\) failed: division by zero/);
    expect(await versions(pool)).toEqual([1, 2]);
    const { rows } = await pool.query(`SELECT to_regclass('half') AS t`);
    expect(rows[0].t).toBeNull();

    const fixed = { ...broken, sql: 'CREATE TABLE half (x INTEGER)' };
    expect((await migratePostgres(pool, { migrations: [...COUNTED, fixed] })).applied).toEqual([3]);
  });

  it('refuses a database migrated by a newer bot, touching nothing', async () => {
    const pool = server.pool(await server.newDatabase());
    await migratePostgres(pool, { migrations: COUNTED });
    await expect(migratePostgres(pool, { migrations: COUNTED.slice(0, 1) })).rejects.toThrow(/schema is at version 2, newer than this bot's 1/);
    expect(await versions(pool)).toEqual([1, 2]);
  });

  it('gives up with a clear error when another instance holds the lock past the timeout', async () => {
    const url = await server.newDatabase();
    const holder = await server.pool(url).connect();
    await holder.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY.toString()]);
    try {
      await expect(migratePostgres(server.pool(url), { migrations: COUNTED, lockTimeoutMs: 100 })).rejects.toThrow(/another instance held the schema migration lock/);
    } finally {
      holder.release(true);
    }
  });

  it('refuses a set that is not numbered 1, 2, 3…', async () => {
    const pool = server.pool(await server.newDatabase());
    await expect(migratePostgres(pool, { migrations: [COUNTED[1]!] })).rejects.toThrow(/migration 1 is numbered 2/);
  });
});
