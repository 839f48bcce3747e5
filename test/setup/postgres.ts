/**
 * Starts one PostgreSQL server for the whole test run (a start costs a second or two, too much per
 * file) and tells every test file where it is through vitest's provide/inject. The server runs in a
 * child process (see test/support/postgres-process.ts for why). A server that cannot start fails no
 * test here: the PostgreSQL tests report it (test/support/postgres.ts decides how).
 */
import type { TestProject } from 'vitest/node';
import { startPostgresChild } from '../support/postgres-child.ts';
import { postgresPlan } from '../support/postgres.ts';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const { message, stop } = await startPostgresChild();
  if ('url' in message) {
    project.provide('postgres', { url: message.url });
  } else {
    const plan = postgresPlan(message, process.env);
    process.stderr.write(`\n[test setup] ${message.error}\n[test setup] the PostgreSQL tests will ${plan.run ? 'fail (CI is set)' : 'be skipped'}.\n\n`);
    project.provide('postgres', message);
  }
  return stop;
}
