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
   * Claims an update for handling by `owner` until `leaseUntil`: true from received, or from
   * started by another owner whose lease lapsed (an instance gone since); false when it is done,
   * or being handled by a live owner or by this owner (a redelivery racing the first).
   */
  begin(id: string, owner: string, now: number, leaseUntil: number): Promise<boolean>;
  /** Marks it done and drops its payload. */
  finish(id: string, now: number): Promise<void>;
  /**
   * The platform's updates nobody is handling: received at or before `receivedBefore` and never
   * started, or started under a lease that lapsed by `now`; oldest first (then by id).
   */
  open(platform: Platform, now: number, receivedBefore: number, limit: number): Promise<InboxItem[]>;
  /** Extends to `until` the leases of the updates `owner` is handling; returns how many. */
  renewLeases(owner: string, until: number): Promise<number>;
  /** Lets go of the leases of `owner` (or of every owner: null); returns how many. */
  releaseLeases(owner: string | null): Promise<number>;
  /** Forgets done updates last changed before `before` (their ids only guard against redelivery); returns how many. */
  prune(before: number): Promise<number>;
  status(id: string): Promise<InboxStatus | undefined>;
}
