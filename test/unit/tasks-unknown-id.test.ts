// A task whose provider id Apiframe does not know must not keep the tasks polled with it waiting.
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
let tasks: TaskService;
let chat: MemoryChat;
const clock = Date.UTC(2026, 10, 21, 12);

beforeEach(async () => {
  fake = await FakeApiframe.start({ fetchManyRefusesUnknown: true });
  store = createStore(':memory:');
  const { log } = memoryLogger([], 'silent');
  client = new ApiframeClient({ apiKey: fake.apiKey, baseUrl: fake.url, log, retries: 0 });
  chat = new MemoryChat();
  tasks = new TaskService({ store, providers: new ProviderRegistry([client]), log, deadlineMs: 600_000, now: () => clock });
  tasks.attach(chat);
});
afterEach(async () => {
  await client.close();
  await fake.close();
  store.close();
});

const start = (prompt: string) => tasks.start({ scope: scope(), job: { type: 'mj.imagine' as const, prompt }, prompt, label: 'Imagine' }, chat.responder(scope()));

describe('polling with an id the provider does not know', () => {
  it('the other tasks of the batch finish on the next sweep', async () => {
    const started = [await start('a fox'), await start('a cat')];
    const ghost = await start('a ghost');
    // The provider loses this job: it no longer knows the id.
    fake.tasks.delete(ghost.providerTaskId!);
    started.push(await start('an owl'));
    for (const t of started) await fake.finish(t.providerTaskId!);

    await tasks.sweep();
    await tasks.idle();

    for (const t of started) expect((await store.tasks.get(t.id))?.status).toBe('finished');
    expect(chat.of('result')).toHaveLength(3);
    expect((await store.tasks.get(ghost.id))?.status).toBe('submitted');
  });
});
