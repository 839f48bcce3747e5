/**
 * Two instances on one PostgreSQL database share the provider's concurrency: the slots are counted
 * in the database, so between them they never have more jobs at Apiframe than APIFRAME_CONCURRENCY,
 * and a slot freed on one instance starts a job the other wrote.
 */
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createPostgresStore } from '../../src/store/postgres/store.ts';
import { migratePostgres } from '../../src/store/postgres/migrate.ts';
import type { Store } from '../../src/store/index.ts';
import { TaskService } from '../../src/core/tasks.ts';
import { ApiframeClient } from '../../src/providers/apiframe/client.ts';
import { ProviderRegistry } from '../../src/providers/registry.ts';
import { FakeApiframe } from '../fakes/apiframe.ts';
import { MemoryChat, scope } from '../support/memory-chat.ts';
import { memoryLogger } from '../support/silent-log.ts';
import { describePostgres } from '../support/postgres.ts';

const { log } = memoryLogger([], 'silent');
const CONCURRENCY = 3;

let fake: FakeApiframe;
const clients: ApiframeClient[] = [];
const instances: TaskService[] = [];
beforeEach(async () => {
  fake = await FakeApiframe.start();
});
afterEach(async () => {
  await Promise.all(instances.splice(0).map((t) => t.stop(0)));
  await fake.close();
  await Promise.all(clients.splice(0).map((c) => c.close()));
});

const inFlight = () => [...fake.tasks.values()].filter((t) => t.status !== 'finished' && t.status !== 'failed');

async function until(ok: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 1000 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!ok()) throw new Error(`timed out waiting for ${what}`);
}

describePostgres('the queue shared by two instances', (server) => {
  let store: Store;
  beforeEach(async () => {
    const pool = server.pool(await server.newDatabase());
    await migratePostgres(pool);
    store = createPostgresStore(pool);
  });

  function instance(name: string): { tasks: TaskService; chat: MemoryChat } {
    const client = new ApiframeClient({ apiKey: fake.apiKey, baseUrl: fake.url, log, retries: 0, backoffMs: 1, timeoutMs: 60_000 });
    clients.push(client);
    const tasks = new TaskService({
      store,
      providers: new ProviderRegistry([client]),
      log,
      deadlineMs: 3_600_000,
      instanceId: name,
      shared: true,
      queue: { concurrency: { apiframe: CONCURRENCY }, maxJobsPerUser: 0, maxJobsPerGroup: 0 },
    });
    const chat = new MemoryChat();
    tasks.attach(chat);
    instances.push(tasks);
    return { tasks, chat };
  }

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
});
