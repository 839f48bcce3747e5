/**
 * The fair queue (issue 12, part 9): with a provider running `concurrency` jobs at once and
 * `jobs` jobs queued by `users` users, how long each waits for a slot, and how evenly the waiting
 * is shared. The store's own queue (the real admitWaiting and its fair order, on SQLite) decides
 * who goes next; the clock and the run times are simulated (each job runs 30–90 s, seeded), so a
 * run takes seconds and gives the same waits every time. All the jobs are queued before the first
 * slot opens (they arrive at a busy bot), so the order they are taken in is the queue's alone. First come first served, on the same
 * arrivals and run times, is printed beside it for comparison.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createStore } from '../src/store/index.ts';

export interface QueueFairnessOptions {
  concurrency: number;
  jobs: number;
  users: number;
  /** Groups the users are in (user n in group n mod groups). */
  groups: number;
}

interface Arrival {
  id: string;
  user: number;
  at: number;
  runMs: number;
}

/** A small seeded generator, so every run sees the same run times. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Pattern = 'even' | 'skewed';

/**
 * Who sends what, one user's burst after another: `even`, every user the same share; `skewed`, a
 * tenth of the users send half the jobs, first, and everyone else an even share of the rest.
 */
function arrivals(o: QueueFairnessOptions, pattern: Pattern): Arrival[] {
  const random = mulberry32(12);
  const heavy = pattern === 'even' ? o.users : Math.max(1, Math.round(o.users / 10));
  const heavyJobs = pattern === 'even' ? o.jobs : Math.floor(o.jobs / 2);
  const users: number[] = [];
  const burst = (from: number, count: number, jobs: number) => {
    for (let u = 0; u < count; u++) for (let j = 0; j < Math.floor(jobs / count) + (u < jobs % count ? 1 : 0); j++) users.push(from + u);
  };
  burst(0, heavy, heavyJobs);
  if (heavy < o.users) burst(heavy, o.users - heavy, o.jobs - heavyJobs);
  return users.map((user, j) => ({ id: `job${j}`, user, at: j, runMs: 30_000 + Math.floor(random() * 60_000) }));
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};
const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / Math.max(1, values.length);

/**
 * Runs the arrivals through a queue: `admit(now)` returns the ids that take a slot now (the
 * queue's own decision); each runs its run time, then frees its slot. Returns each job's wait.
 */
async function simulate(list: Arrival[], admit: (now: number) => Promise<string[]>, enqueue: (a: Arrival) => Promise<void>, done: (id: string, now: number) => Promise<void>) {
  const byId = new Map(list.map((a) => [a.id, a]));
  const waits = new Map<string, number>();
  const running: Array<{ id: string; endsAt: number }> = [];
  const start = async (now: number) => {
    for (const id of await admit(now)) {
      waits.set(id, now - byId.get(id)!.at);
      running.push({ id, endsAt: now + byId.get(id)!.runMs });
    }
  };
  // Every command arrives (1 ms apart) while the slots are busy (a backlog), so all of them queue;
  // then the slots open: from here on each frees one at a time, as jobs end.
  for (const a of list) await enqueue(a);
  await start(list.length);
  // Then the slots free one by one, each starting the next waiting job; bounded by the job count.
  for (let step = 0; step < list.length && running.length > 0; step++) {
    running.sort((x, y) => x.endsAt - y.endsAt);
    const next = running.shift()!;
    await done(next.id, next.endsAt);
    await start(next.endsAt);
  }
  return waits;
}

function summary(list: Arrival[], waits: Map<string, number>, users: number) {
  const perUser = Array.from({ length: users }, (_, u) => list.filter((a) => a.user === u).map((a) => waits.get(a.id) ?? NaN));
  const userMeans = perUser.map(mean);
  const userP50 = perUser.map((w) => percentile(w, 50));
  const userP99 = perUser.map((w) => percentile(w, 99));
  return {
    all: [...waits.values()],
    userMeans,
    userP50,
    userP99,
    // A user whose jobs all started at once waited ~0: the least is counted as 1 s, not to divide by 0.
    spread: Math.max(...userMeans) / Math.max(1_000, Math.min(...userMeans)),
  };
}

