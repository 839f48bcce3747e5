import type { Db } from './db.ts';
import type { Platform, Sync } from './types.ts';
import type { InboxItem, InboxRepository, InboxStatus } from './records/inbox.ts';

/**
 * Platform updates (a Telegram command, a button press) made durable before the platform is told
 * they were received, so a crash between receipt and handling loses nothing. A row is `received`,
 * then `started` by the process (`owner`) that handles it, then `done` (its payload dropped).
 */
export class InboxRepo implements Sync<InboxRepository> {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      record: db.prepare(
        `INSERT OR IGNORE INTO inbox (id, platform, payload, status, received_at, updated_at) VALUES (?, ?, ?, 'received', ?, ?)`,
      ),
      begin: db.prepare(
        `UPDATE inbox SET status = 'started', owner = @owner, lease_until = @until, updated_at = @now
         WHERE id = @id AND (status = 'received' OR (status = 'started' AND owner IS NOT @owner AND COALESCE(lease_until, 0) <= @now))`,
      ),
      renew: db.prepare(`UPDATE inbox SET lease_until = ? WHERE status = 'started' AND owner = ?`),
      release: db.prepare(`UPDATE inbox SET lease_until = NULL WHERE status = 'started' AND lease_until IS NOT NULL AND (@owner IS NULL OR owner = @owner)`),
      finish: db.prepare(`UPDATE inbox SET status = 'done', payload = NULL, updated_at = ? WHERE id = ?`),
      open: db.prepare(
        `SELECT id, payload FROM inbox WHERE platform = @platform
           AND ((status = 'received' AND received_at <= @before) OR (status = 'started' AND COALESCE(lease_until, 0) <= @now))
         ORDER BY received_at, id LIMIT @limit`,
      ),
      prune: db.prepare(`DELETE FROM inbox WHERE status = 'done' AND updated_at < ?`),
      status: db.prepare('SELECT status FROM inbox WHERE id = ?'),
    };
  }

  /** Records an update once; a second delivery of the same id changes nothing. */
  record(id: string, platform: Platform, payload: unknown, now: number): boolean {
    return this.s.record.run(id, platform, JSON.stringify(payload), now, now).changes === 1;
  }

  /**
   * Claims an update for handling by `owner`; false when it is done, or being handled by a live
   * owner or by this one (a redelivery racing the first).
   */
  begin(id: string, owner: string, now: number, leaseUntil: number): boolean {
    return this.s.begin.run({ owner, now, id, until: leaseUntil }).changes === 1;
  }

  renewLeases(owner: string, until: number): number {
    return this.s.renew.run(until, owner).changes;
  }

  releaseLeases(owner: string | null): number {
    return this.s.release.run({ owner }).changes;
  }

  finish(id: string, now: number): void {
    this.s.finish.run(now, id);
  }

  /** Updates nobody is handling, oldest first. */
  open(platform: Platform, now: number, receivedBefore: number, limit: number): InboxItem[] {
    return (this.s.open.all({ platform, now, before: receivedBefore, limit }) as Array<{ id: string; payload: string | null }>).map((r) => ({
      id: r.id,
      payload: r.payload === null ? null : (JSON.parse(r.payload) as unknown),
    }));
  }

  /** Forgets handled updates older than `before` (their ids only guard against redelivery). */
  prune(before: number): number {
    return this.s.prune.run(before).changes;
  }

  status(id: string): InboxStatus | undefined {
    return (this.s.status.get(id) as { status: InboxStatus } | undefined)?.status;
  }
}
