import type { Pool, PoolClient } from './pool.ts';
import { postgresMigrations, type PostgresMigration } from './schema.ts';
import { inTransaction } from './transaction.ts';

/**
 * The advisory lock every instance takes to migrate: one number for "framebot's schema", held per
 * session, so instances starting together migrate one after another.
 */
export const MIGRATION_LOCK_KEY = 7_301_046_116_114_001n;

/** lock_not_available: lock_timeout ran out. */
const LOCK_NOT_AVAILABLE = '55P03';

export interface MigrateOptions {
  /** The set to apply; postgresMigrations unless a test brings its own. */
  migrations?: readonly PostgresMigration[];
  /** How long to wait for another instance's migration before giving up (default two minutes). */
  lockTimeoutMs?: number;
}

export interface MigrateResult {
  /** Versions this call applied, in order (empty when another instance had done them). */
  applied: number[];
  /** The schema's version afterwards. */
  version: number;
}

/** Thrown when the database's schema is not one this code can move forward. */
export class MigrationError extends Error {
  override name = 'MigrationError';
}

/**
 * Applies each pending migration once, in order, each in its own transaction with its row in
 * schema_migrations, while holding MIGRATION_LOCK_KEY: a second instance waits, then finds the
 * work done. A database already past this code's last migration is refused, not touched.
 */
export async function migratePostgres(pool: Pool, opts: MigrateOptions = {}): Promise<MigrateResult> {
  const migrations = opts.migrations ?? postgresMigrations;
  checkNumbering(migrations);
  const client = await pool.connect();
  try {
    await lock(client, opts.lockTimeoutMs ?? 120_000);
  } catch (err) {
    client.release(true);
    throw err;
  }
  try {
    return await applyPending(client, migrations);
  } finally {
    // A session that could not unlock is closed rather than pooled: closing it frees the lock.
    const unlocked = await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY.toString()]).then(
      () => true,
      () => false,
    );
    client.release(!unlocked);
  }
}

function checkNumbering(migrations: readonly PostgresMigration[]): void {
  migrations.forEach((m, index) => {
    if (m.version !== index + 1) throw new MigrationError(`PostgreSQL migration ${index + 1} is numbered ${m.version}: the set must count 1, 2, 3… in order`);
  });
}

async function lock(client: PoolClient, timeoutMs: number): Promise<void> {
  // Only for the wait on the lock; the migrations themselves may take as long as they need.
  await client.query(`SELECT set_config('lock_timeout', $1, false)`, [`${timeoutMs}ms`]);
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY.toString()]);
  } catch (err) {
    if ((err as { code?: string }).code === LOCK_NOT_AVAILABLE) {
      throw new MigrationError(`another instance held the schema migration lock for over ${timeoutMs / 1000} s (pg_advisory_lock ${MIGRATION_LOCK_KEY}); is a migration stuck?`);
    }
    throw err;
  }
  await client.query('RESET lock_timeout');
}

async function applyPending(client: PoolClient, migrations: readonly PostgresMigration[]): Promise<MigrateResult> {
  await client.query(`
    CREATE TABLE IF NOT EXISTS schema_migrations (
      version    INTEGER PRIMARY KEY,
      name       TEXT NOT NULL,
      applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
    )`);
  const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
  const done = rows.map((r) => r.version);
  const current = done.length;
  if (done.some((version, index) => version !== index + 1)) {
    throw new MigrationError(`schema_migrations holds versions ${done.join(', ')}: they should count 1, 2, 3… with no gap`);
  }
  if (current > migrations.length) {
    throw new MigrationError(`the database's schema is at version ${current}, newer than this bot's ${migrations.length}: run the newer bot, or restore a backup`);
  }
  const applied: number[] = [];
  for (const migration of migrations.slice(current)) {
    await inTransaction(client, async () => {
      await client.query(migration.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
    }).catch((err: Error) => {
      throw new MigrationError(`PostgreSQL migration ${migration.version} (${migration.name}) failed: ${err.message}`, { cause: err });
    });
    applied.push(migration.version);
  }
  return { applied, version: migrations.length };
}
