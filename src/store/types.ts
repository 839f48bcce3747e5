/** Value types the tables hold; the core builds on them. */
export type Platform = 'discord' | 'telegram';

/**
 * A message the bot sent, in a form that survives a restart (stored as JSON).
 * `extra` belongs to the adapter that made it (e.g. a Discord interaction token and its expiry).
 */
export interface MessageRef {
  platform: Platform;
  chatId: string;
  messageId?: string;
  extra?: Record<string, string | number>;
  /**
   * No message of its own yet: the job waits on its chat's board (a busy Telegram group) and its
   * progress message is posted when it starts (ChatPort.postProgress).
   */
  unposted?: true;
}

/**
 * A synchronous repository with each method answered through a Promise: how sqlite-store.ts
 * offers the better-sqlite3 classes, and what it checks against the records/ interfaces.
 */
export type Async<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

/**
 * The synchronous form of a repository interface: what a better-sqlite3 repository class
 * implements (`implements Sync<TasksRepository>`), so the compiler holds it to the interface
 * before sqlite-store.ts wraps each method in a Promise.
 */
export type Sync<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => Promise<infer R> ? (...args: A) => R : never;
};
