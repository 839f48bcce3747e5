/**
 * Credit reserve+capture pairs as one bot instance runs them: `lanes` pairs in flight at once, each
 * pair a reserve (the task's insert and its reservation in one transaction, as TaskService.start
 * runs them) then a capture in another transaction (as a finished task's), spread over a few
 * shared group wallets and 100 members each, with a daily cap so its query is part of the path.
 */
import { performance } from 'node:perf_hooks';
import { CreditService, walletIdFor } from '../src/core/credits.ts';
import { DEFAULT_COSTS } from '../src/core/costs.ts';
import type { Scope } from '../src/core/chat.ts';
import type { Store } from '../src/store/index.ts';
import type { StoreTarget } from './stores.ts';

export interface WorkerJob {
  target: StoreTarget;
  /** This instance's number, so its task ids never collide with another's. */
  instance: number;
  lanes: number;
  /** How many group wallets all instances spend from. */
  wallets: number;
  durationMs: number;
}

export type WorkerMessage = { kind: 'ready' } | { kind: 'done'; pairs: number; elapsedMs: number } | { kind: 'failed'; error: string };

export const COST = DEFAULT_COSTS.imagine;

/** The group whose wallet the w-th of the shared wallets is (a Discord server). */
export function walletScope(w: number, userId = '0'): Scope {
  return { platform: 'discord', guildId: String(1000 + w), chatId: String(2000 + w), userId, userName: 'bench', isPrivate: false };
}

export const walletIds = (count: number): string[] => Array.from({ length: count }, (_, w) => walletIdFor(walletScope(w)));

/** Pairs until `until` (performance.now()), in `lanes` concurrent loops; returns how many completed. */
export async function spend(store: Store, job: Omit<WorkerJob, 'target' | 'durationMs'>, until: number): Promise<number> {
  const credits = new CreditService({ store, costs: { ...DEFAULT_COSTS }, freeCredits: 0, operators: new Set() });
  let next = 0;
  let pairs = 0;
  const lane = async () => {
    while (performance.now() < until) {
      const i = next++;
      const scope = walletScope(i % job.wallets, String(i % 100));
      const now = Date.now();
      const task = await store.transaction(async (tx) => {
        const inserted = await tx.tasks.insert(
          { id: `i${job.instance}-${i}`, job: { type: 'mj.imagine' as const, prompt: 'p' }, parentId: null, prompt: 'p', label: 'Imagine', platform: 'discord', guildId: scope.guildId!, chatId: scope.chatId, userId: scope.userId, userName: 'bench', deadlineAt: now + 1e9, walletId: walletIdFor(scope), cost: COST },
          now,
        );
        await credits.created(inserted, tx);
        return inserted;
      });
      await store.transaction((tx) => credits.finished(task, tx));
      pairs++;
    }
  };
  await Promise.all(Array.from({ length: job.lanes }, lane));
  return pairs;
}

