import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, type SqliteStore } from '../../src/store/index.ts';
import type { StartTask, TaskService } from '../../src/core/tasks.ts';
import { walletIdFor, type CreditService } from '../../src/core/credits.ts';
import { dispatch } from '../../src/core/dispatch.ts';
import { ApiframeClient } from '../../src/providers/apiframe/client.ts';
import type { CommandCall } from '../../src/core/command.ts';
import type { Scope } from '../../src/core/chat.ts';
import { commands } from '../../commands/index.ts';
import { imagine } from '../../commands/imagine.ts';
import { FakeApiframe } from '../fakes/apiframe.ts';
import { MemoryChat, scope } from '../support/memory-chat.ts';
import { memoryLogger } from '../support/silent-log.ts';
import { testServices, type TestServices } from '../support/services.ts';

let fake: FakeApiframe;
let store: SqliteStore;
let client: ApiframeClient;
let chat: MemoryChat;
let services: TestServices;
let credits: CreditService;
let tasks: TaskService;
let clock: number;
const { log } = memoryLogger([], 'silent');
const group = scope({ chatId: '-100' });
const walletId = walletIdFor(group);

function setup(opts: { free?: number; imagineCost?: number } = {}) {
  services?.cleanup();
  services = testServices(store, client, { costs: { imagine: opts.imagineCost ?? 4 }, freeCredits: opts.free ?? 0, operators: ['telegram:1'], deadlineMs: 60_000, now: () => clock, chat });
  ({ credits, tasks } = services);
}

beforeEach(async () => {
  fake = await FakeApiframe.start();
  store = createStore(':memory:');
  client = new ApiframeClient({ apiKey: fake.apiKey, baseUrl: fake.url, log, retries: 0 });
  chat = new MemoryChat();
  clock = Date.UTC(2026, 10, 21, 12);
  setup();
});
afterEach(async () => {
  services.cleanup();
  await client.close();
  await fake.close();
  store.close();
});

const balance = async () => (await store.wallets.get(walletId))!.balance;
const kinds = async () => (await store.wallets.history(walletId, 100, 0)).map((e) => `${e.kind}:${e.amount}`).reverse();
async function ledgerAgrees() {
  for (const w of await store.wallets.balancesAgainstLedger()) expect(w.balance, w.id).toBe(w.ledgerSum);
}
async function start(s: Scope = group, cost = 4): Promise<StartTask> {
  return { scope: s, job: { type: 'mj.imagine' as const, prompt: 'fox' }, prompt: 'fox', label: 'Imagine', charge: { walletId: (await credits.charge(s, 'imagine')).walletId, cost } };
}
function ctx(s: Scope): CommandCall {
  return { scope: s, respond: chat.responder(s), services, commands, usage: (c) => `/${c.name}`, isGroupAdmin: async () => false };
}

