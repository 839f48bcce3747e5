/**
 * The PostgreSQL server in a child process (see postgres-process.ts for why a child), for the test
 * run's global setup and for the benchmarks: start it, learn where it listens or why it could not
 * start, and stop it, every step bounded so a stuck server cannot hold the caller.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import type { ServerMessage } from './postgres-process.ts';

const START_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 20_000;

export interface PostgresChild {
  /** Where the server listens (a superuser URL on the maintenance database), or why there is none. */
  readonly message: ServerMessage;
  /** Stops the server and its process; safe to call twice, and when it never started. */
  stop(): Promise<void>;
}

export async function startPostgresChild(): Promise<PostgresChild> {
  const child = fork(resolve(import.meta.dirname, 'postgres-process.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const message = await firstMessage(child);
  return { message, stop: () => stop(child) };
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
