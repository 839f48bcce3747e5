import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, type SqliteStore } from '../../src/store/index.ts';
import { TaskService } from '../../src/core/tasks.ts';
import { ApiframeClient } from '../../src/providers/apiframe/client.ts';
import { ProviderRegistry } from '../../src/providers/registry.ts';
import { FakeApiframe } from '../fakes/apiframe.ts';
import { MemoryChat, scope } from '../support/memory-chat.ts';
import { memoryLogger } from '../support/silent-log.ts';

let fake: FakeApiframe;
let store: SqliteStore;
let client: ApiframeClient;
let chat: MemoryChat;
let clock: number;
const { log } = memoryLogger([], 'silent');

function service(opts: { deadlineMs?: number; webhook?: boolean } = {}): TaskService {
  const tasks = new TaskService({
    store,
    providers: new ProviderRegistry([opts.webhook ? pushing() : client]),
    log,
    deadlineMs: opts.deadlineMs ?? 60_000,
    now: () => clock,
  });
  tasks.attach(chat);
  return tasks;
}

/** A client that asks Apiframe to push updates to a webhook (and so is polled only as a fallback). */
function pushing(): ApiframeClient {
  void client.close();
  client = new ApiframeClient({ apiKey: fake.apiKey, baseUrl: fake.url, log, retries: 1, backoffMs: 1, timeoutMs: 2_000, webhook: { url: 'http://127.0.0.1:1/webhooks/apiframe', secret: 'x'.repeat(20) } });
  return client;
}

const imagine = (prompt = 'a red fox') => ({ scope: scope(), job: { type: 'mj.imagine' as const, prompt }, prompt, label: 'Imagine' });

beforeEach(async () => {
  fake = await FakeApiframe.start();
  store = createStore(':memory:');
  client = new ApiframeClient({ apiKey: fake.apiKey, baseUrl: fake.url, log, retries: 1, backoffMs: 1, timeoutMs: 2_000 });
  chat = new MemoryChat();
  clock = 1_000_000;
});
afterEach(async () => {
  await client.close();
  await fake.close();
  store.close();
});