describe('credits follow the task', () => {
  it('reserves with the task row and captures when it finishes', async () => {
    await credits.grant(walletId, 10, group);
    const task = await tasks.start(await start(), chat.responder(group));
    expect(await balance()).toBe(6);
    await fake.finish(task.providerTaskId!);
    await tasks.sweep();
    await tasks.idle();
    expect(await balance()).toBe(6);
    expect(await kinds()).toEqual(['grant:10', 'reserve:-4', 'capture:0']);
    await ledgerAgrees();
  });

  it('refunds when the provider refuses the submit', async () => {
    await credits.grant(walletId, 10, group);
    fake.failNext('/imagine', { status: 400, body: { errors: [{ msg: 'Banned prompt' }] } });
    await expect(tasks.start(await start(), chat.responder(group))).rejects.toThrow('Banned prompt');
    expect(await balance()).toBe(10);
    expect(await kinds()).toEqual(['grant:10', 'reserve:-4', 'refund:4']);
  });

  it('refunds when the task fails and when it times out', async () => {
    await credits.grant(walletId, 10, group);
    const a = await tasks.start(await start(), chat.responder(group));
    await tasks.start(await start(), chat.responder(group));
    await fake.fail(a.providerTaskId!, 'Job failed');
    await tasks.sweep();
    await tasks.idle();
    expect(await balance()).toBe(6);
    clock += 61_000;
    await tasks.sweep();
    await tasks.idle();
    expect(await balance()).toBe(10);
    await ledgerAgrees();
  });

  it('refuses with the balance and the cost when the wallet is short, and submits nothing', async () => {
    await credits.grant(walletId, 3, group);
    await dispatch(imagine, { prompt: 'a fox' }, ctx(group), async () => {});
    const error = chat.of('error').at(-1)!;
    expect(error.text).toBe("That costs 4 credits, but this group's wallet has 3. An operator can add more with /admin grant.");
    expect(error.userFault).toBe(true);
    expect(fake.requests).toHaveLength(0);
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM tasks').get()).toEqual({ n: 0 });
  });

  it('starts new wallets with FREE_CREDITS', async () => {
    setup({ free: 25 });
    expect((await credits.wallet('telegram:chat:-555')).balance).toBe(25);
    expect((await store.wallets.history('telegram:chat:-555', 10, 0))[0]).toMatchObject({ kind: 'grant', amount: 25 });
  });

  it("caps what one member may spend per day, and resets at midnight UTC", async () => {
    await credits.grant(walletId, 100, group);
    await credits.setMemberDailyCap(walletId, 8);
    await tasks.start(await start(), chat.responder(group));
    await tasks.start(await start(), chat.responder(group));
    await expect(tasks.start(await start(), chat.responder(group))).rejects.toThrow('you have 0 of your 8 daily credits left here');
    // Another member still can.
    await tasks.start(await start(scope({ chatId: '-100', userId: '8' })), chat.responder(group));
    clock = Date.UTC(2026, 10, 22, 0, 0, 1);
    await tasks.start(await start(), chat.responder(group));
    expect(fake.callCount('/imagine')).toBe(4);
  });

  it('200 concurrent /imagine against 50 credits: exactly 50 submitted, 150 clear refusals', async () => {
    setup({ imagineCost: 1 });
    await credits.grant(walletId, 50, group);
    await Promise.all(Array.from({ length: 200 }, (_, i) => dispatch(imagine, { prompt: `fox ${i}` }, ctx(scope({ chatId: '-100', userId: String(i) })), async () => {})));
    expect(fake.callCount('/imagine')).toBe(50);
    const refusals = chat.of('error');
    expect(refusals).toHaveLength(150);
    for (const r of refusals) expect(r.text).toContain("That costs 1 credit, but this group's wallet has 0");
    expect(await balance()).toBe(0);
    await ledgerAgrees();
  });

  it('a crash between reserve and submit is resumed, or refunded if the resubmit fails', async () => {
    await credits.grant(walletId, 10, group);
    // Reserve as start() does, then "crash" before the provider call.
    // Resumed oldest first: the first gets the provider's first answer below.
    for (const [i, id] of ['t-resumed', 't-refunded'].entries()) {
      await store.transaction(async (tx) => {
        const t = await tx.tasks.insert(
          { id, job: { type: 'mj.imagine' as const, prompt: 'fox' }, parentId: null, prompt: 'fox', label: 'Imagine', platform: 'telegram', guildId: null, chatId: '-100', userId: '7', userName: '@ana', deadlineAt: clock + 60_000, walletId, cost: 4 },
          clock + i,
        );
        await credits.created(t, tx);
      });
    }
    expect(await balance()).toBe(2);
    fake.failNext('/imagine', { status: 200, body: { task_id: 'p-ok' } });
    fake.failNext('/imagine', { status: 400, body: { errors: [{ msg: 'Invalid prompt' }] } });
    setup();
    await tasks.resume();
    await tasks.idle();
    expect((await store.tasks.get('t-resumed'))?.status).toBe('submitted');
    expect((await store.tasks.get('t-refunded'))?.status).toBe('failed');
    expect(await balance()).toBe(6);
    expect(chat.of('failure')[0]?.text).toContain('Invalid prompt');
    await ledgerAgrees();
  });

  // The ledger's append-only rule is the store's promise: test/support/store-contract/wallets.ts.

  it('the ledger sum equals every balance under random interleaved spends, refunds, grants and takes', async () => {
    // Deterministic pseudo-random sequence so a failure can be replayed.
    let seed = 20261121;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const scopes = [group, scope({ chatId: '-200' }), scope({ isPrivate: true, chatId: '7' })];
    const live: string[] = [];
    for (let step = 0; step < 300; step++) {
      const s = scopes[rand(scopes.length)]!;
      const w = walletIdFor(s);
      switch (rand(6)) {
        case 0:
          await credits.grant(w, 1 + rand(10), s);
          break;
        case 1:
          try {
            await credits.take(w, 1 + rand(10), s);
          } catch {
            /* short wallet: refused, nothing moved */
          }
          break;
        case 2:
        case 3:
          try {
            live.push((await tasks.start(await start(s, 1 + rand(5)), chat.responder(s))).providerTaskId!);
          } catch {
            /* not enough credits */
          }
          break;
        case 4:
          if (live.length) await fake.finish(live.splice(rand(live.length), 1)[0]!);
          break;
        case 5:
          if (live.length) await fake.fail(live.splice(rand(live.length), 1)[0]!, 'failed');
          break;
      }
      if (step % 10 === 0) await tasks.sweep({ force: true });
      for (const b of await store.wallets.balancesAgainstLedger()) {
        expect(b.balance).toBe(b.ledgerSum);
        expect(b.balance).toBeGreaterThanOrEqual(0);
      }
    }
    expect(store.db.prepare("SELECT COUNT(*) AS n FROM ledger WHERE kind = 'refund'").get()).not.toEqual({ n: 0 });
  });
});
