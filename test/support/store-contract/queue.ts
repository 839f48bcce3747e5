import { describe, expect, it } from 'vitest';
import type { NewTask } from '../../../src/store/records/tasks.ts';
import { T, newTask, storePerTest, type StoreFactory } from './engine.ts';

/** A waiting task of `user` in `chat` (the group), written `dt` ms after T so creation order is explicit. */
const waiting = (id: string, user: string, chat = '-100', over: Partial<NewTask> = {}): NewTask =>
  newTask(id, { userId: user, userName: `@${user}`, chatId: chat, provider: 'apiframe', waiting: true, ...over });

/** TasksRepository's queue: waiting tasks, slots counted in the store, the fair order, caps' counts, cancel. */
export function queueContract(open: StoreFactory): void {
  describe('tasks queue', () => {
    const engine = storePerTest(open);
    const tasks = () => engine().store.tasks;
    const ids = async (provider = 'apiframe') => (await tasks().waitingInOrder(provider, 1000)).map((t) => t.id);

    it('writes a waiting task pending but not submittable, never expired and never resubmitted by the sweep', async () => {
      const written = await tasks().insert(waiting('w1', 'ana', '-100', { deadlineAt: T + 10 }), T);
      expect(written).toMatchObject({ status: 'pending', provider: 'apiframe', waitingSince: T, admittedAt: null });
      expect(await tasks().claimSubmit('w1', 'p', T, 60_000)).toBe(0);
      expect(await tasks().listExpired(T + 1_000_000, 10)).toEqual([]);
      expect(await tasks().expire('w1', 'too long', 'p', T + 1_000_000)).toBe(false);
      expect(await tasks().listStalledSubmits(T + 1_000_000, 10)).toEqual([]);
      // A task not queued is admitted from the start, as before the queue.
      expect(await tasks().insert(newTask('n1', { provider: 'aiphotogenerator' }), T)).toMatchObject({ provider: 'aiphotogenerator', waitingSince: null, admittedAt: T });
    });

    it('admits waiting tasks only into free slots, counting the ones already held, and moves their deadline by the wait', async () => {
      await tasks().insert(newTask('held', { provider: 'apiframe' }), T);
      for (const n of [1, 2, 3]) await tasks().insert(waiting(`w${n}`, 'ana', '-100', { deadlineAt: T + 1000 }), T + n);
      // Another provider's slots are its own.
      await tasks().insert(newTask('other', { provider: 'aiphotogenerator' }), T);
      const admitted = await tasks().admitWaiting('apiframe', 3, T + 5000);
      expect(admitted.map((t) => t.id)).toEqual(['w1', 'w2']);
      expect(admitted[0]).toMatchObject({ status: 'pending', waitingSince: null, admittedAt: T + 5000, deadlineAt: T + 1000 + (T + 5000 - (T + 1)) });
      expect(await tasks().claimSubmit('w1', 'p', T + 5000, 60_000)).toBe(1);
      expect(await tasks().admitWaiting('apiframe', 3, T + 6000)).toEqual([]);
      // A slot frees when a task ends.
      await tasks().markSubmitted('held', 'apiframe', ['p1'], T + 6000);
      await tasks().finish('held', { kind: 'image', imageUrl: 'http://x/1.png' }, T + 7000);
      expect((await tasks().admitWaiting('apiframe', 3, T + 7000)).map((t) => t.id)).toEqual(['w3']);
      expect(await ids()).toEqual([]);
    });

    it('never admits more than the limit between concurrent admissions', async () => {
      for (let n = 0; n < 12; n++) await tasks().insert(waiting(`w${n}`, `u${n % 3}`), T + n);
      const rounds = await Promise.all(Array.from({ length: 6 }, () => tasks().admitWaiting('apiframe', 4, T + 100)));
      expect(rounds.flat()).toHaveLength(4);
      expect(new Set(rounds.flat().map((t) => t.id)).size).toBe(4);
    });

    it('takes users of a group in turns, then the one served longest ago, not first come first served', async () => {
      // ana sends four, then bo two, then cy one.
      for (const [n, id] of ['a1', 'a2', 'a3', 'a4'].entries()) await tasks().insert(waiting(id, 'ana'), T + n);
      await tasks().insert(waiting('b1', 'bo'), T + 10);
      await tasks().insert(waiting('b2', 'bo'), T + 11);
      await tasks().insert(waiting('c1', 'cy'), T + 12);
      expect(await ids()).toEqual(['a1', 'b1', 'c1', 'a2', 'b2', 'a3', 'a4']);
      // ana was just served: bo and cy go before her next job.
      expect((await tasks().admitWaiting('apiframe', 1, T + 20)).map((t) => t.id)).toEqual(['a1']);
      expect(await ids()).toEqual(['b1', 'c1', 'a2', 'b2', 'a3', 'a4']);
    });

    it('takes groups in turns, so one busy group does not hold up another', async () => {
      for (let n = 0; n < 6; n++) await tasks().insert(waiting(`g${n}`, `u${n % 2}`, '-100'), T + n);
      await tasks().insert(waiting('other', 'zed', '-200'), T + 50);
      // Discord: the server is the group, whatever the channel.
      await tasks().insert(waiting('d1', 'dee', 'chan-1', { platform: 'discord', guildId: 'guild-1' }), T + 60);
      await tasks().insert(waiting('d2', 'eve', 'chan-2', { platform: 'discord', guildId: 'guild-1' }), T + 61);
      expect(await ids()).toEqual(['g0', 'other', 'd1', 'g1', 'd2', 'g2', 'g3', 'g4', 'g5']);
    });

    it('moves every waiting task up by one place each time one is admitted', async () => {
      const users = ['ana', 'bo', 'cy', 'ana', 'ana', 'dee', 'bo', 'ana', 'cy', 'eve', 'ana', 'bo'];
      for (const [n, user] of users.entries()) await tasks().insert(waiting(`t${n}`, user, n % 4 === 3 ? '-200' : '-100'), T + n);
      let order = await ids();
      for (let step = 1; order.length > 0; step++) {
        const [admitted] = await tasks().admitWaiting('apiframe', step, T + 100 + step);
        expect(admitted?.id).toBe(order[0]);
        const next = await ids();
        expect(next).toEqual(order.slice(1));
        order = next;
      }
    });

    it('counts a user’s open jobs everywhere and a group’s open jobs by server or chat, waiting and running alike', async () => {
      await tasks().insert(waiting('w1', 'ana', '-100'), T);
      await tasks().insert(newTask('r1', { userId: 'ana', chatId: '-200' }), T);
      await tasks().insert(newTask('r2', { userId: 'bo', chatId: '-100' }), T);
      await tasks().insert(newTask('done', { userId: 'ana', chatId: '-100' }), T);
      await tasks().fail('done', 'x', T);
      await tasks().insert(newTask('d1', { platform: 'discord', guildId: 'g1', chatId: 'c1', userId: 'ana' }), T);
      await tasks().insert(newTask('d2', { platform: 'discord', guildId: 'g1', chatId: 'c2', userId: 'bo' }), T);
      expect(await tasks().openJobs({ platform: 'telegram', userId: 'ana', groupId: '-100' })).toEqual({ user: 2, group: 2 });
      expect(await tasks().openJobs({ platform: 'discord', userId: 'ana', groupId: 'g1' })).toEqual({ user: 1, group: 2 });
      expect(await engine().store.transaction((tx) => tx.tasks.openJobs({ platform: 'telegram', userId: 'cy', groupId: '-300' }))).toEqual({ user: 0, group: 0 });
    });

    it('lists a chat’s open jobs (one user’s, or everyone’s) oldest first', async () => {
      await tasks().insert(waiting('w1', 'ana'), T + 2);
      await tasks().insert(newTask('r1', { userId: 'ana' }), T + 1);
      await tasks().insert(newTask('r2', { userId: 'bo' }), T + 3);
      await tasks().insert(newTask('elsewhere', { userId: 'ana', chatId: '-200' }), T);
      expect((await tasks().openInChat('telegram', '-100', 'ana', 10)).map((t) => t.id)).toEqual(['r1', 'w1']);
      expect((await tasks().openInChat('telegram', '-100', undefined, 10)).map((t) => t.id)).toEqual(['r1', 'w1', 'r2']);
    });

    it('cancels only a waiting task, failing it undelivered and freeing its place', async () => {
      await tasks().insert(waiting('w1', 'ana'), T);
      await tasks().insert(waiting('w2', 'ana'), T + 1);
      await tasks().insert(newTask('r1'), T);
      expect(await tasks().cancelWaiting('r1', 'cancelled', T + 5)).toBe(false);
      expect(await tasks().cancelWaiting('w1', 'cancelled', T + 5)).toBe(true);
      expect(await tasks().cancelWaiting('w1', 'cancelled', T + 6)).toBe(false);
      expect(await tasks().get('w1')).toMatchObject({ status: 'failed', error: 'cancelled', delivery: 'none', waitingSince: null, finishedAt: T + 5 });
      expect(await ids()).toEqual(['w2']);
      expect(await tasks().claimSubmit('w1', 'p', T + 7, 60_000)).toBe(0);
    });

    it('averages the run time of the provider’s latest finished tasks', async () => {
      expect(await tasks().recentRunMs('apiframe', 10)).toBeUndefined();
      const runs = [40_000, 20_000, 60_000];
      for (const [n, ms] of runs.entries()) {
        await tasks().insert(newTask(`t${n}`, { provider: 'apiframe' }), T);
        await tasks().markSubmitted(`t${n}`, 'apiframe', [`p${n}`], T + n);
        await tasks().finish(`t${n}`, { kind: 'image', imageUrl: 'http://x/1.png' }, T + n + ms);
      }
      expect(await tasks().recentRunMs('apiframe', 10)).toBe(40_000);
      // The latest two finished: 40 s and 60 s.
      expect(await tasks().recentRunMs('apiframe', 2)).toBe(50_000);
      expect(await tasks().recentRunMs('aiphotogenerator', 10)).toBeUndefined();
    });

    it('lists the run times of the latest finished tasks of one kind at a provider, latest first', async () => {
      expect(await tasks().recentRunTimes('apiframe', 'mj.imagine', 10)).toEqual([]);
      const finished = async (id: string, job: NewTask['job'], provider: string, submittedAt: number, ms: number) => {
        await tasks().insert(newTask(id, { provider, job }), submittedAt);
        await tasks().markSubmitted(id, provider, [`p-${id}`], submittedAt);
        await tasks().finish(id, { kind: 'image', imageUrl: 'http://x/1.png' }, submittedAt + ms);
      };
      await finished('i1', { type: 'mj.imagine', prompt: 'a fox' }, 'apiframe', T, 50_000);
      await finished('i2', { type: 'mj.imagine', prompt: 'a fox' }, 'apiframe', T + 1, 70_000);
      await finished('i3', { type: 'mj.imagine', prompt: 'a fox' }, 'apiframe', T + 2, 60_000);
      await finished('u1', { type: 'mj.upscale', parent: 'p-i1', index: 1 }, 'apiframe', T + 3, 8_000);
      await finished('g1', { type: 'mj.imagine', prompt: 'a fox' }, 'aiphotogenerator', T + 4, 90_000);
      // Unfinished and failed tasks teach nothing.
      await tasks().insert(newTask('running', { provider: 'apiframe' }), T);
      await tasks().markSubmitted('running', 'apiframe', ['p-running'], T);
      await tasks().insert(newTask('failed', { provider: 'apiframe' }), T);
      await tasks().markSubmitted('failed', 'apiframe', ['p-failed'], T);
      await tasks().fail('failed', 'no', T + 1_000);
      expect(await tasks().recentRunTimes('apiframe', 'mj.imagine', 10)).toEqual([70_000, 60_000, 50_000]);
      expect(await tasks().recentRunTimes('apiframe', 'mj.imagine', 2)).toEqual([70_000, 60_000]);
      expect(await tasks().recentRunTimes('apiframe', 'mj.upscale', 10)).toEqual([8_000]);
      expect(await tasks().recentRunTimes('aiphotogenerator', 'mj.imagine', 10)).toEqual([90_000]);
      expect(await tasks().recentRunTimes('aiphotogenerator', 'mj.upscale', 10)).toEqual([]);
    });

    it('counts a task a poll found finished as ending midway between that read and the one that last saw it unfinished', async () => {
      await tasks().insert(newTask('polled', { provider: 'apiframe' }), T);
      await tasks().markSubmitted('polled', 'apiframe', ['p-polled'], T);
      await tasks().schedulePolls([{ id: 'polled', at: T + 60_000 }], T + 40_000);
      await tasks().finish('polled', { kind: 'image', imageUrl: 'http://x/1.png' }, T + 60_000);
      // A later schedule (the task has ended) changes nothing.
      await tasks().schedulePolls([{ id: 'polled', at: T + 90_000 }], T + 61_000);
      expect(await tasks().recentRunTimes('apiframe', 'mj.imagine', 10)).toEqual([50_000]);
    });

    it("tells when each slot-holding task started running (submitted, else admitted), earliest first, and no waiting or ended one's", async () => {
      await tasks().insert(newTask('admitted', { provider: 'apiframe' }), T + 30);
      await tasks().insert(newTask('sent', { provider: 'apiframe' }), T);
      await tasks().markSubmitted('sent', 'apiframe', ['p1'], T + 10);
      await tasks().insert(newTask('done', { provider: 'apiframe' }), T);
      await tasks().markSubmitted('done', 'apiframe', ['p2'], T + 1);
      await tasks().finish('done', { kind: 'image', imageUrl: 'http://x/1.png' }, T + 2);
      await tasks().insert(waiting('w1', 'ana'), T + 5);
      await tasks().insert(newTask('elsewhere', { provider: 'aiphotogenerator' }), T);
      expect(await tasks().runningSince('apiframe', 10)).toEqual([T + 10, T + 30]);
      expect(await tasks().runningSince('apiframe', 1)).toEqual([T + 10]);
    });

    it("records what a waiting task's message shows once: the same text again is not news", async () => {
      await tasks().insert(waiting('w1', 'ana'), T);
      expect(await tasks().markLineShown('w1', '⏳ 2nd in line')).toBe(true);
      expect(await tasks().markLineShown('w1', '⏳ 2nd in line')).toBe(false);
      expect(await tasks().markLineShown('w1', '⏳ 1st in line')).toBe(true);
      expect(await tasks().markLineShown('missing', '⏳ 1st in line')).toBe(false);
    });

    it('records a place only from a reading of the line as it still is, and never for a job that no longer waits', async () => {
      const before = await tasks().lineEpoch('apiframe');
      await tasks().insert(waiting('w1', 'ana'), T);
      await tasks().insert(waiting('w2', 'bob'), T + 1);
      const read = await tasks().lineEpoch('apiframe');
      expect(read).toBeGreaterThan(before);
      expect(await tasks().markLineShown('w2', '⏳ 2nd in line', read)).toBe(true);
      // Another instance admits w1 after this reading: its places are stale, and w1 no longer waits.
      expect((await tasks().admitWaiting('apiframe', 1, T + 10)).map((t) => t.id)).toEqual(['w1']);
      expect(await tasks().lineEpoch('apiframe')).toBeGreaterThan(read);
      expect(await tasks().markLineShown('w2', '⏳ 3rd in line', read)).toBe(false);
      expect(await tasks().markLineShown('w1', '⏳ 1st in line')).toBe(false);
      // The reading after the move records the new place.
      expect(await tasks().markLineShown('w2', '⏳ 1st in line', await tasks().lineEpoch('apiframe'))).toBe(true);
      // Another provider's line is its own.
      expect(await tasks().lineEpoch('aiphotogenerator')).toBe(0);
    });

    it('moves the line on when a waiting job is cancelled: places read before the cancel are not recorded', async () => {
      await tasks().insert(waiting('w1', 'ana'), T);
      await tasks().insert(waiting('w2', 'bob'), T + 1);
      const read = await tasks().lineEpoch('apiframe');
      // Another instance cancels w1 after this reading: w2 is first now, not second.
      expect(await tasks().cancelWaiting('w1', 'cancelled', T + 10)).toBe(true);
      expect(await tasks().lineEpoch('apiframe')).toBeGreaterThan(read);
      expect(await tasks().markLineShown('w2', '⏳ 2nd in line', read)).toBe(false);
      expect(await tasks().markLineShown('w2', '⏳ 1st in line', await tasks().lineEpoch('apiframe'))).toBe(true);
      // A cancel that finds nothing waiting moves nothing.
      const after = await tasks().lineEpoch('apiframe');
      expect(await tasks().cancelWaiting('w1', 'cancelled', T + 20)).toBe(false);
      expect(await tasks().cancelWaiting('missing', 'cancelled', T + 20)).toBe(false);
      expect(await tasks().lineEpoch('apiframe')).toBe(after);
    });
  });
}
