/**
 * Two instances on one PostgreSQL database share the provider's concurrency: the slots are counted
 * in the database, so between them they never have more jobs at Apiframe than APIFRAME_CONCURRENCY,
 * and a slot freed on one instance starts a job the other wrote.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Store } from '../../src/store/index.ts';
import { FakeApiframe } from '../fakes/apiframe.ts';
import { MemoryChat, scope } from '../support/memory-chat.ts';
import { describePostgres } from '../support/postgres.ts';
import { TaskInstances, type TaskInstance } from '../support/task-instances.ts';

const CONCURRENCY = 3;

let fake: FakeApiframe;
const instances = new TaskInstances(() => fake);
beforeEach(async () => {
  fake = await FakeApiframe.start();
});
afterEach(() => instances.close());

const inFlight = () => [...fake.tasks.values()].filter((t) => t.status !== 'finished' && t.status !== 'failed');

async function until(ok: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!ok()) throw new Error(`timed out waiting for ${what}`);
}

describePostgres('the queue shared by two instances', (server) => {
  let store: Store;
  beforeEach(async () => {
    store = await server.newStore();
  });

  const instance = (name: string): TaskInstance =>
    instances.start(store, name, { queue: { concurrency: { apiframe: CONCURRENCY }, maxJobsPerUser: 0, maxJobsPerGroup: 0 } });

  it('never has more jobs at Apiframe than the concurrency between them, and runs every job once', async () => {
    const [a, b] = [instance('a'), instance('b')];
    // Twelve commands at once, half on each instance, from four users.
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => {
        const on = i % 2 === 0 ? a : b;
        const who = { ...scope(), userId: `u${i % 4}`, userName: `@u${i % 4}` };
        return on.tasks.start({ scope: who, job: { type: 'mj.imagine', prompt: `fox ${i}` }, prompt: `fox ${i}`, label: 'Imagine' }, on.chat.responder(who));
      }),
    );
    expect(inFlight().length).toBe(CONCURRENCY);
    for (let finished = 0; finished < 12; finished++) {
      const expected = Math.min(CONCURRENCY, 12 - finished);
      await until(() => inFlight().length === expected && fake.tasks.size === finished + expected, `${expected} in flight after ${finished}`);
      await fake.finish(inFlight()[0]!.id);
      // Either instance may notice the finish; both sweep, as they would on their timers.
      await Promise.all([a.tasks.sweep({ force: true }), b.tasks.sweep({ force: true })]);
      expect(inFlight().length).toBeLessThanOrEqual(CONCURRENCY);
    }
    const prompts = [...fake.tasks.values()].map((t) => String(t.body.prompt)).sort();
    expect(prompts).toEqual(Array.from({ length: 12 }, (_, i) => `fox ${i}`).sort());
    expect(await store.tasks.countUnfinished()).toBe(0);
  });

  it('never sends a waiting message the same text twice between them: the instance that did not see the move does not edit it again', async () => {
    const [a, b] = [instances.start(store, 'a', { queue: { concurrency: { apiframe: 1 }, maxJobsPerUser: 0, maxJobsPerGroup: 0 } }), instances.start(store, 'b', { queue: { concurrency: { apiframe: 1 }, maxJobsPerUser: 0, maxJobsPerGroup: 0 } })];
    for (let i = 0; i < 4; i++) {
      const who = { ...scope(), userId: 'u1', userName: '@u1' };
      await a.tasks.start({ scope: who, job: { type: 'mj.imagine', prompt: `fox ${i}` }, prompt: `fox ${i}`, label: 'Imagine' }, a.chat.responder(who));
    }
    const placeEdits = () => [...a.chat.of('edit'), ...b.chat.of('edit')].filter((e) => /in line/.test(e.text));
    const waitingMessages = a.chat.of('progress').filter((e) => /in line/.test(e.text)).map((e) => e.messageId);
    expect(waitingMessages).toHaveLength(3);
    await fake.finish(inFlight()[0]!.id);
    await Promise.all([a.tasks.sweep({ force: true }), b.tasks.sweep({ force: true })]);
    await until(() => placeEdits().length >= 2, 'the two still waiting to move up');
    // Both sweep again, as on their timers: nothing moved, nothing is edited.
    await Promise.all([a.tasks.sweep({ force: true }), b.tasks.sweep({ force: true })]);
    await new Promise((r) => setTimeout(r, 300));
    // Each message's texts in the order shown: its first (a progress) and every edit, from either instance.
    const shown = new Map<string, string[]>();
    // Both instances' chats as one timeline: each edits the same messages.
    for (const e of MemoryChat.timeline(a.chat, b.chat)) {
      if (!e.messageId || !waitingMessages.includes(e.messageId) || (e.kind !== 'progress' && e.kind !== 'edit')) continue;
      shown.set(e.messageId, [...(shown.get(e.messageId) ?? []), e.text]);
    }
    // No text is sent twice in a row (an estimate may change as time passes; the same text never).
    for (const texts of shown.values()) expect(texts.filter((text, i) => i > 0 && text === texts[i - 1])).toEqual([]);
    const place = (texts: string[]) => /^⏳ (\d\w+) in line/.exec(texts.at(-1)!)?.[1];
    expect(waitingMessages.slice(1).map((id) => place(shown.get(id!)!))).toEqual(['1st', '2nd']);
  });
});
