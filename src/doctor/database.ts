import { accessSync, constants, existsSync, mkdirSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { fail, pass, type CheckResult } from './checklist.ts';

const NAME = 'Database';
/** How long the check waits for the bot's own writes to let it take the write lock. */
const BUSY_MS = 2_000;

const codeOf = (err: unknown) => (err as { code?: string }).code ?? (err as Error).message;

/**
 * Whether `folder` can be written: a file is created and removed in it (as the bot creates its
 * journal files, photos and hosted images there). A folder it had to create is returned, for the
 * caller to remove once done.
 */
function probeFolder(folder: string): { problem?: string; created?: string } {
  if (existsSync(folder) && !statSync(folder).isDirectory()) {
    return { problem: `${folder} is a file, not a folder: point DATABASE_PATH at a file in a folder the bot's user may write` };
  }
  let created: string | undefined;
  try {
    created = mkdirSync(folder, { recursive: true });
    const probe = join(folder, `.framebot-doctor-${process.pid}`);
    writeFileSync(probe, '');
    unlinkSync(probe);
    return { created };
  } catch (err) {
    return { created, problem: `the folder ${folder} cannot be written (${codeOf(err)}): point DATABASE_PATH at a folder the bot's user may write, or fix the folder's owner and permissions` };
  }
}

/**
 * The SQLite file and its folder can be written (probeFolder), and an existing database is opened
 * and given a write transaction that is rolled back. A folder the bot would create is created and
 * removed again.
 */
export function checkDatabase(path: string): CheckResult {
  const file = resolve(path);
  const folder = dirname(file);
  let created: string | undefined;
  try {
    const probed = probeFolder(folder);
    created = probed.created;
    if (probed.problem) return fail(NAME, probed.problem);
    if (!existsSync(file)) return pass(NAME, `${path} will be created in ${folder}, which is writable`);
    if (!statSync(file).isFile()) return fail(NAME, `${file} is not a file: point DATABASE_PATH at the SQLite file (e.g. data/framebot.sqlite)`);
    try {
      accessSync(file, constants.R_OK | constants.W_OK);
      const db = new Database(file, { fileMustExist: true, timeout: BUSY_MS });
      try {
        db.exec('BEGIN IMMEDIATE; ROLLBACK;');
      } finally {
        db.close();
      }
    } catch (err) {
      const code = codeOf(err);
      const why = code === 'SQLITE_NOTADB' ? 'it is not a SQLite database' : code === 'SQLITE_BUSY' ? `another process held its write lock for ${BUSY_MS / 1000} s` : code;
      return fail(NAME, `${file} cannot be opened for writing (${why}): check DATABASE_PATH, the file's owner and permissions`);
    }
    return pass(NAME, `${path} opens and is writable`);
  } finally {
    // The doctor leaves nothing behind: a folder it created for the check goes again.
    if (created) rmSync(created, { recursive: true, force: true });
  }
}
