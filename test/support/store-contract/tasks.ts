import { describe, expect, it } from 'vitest';
import { UNQUEUED_PART_ERROR, deliverableCursor, unqueuedPartId, type DeliverableCursor } from '../../../src/store/records/tasks.ts';
import { GRID, T, newTask, storePerTest, turn, type StoreFactory } from './engine.ts';

/** TasksRepository: unique origins, guarded state changes, the submit lease and the delivery claim. */
export function tasksContract(open: StoreFactory): void {
  describe('tasks', () => {
    const engine = storePerTest(open);
    const tasks = () => engine().store.tasks;

    it('writes a new task pending and undelivered, and reads it back as written', async () => {
      const written = await tasks().insert(newTask('t1', { origin: 'tg:update:1', actionKey: 'upscale:2' }), T);
      expect(written).toMatchObject({
        id: 't1',
        job: { type: 'mj.imagine', prompt: 'a fox' },
        actionKey: 'upscale:2',
        origin: 'tg:update:1',
        status: 'pending',
        delivery: 'none',
        progress: 0,
        submitAttempts: 0,
        deliveryAttempts: 0,
        deliveryJournal: {},
        providerTaskId: null,
        message: null,
        result: null,
        error: null,
        submitLeaseUntil: null,
        createdAt: T,
        updatedAt: T,
        submittedAt: null,
        finishedAt: null,
        deadlineAt: T + 3_600_000,
      });
      expect(await tasks().get('t1')).toEqual(written);
      expect(await tasks().get('t2')).toBeUndefined();
    });

    it("keeps the language of the command that wrote a task, English when none was given", async () => {
      expect((await tasks().insert(newTask('es1', { locale: 'es' }), T)).locale).toBe('es');
      expect((await tasks().get('es1'))?.locale).toBe('es');
      expect((await tasks().insert(newTask('en1'), T)).locale).toBe('en');
    });

    it('refuses a job that does not parse, and a second task of the same id', async () => {
      await expect(tasks().insert(newTask('t1', { job: { type: 'mj.imagine', prompt: '' } }), T)).rejects.toThrow();
      expect(await tasks().get('t1')).toBeUndefined();
      await tasks().insert(newTask('t1'), T);
      await expect(tasks().insert(newTask('t1', { prompt: 'other' }), T)).rejects.toThrow();
      expect((await tasks().get('t1'))?.prompt).toBe('a fox');
    });

    it('makes one task per platform event: a second with the same origin is refused, and byOrigin finds the first', async () => {
      await tasks().insert(newTask('t1', { origin: 'tg:update:1' }), T);
      await expect(tasks().insert(newTask('t2', { origin: 'tg:update:1' }), T)).rejects.toThrow();
      expect(await tasks().get('t2')).toBeUndefined();
      expect((await tasks().byOrigin('tg:update:1'))?.id).toBe('t1');
      expect(await tasks().byOrigin('tg:update:2')).toBeUndefined();
      // Tasks of no platform event are not one another's duplicates.
      await tasks().insert(newTask('t3'), T);
      await tasks().insert(newTask('t4'), T);
      expect(await tasks().countUnfinished()).toBe(3);
    });

    it('leases the submit: one holder at a time, forced only from another owner, free again when it runs out', async () => {
      await tasks().insert(newTask('t1'), T);
      expect(await tasks().claimSubmit('t1', 'a', T, 60_000)).toBe(1);
      expect(await tasks().claimSubmit('t1', 'b', T + 1, 60_000)).toBe(0);
      expect(await tasks().claimSubmit('t1', 'a', T + 1, 60_000, true)).toBe(0);
      expect(await tasks().claimSubmit('t1', 'b', T + 2, 60_000, true)).toBe(2);
      expect(await tasks().claimSubmit('t1', 'c', T + 2 + 60_000, 60_000)).toBe(3);
      expect(await tasks().get('t1')).toMatchObject({ submitAttempts: 3, submitLeaseUntil: T + 2 + 120_000 });
    });

    it('lets one of two concurrent submit claims win', async () => {
      await tasks().insert(newTask('t1'), T);
      const claims = await Promise.all(['a', 'b'].map((owner) => tasks().claimSubmit('t1', owner, T, 60_000)));
      expect(claims.sort()).toEqual([0, 1]);
    });

    it('a failed task cannot be claimed for a submit, and a task being submitted cannot expire', async () => {
      await tasks().insert(newTask('t1', { deadlineAt: T + 1 }), T);
      expect(await tasks().claimSubmit('t1', 'this-process', T, 60_000)).toBe(1);
      expect(await tasks().expire('t1', 'too long', 'another-process', T + 10)).toBe(false);
      // Once the lease has run out (its process died) the deadline applies.
      expect(await tasks().expire('t1', 'too long', 'another-process', T + 60_001)).toBe(true);
      expect(await tasks().claimSubmit('t1', 'this-process', T + 60_002, 60_000)).toBe(0);
    });

    it('expires only a task past its deadline, failing it with the reason and making it due for delivery', async () => {
      await tasks().insert(newTask('t1', { deadlineAt: T + 100 }), T);
      expect(await tasks().expire('t1', 'took too long', 'p', T + 99)).toBe(false);
      await tasks().claimSubmit('t1', 'p', T, 10);
      await tasks().markSubmitted('t1', 'apiframe', ['p1'], T + 1);
      expect(await tasks().expire('t1', 'took too long', 'p', T + 100)).toBe(true);
      expect(await tasks().get('t1')).toMatchObject({ status: 'failed', error: 'took too long', delivery: 'pending', finishedAt: T + 100 });
      expect(await tasks().expire('t1', 'took too long', 'p', T + 200)).toBe(false);
    });

    it('marks a pending task submitted once, with its parts in order and the unqueued images failed from the start', async () => {
      await tasks().insert(newTask('t1'), T);
      await tasks().claimSubmit('t1', 'p', T, 60_000);
      expect(await tasks().markSubmitted('t1', 'apiframe', ['p1', 'p2'], T + 1, 1)).toBe(true);
      expect(await tasks().get('t1')).toMatchObject({ status: 'submitted', provider: 'apiframe', providerTaskId: 'p1', submittedAt: T + 1, submitLeaseUntil: null });
      const parts = [
        { provider: 'apiframe', partId: 'p1', state: 'waiting', result: null, error: null },
        { provider: 'apiframe', partId: 'p2', state: 'waiting', result: null, error: null },
        { provider: 'apiframe', partId: unqueuedPartId('t1', 1), state: 'failed', result: null, error: UNQUEUED_PART_ERROR },
      ];
      expect(await tasks().parts('t1')).toEqual(parts);
      expect(await tasks().markSubmitted('t1', 'apiframe', ['p3'], T + 2)).toBe(false);
      expect(await tasks().parts('t1')).toEqual(parts);

      await tasks().insert(newTask('t2'), T);
      await tasks().fail('t2', 'refused', T);
      expect(await tasks().markSubmitted('t2', 'apiframe', ['p4'], T + 1)).toBe(false);
      expect(await tasks().parts('t2')).toEqual([]);
    });

    it('finds a task by any of its parts, and only at its own provider', async () => {
      await tasks().insert(newTask('t1'), T);
      await tasks().insert(newTask('t2'), T);
      await tasks().markSubmitted('t1', 'apiframe', ['x', 'y'], T);
      // Two providers may use the same id for their own jobs.
      expect(await tasks().markSubmitted('t2', 'aiphotogenerator', ['x'], T)).toBe(true);
      expect((await tasks().byProviderId('apiframe', 'y'))?.id).toBe('t1');
      expect((await tasks().byProviderId('apiframe', 'x'))?.id).toBe('t1');
      expect((await tasks().byProviderId('aiphotogenerator', 'x'))?.id).toBe('t2');
      expect(await tasks().byProviderId('aiphotogenerator', 'y')).toBeUndefined();
    });

    it('settles a part once: a replay, or an unknown part, changes nothing', async () => {
      await tasks().insert(newTask('t1'), T);
      await tasks().markSubmitted('t1', 'apiframe', ['p1', 'p2'], T);
      expect(await tasks().settlePart('apiframe', 'p1', { state: 'finished', result: { kind: 'image', imageUrl: 'http://x/1.png' } }, T + 1)).toBe(true);
      expect(await tasks().settlePart('apiframe', 'p1', { state: 'failed', error: 'late' }, T + 2)).toBe(false);
      expect(await tasks().settlePart('apiframe', 'p2', { state: 'failed', error: 'blocked' }, T + 2)).toBe(true);
      expect(await tasks().settlePart('apiframe', 'p9', { state: 'failed', error: 'who' }, T + 2)).toBe(false);
      expect(await tasks().settlePart('other', 'p2', { state: 'finished' }, T + 2)).toBe(false);
      expect(await tasks().parts('t1')).toEqual([
        { provider: 'apiframe', partId: 'p1', state: 'finished', result: { kind: 'image', imageUrl: 'http://x/1.png' }, error: null },
        { provider: 'apiframe', partId: 'p2', state: 'failed', result: null, error: 'blocked' },
      ]);
    });

    it('records only higher progress, and none once the task has ended', async () => {
      await tasks().insert(newTask('t1'), T);
      expect(await tasks().recordProgress('t1', 10, T)).toBe(true);
      expect(await tasks().recordProgress('t1', 10, T)).toBe(false);
      expect(await tasks().recordProgress('t1', 5, T)).toBe(false);
      expect(await tasks().recordProgress('t1', 50, T)).toBe(true);
      expect((await tasks().get('t1'))?.progress).toBe(50);
      await tasks().finish('t1', GRID, T + 1);
      expect(await tasks().recordProgress('t1', 60, T + 2)).toBe(false);
      expect((await tasks().get('t1'))?.progress).toBe(100);
    });

    it('ends a task once: finished or failed, whichever comes first', async () => {
      await tasks().insert(newTask('t1'), T);
      expect(await tasks().finish('t1', GRID, T + 1)).toBe(true);
      expect(await tasks().finish('t1', GRID, T + 2)).toBe(false);
      expect(await tasks().fail('t1', 'late', T + 2)).toBe(false);
      expect(await tasks().get('t1')).toMatchObject({ status: 'finished', result: GRID, error: null, delivery: 'pending', finishedAt: T + 1 });

      await tasks().insert(newTask('t2'), T);
      expect(await tasks().fail('t2', 'boom', T + 1)).toBe(true);
      expect(await tasks().finish('t2', GRID, T + 2)).toBe(false);
      expect(await tasks().get('t2')).toMatchObject({ status: 'failed', error: 'boom', result: null, delivery: 'pending' });

      // A quiet failure is not delivered.
      await tasks().insert(newTask('t3'), T);
      expect(await tasks().fail('t3', 'quiet', T + 1, false)).toBe(true);
      expect(await tasks().get('t3')).toMatchObject({ status: 'failed', delivery: 'none' });
    });

    it('lets exactly one of several concurrent delivery claims win, and only once the result is due', async () => {
      await tasks().insert(newTask('t1'), T);
      expect(await tasks().claimDelivery('t1', 'me', T, T + 1_000)).toBe(false);
      await tasks().finish('t1', GRID, T + 1);
      const claims = await Promise.all([1, 2, 3].map(() => tasks().claimDelivery('t1', 'me', T + 2, T + 2 + 1_000)));
      expect(claims.filter(Boolean)).toHaveLength(1);
      expect(await tasks().get('t1')).toMatchObject({ delivery: 'sending', deliveryAttempts: 1 });
    });

    it('delivers once: the journal is kept while sending, the result message when sent, and a sent task is not claimed again', async () => {
      await tasks().insert(newTask('t1'), T);
      await tasks().finish('t1', GRID, T + 1);
      await tasks().recordDeliveryStep('t1', { early: true });
      expect((await tasks().get('t1'))?.deliveryJournal).toEqual({});
      await tasks().claimDelivery('t1', 'me', T + 2, T + 2 + 1_000);
      await tasks().recordDeliveryStep('t1', { grid: 'm1' });
      expect((await tasks().get('t1'))?.deliveryJournal).toEqual({ grid: 'm1' });
      await tasks().markDelivered('t1', { platform: 'telegram', chatId: '-100', messageId: 'm1' }, T + 3);
      expect(await tasks().get('t1')).toMatchObject({ delivery: 'sent', nextDeliveryAt: null });
      expect(await tasks().claimDelivery('t1', 'me', T + 4, T + 4 + 1_000)).toBe(false);
      await tasks().recordDeliveryStep('t1', { after: true });
      await tasks().releaseDelivery('t1', T + 5, T + 4);
      expect(await tasks().get('t1')).toMatchObject({ delivery: 'sent', deliveryJournal: { grid: 'm1' } });
    });

    it('offers a released delivery again from its retry time, and gives up only on one in flight', async () => {
      await tasks().insert(newTask('t1'), T);
      await tasks().finish('t1', GRID, T + 1);
      await tasks().claimDelivery('t1', 'me', T + 2, T + 2 + 1_000);
      await tasks().releaseDelivery('t1', T + 100, T + 2);
      expect(await tasks().get('t1')).toMatchObject({ delivery: 'pending', nextDeliveryAt: T + 100 });
      expect(await tasks().listDeliverable(T + 99, 10)).toEqual([]);
      expect((await tasks().listDeliverable(T + 100, 10)).map((t) => t.id)).toEqual(['t1']);
      await tasks().giveUpDelivery('t1', T + 100);
      expect((await tasks().get('t1'))?.delivery).toBe('pending');
      expect(await tasks().claimDelivery('t1', 'me', T + 100, T + 100 + 1_000)).toBe(true);
      expect((await tasks().get('t1'))?.deliveryAttempts).toBe(2);
      await tasks().giveUpDelivery('t1', T + 101);
      expect((await tasks().get('t1'))?.delivery).toBe('gave_up');
      expect(await tasks().listDeliverable(T + 1_000, 10)).toEqual([]);
    });

    it('lists deliverable results in the order they finished, and unfinished tasks oldest first, each up to a limit', async () => {
      for (const [id, at] of [['a', 3], ['b', 1], ['c', 2], ['d', 4]] as const) await tasks().insert(newTask(id), T + at);
      await tasks().finish('a', GRID, T + 20);
      await tasks().fail('d', 'boom', T + 10);
      expect((await tasks().listDeliverable(T + 30, 10)).map((t) => t.id)).toEqual(['d', 'a']);
      expect((await tasks().listDeliverable(T + 30, 1)).map((t) => t.id)).toEqual(['d']);
      expect((await tasks().listUnfinished(10)).map((t) => t.id)).toEqual(['b', 'c']);
      expect((await tasks().listUnfinished(1)).map((t) => t.id)).toEqual(['b']);
      expect(await tasks().countUnfinished()).toBe(2);
    });

    it('pages deliverable results after a cursor, each once, in the order they finished (ties by id)', async () => {
      for (const [id, at] of [['a', 20], ['b', 10], ['c', 20], ['d', 30], ['e', 10]] as const) {
        await tasks().insert(newTask(id), T);
        await tasks().finish(id, GRID, T + at);
      }
      const pages: string[][] = [];
      let after: DeliverableCursor | undefined;
      for (let i = 0; i < 5; i++) {
        const page = await tasks().listDeliverable(T + 100, 2, after);
        if (page.length === 0) break;
        pages.push(page.map((t) => t.id));
        after = deliverableCursor(page.at(-1)!);
      }
      expect(pages).toEqual([['b', 'e'], ['a', 'c'], ['d']]);
    });

    it('reopens every delivery a restart interrupted', async () => {
      for (const id of ['a', 'b', 'c']) {
        await tasks().insert(newTask(id), T);
        await tasks().finish(id, GRID, T);
      }
      await tasks().claimDelivery('a', 'me', T + 1, T + 1 + 1_000);
      await tasks().claimDelivery('b', 'me', T + 1, T + 1 + 1_000);
      expect(await tasks().reopenInterruptedDeliveries(T + 2)).toBe(2);
      expect((await tasks().listDeliverable(T + 2, 10)).map((t) => t.id).sort()).toEqual(['a', 'b', 'c']);
    });

    it("finds a result's newest live child made by an action, and counts them", async () => {
      await tasks().insert(newTask('p'), T);
      await tasks().insert(newTask('c1', { parentId: 'p', actionKey: 'upscale:2' }), T + 1);
      await tasks().insert(newTask('c2', { parentId: 'p', actionKey: 'upscale:2' }), T + 2);
      await tasks().insert(newTask('c3', { parentId: 'p', actionKey: 'upscale:3' }), T + 3);
      expect((await tasks().findLiveChild('p', 'upscale:2'))?.id).toBe('c2');
      expect(await tasks().countLiveChildren('p', 'upscale:2')).toBe(2);
      await tasks().fail('c2', 'boom', T + 4);
      expect((await tasks().findLiveChild('p', 'upscale:2'))?.id).toBe('c1');
      expect(await tasks().countLiveChildren('p', 'upscale:2')).toBe(1);
      expect(await tasks().findLiveChild('p', 'variations:1')).toBeUndefined();
      expect(await tasks().countLiveChildren('p', 'variations:1')).toBe(0);
    });

    it('keeps the progress message as written', async () => {
      await tasks().insert(newTask('t1'), T);
      const ref = { platform: 'discord' as const, chatId: 'c1', messageId: 'm1', extra: { token: 'abc', expires: 123 } };
      expect(await tasks().setMessage('t1', ref, T + 1)).toBe(true);
      expect((await tasks().get('t1'))?.message).toEqual(ref);
    });

    it('records a progress message until a delivery begins without it, and says when it did not', async () => {
      const ref = (m: string) => ({ platform: 'telegram' as const, chatId: '-100', messageId: m });
      await tasks().insert(newTask('t1'), T);
      await tasks().finish('t1', GRID, T + 1);
      expect(await tasks().setMessage('t1', ref('m1'), T + 2)).toBe(true);
      await tasks().claimDelivery('t1', 'b', T + 3, T + 100);
      expect(await tasks().setMessage('t1', ref('m2'), T + 4)).toBe(false);
      await tasks().markDelivered('t1', undefined, T + 5);
      expect(await tasks().setMessage('t1', ref('m3'), T + 6)).toBe(false);
      expect((await tasks().get('t1'))?.message).toEqual(ref('m1'));
    });

    it('lets one of two concurrent units ending the same task win', async () => {
      await tasks().insert(newTask('t1'), T);
      const store = engine().store;
      const ends = await Promise.all([
        store.transaction(async (tx) => (await turn(), tx.tasks.finish('t1', GRID, T + 1))),
        store.transaction(async (tx) => (await turn(), tx.tasks.fail('t1', 'boom', T + 1))),
      ]);
      expect(ends.filter(Boolean)).toHaveLength(1);
    });
  });
}
