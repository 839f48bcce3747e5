import type { Executor } from '../executor.ts';
import type { RateLimitsRepository } from '../../records/rate-limits.ts';
import { slideWindow } from '../../rows/rate-windows.ts';

export function pgRateLimits(ex: Executor): RateLimitsRepository {
  return {
    take(key, limit, windowMs, now) {
      return ex.atomic(async (ex) => {
        // The key's row exists before it is locked, so two instances' first uses queue on the same lock.
        await ex.query(`INSERT INTO rate_windows (key, hits_json, updated_at) VALUES ($1, '[]', $2) ON CONFLICT (key) DO NOTHING`, [key, now]);
        const { rows } = await ex.query<{ hits_json: string }>('SELECT hits_json FROM rate_windows WHERE key = $1 FOR UPDATE', [key]);
        const { hits, decision } = slideWindow(rows[0]?.hits_json, limit, windowMs, now);
        if (decision.allowed) await ex.query('UPDATE rate_windows SET hits_json = $2, updated_at = $3 WHERE key = $1', [key, JSON.stringify(hits), now]);
        return decision;
      });
    },
    async prune(before) {
      return (await ex.query('DELETE FROM rate_windows WHERE updated_at < $1', [before])).rowCount;
    },
  };
}
