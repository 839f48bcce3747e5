import { describe, expect, it } from 'vitest';
import { T, storePerTest, type StoreFactory } from './engine.ts';

/** RateLimitsRepository: a sliding window per key, decided atomically, pruned once idle. */
export function rateLimitsContract(open: StoreFactory): void {
  describe('rate limits', () => {
    const engine = storePerTest(open);
    const limits = () => engine().store.rateLimits;
    const MINUTE = 60_000;

    it('lets `limit` uses through in a window, refuses the next with when the oldest leaves it, and slides', async () => {
      for (const at of [T, T + 10_000, T + 20_000]) expect(await limits().take('telegram:7', 3, MINUTE, at)).toEqual({ allowed: true });
      expect(await limits().take('telegram:7', 3, MINUTE, T + 30_000)).toEqual({ allowed: false, retryAt: T + MINUTE });
      // A refused use is not recorded: it does not push the wait further out.
      expect(await limits().take('telegram:7', 3, MINUTE, T + 59_999)).toEqual({ allowed: false, retryAt: T + MINUTE });
      // Another key has a window of its own.
      expect(await limits().take('discord:7', 3, MINUTE, T + 30_000)).toEqual({ allowed: true });
      // The first use has left the window: one place is free, then the second use is the one to wait for.
      expect(await limits().take('telegram:7', 3, MINUTE, T + MINUTE)).toEqual({ allowed: true });
      expect(await limits().take('telegram:7', 3, MINUTE, T + MINUTE + 1)).toEqual({ allowed: false, retryAt: T + 10_000 + MINUTE });
    });

    it('lets exactly `limit` of many concurrent uses through', async () => {
      const decisions = await Promise.all(Array.from({ length: 8 }, (_, i) => limits().take('telegram:9', 5, MINUTE, T + i)));
      expect(decisions.filter((d) => d.allowed)).toHaveLength(5);
      expect(await limits().take('telegram:9', 5, MINUTE, T + 100)).toMatchObject({ allowed: false });
    });

    it('works inside a unit of work, and the unit taking it back takes the use back', async () => {
      await expect(
        engine().store.transaction(async (tx) => {
          expect(await tx.rateLimits.take('telegram:5', 1, MINUTE, T)).toEqual({ allowed: true });
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect(await limits().take('telegram:5', 1, MINUTE, T + 1)).toEqual({ allowed: true });
    });

    it('prunes the keys not used since a time, keeping the others', async () => {
      await limits().take('telegram:1', 2, MINUTE, T);
      await limits().take('telegram:2', 2, MINUTE, T + 5 * MINUTE);
      expect(await limits().prune(T + MINUTE)).toBe(1);
      // The pruned key starts afresh; the kept one still counts its use.
      expect(await limits().take('telegram:2', 1, 10 * MINUTE, T + 6 * MINUTE)).toMatchObject({ allowed: false });
      expect(await limits().take('telegram:1', 1, 10 * MINUTE, T + 6 * MINUTE)).toEqual({ allowed: true });
    });
  });
}
