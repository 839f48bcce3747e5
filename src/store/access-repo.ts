import type { Db } from './db.ts';
import type { Sync } from './types.ts';
import type { AccessEntry, AccessList, AccessRepository } from './records/access.ts';

interface Row {
  list: AccessList;
  target: string;
  listed: number;
  changed_by: string;
  changed_at: number;
}

/** AccessRepository on SQLite. */
export class AccessRepo implements Sync<AccessRepository> {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      entries: db.prepare('SELECT * FROM access_entries ORDER BY list, target'),
      put: db.prepare(
        `INSERT INTO access_entries (list, target, listed, changed_by, changed_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (list, target) DO UPDATE SET listed = excluded.listed, changed_by = excluded.changed_by, changed_at = excluded.changed_at`,
      ),
      // One statement decides, so a second claim inside the quiet time changes nothing.
      claim: db.prepare(
        `INSERT INTO access_refusals (key, refused_at) VALUES (?, ?)
         ON CONFLICT (key) DO UPDATE SET refused_at = excluded.refused_at WHERE access_refusals.refused_at <= ?`,
      ),
    };
  }

  entries(): AccessEntry[] {
    return (this.s.entries.all() as Row[]).map((r) => ({ list: r.list, target: r.target, listed: r.listed === 1, changedBy: r.changed_by, changedAt: r.changed_at }));
  }

  put(e: AccessEntry): void {
    this.s.put.run(e.list, e.target, e.listed ? 1 : 0, e.changedBy, e.changedAt);
  }

  claimRefusal(key: string, now: number, quietMs: number): boolean {
    return this.s.claim.run(key, now, now - quietMs).changes === 1;
  }
}
