import type { Platform } from '../types.ts';

export interface InboxItem {
  id: string;
  payload: unknown;
}

export type InboxStatus = 'received' | 'started' | 'done';

/**
 * Platform updates (a Telegram command, a button press) made durable before the platform is told
 * they were received, so a crash between receipt and handling loses nothing. An update is
 * `received`, then `started` by the process (`owner`) that handles it, then `done` (its payload
 * dropped; its id kept to refuse a redelivery).
 */
export interface InboxRepository {
  /** Records an update once; false, changing nothing, for a second delivery of the same id. */
  record(id: string, platform: Platform, payload: unknown, now: number): Promise<boolean>;
  /**
   * Claims an update for handling by `owner`: true from received, or from started by another
   * owner (one gone since); false when it is done, or already being handled by this owner (a
   * redelivery racing the first).
   */
  begin(id: string, owner: string, now: number): Promise<boolean>;
  /** Marks it done and drops its payload. */
  finish(id: string, now: number): Promise<void>;
  /** The platform's updates received or started but not done, oldest first (then by id). */
  open(platform: Platform, limit: number): Promise<InboxItem[]>;
  /** Forgets done updates last changed before `before` (their ids only guard against redelivery); returns how many. */
  prune(before: number): Promise<number>;
  status(id: string): Promise<InboxStatus | undefined>;
}
