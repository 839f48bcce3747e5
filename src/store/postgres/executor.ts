import type { Pool, PoolClient } from './pool.ts';
import type { UnitScope } from '../unit-scope.ts';

export interface Rows<R> {
  rows: R[];
  rowCount: number;
}

/**
 * Where a repository's statements run: the pool outside a unit of work, the unit's one client
 * inside it. Repositories are written once against this and never know which.
 */
export interface Executor {
  query<R = Record<string, unknown>>(text: string, values?: readonly unknown[]): Promise<Rows<R>>;
  /**
   * Runs several statements all-or-nothing: a transaction of its own outside a unit, a savepoint
   * inside one (so a refusal takes back only this, and the unit can go on).
   */
  atomic<T>(work: (ex: Executor) => Promise<T>): Promise<T>;
  /**
   * One statement a caller may catch (a unique violation): inside a unit, in a savepoint, since
   * PostgreSQL aborts the whole transaction on any error otherwise.
   */
  catchable<R = Record<string, unknown>>(text: string, values?: readonly unknown[]): Promise<Rows<R>>;
}

const rowsOf = <R>(r: { rows: unknown[]; rowCount: number | null }): Rows<R> => ({ rows: r.rows as R[], rowCount: r.rowCount ?? 0 });

/**
 * Statements on the unit's client; `guard` refuses them once the unit has ended. One at a time:
 * callers may start several calls at once inside a unit (Promise.all), and a savepoint must not
 * take in another call's statement, or rolling it back would undo that stranger's write too (and
 * interleaved RELEASEs would abort the transaction). So each call, and each savepoint section as a
 * whole, waits for the one before it.
 */
export function clientExecutor(client: PoolClient, guard: () => void): Executor {
  let tail: Promise<unknown> = Promise.resolve();
  const oneAtATime = <T>(op: () => Promise<T>): Promise<T> => {
    const run = tail.then(op, op);
    tail = run.catch(() => undefined);
    return run;
  };
  const direct = directExecutor(client, guard);
  return {
    query: (text, values) => oneAtATime(() => direct.query(text, values)),
    atomic: (work) => oneAtATime(() => direct.atomic(work)),
    catchable: (text, values) => oneAtATime(() => direct.catchable(text, values)),
  };
}

/** The client itself, for whoever holds clientExecutor's turn (a savepoint section's own statements). */
function directExecutor(client: PoolClient, guard: () => void): Executor {
  let savepoints = 0;
  const ex: Executor = {
    async query<R>(text: string, values?: readonly unknown[]) {
      guard();
      return rowsOf<R>(await client.query(text, values as unknown[] | undefined));
    },
    async atomic<T>(work: (ex: Executor) => Promise<T>): Promise<T> {
      const name = `sp_${++savepoints}`;
      await ex.query(`SAVEPOINT ${name}`);
      try {
        const result = await work(ex);
        await ex.query(`RELEASE SAVEPOINT ${name}`);
        return result;
      } catch (err) {
        await client.query(`ROLLBACK TO SAVEPOINT ${name}`).catch(() => undefined);
        await client.query(`RELEASE SAVEPOINT ${name}`).catch(() => undefined);
        throw err;
      }
    },
    catchable<R>(text: string, values?: readonly unknown[]) {
      return ex.atomic((inner) => inner.query<R>(text, values));
    },
  };
  return ex;
}

/**
 * Runs `work` as BEGIN … COMMIT on one pooled connection, held for its whole life, and rolls back
 * when it throws. A connection that cannot even roll back is dropped, not handed to the next caller.
 */
export async function inTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query('BEGIN');
    try {
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw err;
    }
  } finally {
    client.release(broken);
  }
}

/** Statements on the pool, each on its own; refused inside a unit of work (see UnitScope). */
export function poolExecutor(pool: Pool, scope: UnitScope): Executor {
  const ex: Executor = {
    async query<R>(text: string, values?: readonly unknown[]) {
      scope.refuseInside('a call through the store');
      return rowsOf<R>(await pool.query(text, values as unknown[] | undefined));
    },
    async atomic<T>(work: (ex: Executor) => Promise<T>): Promise<T> {
      scope.refuseInside('a call through the store');
      return inTransaction(pool, (client) => work(clientExecutor(client, () => {})));
    },
    // Outside a unit a statement is its own transaction: an error aborts nothing else.
    catchable<R>(text: string, values?: readonly unknown[]) {
      return ex.query<R>(text, values);
    },
  };
  return ex;
}
