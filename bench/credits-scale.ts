/**
 * Credit reserve+capture pairs per second with 1..n instances on one database: each instance a
 * separate OS process (bench/workers/credits-worker.ts) with its own store, all spending from the
 * same few group wallets at once. Afterwards the ledger is checked from a fresh connection.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { CreditService } from '../src/core/credits.ts';
import { DEFAULT_COSTS } from '../src/core/costs.ts';
import { COST, walletIds, walletScope, type WorkerJob, type WorkerMessage } from './credit-pairs.ts';
import { openStore, type StoreTarget } from './stores.ts';

const WORKER = resolve(import.meta.dirname, 'workers/credits-worker.ts');
const READY_TIMEOUT_MS = 60_000;
/** Each wallet holds more than the run can spend, so no reserve is refused for want of credits. */
const GRANT = 1_000_000_000;

export interface CreditRun {
  pairs: number;
  pairsPerSecond: number;
  /** Every wallet's balance equals its ledger's sum. */
  consistent: boolean;
  /** No balance below zero. */
  nonNegative: boolean;
  /** The wallets together lost exactly one imagine's cost per pair: nothing charged twice or lost. */
  chargedOnce: boolean;
}

export interface CreditScaleOptions {
  instances: number;
  wallets: number;
  lanes: number;
  durationMs: number;
}

/** Grants the shared wallets their credits and a daily cap (so the cap query runs on every reserve). */
async function prepare(target: StoreTarget, wallets: number): Promise<void> {
  const store = await openStore(target, 2);
  try {
    const credits = new CreditService({ store, costs: { ...DEFAULT_COSTS }, freeCredits: 0, operators: new Set() });
    for (const [w, id] of walletIds(wallets).entries()) {
      await credits.grant(id, GRANT, walletScope(w));
      await credits.setMemberDailyCap(id, GRANT);
    }
  } finally {
    await store.close();
  }
}

async function check(target: StoreTarget, wallets: number, pairs: number): Promise<Omit<CreditRun, 'pairs' | 'pairsPerSecond'>> {
  const store = await openStore(target, 2);
  try {
    const rows = await store.wallets.balancesAgainstLedger();
    const ids = new Set(walletIds(wallets));
    const ours = rows.filter((r) => ids.has(r.id));
    const spent = ours.reduce((sum, r) => sum + (GRANT - r.balance), 0);
    return {
      consistent: rows.every((r) => r.balance === r.ledgerSum),
      nonNegative: rows.every((r) => r.balance >= 0),
      chargedOnce: ours.length === wallets && spent === pairs * COST,
    };
  } finally {
    await store.close();
  }
}

/** Waits for the next message of `child`, failing when it exits first or `ms` pass. */
function next(child: ChildProcess, ms: number): Promise<WorkerMessage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(() => reject(new Error(`a credits worker gave no answer within ${ms / 1000} s`))), ms);
    const onMessage = (m: WorkerMessage) => done(() => resolve(m));
    const onExit = (code: number | null) => done(() => reject(new Error(`a credits worker exited (${code}) before answering`)));
    const done = (settle: () => void) => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      settle();
    };
    child.on('message', onMessage);
    child.on('exit', onExit);
  });
}

function expect(m: WorkerMessage, kind: 'ready' | 'done'): Extract<WorkerMessage, { kind: 'ready' | 'done' }> {
  if (m.kind === 'failed') throw new Error(`a credits worker failed: ${m.error}`);
  if (m.kind !== kind) throw new Error(`a credits worker said ${m.kind}, expected ${kind}`);
  return m;
}

function exitedWithin(child: ChildProcess, ms: number): Promise<unknown> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return Promise.race([once(child, 'exit'), new Promise((r) => setTimeout(r, ms).unref())]);
}

/** One configuration: `instances` worker processes on `target` for `durationMs`. Every worker is ended, also on error. */
export async function creditPairsAcrossInstances(target: StoreTarget, o: CreditScaleOptions): Promise<CreditRun> {
  await prepare(target, o.wallets);
  const children: ChildProcess[] = [];
  try {
    for (let instance = 0; instance < o.instances; instance++) {
      const job: WorkerJob = { target, instance, lanes: o.lanes, wallets: o.wallets, durationMs: o.durationMs };
      children.push(fork(WORKER, [JSON.stringify(job)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
    }
    await Promise.all(children.map(async (c) => expect(await next(c, READY_TIMEOUT_MS), 'ready')));
    const finished = children.map((c) => next(c, o.durationMs + READY_TIMEOUT_MS));
    for (const c of children) c.send('go');
    const results = (await Promise.all(finished)).map((m) => expect(m, 'done') as Extract<WorkerMessage, { kind: 'done' }>);
    const pairs = results.reduce((sum, r) => sum + r.pairs, 0);
    // The instances ran side by side: the slowest one's time is the run's.
    const elapsedMs = Math.max(...results.map((r) => r.elapsedMs));
    // Their pools closed before the check reads (bounded: one that hangs is killed below).
    await Promise.all(children.map((c) => exitedWithin(c, 10_000)));
    return { pairs, pairsPerSecond: pairs / (elapsedMs / 1000), ...(await check(target, o.wallets, pairs)) };
  } finally {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  }
}
