export type { Store, Repositories, Engine } from './store.ts';
export type {
  TasksRepository,
  ActionsRepository,
  WalletsRepository,
  PhotosRepository,
  InboxRepository,
  SettingsRepository,
  AsksRepository,
  DraftsRepository,
} from './store.ts';
export { createSqliteStore, type SqliteStore } from './sqlite-store.ts';
import { createSqliteStore, type SqliteStore } from './sqlite-store.ts';

/** The store on the SQLite file at `path` (`:memory:` for tests). */
export function createStore(path: string): SqliteStore {
  return createSqliteStore(path);
}
