import type { PoolClient } from './pool.ts';

/**
 * Runs `work` between BEGIN and COMMIT on one pooled connection; any error rolls it back and is
 * thrown again. The connection must not be shared with other work meanwhile.
 */
export async function inTransaction<T>(client: PoolClient, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (err) {
    // A failed ROLLBACK (the connection is gone) must not hide the error that caused it.
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
