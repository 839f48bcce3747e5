import { describe, expect, it } from 'vitest';
import { GRID, T, newTask, storePerTest, type StoreFactory } from './engine.ts';

/**
 * What lets several instances share the tasks: a delivery lease taken over once it lapses, leases
 * renewed and let go per owner, poll claims that hand each due task to one sweeper, and the
 * targeted lists a sweep reads instead of every unfinished task.
 */
export function taskLeasesContract(open: StoreFactory): void {
  describe('task leases', () => {
    const engine = storePerTest(open);
    const tasks = () => engine().store.tasks;
    const submitted = async (id: string, at = T, provider = 'apiframe') => {
      await tasks().insert(newTask(id), at);
      await tasks().claimSubmit(id, 'p', at, 60_000);
      await tasks().markSubmitted(id, provider, [`${id}-part`], at);
    };

    it('takes over a delivery left sending only once its lease lapsed, counting the attempt, and lists it as deliverable then', async () => {
      await tasks().insert(newTask('t1'), T);
      await tasks().finish('t1', GRID, T + 1);
      expect(await tasks().claimDelivery('t1', 'a', T + 2, T + 100)).toBe(true);
      expect(await tasks().claimDelivery('t1', 'b', T + 50, T + 150)).toBe(false);
      expect(await tasks().listDeliverable(T + 99, 10)).toEqual([]);
      expect((await tasks().listDeliverable(T + 100, 10)).map((t) => t.id)).toEqual(['t1']);
      const rivals = await Promise.all(['b', 'c'].map((owner) => tasks().claimDelivery('t1', owner, T + 100, T + 200)));
      expect(rivals.filter(Boolean)).toHaveLength(1);
      expect(await tasks().get('t1')).toMatchObject({ delivery: 'sending', deliveryAttempts: 2 });
      await tasks().markDelivered('t1', undefined, T + 101);
      expect(await tasks().listDeliverable(T + 10_000, 10)).toEqual([]);
      expect(await tasks().claimDelivery('t1', 'd', T + 10_000, T + 10_100)).toBe(false);
    });

    it("renews only the owner's submit and delivery leases, and lets go of one owner's or everyone's", async () => {
      for (const id of ['s1', 's2', 'd1']) await tasks().insert(newTask(id), T);
      await tasks().claimSubmit('s1', 'a', T, 100);
      await tasks().claimSubmit('s2', 'b', T, 100);
      await tasks().finish('d1', GRID, T);
      await tasks().claimDelivery('d1', 'a', T, T + 100);
      expect(await tasks().renewLeases('a', T + 1_000)).toBe(2);
      expect((await tasks().get('s1'))?.submitLeaseUntil).toBe(T + 1_000);
      expect((await tasks().get('s2'))?.submitLeaseUntil).toBe(T + 100);
      // a's are held past b's lapse: only b's submit is free at T + 100.
      expect((await tasks().listStalledSubmits(T + 100, 10)).map((t) => t.id)).toEqual(['s2']);
      expect(await tasks().listDeliverable(T + 100, 10)).toEqual([]);
      expect(await tasks().releaseLeases('a')).toBe(2);
      expect((await tasks().listStalledSubmits(T + 1, 10)).map((t) => t.id)).toEqual(['s1']);
      expect((await tasks().listDeliverable(T + 1, 10)).map((t) => t.id)).toEqual(['d1']);
      expect(await tasks().claimSubmit('s1', 'c', T + 1, 100)).toBe(2);
      expect(await tasks().releaseLeases(null)).toBe(2);
      expect(await tasks().claimSubmit('s2', 'd', T + 2, 100)).toBe(2);
    });

    it('lists unfinished tasks past their deadline, earliest first, and pending tasks no live submit holds, oldest first', async () => {
      await tasks().insert(newTask('late', { deadlineAt: T + 20 }), T + 1);
      await tasks().insert(newTask('later', { deadlineAt: T + 10 }), T + 2);
      await tasks().insert(newTask('fine'), T + 3);
      await tasks().insert(newTask('held'), T + 4);
      await tasks().insert(newTask('done', { deadlineAt: T + 5 }), T + 5);
      await tasks().finish('done', GRID, T + 6);
      await tasks().claimSubmit('held', 'a', T + 4, 1_000);
      expect((await tasks().listExpired(T + 30, 10)).map((t) => t.id)).toEqual(['later', 'late']);
      expect((await tasks().listExpired(T + 15, 10)).map((t) => t.id)).toEqual(['later']);
      expect((await tasks().listStalledSubmits(T + 30, 10)).map((t) => t.id)).toEqual(['late', 'later', 'fine']);
      expect((await tasks().listStalledSubmits(T + 30, 1)).map((t) => t.id)).toEqual(['late']);
      expect((await tasks().listStalledSubmits(T + 1_004, 10)).map((t) => t.id)).toEqual(['late', 'later', 'fine', 'held']);
    });

    it('leaves out of the stalled submits a task changed since quietSince: written or admitted a moment ago, its writer is starting it', async () => {
      await tasks().insert(newTask('old'), T);
      await tasks().insert(newTask('fresh'), T + 50);
      expect((await tasks().listStalledSubmits(T + 60, 10, undefined, T + 10)).map((t) => t.id)).toEqual(['old']);
      expect((await tasks().listStalledSubmits(T + 60, 10, undefined, T + 50)).map((t) => t.id)).toEqual(['old', 'fresh']);
      // A lapsed claim counts as a change at the time it was made.
      await tasks().claimSubmit('old', 'a', T + 55, 1);
      expect((await tasks().listStalledSubmits(T + 60, 10, undefined, T + 50)).map((t) => t.id)).toEqual(['fresh']);
    });

    it('reads deadlines and stalled submits page by page past the last task seen, ties in the order of their ids', async () => {
      // Five due at once (ties by deadline and by creation), written out of id order.
      for (const id of ['e', 'b', 'd', 'a', 'c']) await tasks().insert(newTask(id, { deadlineAt: T + 10 }), T);
      await tasks().insert(newTask('z', { deadlineAt: T + 5 }), T + 1);
      const pages = async (list: (after?: { at: number; id: string }) => Promise<Array<{ id: string; deadlineAt: number; createdAt: number }>>, at: (t: { deadlineAt: number; createdAt: number }) => number) => {
        const seen: string[][] = [];
        let after: { at: number; id: string } | undefined;
        for (let n = 0; n < 10; n++) {
          const page = await list(after);
          seen.push(page.map((t) => t.id));
          if (page.length < 2) break;
          after = { at: at(page.at(-1)!), id: page.at(-1)!.id };
        }
        return seen;
      };
      // A page's tasks stay listed (none was handled): the cursor, not their leaving, moves the sweep on.
      expect(await pages((after) => tasks().listExpired(T + 20, 2, after), (t) => t.deadlineAt)).toEqual([['z', 'a'], ['b', 'c'], ['d', 'e'], []]);
      expect(await pages((after) => tasks().listStalledSubmits(T + 20, 2, after), (t) => t.createdAt)).toEqual([['a', 'b'], ['c', 'd'], ['e', 'z'], []]);
    });

    it("claims a provider's submitted tasks due for a poll, each until its next turn, and only quiet ones", async () => {
      await submitted('a', T);
      await submitted('b', T + 1);
      await submitted('x', T + 2, 'other');
      await tasks().insert(newTask('pending'), T);
      const first = await tasks().claimPolls('apiframe', T + 10, { quietSince: T + 10, nextDueAt: T + 110, limit: 10 });
      expect(first.map((t) => t.id)).toEqual(['a', 'b']);
      expect(await tasks().claimPolls('apiframe', T + 50, { quietSince: T + 50, nextDueAt: T + 150, limit: 10 })).toEqual([]);
      // Due again at their turn; news since quietSince (a webhook's progress) holds one back.
      await tasks().recordProgress('b', 40, T + 105);
      expect((await tasks().claimPolls('apiframe', T + 110, { quietSince: T + 100, nextDueAt: T + 210, limit: 10 })).map((t) => t.id)).toEqual(['a']);
      // `all` takes every one, due or not; the limit caps a claim.
      expect((await tasks().claimPolls('apiframe', T + 111, { quietSince: T, nextDueAt: T + 211, limit: 10, all: true })).map((t) => t.id)).toEqual(['a', 'b']);
      expect(await tasks().claimPolls('apiframe', T + 300, { quietSince: T + 300, nextDueAt: T + 400, limit: 1 })).toHaveLength(1);
      expect((await tasks().claimPolls('other', T + 10, { quietSince: T + 10, nextDueAt: T + 110, limit: 10 })).map((t) => t.id)).toEqual(['x']);
    });

    it('schedules each submitted task its own next poll, leaving ended tasks alone, and claims each when its own time comes', async () => {
      await submitted('soon', T);
      await submitted('later', T + 1);
      await submitted('done', T + 2);
      await tasks().finish('done', GRID, T + 3);
      // Claimed together and held until the longest gap, then each given its own time.
      expect((await tasks().claimPolls('apiframe', T + 10, { quietSince: T + 10, nextDueAt: T + 30_000, limit: 10 })).map((t) => t.id)).toEqual(['soon', 'later']);
      await tasks().schedulePolls([
        { id: 'soon', at: T + 3_000 },
        { id: 'later', at: T + 15_000 },
        { id: 'done', at: T + 3_000 },
        { id: 'nobody', at: T },
      ], T + 10);
      await tasks().schedulePolls([], T + 10);
      expect(await tasks().claimPolls('apiframe', T + 2_999, { quietSince: T + 2_999, nextDueAt: T + 40_000, limit: 10 })).toEqual([]);
      expect((await tasks().claimPolls('apiframe', T + 3_000, { quietSince: T + 3_000, nextDueAt: T + 40_000, limit: 10 })).map((t) => t.id)).toEqual(['soon']);
      expect(await tasks().claimPolls('apiframe', T + 14_999, { quietSince: T + 14_999, nextDueAt: T + 40_000, limit: 10 })).toEqual([]);
      expect((await tasks().claimPolls('apiframe', T + 15_000, { quietSince: T + 15_000, nextDueAt: T + 40_000, limit: 10 })).map((t) => t.id)).toEqual(['later']);
      expect(await tasks().get('done')).toMatchObject({ status: 'finished' });
    });

    it('hands each due task to one of several concurrent poll claims', async () => {
      for (let i = 0; i < 30; i++) await submitted(`t${i}`, T + i);
      const claims = await Promise.all([1, 2, 3].map(() => tasks().claimPolls('apiframe', T + 100, { quietSince: T + 100, nextDueAt: T + 200, limit: 30 })));
      const ids = claims.flatMap((c) => c.map((t) => t.id));
      expect(ids).toHaveLength(30);
      expect(new Set(ids).size).toBe(30);
    });
  });
}
