/**
 * Adaptive polling (issue 14, part 5): how often a lone 60-s job is read without webhooks, and how
 * soon its result is posted after it finished. The real TaskService, Apiframe client and SQLite
 * against the fake Apiframe, on a simulated clock (sweeps every POLL_INTERVAL_MS of it), so a
 * minute-long job takes milliseconds. Apiframe's own SDK reads a job every 3 s: 20 reads for 60 s.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStore } from '../src/store/index.ts';
import { TaskService } from '../src/core/tasks.ts';
import { ApiframeClient } from '../src/providers/apiframe/client.ts';
import { ProviderRegistry } from '../src/providers/registry.ts';
import { FakeApiframe } from '../test/fakes/apiframe.ts';
import { MemoryChat, scope } from '../test/support/memory-chat.ts';
import { memoryLogger } from '../test/support/silent-log.ts';

const CADENCE_MS = 3_000; // POLL_INTERVAL_MS's default
const SLOWEST_MS = 30_000; // POLL_MAX_INTERVAL_MS's default
const SDK_READS = 20;

/** A deterministic spread in [0, 1) (the same run every time). */
function spread(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

export interface PollingFigures {
  /** Reads per task of the measured 60-s jobs: mean and most. */
  meanReads: number;
  maxReads: number;
  /** From the job's finish at Apiframe to its result posted, simulated time: mean and most. */
  meanDelayMs: number;
  maxDelayMs: number;
  jobs: number;
  /** Imagines of 48–72 s (as Midjourney's vary) after the same history: mean reads and mean delay. */
  variedReads: number;
  variedDelayMs: number;
  /** The very first imagine (no history: the 60-s default), for comparison. */
  firstReads: number;
  firstDelayMs: number;
}

export async function adaptivePolling(o: { history: number; measured: number }): Promise<PollingFigures> {
  const { log } = memoryLogger([], 'silent');
  const fake = await FakeApiframe.start();
  const dir = mkdtempSync(join(tmpdir(), 'framebot-bench-'));
  const store = createStore(join(dir, 'bench.sqlite'));
  const client = new ApiframeClient({ apiKey: fake.apiKey, baseUrl: fake.url, log });
  const chat = new MemoryChat();
  let clock = Date.parse('2026-01-01T00:00:00Z');
  const tasks = new TaskService({
    store,
    providers: new ProviderRegistry([client]),
    log,
    deadlineMs: 20 * 60_000,
    now: () => clock,
    pollIntervalMs: CADENCE_MS,
    pollMaxIntervalMs: SLOWEST_MS,
  });
  tasks.attach(chat);
  const random = spread(14);
  const readsOf = (id: string) => fake.readsPerTask().get(id) ?? 0;

  /** One lone job of `runMs`: queued for its first tenth, then a percentage in step with time; sweeps from a random phase. */
  const lone = async (runMs: number): Promise<{ reads: number; delayMs: number }> => {
    // Learned figures are re-read once a minute: each job starts after that.
    clock += 61_000;
    const submittedAt = clock;
    const task = await tasks.start({ scope: scope(), job: { type: 'mj.imagine', prompt: `bench ${clock}` }, prompt: 'bench', label: 'Imagine' }, chat.responder(scope()));
    const id = task.providerTaskId!;
    const delivered = chat.of('result').length;
    clock += Math.floor(random() * CADENCE_MS);
    let finished = false;
    for (let step = 0; step < 1_000; step++) {
      const elapsed = clock - submittedAt;
      if (!finished && elapsed >= runMs) {
        await fake.finish(id);
        finished = true;
      } else if (!finished && elapsed > runMs / 10) {
        await fake.progress(id, Math.min(99, Math.max(1, Math.floor(((elapsed - runMs / 10) / (runMs * 0.9)) * 100))));
      }
      await tasks.sweep();
      await tasks.idle();
      if (chat.of('result').length > delivered) return { reads: readsOf(id), delayMs: elapsed - runMs };
      clock += CADENCE_MS;
    }
    throw new Error('a bench job was never delivered');
  };

  try {
    const first = await lone(60_000);
    // History: imagines of 48–72 s, as Midjourney's fast mode varies.
    for (let i = 0; i < o.history; i++) await lone(48_000 + Math.round(random() * 24_000));
    const runs: Array<{ reads: number; delayMs: number }> = [];
    for (let i = 0; i < o.measured; i++) runs.push(await lone(60_000));
    const varied: Array<{ reads: number; delayMs: number }> = [];
    for (let i = 0; i < o.measured; i++) varied.push(await lone(48_000 + Math.round(random() * 24_000)));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const reads = runs.map((r) => r.reads);
    const delays = runs.map((r) => r.delayMs);
    return {
      meanReads: reads.reduce((a, b) => a + b, 0) / runs.length,
      maxReads: Math.max(...reads),
      meanDelayMs: delays.reduce((a, b) => a + b, 0) / runs.length,
      maxDelayMs: Math.max(...delays),
      jobs: runs.length,
      variedReads: mean(varied.map((r) => r.reads)),
      variedDelayMs: mean(varied.map((r) => r.delayMs)),
      firstReads: first.reads,
      firstDelayMs: first.delayMs,
    };
  } finally {
    await tasks.stop(0);
    await client.close();
    await fake.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printAdaptivePolling(f: PollingFigures): void {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  console.log(
    `adaptive polling, a lone 60-s imagine without webhooks (simulated clock, sweeps every 3 s): ${f.meanReads.toFixed(1)} reads per task (most ${f.maxReads}) ` +
      `beside Apiframe's SDK ${SDK_READS} (anchor; target ≤ 6); result posted ${s(f.meanDelayMs)} after the job finished on average (most ${s(f.maxDelayMs)}; target ≤ 2 s), over ${f.jobs} jobs`,
  );
  console.log(`  imagines of 48–72 s after the same history: ${f.variedReads.toFixed(1)} reads per task, posted ${s(f.variedDelayMs)} after they finished on average`);
  console.log(`  the first imagine, before any finished (60-s default): ${f.firstReads} reads, posted ${s(f.firstDelayMs)} after it finished`);
}
