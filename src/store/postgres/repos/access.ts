import type { Executor } from '../executor.ts';
import type { AccessList, AccessRepository } from '../../records/access.ts';

/** AccessRepository on PostgreSQL. */
export function pgAccess(ex: Executor): AccessRepository {
  return {
    async entries() {
      const { rows } = await ex.query<{ list: AccessList; target: string; listed: boolean; changed_by: string; changed_at: number }>(
        'SELECT * FROM access_entries ORDER BY list, target',
      );
      return rows.map((r) => ({ list: r.list, target: r.target, listed: r.listed, changedBy: r.changed_by, changedAt: r.changed_at }));
    },
    async put(e) {
      await ex.query(
        `INSERT INTO access_entries (list, target, listed, changed_by, changed_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (list, target) DO UPDATE SET listed = excluded.listed, changed_by = excluded.changed_by, changed_at = excluded.changed_at`,
        [e.list, e.target, e.listed, e.changedBy, e.changedAt],
      );
    },
    async claimRefusal(key, now, quietMs) {
      // The conflicting row is locked by the upsert: a second instance claiming at once waits, then sees the new time.
      const { rowCount } = await ex.query(
        `INSERT INTO access_refusals (key, refused_at) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET refused_at = excluded.refused_at WHERE access_refusals.refused_at <= $3`,
        [key, now, now - quietMs],
      );
      return rowCount === 1;
    },
  };
}
