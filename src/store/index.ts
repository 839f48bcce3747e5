import { openDatabase, type Db } from './db.ts';
import { TasksRepo } from './tasks-repo.ts';
import { ActionsRepo } from './actions-repo.ts';
import { WalletsRepo } from './wallets-repo.ts';
import { PhotosRepo } from './photos-repo.ts';
import { InboxRepo } from './inbox-repo.ts';
import { SettingsRepo } from './settings-repo.ts';
import { AsksRepo } from './asks-repo.ts';
import { DraftsRepo } from './drafts-repo.ts';

export interface Store {
  db: Db;
  tasks: TasksRepo;
  actions: ActionsRepo;
  wallets: WalletsRepo;
  photos: PhotosRepo;
  inbox: InboxRepo;
  settings: SettingsRepo;
  asks: AsksRepo;
  drafts: DraftsRepo;
  close(): void;
}

export function createStore(path: string): Store {
  const db = openDatabase(path);
  return {
    db,
    tasks: new TasksRepo(db),
    actions: new ActionsRepo(db),
    wallets: new WalletsRepo(db),
    photos: new PhotosRepo(db),
    inbox: new InboxRepo(db),
    settings: new SettingsRepo(db),
    asks: new AsksRepo(db),
    drafts: new DraftsRepo(db),
    close: () => db.close(),
  };
}
