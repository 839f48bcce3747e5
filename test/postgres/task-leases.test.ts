/**
 * Two task services on one PostgreSQL database, as two instances of the bot run them: a task is
 * submitted, polled and delivered by one of them, and taken over by the other only once the
 * first one's lease has lapsed (it died), never while it lives.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.ts';
import { FakeApiframe } from '../fakes/apiframe.ts';
import { MemoryChat, scope } from '../support/memory-chat.ts';
import { describePostgres } from '../support/postgres.ts';
import { TaskInstances, type TaskInstance } from '../support/task-instances.ts';

const LEASE_MS = 30_000;
const INTERVAL_MS = 3_000;
const imagine = (prompt = 'a red fox') => ({ scope: scope(), job: { type: 'mj.imagine' as const, prompt }, prompt, label: 'Imagine' });

let fake: FakeApiframe;
let clock: number;
const instances = new TaskInstances(() => fake);
beforeEach(async () => {
  fake = await FakeApiframe.start();
  clock = 1_000_000;
});
afterEach(() => instances.close());

describePostgres('task leases shared by two instances', (server) => {
  let store: Store;
  beforeEach(async () => {
    store = await server.newStore();
  });

  /** One instance: its own provider client and chat, the shared store, the test's clock. */
  const instance = (name: string, chat = new MemoryChat()): TaskInstance =>
    instances.start(store, name, { now: () => clock, leaseMs: LEASE_MS, pollIntervalMs: INTERVAL_MS }, chat);

  it('an instance starting while another submits a task does not submit it again', async () => {
    const a = instance('a');
    fake.failNext('/imagine', { status: 200, body: { task_id: 'p-1' }, delayMs: 400 });
    const started = a.tasks.start(imagine(), a.chat.responder(scope()));
    await waitUntil(() => fake.callCount('/imagine') === 1);
    const b = instance('b');
    await b.tasks.resume();
    const task = await started;
    expect(task.status).toBe('submitted');
    expect(task.submitAttempts).toBe(1);
    expect(fake.callCount('/imagine')).toBe(1);
  });

  it("takes over a dead instance's submit once its lease lapsed, not before", async () => {
    const a = instance('a');
    fake.stallNext('/imagine');
    void a.tasks.start(imagine(), a.chat.responder(scope())).catch(() => undefined);
    await waitUntil(() => fake.callCount('/imagine') === 1);
    // a is gone from here on: its submit never answers, its lease is never renewed.
    const b = instance('b');
    await b.tasks.sweep();
    expect(fake.callCount('/imagine')).toBe(1);
    clock += LEASE_MS;
    await b.tasks.sweep();
    expect(fake.callCount('/imagine')).toBe(2);
    const [task] = await store.tasks.listUnfinished(10);
    expect(task).toMatchObject({ status: 'submitted', submitAttempts: 2 });
  });

  it("delivers a result whose delivering instance died, once, after that instance's lease lapsed", async () => {
    const chat = new MemoryChat();
    const a = instance('a', chat);
    const task = await a.tasks.start(imagine(), chat.responder(scope()));
    await fake.finish(task.providerTaskId!);
    await store.tasks.finish(task.id, { kind: 'grid', gridUrl: `${fake.url}/g.png`, imageUrls: [] }, clock);
    // a claimed the delivery and died before it was sent.
    expect(await store.tasks.claimDelivery(task.id, 'a', clock, clock + LEASE_MS)).toBe(true);
    const b = instance('b', chat);
    await b.tasks.sweep();
    await b.tasks.idle();
    expect(chat.of('result')).toHaveLength(0);
    clock += LEASE_MS;
    await b.tasks.sweep();
    await b.tasks.idle();
    await b.tasks.sweep();
    await b.tasks.idle();
    expect(chat.of('result')).toHaveLength(1);
    expect(await store.tasks.get(task.id)).toMatchObject({ delivery: 'sent', deliveryAttempts: 2 });
  });

  it('a progress message shown only after the other instance delivered the result without it is removed', async () => {
    const chat = new MemoryChat();
    const a = instance('a', chat);
    const b = instance('b', chat);
    // a's chat is slow to show the progress message (a busy group waits out its rate limit).
    let show!: () => void;
    const shown = new Promise<void>((resolve) => (show = resolve));
    const slow = chat.responder(scope());
    const respond = { ...slow, progress: async (text: string) => (await shown, slow.progress(text)) };
    const started = a.tasks.start(imagine(), respond);
    const job = await fake.waitForTask('imagine');
    for (let i = 0; i < 500 && (await store.tasks.listUnfinished(1))[0]?.status !== 'submitted'; i++) await new Promise((r) => setTimeout(r, 10));
    await fake.finish(job.id);
    await b.tasks.sweep({ force: true });
    await b.tasks.idle();
    expect(chat.of('result')).toHaveLength(1);
    show();
    await started;
    const progress = chat.of('progress');
    expect(progress).toHaveLength(1);
    expect(chat.of('removed').map((e) => e.messageId)).toEqual([progress[0]!.messageId]);
  });

  it('shares the polling: sweeping side by side, the two read each unfinished task once per interval in all', async () => {
    const a = instance('a');
    const b = instance('b');
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await a.tasks.start(imagine(`fox ${i}`), a.chat.responder(scope()))).providerTaskId!);
    for (let round = 0; round < 3; round++) {
      const since = Date.now();
      await Promise.all([a.tasks.sweep(), b.tasks.sweep()]);
      await Promise.all([a.tasks.sweep(), b.tasks.sweep()]);
      const reads = fake.readsPerTask(since);
      expect(ids.map((id) => reads.get(id) ?? 0)).toEqual(ids.map(() => 1));
      clock += INTERVAL_MS;
    }
  });
});

async function waitUntil(ok: () => boolean, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}
