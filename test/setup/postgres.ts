/**
 * Starts one PostgreSQL server for the whole test run (a start costs a second or two, too much per
 * file) and tells every test file where it is through vitest's provide/inject. The server runs in a
 * child process (see test/support/postgres-process.ts for why). A server that cannot start fails no
 * test here: the PostgreSQL tests report it (test/support/postgres.ts decides how).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import type { ServerMessage } from '../support/postgres-process.ts';
import { postgresPlan } from '../support/postgres.ts';

const START_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 20_000;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const child = fork(resolve(import.meta.dirname, '../support/postgres-process.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const message = await firstMessage(child);
  if ('url' in message) {
    project.provide('postgres', { url: message.url });
  } else {
    const plan = postgresPlan(message, process.env);
    process.stderr.write(`\n[test setup] ${message.error}\n[test setup] the PostgreSQL tests will ${plan.run ? 'fail (CI is set)' : 'be skipped'}.\n\n`);
    project.provide('postgres', message);
  }
  return () => stop(child);
}

/** What the child says first: where the server is, or why there is none (also when it dies or hangs). */
function firstMessage(child: ChildProcess): Promise<ServerMessage> {
  return new Promise((done) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      done({ error: `PostgreSQL did not start: no answer from the server's process within ${START_TIMEOUT_MS / 1000} s` });
    }, START_TIMEOUT_MS);
    child.once('message', (m) => {
      clearTimeout(timer);
      done(m as ServerMessage);
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      done({ error: `PostgreSQL did not start: its process could not run (${err.message})` });
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      done({ error: `PostgreSQL did not start: the server's process ended (${signal ?? `code ${code}`}) before saying where it listens` });
    });
  });
}

/** Closing the channel tells the child to stop the server; bounded, so a stuck stop cannot hold the run. */
async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  if (child.connected) child.disconnect();
  else child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}
