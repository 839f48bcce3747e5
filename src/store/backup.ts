import Database from 'better-sqlite3';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** A backup that cannot be made, for a reason the operator can fix: shown as one line. */
export class BackupError extends Error {
  override name = 'BackupError';
}

export interface BackupResult {
  /** The file written. */
  path: string;
  pages: number;
  bytes: number;
}

/** `framebot-20261126-043000.sqlite`: sorts by time, and never collides with the last one within a second. */
export function backupFileName(at: Date): string {
  const stamp = at.toISOString().replace(/\.\d+Z$/, '').replace(/[-:]/g, '').replace('T', '-');
  return `framebot-${stamp}.sqlite`;
}

/**
 * Copies the live database with SQLite's online backup API (through better-sqlite3), so the bot
 * may keep running and writing: the copy is one consistent moment, write-ahead log included, which
 * copying the file (without its -wal) is not. The copy is then checked (`quick_check`).
 * `destination` is a file to create, or an existing folder to put a time-stamped file in.
 */
export async function backupDatabase(source: string, destination: string, now: Date = new Date()): Promise<BackupResult> {
  if (source === ':memory:') throw new BackupError('DATABASE_PATH is :memory:, which has nothing on disk to back up');
  if (!existsSync(source)) throw new BackupError(`there is no database at ${source}: check DATABASE_PATH (the bot creates it at its first start)`);
  const target = existsSync(destination) && statSync(destination).isDirectory() ? join(destination, backupFileName(now)) : destination;
  if (resolve(target) === resolve(source)) throw new BackupError('the destination is the database itself: name another file or a folder');
  // A backup never replaces what is there: it may be the only good copy.
  if (existsSync(target)) throw new BackupError(`${target} already exists: name a new file, or a folder to put a time-stamped copy in`);

  // Read-only and must exist: a mistyped path never leaves an empty database behind.
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    let pages = 0;
    try {
      await db.backup(target, {
        progress: ({ totalPages }) => {
          pages = totalPages;
          // Pages per step: big steps finish sooner; the bot's writes wait at most one step.
          return 256;
        },
      });
    } catch (err) {
      throw new BackupError(`could not write ${target}: ${(err as Error).message}`);
    }
    const copy = new Database(target, { fileMustExist: true });
    try {
      // One self-contained file: the live database's WAL mode would leave -wal and -shm beside it.
      // The bot turns WAL on again when it opens a restored copy.
      copy.pragma('journal_mode = DELETE');
      const verdict = copy.pragma('quick_check', { simple: true });
      if (verdict !== 'ok') throw new BackupError(`the copy at ${target} failed its check (${String(verdict)}): keep the previous backup and try again`);
    } finally {
      copy.close();
    }
    return { path: target, pages, bytes: statSync(target).size };
  } finally {
    db.close();
  }
}
