import type { Logger } from '../../logger.ts';
import type { Store } from '../store.ts';
import { migratePostgres } from './migrate.ts';
import { createPostgresPool } from './pool.ts';
import { createPostgresStore } from './store.ts';
import type { DatabaseUrl } from './url.ts';

/**
 * The store on PostgreSQL (DATABASE_URL): a pool, the schema brought up to date under the
 * migration lock (instances starting together migrate once), then the store, which owns the pool.
 * Throws the driver's error when the server cannot be reached or refuses; the pool is ended then.
 */
export async function openPostgresStore(url: DatabaseUrl, o: { log: Logger; connectTimeoutMs: number }): Promise<Store> {
  const pool = createPostgresPool(url, {
    connectTimeoutMs: o.connectTimeoutMs,
    // The pool replaces a connection that died while idle; the next query says if the server is gone.
    onError: (err) => o.log.warn({ err }, 'an idle PostgreSQL connection failed; the pool opens another when needed'),
  });
  try {
    const { applied, version } = await migratePostgres(pool);
    o.log.info({ database: url.redacted, applied, version }, 'postgresql store ready');
    return createPostgresStore(pool);
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
}
