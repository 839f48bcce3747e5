import type { Db } from './db.ts';
import type { Sync } from './types.ts';
import type { RateDecision, RateLimitsRepository } from './records/rate-limits.ts';
import { slideWindow } from './rows/rate-windows.ts';

/** Each key's recent uses as one row; read and written back in one IMMEDIATE transaction. */
export class RateLimitsRepo implements Sync<RateLimitsRepository> {
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      get: db.prepare('SELECT hits_json FROM rate_windows WHERE key = ?'),
      put: db.prepare(
        `INSERT INTO rate_windows (key, hits_json, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET hits_json = excluded.hits_json, updated_at = excluded.updated_at`,
      ),
      prune: db.prepare('DELETE FROM rate_windows WHERE updated_at < ?'),
    };
  }

  take(key: string, limit: number, windowMs: number, now: number): RateDecision {
    // IMMEDIATE: another process on the same file must not read the same window between our read and write.
    return this.db
      .transaction(() => {
        const row = this.s.get.get(key) as { hits_json: string } | undefined;
        const { hits, decision } = slideWindow(row?.hits_json, limit, windowMs, now);
        if (decision.allowed) this.s.put.run(key, JSON.stringify(hits), now);
        return decision;
      })
      .immediate();
  }

  prune(before: number): number {
    return this.s.prune.run(before).changes;
  }
}
