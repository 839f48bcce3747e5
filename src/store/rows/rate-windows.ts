import type { RateDecision } from '../records/rate-limits.ts';

/**
 * One step of a sliding window, the same on every engine: the uses still inside the window after
 * `now`'s use is decided (stored back as `hits_json`), and the decision.
 */
export function slideWindow(stored: string | undefined, limit: number, windowMs: number, now: number): { hits: number[]; decision: RateDecision } {
  const parsed: unknown = stored ? JSON.parse(stored) : [];
  const kept = (Array.isArray(parsed) ? parsed : []).filter((t): t is number => typeof t === 'number' && t > now - windowMs).sort((a, b) => a - b);
  if (kept.length >= limit) {
    // The use that frees a place: the one `limit` uses back from the newest.
    return { hits: kept, decision: { allowed: false, retryAt: kept[kept.length - limit]! + windowMs } };
  }
  return { hits: [...kept, now], decision: { allowed: true } };
}
