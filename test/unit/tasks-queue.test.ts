// The queue in TaskService, on SQLite: waiting jobs never strand, whatever happened to their service.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, type Store } from '../../src/store/index.ts';
import { TaskService } from '../../src/core/tasks.ts';
import { ApiframeClient } from '../../src/providers/apiframe/client.ts';
import { ProviderRegistry } from '../../src/providers/registry.ts';
import { FakeApiframe } from '../fakes/apiframe.ts';
import { MemoryChat, scope } from '../support/memory-chat.ts';
import { memoryLogger } from '../support/silent-log.ts';

let fake: FakeApiframe;
let store: Store;
let client: ApiframeClient;
let chat: MemoryChat;
const { log } = memoryLogger([], 'silent');
const QUEUE = { concurrency: { apiframe: 1, aiphotogenerator: 1 }, maxJobsPerUser: 0, maxJobsPerGroup: 0 };

beforeEach(async () => {
  fake = await FakeApiframe.start();
  store = createStore(':memory:');
  client = new ApiframeClient({ apiKey: fake.apiKey, baseUrl: fake.url, log, retries: 0 });
  chat = new MemoryChat();
});
afterEach(async () => {
  await client.close();
  await fake.close();
  store.close();
});

describe('the queue in the task service', () => {
  it('fails a job that waits for a service no longer configured, refunded and told, instead of leaving it waiting', async () => {
    // A job that waited for aiphotogenerator.net when the bot last ran; its token has since been removed.
    await store.tasks.insert(
      {
        id: 'stranded1',
        job: { type: 'gen.image', model: 'flux-2', prompt: 'a fox', width: 1024, height: 1024, count: 1 },
        parentId: null,
        prompt: 'a fox',
        label: 'Generate',
        platform: 'telegram',
        guildId: null,
        chatId: scope().chatId,
        userId: scope().userId,
        userName: scope().userName,
        deadlineAt: Date.now() + 600_000,
        walletId: null,
        cost: 0,
        provider: 'aiphotogenerator',
        waiting: true,
      },
      Date.now(),
    );
    const tasks = new TaskService({ store, providers: new ProviderRegistry([client]), log, deadlineMs: 600_000, queue: QUEUE });
    tasks.attach(chat);
    await tasks.sweep({ force: true });
    for (let i = 0; i < 200 && (await store.tasks.get('stranded1'))?.status !== 'failed'; i++) await new Promise((r) => setTimeout(r, 10));
    await tasks.idle();
    expect(await store.tasks.get('stranded1')).toMatchObject({ status: 'failed', waitingSince: null });
    expect(chat.of('failure')).toHaveLength(1);
    await tasks.stop(0);
  });

  it('keeps a job waiting while the slot is taken, and sends it when the job ahead ends', async () => {
    const tasks = new TaskService({ store, providers: new ProviderRegistry([client]), log, deadlineMs: 600_000, queue: QUEUE });
    tasks.attach(chat);
    const start = (prompt: string) => tasks.start({ scope: scope(), job: { type: 'mj.imagine' as const, prompt }, prompt, label: 'Imagine' }, chat.responder(scope()));
    const first = await start('a fox');
    const second = await start('an owl');
    expect(first.status).toBe('submitted');
    expect(second).toMatchObject({ status: 'pending', providerTaskId: null });
    expect(second.waitingSince).not.toBeNull();
    expect(chat.of('progress').at(-1)?.text).toContain('⏳ 1st in line');
    await fake.finish(first.providerTaskId!);
    await tasks.sweep({ force: true });
    for (let i = 0; i < 200 && fake.tasks.size < 2; i++) await new Promise((r) => setTimeout(r, 10));
    expect([...fake.tasks.values()].map((t) => t.body.prompt)).toEqual(['a fox', 'an owl']);
    await tasks.idle();
    await tasks.stop(0);
  });

  it('counts what the running job has left in a waiting job’s ETA: behind a job 50 s into a 60-s run, the next starts in under a minute', async () => {
    let now = 1_000_000;
    const tasks = new TaskService({ store, providers: new ProviderRegistry([client]), log, deadlineMs: 600_000, queue: QUEUE, now: () => now });
    tasks.attach(chat);
    const start = (prompt: string) => tasks.start({ scope: scope(), job: { type: 'mj.imagine', prompt }, prompt, label: 'Imagine' }, chat.responder(scope()));
    await start('first');
    // No finished job yet: the typical 60-s grid is the mean; the first has run 50 s of it.
    now += 50_000;
    await start('second');
    now += 1;
    await start('third');
    const [second, third] = chat.of('progress').slice(1).map((e) => e.text.split('\n')[0]);
    expect(second).toBe('⏳ 1st in line, under a minute');
    expect(third).toBe('⏳ 2nd in line, about 1 min');
    await tasks.stop(0);
  });
});
