/**
 * An admission reads the line in several statements; a job committed between two of them could move
 * its user back in the turn order, behind a page already read, and be missed while slots are free
 * (two instances under load: a job told "1st in line" that should have started at once). So a job
 * joins the line only between admissions: one being written when an admission starts is waited for,
 * and admitted with the rest. A cancel takes the same lock, so cancels and admissions on several
 * connections never deadlock on the line's rows.
 */
import { beforeEach, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.ts';
import { describePostgres } from '../support/postgres.ts';
import { newTask } from '../support/store-contract/engine.ts';

const T = 1_800_000_000_000;

describePostgres('admission and jobs joining the line', (server) => {
  let store: Store;
  beforeEach(async () => {
    store = await server.newStore();
  });

  it('waits for a job being written to the line when it starts, and admits it with the others', async () => {
    await store.tasks.insert(newTask('early', { provider: 'apiframe', waiting: true, userId: 'u1' }), T);
    let commit!: () => void;
    const held = new Promise<void>((r) => (commit = r));
    let written!: () => void;
    const inserted = new Promise<void>((r) => (written = r));
    const writing = store.transaction(async (tx) => {
      await tx.tasks.insert(newTask('late', { provider: 'apiframe', waiting: true, userId: 'u2' }), T + 1);
      written();
      await held;
    });
    await inserted;
    const admission = store.tasks.admitWaiting('apiframe', 10, T + 100);
    // The admission has had time to read the line; only then is the job's transaction committed.
    await Promise.race([admission, new Promise((r) => setTimeout(r, 300))]);
    commit();
    await writing;
    const admitted = (await admission).map((t) => t.id).sort();
    expect(admitted).toEqual(['early', 'late']);
    expect((await store.tasks.waitingInOrder('apiframe', 10)).map((t) => t.id)).toEqual([]);
  });

  it('cancels beside admissions on other connections end every job one way, with no deadlock', async () => {
    const ids = Array.from({ length: 60 }, (_, i) => `j${i}`);
    for (const [i, id] of ids.entries()) {
      await store.tasks.insert(newTask(id, { provider: 'apiframe', waiting: true, userId: `u${i % 6}`, chatId: `-${100 + (i % 3)}` }), T + i);
    }
    const before = await store.tasks.lineEpoch('apiframe');
    // Every other job cancelled while admissions take the line a few slots at a time (no job finishes, so each takes new slots).
    const cancels = Promise.all(ids.filter((_, i) => i % 2 === 1).map((id, i) => store.tasks.cancelWaiting(id, 'cancelled', T + 1_000 + i)));
    const admissions = Promise.all(Array.from({ length: 12 }, (_, i) => store.tasks.admitWaiting('apiframe', 5 * (i + 1), T + 2_000 + i)));
    const [cancelled, admitted] = await Promise.all([cancels, admissions]);
    const admittedIds = admitted.flat().map((t) => t.id);
    expect(new Set(admittedIds).size).toBe(admittedIds.length);
    const ended = await Promise.all(ids.map((id) => store.tasks.get(id)));
    for (const task of ended) {
      expect(task!.waitingSince).toBeNull();
      expect(task!.status === 'failed').toBe(!admittedIds.includes(task!.id));
    }
    expect(cancelled.filter(Boolean).length + admittedIds.length).toBe(ids.length);
    expect(await store.tasks.lineEpoch('apiframe')).toBeGreaterThan(before);
  });
});
