import type { TasksRepository } from './records/tasks.ts';
import type { WalletsRepository } from './records/wallets.ts';
import type { ActionsRepository } from './records/actions.ts';
import type { PhotosRepository } from './records/photos.ts';
import type { InboxRepository } from './records/inbox.ts';
import type { HostedFilesRepository } from './records/hosted-files.ts';
import type { AsksRepository, DraftsRepository, SettingsRepository } from './records/chat-state.ts';
import type { AccessRepository } from './records/access.ts';
import type { RateLimitsRepository } from './records/rate-limits.ts';

/*
 * The engine-neutral store: what the core, the commands and the adapters see. Every read and
 * write answers through a Promise; several writes that must agree (a task and its reservation, a
 * claim and what it decides) go in one unit of work. Each repository's interface (records/…)
 * says what it guarantees; test/support/store-contract/ holds every engine to it.
 */

export type {
  TasksRepository,
  WalletsRepository,
  ActionsRepository,
  PhotosRepository,
  InboxRepository,
  SettingsRepository,
  AsksRepository,
  DraftsRepository,
  HostedFilesRepository,
  AccessRepository,
  RateLimitsRepository,
};

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
  hostedFiles: HostedFilesRepository;
  access: AccessRepository;
  rateLimits: RateLimitsRepository;
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
