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
}

/**
 * A repository as every engine offers it: each of its methods answers through a Promise, since
 * PostgreSQL can only be reached asynchronously. The SQLite repositories (synchronous
 * better-sqlite3, see sqlite-store.ts) define the methods and their meaning; an engine implements
 * `Async<ThatRepo>` with the same guarded semantics (a guarded change answers whether it changed).
 */
export type Async<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};
