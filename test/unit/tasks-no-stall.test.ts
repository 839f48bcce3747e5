// Issue 7, parts 1 and 2: nothing that decides a task's fate waits on a chat platform, and a
// deadline and a submit cannot both happen.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStore, type SqliteStore } from '../../src/store/index.ts';
import { TaskService } from '../../src/core/tasks.ts';
import type { Destination, MessageRef, Responder, ResultMessage } from '../../src/core/chat.ts';
import { ApiframeClient } from '../../src/providers/apiframe/client.ts';
import { ProviderRegistry } from '../../src/providers/registry.ts';
import { FakeApiframe } from '../fakes/apiframe.ts';
import { MemoryChat, scope } from '../support/memory-chat.ts';
import { memoryLogger } from '../support/silent-log.ts';

let fake: FakeApiframe;
let store: SqliteStore;
let client: ApiframeClient;
let clock: number;
const { log } = memoryLogger([], 'silent');

/** A chat where deliveries to one chat hang until released (a throttled group, a slow CDN). */
class StuckChat extends MemoryChat {
  private release!: () => void;
  private readonly gate = new Promise<void>((resolve) => {
    this.release = resolve;
  });
  constructor(private readonly stuckChatId: string) {
    super();
  }
  unstick(): void {
    this.release();
  }
  override async deliverResult(dest: Destination, progress: MessageRef | undefined, message: ResultMessage, key: string): Promise<MessageRef> {
    if (dest.chatId === this.stuckChatId) await this.gate;
    return super.deliverResult(dest, progress, message, key);
  }
}

function service(chat: MemoryChat, deadlineMs = 60_000): TaskService {
  const tasks = new TaskService({ store, providers: new ProviderRegistry([client]), log, deadlineMs, now: () => clock });
  tasks.attach(chat);
  return tasks;
}

const imagine = (chatId: string, prompt = 'a red fox') => ({
  scope: scope({ chatId }),
  job: { type: 'mj.imagine' as const, prompt },
  prompt,
  label: 'Imagine',
});

/** A responder whose progress message is held up until released (Telegram throttling a group). */
function slowResponder(chat: MemoryChat, chatId: string): { respond: Responder; release: () => void } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const inner = chat.responder(scope({ chatId }));
  return {
    respond: { ...inner, progress: async (text) => (await gate, inner.progress(text)) },
    release,
  };
}

beforeEach(async () => {
  fake = await FakeApiframe.start();
  store = createStore(':memory:');
  client = new ApiframeClient({ apiKey: fake.apiKey, baseUrl: fake.url, log, retries: 1, backoffMs: 1, timeoutMs: 2_000 });
  clock = 1_000_000;
});
afterEach(async () => {
  await client.close();
  await fake.close();
  store.close();
});

describe('no head-of-line blocking', () => {
  it('delivers a private result while a busy group cannot take its own', async () => {
    const chat = new StuckChat('-100');
    const tasks = service(chat);
    const group = await tasks.start(imagine('-100', 'group fox'), chat.responder(scope({ chatId: '-100' })));
    const dm = await tasks.start(imagine('7', 'private fox'), chat.responder(scope({ chatId: '7' })));
    await fake.finish(group.providerTaskId!);
    await fake.finish(dm.providerTaskId!);

    // The sweep records both results and returns; it never waits for the stuck group.
    await tasks.sweep();
    const result = await chat.waitFor((e) => e.kind === 'result', 2_000);
    expect(result.chatId).toBe('7');
    expect(await store.tasks.get(group.id)).toMatchObject({ status: 'finished', delivery: 'sending' });

    chat.unstick();
    await tasks.idle();
    expect(chat.of('result').map((e) => e.chatId)).toEqual(['7', '-100']);
  });

  it('keeps the results of one chat in the order they finished', async () => {
    const chat = new MemoryChat();
    const tasks = service(chat);
    const started = [];
    for (const prompt of ['one', 'two', 'three']) started.push(await tasks.start(imagine('-100', prompt), chat.responder(scope())));
    for (const t of started) await fake.finish(t.providerTaskId!);
    await tasks.sweep();
    await tasks.idle();
    expect(chat.of('result').map((e) => e.text.match(/“(\w+)”/)?.[1])).toEqual(['one', 'two', 'three']);
  });

  it('submits the job before its progress message could be shown', async () => {
    const chat = new MemoryChat();
    const tasks = service(chat);
    const { respond, release } = slowResponder(chat, '-100');
    const started = tasks.start(imagine('-100'), respond);
    // Apiframe has the job while the chat is still holding the "waiting" message back.
    const job = await fake.waitForTask('imagine', 1, 2_000);
    expect(chat.of('progress')).toHaveLength(0);
    release();
    const task = await started;
    expect(task).toMatchObject({ status: 'submitted', providerTaskId: job.id });
    expect(task.message).not.toBeNull();
  });

  it('a follow-up of a task that finished before its progress message sees that message (training continues in it)', async () => {
    const chat = new MemoryChat();
    const tasks = service(chat);
    const seen: Array<string | undefined> = [];
    // As AI Photos does: a finished preparation starts the training in the preparation's message.
    tasks.defineKind('mj.imagine', { finished: async (task) => void seen.push(task.message?.messageId) });
    const { respond, release } = slowResponder(chat, '-100');
    const started = tasks.start(imagine('-100'), respond);
    const job = await fake.waitForTask('imagine', 1, 2_000);
    await vi.waitFor(() => expect(store.db.prepare('SELECT status FROM tasks').get()).toEqual({ status: 'submitted' }));
    await fake.finish(job.id);
    await tasks.sweep();
    release();
    await started;
    await tasks.idle();
    expect(seen).toEqual([chat.of('progress')[0]!.messageId]);
  });

  it('a result that is ready before its progress message replaces that message, never trails it', async () => {
    const chat = new MemoryChat();
    const tasks = service(chat);
    const { respond, release } = slowResponder(chat, '-100');
    const started = tasks.start(imagine('-100'), respond);
    const job = await fake.waitForTask('imagine', 1, 2_000);
    await vi.waitFor(() => expect(store.db.prepare('SELECT status FROM tasks').get()).toEqual({ status: 'submitted' }));
    await fake.finish(job.id);
    await tasks.sweep();
    expect(chat.of('result')).toHaveLength(0);
    release();
    await started;
    await tasks.idle();
    const [progress] = chat.of('progress');
    const [result] = chat.of('result');
    expect(chat.events.indexOf(progress!)).toBeLessThan(chat.events.indexOf(result!));
    expect((await store.tasks.get((await started).id))?.delivery).toBe('sent');
  });
});