describe('task lifecycle', () => {
  it('writes the task row before calling the provider', async () => {
    fake.failNext('/imagine', { status: 200, body: { task_id: 'p-1' }, delayMs: 150 });
    const tasks = service();
    const running = tasks.start(imagine(), chat.responder(scope()));
    await chat.waitFor((e) => e.kind === 'progress');
    const rows = store.db.prepare('SELECT status FROM tasks').all() as Array<{ status: string }>;
    expect(rows).toEqual([{ status: 'pending' }]);
    const task = await running;
    expect(task.status).toBe('submitted');
    expect(task.providerTaskId).toBe('p-1');
  });

  it('shows progress, then delivers the grid once with U1–U4, 🔄 and V1–V4', async () => {
    const tasks = service();
    const task = await tasks.start(imagine(), chat.responder(scope()));
    await fake.progress(task.providerTaskId!, 40);
    await tasks.sweep();
    await tasks.idle();
    expect(chat.of('edit').at(-1)?.text).toContain('40%');
    await fake.finish(task.providerTaskId!);
    await tasks.sweep();
    await tasks.idle();
    await tasks.sweep();
    await tasks.idle();
    const results = chat.of('result');
    expect(results).toHaveLength(1);
    const labels = results[0]!.result!.buttons.map((row) => row.map((b) => b.label));
    expect(labels).toEqual([
      ['U1', 'U2', 'U3', 'U4', '🔄'],
      ['V1', 'V2', 'V3', 'V4'],
    ]);
    for (const b of results[0]!.result!.buttons.flat()) expect(b.id).toMatch(/^act:[\w-]{12}$/);
    expect(results[0]!.result!.images[0]!.url).toContain(`/cdn/${task.providerTaskId}/grid.png`);
    expect((await store.tasks.get(task.id))?.delivery).toBe('sent');
  });

  it('ignores replays and delivers once when webhook and poll race', async () => {
    const tasks = service();
    const task = await tasks.start(imagine(), chat.responder(scope()));
    const view = {
      providerTaskId: task.providerTaskId!,
      state: 'finished' as const,
      result: { kind: 'grid' as const, gridUrl: 'http://x/g.png', imageUrls: ['http://x/1.png'] },
    };
    const outcomes = await Promise.all([tasks.applyUpdate('apiframe', view), tasks.applyUpdate('apiframe', view), tasks.applyUpdate('apiframe', view)]);
    expect(outcomes.filter((o) => o === 'finished')).toHaveLength(1);
    expect(await tasks.applyUpdate('apiframe', { providerTaskId: task.providerTaskId!, state: 'running', percentage: 10 })).toBe('ignored');
    // The delivery is queued work (the store answers asynchronously): wait for it, as the tests above do.
    await tasks.idle();
    expect(chat.of('result')).toHaveLength(1);
  });

  it('applies a webhook that arrives before the answer to its submit was recorded, once it is, without waiting for a poll', async () => {
    // Apiframe takes the job at once but its answer is slow; the task finishes and says so meanwhile.
    fake.slowNext('/imagine', 300);
    const tasks = service({ webhook: true });
    const running = tasks.start(imagine(), chat.responder(scope()));
    for (let i = 0; i < 200 && fake.tasks.size === 0; i++) await new Promise((r) => setTimeout(r, 5));
    const [early] = [...fake.tasks.keys()];
    const view = { providerTaskId: early!, state: 'finished' as const, result: { kind: 'grid' as const, gridUrl: 'http://x/g.png', imageUrls: ['http://x/1.png'] } };
    expect(await tasks.applyUpdate('apiframe', view)).toBe('unknown');
    await running;
    await tasks.idle();
    expect(await store.tasks.countUnfinished()).toBe(0);
    expect(chat.of('result')).toHaveLength(1);
    await tasks.stop(0);
  });

  it('ignores progress that goes backwards', async () => {
    const tasks = service();
    const task = await tasks.start(imagine(), chat.responder(scope()));
    expect(await tasks.applyUpdate('apiframe', { providerTaskId: task.providerTaskId!, state: 'running', percentage: 60 })).toBe('progress');
    expect(await tasks.applyUpdate('apiframe', { providerTaskId: task.providerTaskId!, state: 'running', percentage: 30 })).toBe('ignored');
    expect((await store.tasks.get(task.id))?.progress).toBe(60);
  });

  it('tells the chat when the provider fails a task, with its reason', async () => {
    const tasks = service();
    const task = await tasks.start(imagine(), chat.responder(scope()));
    await fake.fail(task.providerTaskId!, 'Job action restricted');
    await tasks.sweep();
    await tasks.idle();
    const failure = await chat.waitFor((e) => e.kind === 'failure');
    expect(failure.text).toContain('Job action restricted');
    expect((await store.tasks.get(task.id))?.status).toBe('failed');
  });

  it('fails a task that outlives its deadline instead of waiting forever', async () => {
    const tasks = service({ deadlineMs: 60_000 });
    const task = await tasks.start(imagine(), chat.responder(scope()));
    clock += 61_000;
    await tasks.sweep();
    await tasks.idle();
    expect((await store.tasks.get(task.id))?.status).toBe('failed');
    expect((await chat.waitFor((e) => e.kind === 'failure')).text).toContain('took too long');
  });

  it('fails the task quietly and rethrows when the submit is refused', async () => {
    fake.failNext('/imagine', { status: 400, body: { errors: [{ msg: 'Banned prompt' }] } });
    const tasks = service();
    await expect(tasks.start(imagine(), chat.responder(scope()))).rejects.toMatchObject({ kind: 'rejected', message: 'Banned prompt' });
    const row = store.db.prepare('SELECT status, delivery, error FROM tasks').get();
    expect(row).toEqual({ status: 'failed', delivery: 'none', error: 'Banned prompt' });
    await tasks.sweep();
    await tasks.idle();
    expect(chat.of('failure')).toHaveLength(0);
  });

  it('retries a delivery the chat refused, later', async () => {
    const tasks = service();
    const task = await tasks.start(imagine(), chat.responder(scope()));
    chat.failDeliveries = 1;
    await fake.finish(task.providerTaskId!);
    await tasks.sweep();
    await tasks.idle();
    expect(chat.of('result')).toHaveLength(0);
    expect((await store.tasks.get(task.id))?.delivery).toBe('pending');
    clock += 10_000;
    await tasks.sweep();
    await tasks.idle();
    expect(chat.of('result')).toHaveLength(1);
  });

  it('with webhooks, polls a task only after it has been quiet for a while', async () => {
    const tasks = service({ webhook: true, deadlineMs: 600_000 });
    await tasks.start(imagine(), chat.responder(scope()));
    const before = fake.callCount('/fetch') + fake.callCount('/fetch-many');
    await tasks.sweep();
    await tasks.idle();
    expect(fake.callCount('/fetch') + fake.callCount('/fetch-many')).toBe(before);
    clock += 61_000;
    await tasks.sweep();
    await tasks.idle();
    expect(fake.callCount('/fetch') + fake.callCount('/fetch-many')).toBe(before + 1);
  });

  it('polls many tasks in batches of at most 20', async () => {
    const tasks = service();
    for (let i = 0; i < 45; i++) await tasks.start(imagine(`fox ${i}`), chat.responder(scope()));
    await tasks.sweep();
    await tasks.idle();
    const batches = fake.requests.filter((r) => r.path === '/fetch-many').map((r) => (r.body as { task_ids: string[] }).task_ids.length);
    expect(batches).toEqual([20, 20, 5]);
  });
});

describe('after a restart', () => {
  it('delivers a result that finished while the bot was down, exactly once', async () => {
    const first = service();
    const task = await first.start(imagine(), chat.responder(scope()));
    await first.stop();
    await fake.finish(task.providerTaskId!);
    const second = service();
    await second.resume();
    await second.idle();
    await second.sweep();
    await second.idle();
    expect(chat.of('result')).toHaveLength(1);
  });

  it('resubmits a task the crash caught between its row and the provider call', async () => {
    const first = service();
    await store.tasks.insert(
      { id: 'crashed-task', job: { type: 'mj.imagine' as const, prompt: 'a fox' }, parentId: null, prompt: 'a fox', label: 'Imagine', platform: 'telegram', guildId: null, chatId: '-100', userId: '7', userName: '@ana', deadlineAt: clock + 60_000, walletId: null, cost: 0 },
      clock,
    );
    await first.resume();
    await first.idle();
    expect((await store.tasks.get('crashed-task'))?.status).toBe('submitted');
    expect(fake.callCount('/imagine')).toBe(1);
  });

  it('offers a delivery interrupted mid-send again', async () => {
    const tasks = service();
    const task = await tasks.start(imagine(), chat.responder(scope()));
    await fake.finish(task.providerTaskId!);
    // Simulate a crash after claiming the delivery but before it was recorded.
    await store.tasks.finish(task.id, { kind: 'grid', gridUrl: 'http://x/g.png', imageUrls: [] }, clock);
    await store.tasks.claimDelivery(task.id, 'the crashed process', clock, clock + 30_000);
    const again = service();
    await again.resume();
    await again.idle();
    expect(chat.of('result')).toHaveLength(1);
    expect(chat.of('result')[0]!.key).toBe(task.id);
  });
});
