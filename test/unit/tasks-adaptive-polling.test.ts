// Issue 14, part 5: without webhooks, a task is read according to how far along it is, on a
// simulated clock (sweeps every POLL_INTERVAL_MS of it), against the fake Apiframe.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, type SqliteStore } from '../../src/store/index.ts';
import { TaskService } from '../../src/core/tasks.ts';
import { ApiframeClient } from '../../src/providers/apiframe/client.ts';
import { ProviderRegistry } from '../../src/providers/registry.ts';
import { FakeApiframe } from '../fakes/apiframe.ts';
import { MemoryChat, scope } from '../support/memory-chat.ts';
import { memoryLogger } from '../support/silent-log.ts';

const CADENCE_MS = 3_000;
const SLOWEST_MS = 30_000;
const { log } = memoryLogger([], 'silent');

let fake: FakeApiframe;
let store: SqliteStore;
let client: ApiframeClient;
let chat: MemoryChat;
let clock: number;

function service(o: { webhook?: boolean } = {}): TaskService {
  const tasks = new TaskService({
    store,
    providers: new ProviderRegistry([o.webhook ? pushing() : client]),
    log,
    deadlineMs: 20 * 60_000,
    now: () => clock,
    pollIntervalMs: CADENCE_MS,
    pollMaxIntervalMs: SLOWEST_MS,
  });
  tasks.attach(chat);
  return tasks;
}

function pushing(): ApiframeClient {
  void client.close();
  client = new ApiframeClient({ apiKey: fake.apiKey, baseUrl: fake.url, log, retries: 1, backoffMs: 1, timeoutMs: 2_000, webhook: { url: 'http://127.0.0.1:1/webhooks/apiframe', secret: 'x'.repeat(20) } });
  return client;
}

const imagine = (prompt = 'a red fox') => ({ scope: scope(), job: { type: 'mj.imagine' as const, prompt }, prompt, label: 'Imagine' });

/** How many requests to Apiframe asked about `id`. */
const readsOf = (id: string) => fake.readsPerTask().get(id) ?? 0;

/**
 * Runs one job that takes `runMs` on the simulated clock, reporting a percentage in step with
 * time (unless `percentage` is false: a job that reports none, or is stuck), with a sweep every cadence from `phaseMs` after its submit. Returns its reads and how long
 * after it finished its result was delivered.
 */
async function runJob(tasks: TaskService, runMs: number, phaseMs: number, o: { percentage?: boolean } = {}): Promise<{ reads: number; delayMs: number; readAt: number[] }> {
  const submittedAt = clock;
  const task = await tasks.start(imagine(`fox ${clock}`), chat.responder(scope()));
  const id = task.providerTaskId!;
  const results = chat.of('result').length;
  const readAt: number[] = [];
  let finished = false;
  clock += phaseMs;
  // Bounded: the job and a minute more.
  for (let step = 0; step < (runMs + 60_000) / CADENCE_MS; step++) {
    const elapsed = clock - submittedAt;
    if (!finished && elapsed >= runMs) {
      await fake.finish(id);
      finished = true;
    } else if (!finished && o.percentage !== false) {
      await fake.progress(id, Math.max(1, Math.floor((elapsed / runMs) * 100)));
    }
    const before = readsOf(id);
    await tasks.sweep();
    await tasks.idle();
    if (readsOf(id) > before) readAt.push(elapsed);
    if (chat.of('result').length > results) return { reads: readsOf(id), delayMs: elapsed - runMs, readAt };
    clock += CADENCE_MS;
  }
  throw new Error(`not delivered; read at ${readAt.join(', ')} ms`);
}

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

describe('adaptive polling without webhooks', () => {
  it('reads a lone 60-s imagine at most 6 times and delivers it within one cadence of its finish, whatever the sweeps’ phase', async () => {
    const tasks = service();
    for (const phase of [0, 1_000, 2_000, 2_999]) {
      const { reads, delayMs, readAt } = await runJob(tasks, 60_000, phase);
      expect(reads, `read at ${readAt.join(', ')} ms`).toBeLessThanOrEqual(6);
      expect(delayMs, `read at ${readAt.join(', ')} ms`).toBeLessThanOrEqual(CADENCE_MS);
      // Few reads early: none in its first 25 s (what it learned from the earlier runs is a little under 60 s).
      expect(readAt[0]).toBeGreaterThanOrEqual(25_000);
      clock += 60_000;
    }
  });

  it('a job past its expected finish, with no percentage to say how far it is, is read every cadence until it ends', async () => {
    const tasks = service();
    const { readAt, delayMs } = await runJob(tasks, 90_000, 0, { percentage: false });
    const overdue = readAt.filter((at) => at >= 60_000);
    // From its expected finish on, one read per sweep: consecutive and a cadence apart.
    expect(overdue.length).toBeGreaterThanOrEqual(10);
    for (let i = 1; i < overdue.length; i++) expect(overdue[i]! - overdue[i - 1]!).toBe(CADENCE_MS);
    expect(delayMs).toBeLessThanOrEqual(CADENCE_MS);
  });

  it('learns what a kind of job takes from its recent runs: after 20-s imagines, the next is first read well before 30 s', async () => {
    const tasks = service();
    const first = await runJob(tasks, 20_000, 0);
    expect(first.readAt[0]).toBe(30_000);
    // What it learned is re-read once a minute.
    clock += 60_000;
    await runJob(tasks, 20_000, 0);
    clock += 60_000;
    const { readAt, reads, delayMs } = await runJob(tasks, 20_000, 0);
    expect(readAt[0]).toBeLessThanOrEqual(12_000);
    expect(reads).toBeLessThanOrEqual(5);
    expect(delayMs).toBeLessThanOrEqual(CADENCE_MS);
  });

  it('reads 45 unfinished tasks due together in batches of at most 20, and then each at its own time', async () => {
    const tasks = service();
    for (let i = 0; i < 45; i++) await tasks.start(imagine(`fox ${i}`), chat.responder(scope()));
    await tasks.sweep();
    expect(fake.requests.filter((r) => r.path === '/fetch-many')).toHaveLength(0);
    clock += 30_000;
    await tasks.sweep();
    const batches = fake.requests.filter((r) => r.path === '/fetch-many').map((r) => (r.body as { task_ids: string[] }).task_ids.length);
    expect(batches).toEqual([20, 20, 5]);
    // Each was scheduled again for itself: not due 3 s later.
    clock += CADENCE_MS;
    await tasks.sweep();
    expect(fake.requests.filter((r) => r.path === '/fetch-many')).toHaveLength(3);
  });

  it('after a restart, reads every unfinished task at once, then adaptively', async () => {
    const first = service();
    const task = await first.start(imagine(), chat.responder(scope()));
    await first.stop();
    const second = service();
    await second.resume();
    expect(readsOf(task.providerTaskId!)).toBe(1);
    clock += CADENCE_MS;
    await second.sweep();
    expect(readsOf(task.providerTaskId!)).toBe(1);
  });

  it('with webhooks, keeps polling a task only after it has been quiet for the grace', async () => {
    const tasks = service({ webhook: true });
    const task = await tasks.start(imagine(), chat.responder(scope()));
    for (let t = 0; t < 60_000; t += CADENCE_MS) {
      await tasks.sweep();
      clock += CADENCE_MS;
    }
    expect(readsOf(task.providerTaskId!)).toBe(0);
    clock += 1_000;
    await tasks.sweep();
    expect(readsOf(task.providerTaskId!)).toBe(1);
  });
});
