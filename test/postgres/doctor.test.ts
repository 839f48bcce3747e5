// `npm run doctor` with DATABASE_URL: one Database line saying whether PostgreSQL is reachable (and
// why not, the URL without its password), the server's version and the schema's state; read-only.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkPostgres } from '../../src/doctor/postgres.ts';
import { runDoctor } from '../../src/doctor/run.ts';
import { migratePostgres } from '../../src/store/postgres/migrate.ts';
import type { Pool } from '../../src/store/postgres/pool.ts';
import { postgresMigrations, type PostgresMigration } from '../../src/store/postgres/schema.ts';
import { databaseUrlSchema, type DatabaseUrl } from '../../src/store/postgres/url.ts';
import { FakeApiframe } from '../fakes/apiframe.ts';
import { FakeTelegram } from '../fakes/telegram.ts';
import { describePostgres } from '../support/postgres.ts';
import { closedPort } from '../support/ports.ts';

const TIMEOUT_MS = 5_000;
let apiframe: FakeApiframe;
let telegram: FakeTelegram;
let dir: string;

beforeEach(async () => {
  [apiframe, telegram] = await Promise.all([FakeApiframe.start(), FakeTelegram.start()]);
  dir = mkdtempSync(join(tmpdir(), 'framebot-doctor-pg-'));
});
afterEach(async () => {
  await Promise.all([apiframe.close(), telegram.close()]);
  rmSync(dir, { recursive: true, force: true });
});

/** The whole doctor, as `npm run doctor` runs it, on DATABASE_URL: its exit code and lines. */
async function doctor(databaseUrl: string): Promise<{ code: number; lines: string[] }> {
  let text = '';
  const code = await runDoctor({
    env: {
      APIFRAME_API_KEY: apiframe.apiKey,
      APIFRAME_BASE_URL: apiframe.url,
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      DATABASE_PATH: join(dir, 'data', 'framebot.sqlite'),
      DATABASE_URL: databaseUrl,
      STARTUP_TIMEOUT_MS: String(TIMEOUT_MS),
    },
    write: (t) => (text += t),
  });
  return { code, lines: text.split('\n').filter(Boolean) };
}

async function serverVersion(pool: Pool): Promise<string> {
  const { rows } = await pool.query<{ v: string }>(`SELECT current_setting('server_version') AS v`);
  return rows[0]!.v.split(' ')[0]!;
}

async function hasMigrationsTable(pool: Pool): Promise<boolean> {
  const { rows } = await pool.query<{ t: string | null }>(`SELECT to_regclass('schema_migrations')::text AS t`);
  return rows[0]!.t !== null;
}

/** `url` with another password (or database), as an operator might mistype it. */
function changed(url: DatabaseUrl, change: (u: URL) => void): DatabaseUrl {
  const u = new URL(url.href);
  change(u);
  return databaseUrlSchema.parse(u.href);
}

const known = postgresMigrations.length;

