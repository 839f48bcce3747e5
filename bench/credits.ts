import { performance } from 'node:perf_hooks';
import { createStore } from '../src/store/index.ts';
import type { TaskRecord } from '../src/store/tasks-repo.ts';
import { CreditService, walletIdFor } from '../src/core/credits.ts';
import { DEFAULT_COSTS } from '../src/core/costs.ts';
import type { Scope } from '../src/core/chat.ts';

/**
 * Reserve + capture pairs per second, each in its own transaction as the task service runs them,
 * spread over 100 members of one group wallet with a daily cap (so the cap query is measured too).
 */
export async function creditOpsPerSecond(dbPath: string, n: number): Promise<void> {
  const store = createStore(dbPath);
  const credits = new CreditService({ store, costs: { ...DEFAULT_COSTS }, freeCredits: 0, operators: new Set() });
  const scope: Scope = { platform: 'discord', guildId: '1', chatId: '2', userId: '3', userName: 'bench', isPrivate: false };
  const walletId = walletIdFor(scope);
  await credits.grant(walletId, n * 10, scope);
  await credits.setMemberDailyCap(walletId, n * 10); // include the daily-cap query in the measured path
  const now = Date.now();
  const tasks: TaskRecord[] = [];
  for (let i = 0; i < n; i++) {
    tasks.push(
      await store.tasks.insert(
        { id: `b${i}`, job: { type: 'mj.imagine' as const, prompt: 'p' }, parentId: null, prompt: 'p', label: 'Imagine', platform: 'discord', guildId: '1', chatId: '2', userId: String(i % 100), userName: 'bench', deadlineAt: now + 1e9, walletId, cost: 4 },
        now,
      ),
    );
  }
  const t0 = performance.now();
  for (const task of tasks) {
    await store.transaction((tx) => credits.created(task, tx));
    await store.transaction((tx) => credits.finished(task, tx));
  }
  const elapsed = performance.now() - t0;
  const sums = (await store.wallets.balancesAgainstLedger()).every((w) => w.balance === w.ledgerSum);
  console.log(
    `credits: ${(n / (elapsed / 1000)).toFixed(0)} reserve+capture pairs/s (${((elapsed * 1000) / n).toFixed(1)} µs a pair, ledger consistent: ${sums})`,
  );
  await store.close();
}
