/**
 * The bot's side of the finished-tasks heap check (test/e2e/finished-tasks-heap.test.ts, and
 * bench/memory.ts): /imagine commands through dispatch → TaskService → the Apiframe client (against
 * the fake Apiframe at the given URL) → SQLite, each result delivered through the real
 * TelegramPort to the fake Telegram at the given URL. It runs in a process of its own, started with
 * --expose-gc, so the fakes' records (which grow with every call, by design) are not in the heap
 * it measures.
 *
 *   node --expose-gc --import tsx test/support/heap-run.ts '<HeapRunConfig as JSON>'
 *
 * Prints one line of JSON (HeapRunReport) and exits.
 */
import { Api } from 'grammy';
import { createStore } from '../../src/store/index.ts';
import { createServices } from '../../src/services.ts';
import { DEFAULT_COSTS } from '../../src/core/costs.ts';
import { dispatch } from '../../src/core/dispatch.ts';
import { redactPort } from '../../src/core/redact.ts';
import type { ChatPort } from '../../src/core/chat.ts';
import { createLogger } from '../../src/logger.ts';
import { ApiframeClient } from '../../src/providers/apiframe/client.ts';
import { ProviderRegistry } from '../../src/providers/registry.ts';
import { commands } from '../../commands/index.ts';
import { imagine } from '../../commands/imagine.ts';
import { TelegramPort } from '../../adapters/telegram/port.ts';
import { Messenger } from '../../adapters/telegram/messenger.ts';
import { TelegramResponder } from '../../adapters/telegram/responder.ts';

export interface HeapRunConfig {
  apiframe: { url: string; apiKey: string };
  telegram: { apiRoot: string; token: string };
  /** Chats the commands come from, in turn: a private chat's id is its user's, a group's is negative (its users are made up). */
  chats: number[];
  /** Jobs at Apiframe at once: the rest wait in line (with their places shown, on a board in a group). */
  concurrency: number;
  /** Tasks run before the first measurement (the JIT, the pools, SQLite's caches settle). */
  warmup: number;
  /** Tasks run between two measurements. */
  rounds: number[];
  /** Commands in flight at once. */
  batch: number;
}

export interface HeapRunReport {
  /** heapUsed after a full GC: after the warm-up, then after each round. */
  heapUsed: number[];
  /** Tasks finished and delivered by each of those points. */
  delivered: number[];
  /** How long the warm-up and each round took (ms). */
  roundMs: number[];
  /** Of them, jobs that waited on a group's board before they started. */
  fromBoard: number;
  /** What the task service and the Telegram port hold, once everything was delivered and their intervals passed. */
  sizes: { tasks: Record<string, number>; telegram: Record<string, number> };
  /**
   * Timers keeping the process alive at that point (the poll loop's): none is a task's. Unref'd ones
   * are not listed (the edit pace's expiries are counted in `sizes`).
   */
  timers: number;
}

const config = JSON.parse(process.argv[2] ?? '') as HeapRunConfig;
const gc = globalThis.gc;
if (!gc) throw new Error('run with node --expose-gc');

const log = createLogger({ level: 'silent', secrets: [] });
// SQLite in memory: its pages are native memory, not the JavaScript heap measured, and a file's
// commits (an fsync each) would make the run several times longer.
const store = createStore(':memory:');
const client = new ApiframeClient({ apiKey: config.apiframe.apiKey, baseUrl: config.apiframe.url, log, connections: 32 });
const services = createServices({
  store,
  providers: new ProviderRegistry([client]),
  log,
  deadlineMs: 3_600_000,
  costs: DEFAULT_COSTS,
  freeCredits: 1_000_000_000,
  operators: new Set(),
  queue: { concurrency: { apiframe: config.concurrency }, maxJobsPerUser: 0, maxJobsPerGroup: 0 },
});
// No throttler: Telegram's limits would make the run minutes long, and they are not what is measured.
const messenger = new Messenger(new Api(config.telegram.token, { apiRoot: config.telegram.apiRoot }), log);
const port = new TelegramPort(messenger, log);
let delivered = 0;
/** Jobs that waited on a group's board, then had their progress posted when they started. */
let fromBoard = 0;
const counting: ChatPort = {
  platform: 'telegram',
  updateProgress: (ref, text) => port.updateProgress(ref, text),
  deliverResult: async (...args) => {
    const ref = await port.deliverResult(...args);
    delivered++;
    wake?.();
    return ref;
  },
  deliverFailure: (...args) => port.deliverFailure(...args),
  removeProgress: (ref) => port.removeProgress(ref),
  showLine: (...args) => port.showLine(...args),
  postProgress: (ref, text) => {
    fromBoard++;
    return port.postProgress(ref, text);
  },
};
services.tasks.attach(redactPort(counting, services.scrub));

let made = 0;
let wake: (() => void) | undefined;
/**
 * Runs `count` more /imagine commands, at most `batch` unfinished at a time (a new one starts as a
 * result is delivered), and returns once every one of them is delivered. Bounded: a run that stops
 * delivering for a minute fails.
 */
async function run(count: number): Promise<void> {
  const target = made + count;
  const started: Array<Promise<void>> = [];
  let last = { delivered, at: Date.now() };
  while (delivered < target) {
    while (made < target && made - delivered < config.batch) started.push(command(made++));
    await new Promise<void>((resolve) => {
      wake = resolve;
      setTimeout(resolve, 100);
    });
    if (delivered !== last.delivered) last = { delivered, at: Date.now() };
    else if (Date.now() - last.at > 60_000) throw new Error(`stuck at ${delivered} of ${target} delivered`);
  }
  await Promise.all(started);
}

function command(i: number): Promise<void> {
  const chatId = config.chats[i % config.chats.length]!;
  const userId = chatId > 0 ? chatId : 7_000_000 + (i % 20);
  const scope = { platform: 'telegram' as const, chatId: String(chatId), userId: String(userId), userName: `user${userId}`, isPrivate: chatId > 0 };
  const respond = new TelegramResponder({ messenger, cancelProgress: (ref) => port.cancelProgress(ref), chatId });
  return dispatch(imagine, { prompt: `a fox number ${i}` }, { scope, services, commands, usage: (c) => `/${c.name}`, isGroupAdmin: async () => false, respond }, () => respond.acknowledge());
}

function heapAfterGc(): number {
  // Twice: the first collection's finalizers (sockets, statements) free more on the second.
  gc!();
  gc!();
  return process.memoryUsage().heapUsed;
}

// Sweeps back to back (a fake job takes a few ms), as the bot's timer would at a short POLL_INTERVAL_MS.
services.tasks.startPolling(10);
const report: HeapRunReport = { heapUsed: [], delivered: [], roundMs: [], fromBoard: 0, sizes: { tasks: {}, telegram: {} }, timers: 0 };
let t0 = performance.now();
await run(config.warmup);
report.roundMs.push(Math.round(performance.now() - t0));
report.heapUsed.push(heapAfterGc());
report.delivered.push(delivered);
for (const round of config.rounds) {
  t0 = performance.now();
  await run(round);
  report.roundMs.push(Math.round(performance.now() - t0));
  report.heapUsed.push(heapAfterGc());
  report.delivered.push(delivered);
}
// Progress edits are paced per message: what a pace still needs goes once its interval has passed.
await new Promise((resolve) => setTimeout(resolve, 3_000));
report.fromBoard = fromBoard;
report.timers = process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
report.sizes = { tasks: services.tasks.sizes(), telegram: port.sizes() };
await services.tasks.stop();
port.clear();
await client.close();
await store.close();
process.stdout.write(`${JSON.stringify(report)}\n`);
