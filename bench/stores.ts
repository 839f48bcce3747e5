/**
 * Where a benchmark keeps its rows: a SQLite file, or a PostgreSQL database, opened the way the bot
 * opens it (PostgreSQL: a pool, the schema migrated under the lock). Shared by the bench process
 * and its worker processes, which describe the target to each other as plain JSON.
 */
import type { Store } from '../src/store/index.ts';
import { createStore } from '../src/store/index.ts';
import { createPostgresPool, createPostgresStore, databaseUrlSchema, migratePostgres } from '../src/store/postgres/index.ts';

export type StoreTarget = { engine: 'sqlite'; path: string } | { engine: 'postgres'; url: string };

/** `connections`: what one instance's pool may hold (the bot's default is 10). */
export async function openStore(target: StoreTarget, connections = 10): Promise<Store> {
  if (target.engine === 'sqlite') return createStore(target.path);
  const pool = createPostgresPool(databaseUrlSchema.parse(target.url), {
    max: connections,
    applicationName: 'framebot-bench',
    onError: (err) => process.stderr.write(`bench: an idle PostgreSQL connection failed: ${err.message}\n`),
  });
  try {
    await migratePostgres(pool);
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw err;
  }
  return createPostgresStore(pool);
}
