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
        `UPDATE inbox SET status = 'started', owner = ?, updated_at = ?
         WHERE id = ? AND (status = 'received' OR (status = 'started' AND owner IS NOT ?))`,
      ),
      finish: db.prepare(`UPDATE inbox SET status = 'done', payload = NULL, updated_at = ? WHERE id = ?`),
      open: db.prepare(`SELECT id, payload FROM inbox WHERE platform = ? AND status != 'done' ORDER BY received_at, id LIMIT ?`),
      prune: db.prepare(`DELETE FROM inbox WHERE status = 'done' AND updated_at < ?`),
      status: db.prepare('SELECT status FROM inbox WHERE id = ?'),
    };
  }

  /** Records an update once; a second delivery of the same id changes nothing. */
  record(id: string, platform: Platform, payload: unknown, now: number): boolean {
    return this.s.record.run(id, platform, JSON.stringify(payload), now, now).changes === 1;
  }

  /**
   * Claims an update for handling by `owner`; false when it is done, or already being handled by
   * this owner (a redelivery racing the first).
   */
  begin(id: string, owner: string, now: number): boolean {
    return this.s.begin.run(owner, now, id, owner).changes === 1;
  }

  finish(id: string, now: number): void {
    this.s.finish.run(now, id);
  }

  /** Updates received or started but not done, oldest first. */
  open(platform: Platform, limit: number): InboxItem[] {
    return (this.s.open.all(platform, limit) as Array<{ id: string; payload: string | null }>).map((r) => ({
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
