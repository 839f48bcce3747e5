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
      expect(await inbox().open('telegram', 10)).toEqual([{ id: 'u1', payload: { text: '/imagine a fox' } }]);
      expect(await inbox().status('u2')).toBeUndefined();
    });

    it('claims an update for one owner at a time; another owner takes over a started one; none a done one', async () => {
      await inbox().record('u1', 'telegram', {}, T);
      expect(await inbox().begin('u1', 'a', T + 1)).toBe(true);
      expect(await inbox().status('u1')).toBe('started');
      expect(await inbox().begin('u1', 'a', T + 2)).toBe(false);
      expect(await inbox().begin('u1', 'b', T + 3)).toBe(true);
      await inbox().finish('u1', T + 4);
      expect(await inbox().status('u1')).toBe('done');
      expect(await inbox().begin('u1', 'c', T + 5)).toBe(false);
      expect(await inbox().begin('u9', 'c', T + 5)).toBe(false);
    });

    it('lets one of two concurrent claims by the same owner win', async () => {
      await inbox().record('u1', 'telegram', {}, T);
      const claims = await Promise.all([1, 2].map(() => inbox().begin('u1', 'a', T + 1)));
      expect(claims.filter(Boolean)).toHaveLength(1);
    });

    it("lists a platform's updates not yet done, oldest first, up to a limit", async () => {
      await inbox().record('u3', 'telegram', { n: 3 }, T + 1);
      await inbox().record('u1', 'telegram', { n: 1 }, T + 2);
      await inbox().record('u2', 'telegram', { n: 2 }, T + 2);
      await inbox().record('d1', 'discord', { n: 4 }, T);
      await inbox().begin('u1', 'a', T + 3);
      expect(await inbox().open('telegram', 10)).toEqual([
        { id: 'u3', payload: { n: 3 } },
        { id: 'u1', payload: { n: 1 } },
        { id: 'u2', payload: { n: 2 } },
      ]);
      expect((await inbox().open('telegram', 1)).map((i) => i.id)).toEqual(['u3']);
      await inbox().finish('u3', T + 4);
      expect((await inbox().open('telegram', 10)).map((i) => i.id)).toEqual(['u1', 'u2']);
      expect((await inbox().open('discord', 10)).map((i) => i.id)).toEqual(['d1']);
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