export async function queueFairness(o: QueueFairnessOptions): Promise<void> {
  for (const pattern of ['even', 'skewed'] as const) await onePattern(o, pattern);
}

async function onePattern(o: QueueFairnessOptions, pattern: Pattern): Promise<void> {
  const list = arrivals(o, pattern);
  const dir = mkdtempSync(join(tmpdir(), 'framebot-bench-'));
  const store = createStore(join(dir, 'queue.sqlite'));
  const admitMs: number[] = [];
  try {
    const scopeOf = (a: Arrival) => ({ platform: 'telegram' as const, guildId: null, chatId: `-100${a.user % o.groups}`, userId: `u${a.user}`, userName: `@u${a.user}` });
    const fair = await simulate(
      list,
      async (now) => {
        const t0 = performance.now();
        const admitted = await store.tasks.admitWaiting('apiframe', o.concurrency, now);
        admitMs.push(performance.now() - t0);
        return admitted.map((t) => t.id);
      },
      async (a) => {
        await store.tasks.insert(
          { id: a.id, job: { type: 'mj.imagine', prompt: 'a fox' }, parentId: null, prompt: 'a fox', label: 'Imagine', ...scopeOf(a), deadlineAt: a.at + 3_600_000, walletId: null, cost: 0, provider: 'apiframe', waiting: true },
          a.at,
        );
      },
      async (id, now) => {
        await store.tasks.markSubmitted(id, 'apiframe', [`p-${id}`], now);
        await store.tasks.finish(id, { kind: 'image', imageUrl: 'http://x/1.png' }, now);
      },
    );
    const fifoQueue: string[] = [];
    let fifoRunning = 0;
    const fifo = await simulate(
      list,
      async () => {
        const take = fifoQueue.splice(0, Math.max(0, o.concurrency - fifoRunning));
        fifoRunning += take.length;
        return take;
      },
      async (a) => {
        fifoQueue.push(a.id);
      },
      async () => {
        fifoRunning--;
      },
    );
    const s = (v: number) => `${(v / 1000).toFixed(0)} s`;
    const f = summary(list, fair, o.users);
    const q = summary(list, fifo, o.users);
    const who = pattern === 'even' ? `${o.jobs / o.users} each, one user's burst after another` : 'a tenth of the users send half the jobs, first';
    console.log(`queue: concurrency ${o.concurrency}, ${o.jobs} jobs from ${o.users} users in ${o.groups} groups (${who}), each job 30–90 s (simulated clock)`);
    for (const [name, r] of [['fair (round robin)', f], ['first come first served', q]] as const) {
      console.log(
        `  ${name}: job wait p50 ${s(percentile(r.all, 50))}, p99 ${s(percentile(r.all, 99))}; ` +
          `per user p50 wait: median user ${s(percentile(r.userP50, 50))}, worst ${s(Math.max(...r.userP50))}; ` +
          `per user p99 wait: median user ${s(percentile(r.userP99, 50))}, worst ${s(Math.max(...r.userP99))}; ` +
          `fairness spread (max/min per-user mean wait) ${r.spread.toFixed(1)}× (means ${s(Math.min(...r.userMeans))} to ${s(Math.max(...r.userMeans))})`,
      );
    }
    console.log(`  one admission (count the slots, read the fair order, take the slot) on SQLite: p50 ${percentile(admitMs, 50).toFixed(2)} ms, p99 ${percentile(admitMs, 99).toFixed(2)} ms`);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

// Alone: `tsx bench/queue-fairness.ts`.
if (import.meta.url === `file://${process.argv[1]}`) await queueFairness({ concurrency: 10, jobs: 1_000, users: 100, groups: 10 });
