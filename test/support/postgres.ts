/**
 * PostgreSQL for a test file: the server test/setup/postgres.ts started for the run, and databases
 * of the file's own (CREATE DATABASE), so files running side by side never share tables.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject } from 'vitest';
import { createPostgresPool, type Pool, type PoolOptions } from '../../src/store/postgres/pool.ts';
import { migratePostgres } from '../../src/store/postgres/migrate.ts';
import { createPostgresStore } from '../../src/store/postgres/store.ts';
import type { Store } from '../../src/store/index.ts';
import { databaseUrlSchema, type DatabaseUrl } from '../../src/store/postgres/url.ts';

/** What the global setup hands every test file: where the server is, or why there is none. */
export type TestPostgres = { url: string } | { error: string };

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: TestPostgres;
  }
}

export type PostgresPlan = { run: true } | { run: false; reason: string };

/**
 * Without a server, PostgreSQL tests are skipped with the reason on a developer's machine, and run
 * (failing with the reason) under CI, where a silent skip would pass a build that tested nothing.
 */
export function postgresPlan(state: TestPostgres, env: Record<string, string | undefined>): PostgresPlan {
  if ('url' in state) return { run: true };
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
  return ci ? { run: true } : { run: false, reason: state.error };
}

export interface TestPostgresServer {
  /** A new empty database on the run's server, dropped after the file. */
  newDatabase(): Promise<DatabaseUrl>;
  /** A pool to `url`, ended after the file. */
  pool(url: DatabaseUrl, opts?: Partial<PoolOptions>): Pool;
  /** The bot's store on a new database with every migration applied. */
  newStore(): Promise<Store>;
}

/** `describe` for tests that need a real PostgreSQL server (see postgresPlan). */
export function describePostgres(name: string, body: (server: TestPostgresServer) => void): void {
  const state = inject('postgres');
  const plan = postgresPlan(state, process.env);
  if (!plan.run) {
    describe.skip(`${name} (skipped: ${plan.reason})`, () => body(unavailable(plan.reason)));
    return;
  }
  describe(name, () => body(serverFor(state)));
}

function serverFor(state: TestPostgres): TestPostgresServer {
  const made: string[] = [];
  const pools: Pool[] = [];
  /** Set when the file's databases are being dropped. */
  let dropping = false;
  beforeAll(() => {
    if ('error' in state) throw new Error(`PostgreSQL tests need the server the test run starts, and it did not start. ${state.error}`);
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.end()));
    dropping = true;
    if ('url' in state && made.length > 0) {
      await admin(state.url, async (client) => {
        for (const name of made) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      });
    }
    // A file of many tests drops as many databases; on a loaded machine that outlasts vitest's 30 s.
  }, 180_000);
  const server: TestPostgresServer = {
    async newDatabase() {
      if ('error' in state) throw new Error(state.error);
      // Lower-case letters and digits only: a name that needs no quoting.
      const name = `t_${randomBytes(8).toString('hex')}`;
      await admin(state.url, (client) => client.query(`CREATE DATABASE ${name}`));
      made.push(name);
      const url = new URL(state.url);
      url.pathname = `/${name}`;
      return databaseUrlSchema.parse(url.href);
    },
    pool(url, opts = {}) {
      const pool = createPostgresPool(url, {
        onError: (err) => {
          // A pool's end() resolves before its connections' server processes have gone: DROP DATABASE
          // … WITH (FORCE) then terminates them (57P01), and that is the drop, not a failure of the test.
          if (dropping && (err as { code?: string }).code === '57P01') return;
          throw err;
        },
        ...opts,
      });
      pools.push(pool);
      return pool;
    },
    async newStore() {
      const pool = server.pool(await server.newDatabase());
      await migratePostgres(pool);
      return createPostgresStore(pool);
    },
  };
  return server;
}

async function admin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function unavailable(reason: string): TestPostgresServer {
  const fail = (): never => {
    throw new Error(reason);
  };
  return { newDatabase: fail, pool: fail, newStore: fail };
}
