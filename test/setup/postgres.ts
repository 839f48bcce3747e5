/**
 * Starts one PostgreSQL server for the whole test run (a start costs a second or two, too much per
 * file) and tells every test file where it is through vitest's provide/inject. A server that cannot
 * start fails no test here: the PostgreSQL tests report it (test/support/postgres.ts decides how).
 */
import type { TestProject } from 'vitest/node';
import { startPostgresServer } from '../support/postgres-server.ts';
import { postgresPlan } from '../support/postgres.ts';

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  try {
    const server = await startPostgresServer();
    project.provide('postgres', { url: server.adminUrl });
    return () => server.stop();
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    process.stderr.write(`\n[test setup] ${error}\n[test setup] the PostgreSQL tests will ${postgresPlan({ error }, process.env).run ? 'fail (CI is set)' : 'be skipped'}.\n\n`);
    project.provide('postgres', { error });
    return undefined;
  }
}