describe('a deadline and a submit cannot both happen', () => {
  it('a deadline passing while the submit is being prepared neither fails the task nor orphans the job', async () => {
    const chat = new MemoryChat();
    const tasks = service(chat, 60_000);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    // A job that takes long to complete before it is sent (AI photos read their files first).
    tasks.defineKind('mj.imagine', { prepare: async (task) => (await gate, task.job) });
    const started = tasks.start(imagine('-100'), chat.responder(scope()));
    await chat.waitFor((e) => e.kind === 'progress');

    clock += 61_000;
    await tasks.sweep();
    release();
    const task = await started;

    // The provider got the job once, and the task watches it; it was not failed and refunded first.
    expect(fake.callCount('/imagine')).toBe(1);
    expect(task.status).toBe('submitted');
    expect(chat.of('failure')).toHaveLength(0);
  });

  it('never sends a task the deadline already failed', async () => {
    const chat = new MemoryChat();
    const tasks = service(chat, 60_000);
    await store.tasks.insert(
      { id: 'late-task', job: { type: 'mj.imagine' as const, prompt: 'a fox' }, parentId: null, prompt: 'a fox', label: 'Imagine', platform: 'telegram', guildId: null, chatId: '-100', userId: '7', userName: '@ana', deadlineAt: clock - 1, walletId: null, cost: 0 },
      clock - 61_000,
    );
    await tasks.resume();
    await tasks.idle();
    expect((await store.tasks.get('late-task'))?.status).toBe('failed');
    expect(fake.callCount('/imagine')).toBe(0);
    expect((await chat.waitFor((e) => e.kind === 'failure')).text).toContain('took too long');
  });

  // That a live submit lease holds off the deadline, and an expired task cannot be claimed, is the
  // store's promise: test/support/store-contract/tasks.ts.
});

