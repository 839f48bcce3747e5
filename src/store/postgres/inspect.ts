import { createPostgresPool } from './pool.ts';
import { postgresMigrations, type PostgresMigration } from './schema.ts';
import type { DatabaseUrl } from './url.ts';

// The doctor imports this file alone of the engine (test/architecture.test.ts): the types it needs come through it.
export type { DatabaseUrl, PostgresMigration };

/** How long closing the connection may take once the answer is in. */
const END_MS = 1_000;

/** What a read-only look at a PostgreSQL database found (for `npm run doctor`). */
export interface PostgresInspection {
  /** The server's version, e.g. "16.4". */
  serverVersion: string;
  /** Versions recorded in schema_migrations, in order; undefined when the table does not exist yet. */
  applied: number[] | undefined;
  /** How many migrations this build knows. */
  known: number;
}

/**
 * Connects to `url` within `timeoutMs` and reads the server's version and schema_migrations, in a
 * READ ONLY transaction that is rolled back: the doctor must never migrate or write, so the server
 * itself refuses any write here. Throws the driver's error (refused, auth, no such database, TLS) or
 * a TimeoutError when the server does not answer in time.
 */
export async function inspectPostgres(url: DatabaseUrl, o: { timeoutMs: number; migrations?: readonly PostgresMigration[] }): Promise<PostgresInspection> {
  const pool = createPostgresPool(url, {
    max: 1,
    applicationName: 'framebot doctor',
    // Past the bound below, so a silent server is told apart as "did not answer" by that bound.
    connectTimeoutMs: o.timeoutMs + END_MS,
    // An idle connection's error: the query under way reports the same failure.
    onError: () => undefined,
  });
  let timer: NodeJS.Timeout | undefined;
  // connectTimeoutMs bounds the connection only; a server that accepts and then goes silent is bounded here.
  const silence = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`no answer within ${o.timeoutMs} ms`), { name: 'TimeoutError' })), o.timeoutMs);
  });
  try {
    return await Promise.race([look(pool, o.migrations ?? postgresMigrations), silence]);
  } finally {
    clearTimeout(timer);
    // A connection stuck on a silent server would hold end() too: the answer does not wait for it.
    await Promise.race([pool.end().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, END_MS).unref())]);
  }
}

async function look(pool: ReturnType<typeof createPostgresPool>, migrations: readonly PostgresMigration[]): Promise<PostgresInspection> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN TRANSACTION READ ONLY');
    try {
      const { rows } = await client.query<{ version: string; migrations: string | null }>(
        `SELECT current_setting('server_version') AS version, to_regclass('schema_migrations')::text AS migrations`,
      );
      const serverVersion = rows[0]!.version.split(' ')[0]!;
      if (rows[0]!.migrations === null) return { serverVersion, applied: undefined, known: migrations.length };
      const done = await client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version');
      return { serverVersion, applied: done.rows.map((r) => r.version), known: migrations.length };
    } finally {
      await client.query('ROLLBACK').catch(() => undefined);
    }
  } finally {
    // Never pooled again: the pool ends right after.
    client.release(true);
  }
}
