import type { Executor } from '../executor.ts';
import type { InboxItem, InboxRepository, InboxStatus } from '../../records/inbox.ts';

export function pgInbox(ex: Executor): InboxRepository {
  return {
    async record(id, platform, payload, now) {
      const { rowCount } = await ex.query(
        `INSERT INTO inbox (id, platform, payload, status, received_at, updated_at) VALUES ($1, $2, $3, 'received', $4, $4)
         ON CONFLICT (id) DO NOTHING`,
        [id, platform, JSON.stringify(payload), now],
      );
      return rowCount === 1;
    },
    async begin(id, owner, now, leaseUntil) {
      // Re-checked after any row lock, so of two instances claiming at once one gets the row.
      const { rowCount } = await ex.query(
        `UPDATE inbox SET status = 'started', owner = $1, lease_until = $4, updated_at = $2
         WHERE id = $3 AND (status = 'received' OR (status = 'started' AND owner IS DISTINCT FROM $1 AND COALESCE(lease_until, 0) <= $2))`,
        [owner, now, id, leaseUntil],
      );
      return rowCount === 1;
    },
    async renewLeases(owner, until) {
      return (await ex.query(`UPDATE inbox SET lease_until = $1 WHERE status = 'started' AND owner = $2`, [until, owner])).rowCount;
    },
    async releaseLeases(owner) {
      return (await ex.query(`UPDATE inbox SET lease_until = NULL WHERE status = 'started' AND lease_until IS NOT NULL AND ($1::text IS NULL OR owner = $1)`, [owner])).rowCount;
    },
    async finish(id, now) {
      await ex.query(`UPDATE inbox SET status = 'done', payload = NULL, updated_at = $1 WHERE id = $2`, [now, id]);
    },
    async open(platform, now, receivedBefore, limit): Promise<InboxItem[]> {
      // Ties by id in byte order, as SQLite's BINARY collation has it.
      const { rows } = await ex.query<{ id: string; payload: string | null }>(
        `SELECT id, payload FROM inbox WHERE platform = $1
           AND ((status = 'received' AND received_at <= $3) OR (status = 'started' AND COALESCE(lease_until, 0) <= $2))
         ORDER BY received_at, id COLLATE "C" LIMIT $4`,
        [platform, now, receivedBefore, limit],
      );
      return rows.map((r) => ({ id: r.id, payload: r.payload === null ? null : (JSON.parse(r.payload) as unknown) }));
    },
    async prune(before) {
      return (await ex.query(`DELETE FROM inbox WHERE status = 'done' AND updated_at < $1`, [before])).rowCount;
    },
    async status(id) {
      return (await ex.query<{ status: InboxStatus }>('SELECT status FROM inbox WHERE id = $1', [id])).rows[0]?.status;
    },
  };
}
