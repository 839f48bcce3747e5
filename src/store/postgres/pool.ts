import pg from 'pg';
import type { DatabaseUrl } from './url.ts';

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;

export interface PoolOptions {
  /** Connections this instance may hold; several instances share the server's max_connections. */
  max?: number;
  /** Shown in pg_stat_activity, so an operator can tell the instances apart. */
  applicationName?: string;
  /**
   * An idle connection's error (the server restarted, the network dropped). Required: pg emits it
   * on the pool, and an 'error' event with no listener ends the process.
   */
  onError: (err: Error) => void;
  /** How long to wait for a connection before failing (pg waits forever by default). */
  connectTimeoutMs?: number;
}

/**
 * BIGINT columns (times in epoch milliseconds, credit amounts, ledger ids) read back as numbers, as
 * better-sqlite3 gives them, rather than pg's default strings. A value past 2^53 would lose digits,
 * so it is refused instead.
 */
function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`a BIGINT value (${text}) is beyond what a JavaScript number holds exactly`);
  return value;
}

// Per pool rather than pg.types.setTypeParser, which would change every pg user in the process.
const getTypeParser = ((oid: number, format?: 'text' | 'binary') =>
  oid === pg.types.builtins.INT8 && format !== 'binary' ? parseInt8 : pg.types.getTypeParser(oid, format)) as pg.CustomTypesConfig['getTypeParser'];

/** A connection pool to the database DATABASE_URL names. */
export function createPostgresPool(url: DatabaseUrl, opts: PoolOptions): Pool {
  const pool = new pg.Pool({
    connectionString: url.href,
    max: opts.max ?? 10,
    application_name: opts.applicationName ?? 'framebot',
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 10_000,
    types: { getTypeParser },
  });
  pool.on('error', opts.onError);
  return pool;
}
