import { describe, expect, it } from 'vitest';
import type { AccessEntry } from '../../../src/store/records/access.ts';
import { T, storePerTest, type StoreFactory } from './engine.ts';

/** AccessRepository: run-time list changes, the latest per target; refusals claimed once per quiet time. */
export function accessContract(open: StoreFactory): void {
  describe('access lists and refusals', () => {
    const engine = storePerTest(open);
    const store = () => engine().store;

    it('keeps the latest change per list and target, taken off as well as put on', async () => {
      expect(await store().access.entries()).toEqual([]);
      const block: AccessEntry = { list: 'blocked_users', target: 'telegram:9', listed: true, changedBy: 'telegram:1', changedAt: T };
      await store().access.put(block);
      await store().access.put({ list: 'allowed_chats', target: 'telegram:9', listed: true, changedBy: 'discord:2', changedAt: T + 1 });
      await store().access.put({ ...block, listed: false, changedAt: T + 2 });
      expect(await store().access.entries()).toEqual([
        { list: 'allowed_chats', target: 'telegram:9', listed: true, changedBy: 'discord:2', changedAt: T + 1 },
        { list: 'blocked_users', target: 'telegram:9', listed: false, changedBy: 'telegram:1', changedAt: T + 2 },
      ]);
    });

    it('refuses a list the schema does not know', async () => {
      await expect(store().access.put({ list: 'nope' as AccessEntry['list'], target: 'x', listed: true, changedBy: 'y', changedAt: T })).rejects.toThrow();
    });

    it('lets a refusal be shown once per quiet time, per key', async () => {
      expect(await store().access.claimRefusal('user:telegram:9', T, 60_000)).toBe(true);
      expect(await store().access.claimRefusal('user:telegram:9', T + 59_999, 60_000)).toBe(false);
      expect(await store().access.claimRefusal('chat:telegram:-100', T + 1, 60_000)).toBe(true);
      expect(await store().access.claimRefusal('user:telegram:9', T + 60_000, 60_000)).toBe(true);
      // The quiet time runs from the last refusal shown, not the first.
      expect(await store().access.claimRefusal('user:telegram:9', T + 100_000, 60_000)).toBe(false);
    });

    it('gives a refusal to one of several claims made at once', async () => {
      const claims = await Promise.all(Array.from({ length: 8 }, () => store().access.claimRefusal('chat:telegram:-5', T, 60_000)));
      expect(claims.filter(Boolean)).toHaveLength(1);
    });
  });
}
