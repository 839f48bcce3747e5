/**
 * Unfinished tasks written straight into a store, as a busy bot holds them: shared by the benches
 * that measure the bot with a backlog (bench/event-loop.ts in-process, bench/product.ts with the
 * bot as its own process). The tasks are submitted with provider ids the fake Apiframe does not
 * know, so they stay unfinished, as a backlog at a slow provider would.
 */
import pg from 'pg';
import type { Store } from '../src/store/index.ts';
import type { SqliteStore } from '../src/store/sqlite-store.ts';
import type { StoreTarget } from './stores.ts';

const SEED_COLUMNS = `id, kind, endpoint, request_json, job_json, status, provider, provider_task_id, prompt, label, platform, chat_id, user_id, user_name,
  created_at, updated_at, submitted_at, admitted_at, deadline_at, locale`;

/** Writes `n` submitted tasks (and their provider ids) in one statement each, as a busy store holds them. */
export async function seedUnfinished(store: Store, target: StoreTarget, n: number, now: number): Promise<void> {
  if (target.engine === 'sqlite') {
    const { db } = store as SqliteStore;
    db.transaction(() => {
      db.prepare(
        `WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < @n)
         INSERT INTO tasks (${SEED_COLUMNS})
         SELECT 'seed-' || i, 'mj.imagine', 'mj.imagine', '{}', '{"type":"mj.imagine","prompt":"a backlog fox"}', 'submitted', 'apiframe', 'seed-job-' || i,
           'a backlog fox', 'Imagine', 'telegram', '-100' || (i % 1000), 'u' || (i % 20000), 'user',
           @now - 600000 + i, @now - 600000 + i, @now - 600000 + i, @now - 600000 + i, @now + 86400000, 'en'
         FROM s`,
      ).run({ n, now });
      db.prepare(`INSERT INTO task_parts (provider, part_id, task_id, updated_at) SELECT 'apiframe', provider_task_id, id, updated_at FROM tasks WHERE id LIKE 'seed-%'`).run();
    })();
    return;
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO tasks (${SEED_COLUMNS})
       SELECT 'seed-' || i, 'mj.imagine', 'mj.imagine', '{}', '{"type":"mj.imagine","prompt":"a backlog fox"}', 'submitted', 'apiframe', 'seed-job-' || i,
         'a backlog fox', 'Imagine', 'telegram', '-100' || (i % 1000), 'u' || (i % 20000), 'user',
         $2::bigint - 600000 + i, $2::bigint - 600000 + i, $2::bigint - 600000 + i, $2::bigint - 600000 + i, $2::bigint + 86400000, 'en'
       FROM generate_series(1, $1::int) AS i`,
      [n, now],
    );
    await client.query(`INSERT INTO task_parts (provider, part_id, task_id, updated_at) SELECT 'apiframe', provider_task_id, id, updated_at FROM tasks WHERE id LIKE 'seed-%'`);
    await client.query('ANALYZE tasks');
    await client.query('ANALYZE task_parts');
  } finally {
    await client.end();
  }
}