describePostgres('npm run doctor with DATABASE_URL', (server) => {
  it('a migrated database: ✓ with the server version and "up to date", and nothing checked on disk', async () => {
    const url = await server.newDatabase();
    const pool = server.pool(url);
    await migratePostgres(pool);
    const { code, lines } = await doctor(url.href);
    expect(code).toBe(0);
    expect(lines).toEqual([
      expect.stringMatching(/^✓ Configuration: valid/),
      `✓ Database: PostgreSQL ${await serverVersion(pool)} at ${url.redacted} is reachable; schema up to date (version ${known} of ${known})`,
      expect.stringMatching(/^✓ Apiframe: /),
      expect.stringMatching(/^✓ Telegram: /),
      'All 4 checks passed.',
    ]);
    const password = decodeURIComponent(new URL(url.href).password);
    expect(password).not.toBe('');
    expect(lines.join('\n')).not.toContain(password);
  });

  it('an empty database: ✓ "not migrated yet", and the doctor leaves it empty (it never migrates)', async () => {
    const url = await server.newDatabase();
    const pool = server.pool(url);
    const { code, lines } = await doctor(url.href);
    expect(code).toBe(0);
    expect(lines[1]).toBe(
      `✓ Database: PostgreSQL ${await serverVersion(pool)} at ${url.redacted} is reachable; not migrated yet: the bot migrates it at start (${known} of ${known} migrations to apply)`,
    );
    expect(await hasMigrationsTable(pool)).toBe(false);
  });

  it('an unreachable server: ✗ naming the URL without its password and the refusal, exit 1', async () => {
    const port = await closedPort();
    const href = `postgres://framebot:doctor-pg-Secret-7@127.0.0.1:${port}/framebot`;
    const { code, lines } = await doctor(href);
    expect(code).toBe(1);
    expect(lines[1]).toBe(
      `✗ Database: PostgreSQL could not be reached at postgres://framebot:redacted@127.0.0.1:${port}/framebot (ECONNREFUSED): check DATABASE_URL and this machine's network (DNS, proxy, firewall)`,
    );
    expect(lines.at(-1)).toBe('1 of 4 checks failed: fix the lines marked ✗ and run it again.');
    expect(lines.join('\n')).not.toContain('doctor-pg-Secret-7');
  });

  it('a wrong password: ✗ saying the server refused the user or password, without either password, exit 1', async () => {
    const url = await server.newDatabase();
    const wrong = changed(url, (u) => (u.password = 'not-the-Password-9'));
    const { code, lines } = await doctor(wrong.href);
    expect(code).toBe(1);
    expect(lines[1]).toMatch(new RegExp(`^✗ Database: PostgreSQL at ${escape(wrong.redacted)} refused the user or password in DATABASE_URL \\(password authentication failed for user "postgres"\\)$`));
    expect(lines.join('\n')).not.toContain('not-the-Password-9');
    expect(lines.join('\n')).not.toContain(decodeURIComponent(new URL(url.href).password));
  });

  it('a database that does not exist, and TLS the server does not offer: ✗ with the reason', async () => {
    const url = await server.newDatabase();
    const missing = changed(url, (u) => (u.pathname = '/no_such_database'));
    expect(await checkPostgres(missing, { timeoutMs: TIMEOUT_MS })).toEqual({
      name: 'Database',
      ok: false,
      detail: `PostgreSQL at ${missing.redacted} has no such database: create it, or fix its name in DATABASE_URL (database "no_such_database" does not exist)`,
    });
    // The test server listens without TLS; start-up stops with the same line (databaseFailure).
    const tls = changed(url, (u) => u.searchParams.set('sslmode', 'verify-full'));
    expect(await checkPostgres(tls, { timeoutMs: TIMEOUT_MS })).toEqual({
      name: 'Database',
      ok: false,
      detail: `PostgreSQL at ${tls.redacted} offers no TLS, which sslmode in DATABASE_URL asks for: enable SSL on the server, or change sslmode (The server does not support SSL connections)`,
    });
  });

  it('the schema behind this build is ✓ (the bot applies the rest); ahead of it, ✗ "migrated by a newer framebot"; a gap, ✗', async () => {
    const url = await server.newDatabase();
    const pool = server.pool(url);
    const two: PostgresMigration[] = [
      { version: 1, name: 'one', sql: 'CREATE TABLE one (id INTEGER)' },
      { version: 2, name: 'two', sql: 'CREATE TABLE two (id INTEGER)' },
    ];
    await migratePostgres(pool, { migrations: two.slice(0, 1) });
    const version = await serverVersion(pool);
    const head = `PostgreSQL ${version} at ${url.redacted} is reachable`;
    expect(await checkPostgres(url, { timeoutMs: TIMEOUT_MS, migrations: two })).toEqual({ name: 'Database', ok: true, detail: `${head}; schema at version 1 of 2: the bot applies the rest at start` });

    await migratePostgres(pool, { migrations: two });
    expect(await checkPostgres(url, { timeoutMs: TIMEOUT_MS, migrations: two.slice(0, 1) })).toEqual({
      name: 'Database',
      ok: false,
      detail: `${head}, but this database was migrated by a newer framebot (schema version 2; this build knows 1): run the newer build, or restore a backup`,
    });

    await pool.query('DELETE FROM schema_migrations WHERE version = 1');
    expect((await checkPostgres(url, { timeoutMs: TIMEOUT_MS, migrations: two })).detail).toBe(
      `${head}, but schema_migrations holds versions 2: they should count 1, 2, 3… with no gap; restore a backup`,
    );
  });
});

describe('the doctor on a PostgreSQL address that never answers', () => {
  it('is bounded: ✗ "did not answer within" the bound, naming STARTUP_TIMEOUT_MS', async () => {
    // Accepts the connection and says nothing, as a wedged server or a black-holing proxy would.
    const sockets = new Set<Socket>();
    const silent = createServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const url = databaseUrlSchema.parse(`postgres://framebot:silent-Secret-3@127.0.0.1:${port}/framebot`);
      expect(await checkPostgres(url, { timeoutMs: 300 })).toEqual({
        name: 'Database',
        ok: false,
        detail: `PostgreSQL did not answer at postgres://framebot:redacted@127.0.0.1:${port}/framebot within 0.3 s: check DATABASE_URL and this machine's network (DNS, proxy, firewall) (STARTUP_TIMEOUT_MS sets how long start-up waits)`,
      });
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
