import { openDatabase, type Db } from './db.ts';
import { TasksRepo } from './tasks-repo.ts';
import { ActionsRepo } from './actions-repo.ts';
import { WalletsRepo } from './wallets-repo.ts';
import { PhotosRepo } from './photos-repo.ts';
import { InboxRepo } from './inbox-repo.ts';
import { SettingsRepo } from './settings-repo.ts';
import { AsksRepo } from './asks-repo.ts';
import { DraftsRepo } from './drafts-repo.ts';
import { HostedFilesRepo } from './hosted-files-repo.ts';
import { AccessRepo } from './access-repo.ts';
import { RateLimitsRepo } from './rate-limits-repo.ts';
import { SerialGate, type TransactionFrame } from './serial-gate.ts';
import type { Async } from './types.ts';
import type { Repositories, Store } from './store.ts';

/** The SQLite store; `db` is for the store's own tools (backup) and for tests that inspect the file. */
export interface SqliteStore extends Store {
  readonly engine: 'sqlite';
  readonly db: Db;
}

/** The synchronous better-sqlite3 repositories; wrapping them in Promises must give Repositories. */
interface SyncRepositories {
  tasks: TasksRepo;
  actions: ActionsRepo;
  wallets: WalletsRepo;
  photos: PhotosRepo;
  inbox: InboxRepo;
  settings: SettingsRepo;
  asks: AsksRepo;
  drafts: DraftsRepo;
  hostedFiles: HostedFilesRepo;
  access: AccessRepo;
  rateLimits: RateLimitsRepo;
}

/** Each method of `repo`, answered through a Promise, every statement passing `pass` first. */
function promised<R extends object>(repo: R, pass: <T>(op: () => T) => Promise<T>): Async<R> {
  const out: Record<string, unknown> = {};
  for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(repo))) {
    const method = (repo as Record<string, unknown>)[name];
    if (name === 'constructor' || typeof method !== 'function') continue;
    out[name] = (...args: unknown[]) => pass(() => (method as (...a: unknown[]) => unknown).apply(repo, args));
  }
  return out as Async<R>;
}

function bindAll(sync: SyncRepositories, pass: <T>(op: () => T) => Promise<T>): Repositories {
  return {
    tasks: promised(sync.tasks, pass),
    actions: promised(sync.actions, pass),
    wallets: promised(sync.wallets, pass),
    photos: promised(sync.photos, pass),
    inbox: promised(sync.inbox, pass),
    settings: promised(sync.settings, pass),
    asks: promised(sync.asks, pass),
    drafts: promised(sync.drafts, pass),
    hostedFiles: promised(sync.hostedFiles, pass),
    access: promised(sync.access, pass),
    rateLimits: promised(sync.rateLimits, pass),
  };
}

/**
 * The store on one better-sqlite3 connection. Statements stay synchronous underneath; the
 * SerialGate (see there why) keeps a unit of work's BEGIN IMMEDIATE … COMMIT, which spans awaits,
 * free of every other caller's statements. IMMEDIATE takes the write lock at BEGIN, so another
 * process on the same file waits (busy_timeout) rather than failing halfway through the unit.
 */
export function createSqliteStore(path: string): SqliteStore {
  const db = openDatabase(path);
  const sync: SyncRepositories = {
    tasks: new TasksRepo(db),
    actions: new ActionsRepo(db),
    wallets: new WalletsRepo(db),
    photos: new PhotosRepo(db),
    inbox: new InboxRepo(db),
    settings: new SettingsRepo(db),
    asks: new AsksRepo(db),
    drafts: new DraftsRepo(db),
    hostedFiles: new HostedFilesRepo(db),
    access: new AccessRepo(db),
    rateLimits: new RateLimitsRepo(db),
  };
  const gate = new SerialGate();
  const frame: TransactionFrame = {
    begin: () => void db.exec('BEGIN IMMEDIATE'),
    commit: () => {
      try {
        db.exec('COMMIT');
      } catch (err) {
        // A COMMIT refused (the file busy past busy_timeout) leaves the transaction open: end it.
        if (db.inTransaction) db.exec('ROLLBACK');
        throw err;
      }
    },
    // SQLite may have rolled back already (some errors end the transaction themselves).
    rollback: () => {
      if (db.inTransaction) db.exec('ROLLBACK');
    },
  };
  const outside = bindAll(sync, (op) => gate.run(op));
  return {
    engine: 'sqlite',
    db,
    ...outside,
    transaction: (work) =>
      gate.unit(frame, (guard) =>
        work(
          bindAll(sync, (op) => {
            try {
              guard();
              return Promise.resolve(op());
            } catch (err) {
              return Promise.reject(err);
            }
          }),
        ),
      ),
    ping: () => gate.run(() => void db.prepare('SELECT 1').get()),
    close: () => gate.run(() => void db.close()),
  };
}
