/**
 * framebot benchmarks: drives /imagine through the real core (dispatch → TaskService → Apiframe
 * client → SQLite) against the fake Apiframe on loopback and prints numbers. Nothing is asserted:
 * these machines are shared and noisy, so read trends, not single runs.
 *
 *   npm run bench            # defaults
 *   BENCH_N=2000 npm run bench
 *   BENCH_SCALE_OUT=0 npm run bench   # without the scale-out table (bench/scale-out.ts)
 *   BENCH_PRODUCT=0 npm run bench     # without the product measured from outside (bench/product.ts)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createStore, type Store } from '../src/store/index.ts';
import type { TaskService } from '../src/core/tasks.ts';
import { COST_KEYS, type Costs } from '../src/core/costs.ts';
import { testServices, type TestServices } from '../test/support/services.ts';
import { dispatch } from '../src/core/dispatch.ts';
import { ApiframeClient } from '../src/providers/apiframe/client.ts';
import { HttpServer } from '../src/server/http.ts';
import { APIFRAME_WEBHOOK_PATH } from '../src/providers/apiframe/webhook.ts';
import { ProviderRegistry } from '../src/providers/registry.ts';
import type { CommandCall } from '../src/core/command.ts';
import { imagine } from '../commands/imagine.ts';
import { FakeApiframe } from '../test/fakes/apiframe.ts';
import { MemoryChat, scope } from '../test/support/memory-chat.ts';
import { memoryLogger } from '../test/support/silent-log.ts';
import { creditOpsPerSecond } from './credits.ts';
import { busyChatLatency } from './busy-chat.ts';
import { generateCalls } from './generate.ts';
import { scaleOut } from './scale-out.ts';
import { queueFairness } from './queue-fairness.ts';
import { printWaitingLine, waitingLine } from './waiting-line.ts';
import { adaptivePolling, printAdaptivePolling } from './adaptive-polling.ts';
import { printEventLoopDelay } from './event-loop.ts';
import { benchCall } from './command-call.ts';
import { printHeapPerTask } from './memory.ts';
import { printProduct, productOptions } from './product-report.ts';
import { percentile, positive } from './figures.ts';

const N = Number(process.env.BENCH_N ?? 500);
const SCALE_OUT = {
  imagineN: Math.round(positive('BENCH_IMAGINE_N', 300)),
  creditMs: positive('BENCH_CREDIT_MS', 3_000),
  creditLanes: Math.round(positive('BENCH_CREDIT_LANES', 4)),
  timeoutMs: positive('BENCH_SCALE_TIMEOUT_MS', 120_000),
};
const { log } = memoryLogger([], 'silent');

const ms = (v: number) => `${v.toFixed(2)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

interface Rig {
  fake: FakeApiframe;
  store: Store;
  client: ApiframeClient;
  services: TestServices;
  tasks: TaskService;
  chat: MemoryChat;
  server?: HttpServer;
  dir: string;
  close(): Promise<void>;
}

const FREE_OF_CHARGE: Costs = Object.fromEntries(COST_KEYS.map((k) => [k, 0])) as Costs;

async function rig(opts: { webhooks: boolean; auto: boolean; credits?: boolean }): Promise<Rig> {
  const fake = await FakeApiframe.start({ mode: opts.auto ? 'auto' : 'manual', stepMs: 30, steps: [0, 50] });
  const dir = mkdtempSync(join(tmpdir(), 'framebot-bench-'));
  const store = createStore(join(dir, 'bench.sqlite'));
  let server: HttpServer | undefined;
  let webhook: { url: string; secret: string } | undefined;
  let services: TestServices | undefined;
  let providers: ProviderRegistry | undefined;
  if (opts.webhooks) {
    const secret = 'bench-webhook-secret-0123456789';
    server = new HttpServer({ port: 0, host: '127.0.0.1', webhookAt: (path) => providers?.webhookAt(path), onUpdate: (p, v) => services!.tasks.applyUpdate(p, v), log, health: () => ({}) });
    const port = await server.listen();
    webhook = { url: `http://127.0.0.1:${port}${APIFRAME_WEBHOOK_PATH}`, secret };
  }
  const client = new ApiframeClient({ apiKey: fake.apiKey, baseUrl: fake.url, log, connections: 32, webhook });
  providers = new ProviderRegistry([client]);
  // Without credits every cost is 0, so no reservation is written: the difference prices the check.
  services = testServices(store, client, { deadlineMs: 3_600_000, freeCredits: 1_000_000_000, costs: opts.credits === false ? FREE_OF_CHARGE : {} });
  const { tasks, chat } = services;
  return {
    fake, store, client, services, tasks, chat, server, dir,
    async close() {
      await tasks.stop();
      await server?.close();
      await client.close();
      await fake.close();
      await store.close();
      services.cleanup();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function context(r: Rig, i: number, onFirstReply: () => void): CommandCall {
  return benchCall(r.services, scope({ chatId: `-100${i % 50}`, userId: String(i) }), onFirstReply);
}

/** N concurrent /imagine commands: throughput and time to the first visible reply. */
async function imagineThroughput(r: Rig, n: number): Promise<void> {
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    Array.from({ length: n }, (_, i) => {
      const t0 = performance.now();
      return dispatch(imagine, { prompt: `bench prompt ${i} --stylize 250` }, context(r, i, () => latencies.push(performance.now() - t0)), async () => {});
    }),
  );
  const elapsed = performance.now() - started;
  latencies.sort((a, b) => a - b);
  console.log(`/imagine x${n}: ${(n / (elapsed / 1000)).toFixed(0)} commands/s (all submitted in ${ms(elapsed)})`);
  console.log(`  acknowledgement latency: p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}`);
}

