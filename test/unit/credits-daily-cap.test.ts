import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, type Store } from '../../src/store/index.ts';
import type { StartTask, TaskService } from '../../src/core/tasks.ts';
import { walletIdFor, type CreditService } from '../../src/core/credits.ts';
import { ApiframeClient } from '../../src/providers/apiframe/client.ts';
import { FakeApiframe } from '../fakes/apiframe.ts';
import { scope } from '../support/memory-chat.ts';
import { memoryLogger } from '../support/silent-log.ts';
import { testServices, type TestServices } from '../support/services.ts';

let fake: FakeApiframe;
let store: Store;
let client: ApiframeClient;
let services: TestServices;
let credits: CreditService;
let tasks: TaskService;
let clock: number;
const { log } = memoryLogger([], 'silent');
const member = scope({ chatId: '-100', userId: '7' });
const walletId = walletIdFor(member);

beforeEach(async () => {
  fake = await FakeApiframe.start();
  store = createStore(':memory:');
  clock = Date.UTC(2026, 10, 21, 12);
  client = new ApiframeClient({ apiKey: fake.apiKey, baseUrl: fake.url, log, retries: 0 });
  services = testServices(store, client, { costs: { imagine: 4 }, deadlineMs: 3_600_000, now: () => clock });
  ({ credits, tasks } = services);
  await credits.grant(walletId, 100, member);
  await credits.setMemberDailyCap(walletId, 4);
});
afterEach(async () => {
  services.cleanup();
  await client.close();
  await fake.close();
  store.close();
});

const start = async (): Promise<StartTask> => ({ scope: member, job: { type: 'mj.imagine' as const, prompt: 'fox' }, prompt: 'fox', label: 'Imagine', charge: await credits.charge(member, 'imagine') });

/** Reserves just before `boundary` and fails (so refunds) the task just after it. */
async function reserveBeforeRefundAfter(boundary: number): Promise<void> {
  clock = boundary - 1_000;
  const task = await tasks.start(await start(), services.chat.responder(member));
  clock = boundary + 1_000;
  await fake.fail(task.providerTaskId!, 'Job failed');
  await tasks.sweep({ force: true });
  expect((await store.wallets.entryFor(task.id, 'refund'))?.at).toBe(boundary + 1_000);
}

describe('a refund counts on the day of the reservation it reverses', () => {
  it('does not raise the daily cap of the day the refund lands on', async () => {
    await reserveBeforeRefundAfter(Date.UTC(2026, 10, 22));
    expect((await credits.summary(member)).spentToday).toBe(0);
    expect(await credits.dailyRoom(walletId, member.userId)).toBe(4);
    await tasks.start(await start(), services.chat.responder(member));
    await expect(tasks.start(await start(), services.chat.responder(member))).rejects.toThrow('you have 0 of your 4 daily credits left here');
    expect((await credits.summary(member)).spentToday).toBe(4);
  });

  it('never shows a negative month after a refund across the month boundary', async () => {
    await reserveBeforeRefundAfter(Date.UTC(2026, 11, 1));
    expect(await credits.summary(member)).toMatchObject({ spentToday: 0, spentThisMonth: 0 });
  });
});
