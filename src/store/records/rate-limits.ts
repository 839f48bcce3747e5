/*
 * Sliding windows of recent uses per key (a user's commands), kept in the store so that every
 * instance sharing the database counts the same uses.
 */

/** Whether a use was let through; when not, when the oldest use in the window leaves it. */
export type RateDecision = { allowed: true } | { allowed: false; retryAt: number };

export interface RateLimitsRepository {
  /**
   * Records a use of `key` at `now` when fewer than `limit` uses fall in the window
   * (now - windowMs, now]; otherwise records nothing (a refused use does not push the wait out)
   * and says when a use will be let through again. Decided atomically: two instances taking the
   * key's last use at once let only one through. Uses older than the window are forgotten.
   */
  take(key: string, limit: number, windowMs: number, now: number): Promise<RateDecision>;
  /** Forgets the keys not used since `before` (their windows are empty); returns how many. */
  prune(before: number): Promise<number>;
}
