import { describe, expect, it } from 'vitest';
import { T, storePerTest, type StoreFactory } from './engine.ts';

/** InboxRepository: an update recorded once, claimed for handling, done once. */
export function inboxContract(open: StoreFactory): void {
  describe('inbox', () => {
    const engine = storePerTest(open);
    const inbox = () => engine().store.inbox;

    it('records an update once: a redelivery changes nothing', async () => {
      expect(await inbox().record('u1', 'telegram', { text: '/imagine a fox' }, T)).toBe(true);
      expect(await inbox().record('u1', 'telegram', { text: 'changed' }, T + 1)).toBe(false);
      expect(await inbox().status('u1')).toBe('received');
      expect(await inbox().open('telegram', T, T, 10)).toEqual([{ id: 'u1', payload: { text: '/imagine a fox' } }]);
      expect(await inbox().status('u2')).toBeUndefined();
    });

    it('claims an update for one owner at a time; another owner takes over a started one only once its lease lapsed; none a done one', async () => {
      await inbox().record('u1', 'telegram', {}, T);
      expect(await inbox().begin('u1', 'a', T + 1, T + 100)).toBe(true);
      expect(await inbox().status('u1')).toBe('started');
      expect(await inbox().begin('u1', 'a', T + 2, T + 100)).toBe(false);
      expect(await inbox().begin('u1', 'b', T + 3, T + 100)).toBe(false);
      expect(await inbox().begin('u1', 'b', T + 100, T + 200)).toBe(true);
      // b holds it now: a, back from the dead, does not.
      expect(await inbox().begin('u1', 'a', T + 150, T + 250)).toBe(false);
      await inbox().finish('u1', T + 160);
      expect(await inbox().status('u1')).toBe('done');
      expect(await inbox().begin('u1', 'c', T + 1_000, T + 1_100)).toBe(false);
      expect(await inbox().begin('u9', 'c', T + 5, T + 100)).toBe(false);
    });

    it('lets one of concurrent claims win, by the same owner or by several', async () => {
      await inbox().record('u1', 'telegram', {}, T);
      const claims = await Promise.all([1, 2].map(() => inbox().begin('u1', 'a', T + 1, T + 100)));
      expect(claims.filter(Boolean)).toHaveLength(1);
      await inbox().record('u2', 'telegram', {}, T);
      const rivals = await Promise.all(['a', 'b', 'c'].map((owner) => inbox().begin('u2', owner, T + 1, T + 100)));
      expect(rivals.filter(Boolean)).toHaveLength(1);
    });

    it("renews an owner's leases, and lets go of one owner's or everyone's", async () => {
      for (const id of ['u1', 'u2', 'u3']) await inbox().record(id, 'telegram', {}, T);
      await inbox().begin('u1', 'a', T, T + 100);
      await inbox().begin('u2', 'a', T, T + 100);
      await inbox().begin('u3', 'b', T, T + 100);
      expect(await inbox().renewLeases('a', T + 500)).toBe(2);
      // a's updates are held past b's lapse; b's is open again.
      expect((await inbox().open('telegram', T + 200, T, 10)).map((i) => i.id)).toEqual(['u3']);
      expect(await inbox().begin('u1', 'c', T + 200, T + 300)).toBe(false);
      expect(await inbox().releaseLeases('a')).toBe(2);
      expect((await inbox().open('telegram', T + 200, T, 10)).map((i) => i.id)).toEqual(['u1', 'u2', 'u3']);
      expect(await inbox().begin('u1', 'c', T + 200, T + 300)).toBe(true);
      expect(await inbox().releaseLeases(null)).toBe(2);
      expect(await inbox().begin('u1', 'd', T + 201, T + 300)).toBe(true);
    });

    it("lists a platform's updates nobody is handling, oldest first, up to a limit", async () => {
      await inbox().record('u3', 'telegram', { n: 3 }, T + 1);
      await inbox().record('u1', 'telegram', { n: 1 }, T + 2);
      await inbox().record('u2', 'telegram', { n: 2 }, T + 2);
      await inbox().record('d1', 'discord', { n: 4 }, T);
      await inbox().begin('u1', 'a', T + 3, T + 50);
      // u1 is in hand until T + 50.
      expect((await inbox().open('telegram', T + 10, T + 10, 10)).map((i) => i.id)).toEqual(['u3', 'u2']);
      expect(await inbox().open('telegram', T + 50, T + 50, 10)).toEqual([
        { id: 'u3', payload: { n: 3 } },
        { id: 'u1', payload: { n: 1 } },
        { id: 'u2', payload: { n: 2 } },
      ]);
      expect((await inbox().open('telegram', T + 50, T + 50, 1)).map((i) => i.id)).toEqual(['u3']);
      // One received after the cut is left to the instance that received it.
      expect((await inbox().open('telegram', T + 50, T + 1, 10)).map((i) => i.id)).toEqual(['u3', 'u1']);
      await inbox().finish('u3', T + 4);
      expect((await inbox().open('telegram', T + 50, T + 50, 10)).map((i) => i.id)).toEqual(['u1', 'u2']);
      expect((await inbox().open('discord', T + 50, T + 50, 10)).map((i) => i.id)).toEqual(['d1']);
    });

    it('forgets only done updates older than the cut', async () => {
      await inbox().record('u1', 'telegram', {}, T);
      await inbox().record('u2', 'telegram', {}, T);
      await inbox().record('u3', 'telegram', {}, T);
      await inbox().finish('u1', T + 1);
      await inbox().finish('u2', T + 5);
      expect(await inbox().prune(T + 5)).toBe(1);
      expect(await inbox().status('u1')).toBeUndefined();
      expect(await inbox().status('u2')).toBe('done');
      expect(await inbox().status('u3')).toBe('received');
    });
  });
}
