/**
 * `npm run migrate-to-postgres` as an operator runs it: DATABASE_PATH and DATABASE_URL from the
 * environment or the env file, one line per table and one of result (exit 0), or one line saying
 * what to fix (exit 1); the database's password is never printed.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { databaseUrlSchema, type DatabaseUrl } from '../../src/store/postgres/url.ts';
import { BotProcess } from '../support/bot-process.ts';
import { filledSqlite } from '../support/filled-sqlite.ts';
import { closedPort } from '../support/ports.ts';
import { describePostgres } from '../support/postgres.ts';

const TABLES = ['wallets', 'tasks', 'task_parts', 'actions', 'ledger', 'photo_sets', 'photo_files', 'inbox', 'user_settings', 'group_settings', 'asks', 'drafts', 'hosted_files', 'access_entries', 'access_refusals', 'rate_windows'];

interface Run {
  code: number | null;
  lines: string[];
}

async function finished(run: BotProcess): Promise<Run> {
  const code = await run.exited(60_000);
  return { code, lines: run.output };
}

function migrate(env: Record<string, string>, cwd?: string): Promise<Run> {
  return finished(BotProcess.start(env, { entry: 'src/migrate-to-postgres.ts', cwd }));
}

function expectNoPassword(run: Run, url: DatabaseUrl): void {
  expect(url.secrets.length).toBeGreaterThan(0);
  for (const secret of url.secrets) expect(run.lines.join('\n')).not.toContain(secret);
}

describePostgres('npm run migrate-to-postgres', (server) => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'framebot-migrate-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies through the built command, prints a line per table and the result, and refuses a second run', async () => {
    const path = await filledSqlite(dir);
    const url = await server.newDatabase();
    const env = { DATABASE_PATH: path, DATABASE_URL: url.href };
    const first = await finished(BotProcess.startWithNpm(env, ['run', 'migrate-to-postgres']));
    expect(first.code, first.lines.join('\n')).toBe(0);
    expect(first.lines[0]).toBe(`migrate-to-postgres: copying ${path} into ${url.redacted}`);
    expect(url.redacted).toContain(':redacted@');
    expect(first.lines.slice(1, -1)).toEqual(TABLES.map((t) => expect.stringMatching(new RegExp(`^copied ${t}: \\d+ rows?$`))));
    const total = first.lines.slice(1, -1).reduce((n, line) => n + Number(/: (\d+) rows?$/.exec(line)![1]), 0);
    expect(first.lines.at(-1)).toBe(`copied ${total} rows in ${TABLES.length} tables; ledger sums match`);
    expectNoPassword(first, url);

    const pool = server.pool(url);
    expect((await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM ledger')).rows[0]!.n).toBe(37);

    const second = await migrate(env);
    expect(second.code).toBe(1);
    expect(second.lines.at(-1)).toMatch(/^migrate-to-postgres failed: the PostgreSQL database already holds framebot data \(in wallets, .*\), so nothing was copied: copy into a new, empty database$/);
    expectNoPassword(second, url);
    expect((await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM ledger')).rows[0]!.n).toBe(37);
  });

  it('reads both variables from the env file, and DATABASE_PATH defaults to data/framebot.sqlite', async () => {
    mkdirSync(join(dir, 'data'));
    await filledSqlite(join(dir, 'data'), { grants: 2 });
    const url = await server.newDatabase();
    writeFileSync(join(dir, 'bot.env'), `DATABASE_URL=${url.href}\nTELEGRAM_BOT_TOKEN=\n`);
    const run = await migrate({ FRAMEBOT_ENV_FILE: 'bot.env' }, dir);
    expect(run.code, run.lines.join('\n')).toBe(0);
    expect(run.lines[0]).toBe(`migrate-to-postgres: copying data/framebot.sqlite into ${url.redacted}`);
    expect(run.lines.at(-1)).toMatch(new RegExp(`^copied \\d+ rows in ${TABLES.length} tables; ledger sums match$`));
    expectNoPassword(run, url);
  });

  it('names what to fix in one line, exit 1, without the password: no DATABASE_URL, a wrong one, no SQLite file, no server', async () => {
    const path = await filledSqlite(dir, { grants: 1 });

    const unset = await migrate({ DATABASE_PATH: path });
    expect(unset.code).toBe(1);
    expect(unset.lines).toEqual([
      'migrate-to-postgres failed: DATABASE_URL is not set: name the empty PostgreSQL database to copy into, e.g. postgres://framebot:password@db.example.com:5432/framebot',
    ]);

    const wrong = await migrate({ DATABASE_PATH: path, DATABASE_URL: 'mysql://framebot:s3cret-pass@127.0.0.1/framebot' });
    expect(wrong.code).toBe(1);
    expect(wrong.lines).toEqual([
      'migrate-to-postgres failed: DATABASE_URL must start with postgres:// or postgresql://, e.g. postgres://framebot:password@db.example.com:5432/framebot',
    ]);

    const url = await server.newDatabase();
    const missing = join(dir, 'typo', 'framebot.sqlite');
    const noFile = await migrate({ DATABASE_PATH: missing, DATABASE_URL: url.href });
    expect(noFile.code).toBe(1);
    expect(noFile.lines.at(-1)).toBe(`migrate-to-postgres failed: there is no database at ${missing}: check DATABASE_PATH`);
    expect(existsSync(missing)).toBe(false);
    expectNoPassword(noFile, url);

    const nowhere = databaseUrlSchema.parse(`postgres://framebot:${encodeURIComponent('n0-such/server')}@127.0.0.1:${await closedPort()}/framebot`);
    const noServer = await migrate({ DATABASE_PATH: path, DATABASE_URL: nowhere.href });
    expect(noServer.code).toBe(1);
    expect(noServer.lines.at(-1)).toMatch(/^migrate-to-postgres failed: .*ECONNREFUSED/);
    expectNoPassword(noServer, nowhere);
  });
});
