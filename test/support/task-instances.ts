/**
 * Task services as separate bot instances run them on one shared store: each with its own
 * provider client (against one fake Apiframe) and chat. For tests of what instances share.
 */
import { afterEach, beforeEach } from 'vitest';
import { createStore, type Store } from '../../src/store/index.ts';
import { TaskService, type TaskServiceOptions } from '../../src/core/tasks.ts';
import { ApiframeClient } from '../../src/providers/apiframe/client.ts';
import { ProviderRegistry } from '../../src/providers/registry.ts';
import { FakeApiframe } from '../fakes/apiframe.ts';
import { MemoryChat } from './memory-chat.ts';
import { memoryLogger } from './silent-log.ts';

export interface TaskInstance {
  tasks: TaskService;
  chat: MemoryChat;
}

export class TaskInstances {
  private readonly clients: ApiframeClient[] = [];
  private readonly services: TaskService[] = [];

  constructor(private readonly fake: () => FakeApiframe) {}

  /** Instance `name` on `store` (shared: true), with the options a test adds. */
  start(store: Store, name: string, over: Partial<TaskServiceOptions> = {}, chat = new MemoryChat()): TaskInstance {
    const fake = this.fake();
    const { log } = memoryLogger([], 'silent');
    const client = new ApiframeClient({ apiKey: fake.apiKey, baseUrl: fake.url, log, retries: 0, backoffMs: 1, timeoutMs: 60_000 });
    this.clients.push(client);
    const tasks = new TaskService({ store, providers: new ProviderRegistry([client]), log, deadlineMs: 3_600_000, instanceId: name, shared: true, ...over });
    tasks.attach(chat);
    this.services.push(tasks);
    return { tasks, chat };
  }

  /** Stops every instance, then the fake (which drops a submit it holds open), then the clients, which would wait for it. */
  async close(): Promise<void> {
    await Promise.all(this.services.splice(0).map((t) => t.stop(0)));
    await this.fake().close();
    await Promise.all(this.clients.splice(0).map((c) => c.close()));
  }
}

/**
 * For a test file: before each test, a fake Apiframe and one SQLite store in memory that the
 * instances the test starts share; after it, all closed.
 */
export function instancesOnOneStore(): { instances: TaskInstances; fake(): FakeApiframe; store(): Store } {
  let fake: FakeApiframe;
  let store: Store;
  const instances = new TaskInstances(() => fake);
  beforeEach(async () => {
    fake = await FakeApiframe.start();
    store = createStore(':memory:');
  });
  afterEach(async () => {
    await instances.close();
    await store.close();
  });
  return { instances, fake: () => fake, store: () => store };
}