async function untilDelivered(r: Rig, n: number, sweepEveryMs: number): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (r.chat.of('result').length < n) {
    if (Date.now() > deadline) throw new Error(`only ${r.chat.of('result').length}/${n} delivered`);
    await new Promise((res) => setTimeout(res, sweepEveryMs));
    if (sweepEveryMs > 0) await r.tasks.sweep();
  }
}

async function callsPerTask(webhooks: boolean, n: number): Promise<void> {
  const r = await rig({ webhooks, auto: true });
  try {
    await imagineThroughput(r, n);
    const t0 = performance.now();
    await untilDelivered(r, n, webhooks ? 5 : 300);
    const reads = r.fake.callCount('/fetch') + r.fake.callCount('/fetch-many');
    const submits = r.fake.callCount('/imagine');
    console.log(
      `  ${webhooks ? 'webhook' : 'polling'} path: ${((reads + submits) / n).toFixed(2)} provider calls per task ` +
        `(${(submits / n).toFixed(2)} submit + ${(reads / n).toFixed(2)} reads), all delivered ${ms(performance.now() - t0)} after submit`,
    );
  } finally {
    await r.close();
  }
}

async function rssWithPending(counts: number[]): Promise<void> {
  const r = await rig({ webhooks: false, auto: false });
  try {
    let made = 0;
    for (const count of counts) {
      while (made < count) {
        const batch = Math.min(500, count - made);
        await Promise.all(Array.from({ length: batch }, (_, i) => dispatch(imagine, { prompt: `pending ${made + i}` }, context(r, made + i, () => {}), async () => {})));
        made += batch;
      }
      globalThis.gc?.();
      const t0 = performance.now();
      await r.tasks.sweep({ force: true });
      const sweep = performance.now() - t0;
      console.log(`pending tasks ${count}: RSS ${mb(process.memoryUsage().rss)}, one sweep (poll ≤400 + deadlines) ${ms(sweep)}`);
    }
  } finally {
    await r.close();
  }
}

/** The same /imagine burst with and without the credit check, to price the check itself. */
async function creditCheckCost(n: number): Promise<void> {
  // The first round warms the JIT and the page cache; the second is the one to read.
  for (const credits of [false, true, false, true]) {
    const r = await rig({ webhooks: false, auto: false, credits });
    try {
      const t0 = performance.now();
      await Promise.all(Array.from({ length: n }, (_, i) => dispatch(imagine, { prompt: `p${i}` }, context(r, i, () => {}), async () => {})));
      console.log(`  /imagine x${n} ${credits ? 'with the credit check (reserve in the insert transaction)' : 'without the credit check (all costs 0)'}: ${ms(performance.now() - t0)}`);
    } finally {
      await r.close();
    }
  }
}

console.log(`framebot bench — node ${process.version}, N=${N}`);
await callsPerTask(false, N);
await callsPerTask(true, N);
printAdaptivePolling(await adaptivePolling({ history: 20, measured: 20 }));
await rssWithPending([1_000, 10_000]);
await printHeapPerTask(Math.round(positive('BENCH_HEAP_TASKS', 5_000)));
await printEventLoopDelay(Number(process.env.BENCH_UNFINISHED ?? 100_000));
{
  const dir = mkdtempSync(join(tmpdir(), 'framebot-bench-'));
  await creditOpsPerSecond(join(dir, 'credits.sqlite'), 20_000);
  rmSync(dir, { recursive: true, force: true });
}
await creditCheckCost(N);
{
  const latency = await busyChatLatency(25, 3_000, 300);
  console.log(
    `busy group (25 results queued, 3 s per group message): a private result arrived ${ms(latency)} after its job finished ` +
      '(anchor: about one poll interval, 300 ms here; 113 s before issue 7 with a 3 s poll)',
  );
}
await generateCalls(Math.max(10, Math.round(N / 10)), 4, 100);
await queueFairness({ concurrency: 10, jobs: 1_000, users: 100, groups: 10 });
printWaitingLine(await waitingLine({ waiting: Math.round(positive('BENCH_WAITING', 10_000)), rounds: 15 }));
if (process.env.BENCH_SCALE_OUT !== '0') await scaleOut(SCALE_OUT);
if (process.env.BENCH_PRODUCT !== '0') await printProduct(productOptions());