// Issue 14, part 2: a sweep over many rows works a chunk at a time and lets the event loop run in
// between (commands and webhooks are answered meanwhile), yet handles everything that is due.
describe('a sweep over many tasks', () => {
  const MANY = 1_200;

  async function manyTasks(o: { deadlineAt: number; then: (id: string, i: number) => Promise<unknown> }): Promise<void> {
    for (let i = 0; i < MANY; i++) {
      const id = `many-${String(i).padStart(4, '0')}`;
      await store.tasks.insert(
        { id, job: { type: 'mj.imagine' as const, prompt: 'a fox' }, parentId: null, prompt: 'a fox', label: 'Imagine', platform: 'telegram', guildId: null, chatId: `-10${i % 7}`, userId: '7', userName: '@ana', deadlineAt: o.deadlineAt, walletId: null, cost: 0 },
        clock - 120_000,
      );
      await o.then(id, i);
    }
  }

  /** Runs `work`, counting the turns of the event loop (setImmediate callbacks) that ran before it ended. */
  async function turnsDuring(work: () => Promise<void>): Promise<number> {
    let turns = 0;
    let done = false;
    const spin = () => {
      if (done) return;
      turns++;
      setImmediate(spin);
    };
    // Scheduled before the sweep starts: it can only run if the sweep gives the loop a turn.
    setImmediate(spin);
    await work();
    done = true;
    return turns;
  }

  it('fails every task past its deadline in one sweep, letting the event loop run between chunks', async () => {
    const chat = new MemoryChat();
    const tasks = service(chat);
    await manyTasks({ deadlineAt: clock - 1, then: (id, i) => store.tasks.markSubmitted(id, 'apiframe', [`job-${i}`], clock - 60_000) });

    const turns = await turnsDuring(() => tasks.sweep());

    expect(store.db.prepare(`SELECT status, COUNT(*) AS n FROM tasks GROUP BY status`).all()).toEqual([{ status: 'failed', n: MANY }]);
    // At least one turn per chunk of deadlines.
    expect(turns).toBeGreaterThanOrEqual(MANY / 100);
    await tasks.idle();
    expect(chat.of('failure')).toHaveLength(MANY);
  });

  it('a stop ends a long sweep between two chunks, and what it did not reach stays due', async () => {
    const chat = new MemoryChat();
    const tasks = service(chat);
    await manyTasks({ deadlineAt: clock - 1, then: (id, i) => store.tasks.markSubmitted(id, 'apiframe', [`job-${i}`], clock - 60_000) });

    const sweep = tasks.sweep();
    // Runs at the sweep's first turn of the event loop, after its first chunk.
    setImmediate(() => void tasks.stop(0));
    await sweep;

    const failed = (store.db.prepare(`SELECT COUNT(*) AS n FROM tasks WHERE status = 'failed'`).get() as { n: number }).n;
    expect(failed).toBeGreaterThan(0);
    expect(failed).toBeLessThan(MANY);
    expect(await store.tasks.listExpired(clock, 10)).toHaveLength(10);
  });

  it('offers every due delivery in one sweep, page by page, and each once', async () => {
    const chat = new MemoryChat();
    const tasks = service(chat);
    await manyTasks({ deadlineAt: clock + 60_000, then: (id, i) => store.tasks.finish(id, { kind: 'grid', gridUrl: `https://cdn.example/${i}.png`, imageUrls: [] }, clock - 1_000 + (i % 10)) });

    const turns = await turnsDuring(() => tasks.sweep());
    await tasks.idle();

    expect(turns).toBeGreaterThanOrEqual(MANY / 100);
    expect(chat.of('result')).toHaveLength(MANY);
    expect(store.db.prepare(`SELECT delivery, COUNT(*) AS n FROM tasks GROUP BY delivery`).all()).toEqual([{ delivery: 'sent', n: MANY }]);
  });

  it('resubmits every task a restart caught before its submit, a chunk at a time', async () => {
    const chat = new MemoryChat();
    const tasks = service(chat);
    await manyTasks({ deadlineAt: clock + 600_000, then: async () => undefined });

    const turns = await turnsDuring(() => tasks.resume());

    expect(turns).toBeGreaterThanOrEqual(MANY / 100);
    expect(fake.callCount('/imagine')).toBe(MANY);
    expect(store.db.prepare(`SELECT status, COUNT(*) AS n FROM tasks GROUP BY status`).all()).toEqual([{ status: 'submitted', n: MANY }]);
  });

  it('expires the late tasks behind a whole page of late ones another instance is submitting (the list reads past them)', async () => {
    const chat = new MemoryChat();
    const tasks = service(chat);
    // 1,200 late; the 150 earliest held by another instance's live submit, which decides their fate.
    await manyTasks({ deadlineAt: clock - 1, then: async () => undefined });
    store.db.prepare(`UPDATE tasks SET deadline_at = ? WHERE id < 'many-0150'`).run(clock - 2);
    store.db.prepare(`UPDATE tasks SET submit_owner = 'other', submit_lease_until = ? WHERE id < 'many-0150'`).run(clock + 60_000);

    // Not resume: the sweep alone, which neither takes the leases over nor resubmits what is due (the rest is submitted first).
    store.db.prepare(`UPDATE tasks SET status = 'submitted' WHERE id >= 'many-0150'`).run();
    await tasks.sweep();
    await tasks.idle();

    const counts = store.db.prepare(`SELECT status, COUNT(*) AS n FROM tasks GROUP BY status ORDER BY status`).all();
    expect(counts).toEqual([
      { status: 'failed', n: MANY - 150 },
      { status: 'pending', n: 150 },
    ]);
  });
});
