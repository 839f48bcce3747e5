/**
 * `npm run backup`: a consistent copy of the database while the bot keeps it open and writes,
 * through SQLite's online backup API, checked after; refusals leave everything as it was.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, type SqliteStore } from '../../src/store/index.ts';
import { backupFileName } from '../../src/store/backup.ts';
import { BotProcess } from '../support/bot-process.ts';

let dir: string;
let store: SqliteStore | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'framebot-backup-'));
});
afterEach(async () => {
  await store?.close();
  store = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** A live database as the bot leaves it: open, in WAL mode, with commits still only in the -wal file. */
async function liveDatabase(): Promise<string> {
  const path = join(dir, 'framebot.sqlite');
  store = createStore(path);
  store.db.pragma('wal_autocheckpoint = 0');
  await store.wallets.create('telegram:group:-100', 'telegram', 'group', 1);
  for (let i = 1; i <= 50; i++) await store.wallets.move('telegram:group:-100', 10, { kind: 'grant', note: `grant ${i}`, origin: `test:${i}` }, i);
  return path;
}

async function backup(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; output: string }> {
  const run = BotProcess.start(env, { entry: 'src/backup.ts', args });
  const code = await run.exited();
  return { code, output: run.output.join('\n') };
}

describe('npm run backup', () => {
  it('copies the open database, unflushed commits included, and checks the copy', async () => {
    const path = await liveDatabase();
    expect(readFileSync(`${path}-wal`).length).toBeGreaterThan(0);
    const target = join(dir, 'copy.sqlite');
    const { code, output } = await backup([target], { DATABASE_PATH: path });
    expect(code).toBe(0);
    // One file to keep, with no -wal or -shm beside it.
    expect(readdirSync(dir).filter((f) => f.startsWith('copy'))).toEqual(['copy.sqlite']);
    expect(output).toMatch(new RegExp(`^backup: copied ${path} to ${target} \\(\\d+ pages, \\d+\\.\\d MiB\\); its check passed$`));
    const copy = new Database(target, { readonly: true });
    try {
      expect(copy.prepare('SELECT balance FROM wallets WHERE id = ?').get('telegram:group:-100')).toEqual({ balance: 500 });
      expect(copy.prepare('SELECT COUNT(*) AS n FROM ledger').get()).toEqual({ n: 50 });
      expect(copy.pragma('user_version', { simple: true })).toBe(store!.db.pragma('user_version', { simple: true }));
    } finally {
      copy.close();
    }
    // The bot's own connection is untouched and keeps writing.
    expect(await store!.wallets.move('telegram:group:-100', 1, { kind: 'grant', origin: 'test:after' }, 99)).toBe(true);
  });

  it('given a folder, writes a time-stamped file in it', async () => {
    const path = await liveDatabase();
    const folder = join(dir, 'backups');
    mkdirSync(folder);
    const { code } = await backup([folder], { DATABASE_PATH: path });
    expect(code).toBe(0);
    expect(readdirSync(folder)).toEqual([expect.stringMatching(/^framebot-\d{8}-\d{6}\.sqlite$/)]);
  });

  it('never replaces an existing file', async () => {
    const path = await liveDatabase();
    const target = join(dir, 'old-backup.sqlite');
    writeFileSync(target, 'the only good copy');
    const { code, output } = await backup([target], { DATABASE_PATH: path });
    expect(code).toBe(1);
    expect(output).toContain(`backup failed: ${target} already exists: name a new file, or a folder to put a time-stamped copy in`);
    expect(readFileSync(target, 'utf8')).toBe('the only good copy');
  });

  it('a mistyped DATABASE_PATH is named, and no empty database is left there', async () => {
    const missing = join(dir, 'typo', 'framebot.sqlite');
    const { code, output } = await backup([join(dir, 'copy.sqlite')], { DATABASE_PATH: missing });
    expect(code).toBe(1);
    expect(output).toContain(`backup failed: there is no database at ${missing}: check DATABASE_PATH`);
    expect(existsSync(missing)).toBe(false);
    expect(existsSync(join(dir, 'copy.sqlite'))).toBe(false);
  });

  it('without a destination, says how to call it', async () => {
    const { code, output } = await backup([]);
    expect(code).toBe(1);
    expect(output).toMatch(/^usage: npm run backup -- <file or folder>/);
  });
});

describe('backup file names', () => {
  it('sort by the time they were taken, in UTC', () => {
    expect(backupFileName(new Date('2026-11-26T04:30:05.123Z'))).toBe('framebot-20261126-043005.sqlite');
  });
});
