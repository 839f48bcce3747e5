import type { Async } from './types.ts';
import type { TasksRepo } from './tasks-repo.ts';
import type { ActionsRepo } from './actions-repo.ts';
import type { WalletsRepo } from './wallets-repo.ts';
import type { PhotosRepo } from './photos-repo.ts';
import type { InboxRepo } from './inbox-repo.ts';
import type { SettingsRepo } from './settings-repo.ts';
import type { AsksRepo } from './asks-repo.ts';
import type { DraftsRepo } from './drafts-repo.ts';

/*
 * The engine-neutral store: what the core, the commands and the adapters see. Every read and
 * write answers through a Promise; several writes that must agree (a task and its reservation, a
 * claim and what it decides) go in one unit of work.
 */

export type TasksRepository = Async<TasksRepo>;
export type ActionsRepository = Async<ActionsRepo>;
export type WalletsRepository = Async<WalletsRepo>;
export type PhotosRepository = Async<PhotosRepo>;
export type InboxRepository = Async<InboxRepo>;
export type SettingsRepository = Async<SettingsRepo>;
export type AsksRepository = Async<AsksRepo>;
export type DraftsRepository = Async<DraftsRepo>;

/** Every repository, bound either to the store (each call on its own) or to one unit of work. */
export interface Repositories {
  tasks: TasksRepository;
  actions: ActionsRepository;
  wallets: WalletsRepository;
  photos: PhotosRepository;
  inbox: InboxRepository;
  settings: SettingsRepository;
  asks: AsksRepository;
  drafts: DraftsRepository;
}

export type Engine = 'sqlite' | 'postgres';

export interface Store extends Repositories {
  readonly engine: Engine;
  /**
   * Runs `work` as one transaction: every call through `tx` commits together, or none does when
   * `work` throws. Inside it, use `tx` only: a call through the store itself (or a nested
   * transaction) is refused (see UnitScope), since it would not be part of the unit. Keep a unit
   * to store calls, no network inside: it holds the write lock (on SQLite, the whole connection).
   */
  transaction<T>(work: (tx: Repositories) => Promise<T>): Promise<T>;
  /** Answers when the database does (readiness). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
