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
    async begin(id, owner, now) {
      // Re-checked after any row lock, so of two instances claiming at once one gets the row.
      const { rowCount } = await ex.query(
        `UPDATE inbox SET status = 'started', owner = $1, updated_at = $2
         WHERE id = $3 AND (status = 'received' OR (status = 'started' AND owner IS DISTINCT FROM $1))`,
        [owner, now, id],
      );
      return rowCount === 1;
    },
    async finish(id, now) {
      await ex.query(`UPDATE inbox SET status = 'done', payload = NULL, updated_at = $1 WHERE id = $2`, [now, id]);
    },
    async open(platform, limit): Promise<InboxItem[]> {
      // Ties by id in byte order, as SQLite's BINARY collation has it.
      const { rows } = await ex.query<{ id: string; payload: string | null }>(
        `SELECT id, payload FROM inbox WHERE platform = $1 AND status <> 'done' ORDER BY received_at, id COLLATE "C" LIMIT $2`,
        [platform, limit],
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
