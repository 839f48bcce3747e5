/**
 * The product measured from outside (issue 14, part 6): ONE bot process, built (dist/src/main.js, as
 * `npm start` runs it) on a SQLite file, Telegram in webhook mode, against the fake Telegram and the
 * fake Apiframe in this process. The bot's event loop holds only the bot; the clocks run here, at the
 * fakes, where a user would see the answers. Measures (bench/product-report.ts prints each figure
 * beside its floor or anchor):
 *
 *  a) acknowledgement latency at a fixed offered rate, open loop: from the fake Telegram posting a
 *     /imagine update to the bot's progress message arriving at the fake Telegram;
 *  b) time to result for N concurrent jobs in N private chats (Apiframe's webhooks to the bot, so
 *     polling is out of the figure), beside what Telegram's 30 messages/s allow for the calls made;
 *  c) the bot process's RSS idle and with 10,000 unfinished tasks in its database;
 *  d) start-up time to "telegram ready" and idle RSS, built JavaScript beside tsx.
 *
 * The fake Telegram enforces no rate limit here: the bot's own throttler (adapters/telegram/
 * ratelimit.ts) keeps to Telegram's published limits, and the calls it made are counted by kind.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createStore } from '../src/store/index.ts';
import { FakeApiframe, type FakeApiframeOptions } from '../test/fakes/apiframe.ts';
import { FakeTelegram, type ApiCall, type TgChat } from '../test/fakes/telegram.ts';
import { BotProcess } from '../test/support/bot-process.ts';
import { closedPort } from '../test/support/ports.ts';
import { botEnv, until } from './bot-process-env.ts';
import { seedUnfinished } from './seed-tasks.ts';
import { percentile } from './figures.ts';
import { cpuSecondsOf, rssOf } from './process-stats.ts';

/** Telegram's global limit for one bot (messages per second), which the bot's throttler keeps. */
export const TELEGRAM_PER_SECOND = 30;
/** What a chat user perceives as an instant answer: an anchor, not a measurement of anyone. */
export const INSTANT_MS = 200;
export const RSS_TARGET_MIB = 150;
const START_TIMEOUT_MS = 60_000;
const WARM_UP = 10;
export const BUILT = 'dist/src/main.js';
export const TSX = 'src/main.ts';
/** Calls that put a message (or a change to one) in a chat: the ones Telegram's limits count. */
const SENDS = new Set(['sendMessage', 'sendPhoto', 'sendDocument', 'sendMediaGroup']);
const EDITS = new Set(['editMessageText', 'editMessageCaption', 'editMessageMedia', 'editMessageReplyMarkup']);
const RESULTS = new Set(['sendPhoto', 'sendDocument', 'sendMediaGroup', 'editMessageMedia']);

export interface ProductOptions {
  /** (a) offered commands per second, each in its own run (default 200 and 20: over and under Telegram's 30/s). */
  ackRates: number[];
  ackSeconds: number;
  /** (b) concurrent jobs, one private chat each. */
  jobs: number;
  /** (b) how long the fake Apiframe runs each job (three steps: 0 %, 50 %, finished). */
  jobMs: number;
  /** (c) unfinished tasks seeded before the start. */
  unfinished: number;
  /** (c, d) how long the process is left idle after "ready" before its RSS is read. */
  settleMs: number;
  /** (d) measured starts per entry point (after one unmeasured). */
  starts: number;
  /** A measurement that has not finished by then is given up. */
  timeoutMs: number;
}

interface Rig {
  telegram: FakeTelegram;
  apiframe: FakeApiframe;
  bot: BotProcess;
  /** The bot's own HTTP server (webhooks, /healthz). */
  url: string;
  /** From spawn to the bot's "telegram ready" log line (its own timestamp). */
  readyMs: number;
  /** From spawn to "http server listening": code loaded, store open, before any call to a service. */
  listeningMs: number;
}

/**
 * Fakes here, the bot in its own process, its database at `dbPath` (left in place); `work` runs once
 * the bot takes webhook updates. The process and the fakes are stopped on every path.
 */
async function withBot<T>(
  o: { dbPath: string; entry?: string; apiframe?: FakeApiframeOptions; apiframeWebhooks?: boolean },
  work: (rig: Rig) => Promise<T>,
): Promise<T> {
  const telegram = await FakeTelegram.start();
  const apiframe = await FakeApiframe.start(o.apiframe ?? { mode: 'manual' });
  let bot: BotProcess | undefined;
  try {
    const port = await closedPort();
    const self = `http://127.0.0.1:${port}`;
    const env = botEnv({
      telegram,
      apiframe,
      port,
      telegramWebhookUrl: `${self}/telegram`,
      database: { DATABASE_PATH: o.dbPath },
      // Apiframe posts each job's news to the bot, so no figure waits for a poll.
      extra: o.apiframeWebhooks ? { PUBLIC_URL: self, WEBHOOK_SECRET: 'bench-apiframe-webhook-secret-0123456789' } : {},
    });
    const spawned = Date.now();
    bot = BotProcess.start(env, { entry: o.entry ?? BUILT });
    const line = await bot.waitForLine(/"telegram ready"/, START_TIMEOUT_MS);
    const at = (logLine: string) => (JSON.parse(logLine) as { time: number }).time - spawned;
    const readyMs = at(line);
    const listeningMs = at(await bot.waitForLine(/"http server listening"/, 0));
    if (!(await until(() => telegram.webhook?.url === `${self}/telegram`, START_TIMEOUT_MS))) throw new Error('the bot never set its Telegram webhook');
    return await work({ telegram, apiframe, bot, url: self, readyMs, listeningMs });
  } finally {
    await bot?.stop(15_000).catch(() => bot?.kill());
    await Promise.allSettled([apiframe.close(), telegram.close()]);
  }
}

/** A bench's own folder for SQLite files, removed afterwards whatever happens. */
async function inTempDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'framebot-bench-'));
  try {
    return await work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Starts a clock on a process's CPU time: the share of one core it used until the returned function is called. */
function cpuShare(pid: number): () => number | undefined {
  const cpu0 = cpuSecondsOf(pid);
  const t0 = performance.now();
  return () => {
    const cpu1 = cpuSecondsOf(pid);
    return cpu0 === undefined || cpu1 === undefined ? undefined : (cpu1 - cpu0) / ((performance.now() - t0) / 1000);
  };
}

/** The bot's calls from now on, as they arrive at the fake: `each` sees every call once, in order; returns the unsubscribe. */
function followCalls(telegram: FakeTelegram, each: (call: ApiCall, at: number) => void): () => void {
  let seen = telegram.calls.length;
  return telegram.onChange(() => {
    const at = performance.now();
    while (seen < telegram.calls.length) each(telegram.calls[seen++]!, at);
  });
}

const privateChat = (id: number): TgChat => ({ id, type: 'private', first_name: `User ${id}` });
const userOf = (chat: TgChat) => ({ id: chat.id, is_bot: false, first_name: chat.first_name ?? 'User' });

/** A command per chat, each clocked from its update to the first message the bot sends to that chat. */
class FirstMessages {
  readonly latencies: number[] = [];
  /** When the first and the last of them arrived (performance.now()). */
  first = NaN;
  last = NaN;
  private readonly sentAt = new Map<number, number>();
  constructor(private readonly kinds: ReadonlySet<string>) {}
  sent(chatId: number): void {
    this.sentAt.set(chatId, performance.now());
  }
  onCall = (call: ApiCall, at: number): void => {
    if (!call.response.ok || !this.kinds.has(call.method)) return;
    const chatId = Number(call.params.chat_id);
    const sent = this.sentAt.get(chatId);
    if (sent === undefined) return;
    this.sentAt.delete(chatId);
    this.latencies.push(at - sent);
    if (Number.isNaN(this.first)) this.first = at;
    this.last = at;
  };
  /** How many arrived per second from the first to the last. */
  get perSecond(): number {
    return this.latencies.length > 1 ? (this.latencies.length - 1) / ((this.last - this.first) / 1000) : NaN;
  }
  get waiting(): number {
    return this.sentAt.size;
  }
}

/** Unmeasured commands first, until each chat has one of `kinds`: a process's first commands load code and warm the JIT. */
async function warmUp(telegram: FakeTelegram, kinds: ReadonlySet<string>, timeoutMs: number): Promise<void> {
  const warm = new FirstMessages(kinds);
  const unfollow = followCalls(telegram, warm.onCall);
  try {
    for (let i = 0; i < WARM_UP; i++) {
      const chat = privateChat(60_000 + i);
      warm.sent(chat.id);
      telegram.userSends({ chat, from: userOf(chat), text: `/imagine warm-up ${i}` });
    }
    if (!(await until(() => warm.waiting === 0, timeoutMs))) throw new Error(`the warm-up commands had no ${[...kinds].join('/')} within ${timeoutMs / 1000} s`);
  } finally {
    unfollow();
  }
}

/**
 * The least latency each of `offered` commands arriving at `perSecond` can have when every answer
 * is one message and a bot may send 30 a second (ascending): command i arrives at i/rate, and its
 * message can leave no sooner than second ⌊i/30⌋ (the first 30 at once, then 30 each second).
 */
export function ackFloors(offered: number, perSecond: number): number[] {
  return Array.from({ length: offered }, (_, i) => Math.max(0, Math.floor(i / TELEGRAM_PER_SECOND) * 1000 - (i * 1000) / perSecond)).sort((a, b) => a - b);
}

export interface AckRun {
  perSecond: number;
  offered: number;
  acked: number;
  p50: number;
  p99: number;
  /** The same percentiles if every progress message went out the moment Telegram's 30/s allowed. */
  floorP50: number;
  floorP99: number;
  /** Acknowledgements per second from the first to the last. */
  ackedPerSecond: number;
  /** The bot process's CPU time over the run's wall time (1 = one core busy), where /proc tells. */
  cpu?: number;
  /** The same for this process (the fakes and the clocks): when it is near 1, the fakes held the figure. */
  benchCpu?: number;
}

/**
 * (a) Commands offered at `perSecond` for `seconds` (open loop: each at its own time, answered or
 * not), each from a new user in a private chat, jobs left unfinished (so the only messages are the
 * acknowledgements), after a few unmeasured ones.
 */
export async function ackLatency(perSecond: number, seconds: number, timeoutMs: number): Promise<AckRun> {
  return inTempDir((dir) =>
    withBot({ dbPath: join(dir, 'ack.sqlite') }, async ({ telegram, bot }) => {
      await warmUp(telegram, SENDS, timeoutMs);

      const acks = new FirstMessages(SENDS);
      const unfollow = followCalls(telegram, acks.onCall);
      try {
        const offered = Math.max(1, Math.round(perSecond * seconds));
        const cpu = cpuShare(bot.pid);
        const benchCpu = cpuShare(process.pid);
        const started = performance.now();
        for (let i = 0; i < offered; i++) {
          const wait = started + (i * 1000) / perSecond - performance.now();
          if (wait > 0) await new Promise((r) => setTimeout(r, wait));
          const chat = privateChat(100_000 + i);
          acks.sent(chat.id);
          telegram.userSends({ chat, from: userOf(chat), text: `/imagine a fox ${i}` });
        }
        await until(() => acks.waiting === 0, timeoutMs);
        const sorted = [...acks.latencies].sort((a, b) => a - b);
        const floors = ackFloors(offered, perSecond);
        return {
          perSecond, offered, acked: sorted.length,
          p50: percentile(sorted, 50), p99: percentile(sorted, 99),
          floorP50: percentile(floors, 50), floorP99: percentile(floors, 99),
          ackedPerSecond: acks.perSecond, cpu: cpu(), benchCpu: benchCpu(),
        };
      } finally {
        unfollow();
      }
    }),
  );
}

export interface ResultRun {
  jobs: number;
  delivered: number;
  p50: number;
  p99: number;
  /** Every successful message call the bot made during the run, by method. */
  calls: Record<string, number>;
  sends: number;
  edits: number;
  /** Results per second from the first to the last. */
  resultsPerSecond: number;
  cpu?: number;
  benchCpu?: number;
}

/**
 * (b) `jobs` /imagine at once, one per private chat; the fake Apiframe runs each for `jobMs` and
 * posts its progress and its end to the bot. Clocked from each update to the result in that chat.
 */
export async function timeToResult(jobs: number, jobMs: number, timeoutMs: number): Promise<ResultRun> {
  return inTempDir((dir) =>
    withBot(
      { dbPath: join(dir, 'results.sqlite'), apiframe: { mode: 'auto', stepMs: Math.max(1, Math.round(jobMs / 3)), steps: [0, 50] }, apiframeWebhooks: true },
      async ({ telegram, bot }) => {
        await warmUp(telegram, RESULTS, timeoutMs);

        const results = new FirstMessages(RESULTS);
        const calls: Record<string, number> = {};
        const unfollow = followCalls(telegram, (call, at) => {
          if (call.response.ok) calls[call.method] = (calls[call.method] ?? 0) + 1;
          results.onCall(call, at);
        });
        const cpu = cpuShare(bot.pid);
        const benchCpu = cpuShare(process.pid);
        try {
          for (let i = 0; i < jobs; i++) {
            const chat = privateChat(100_000 + i);
            results.sent(chat.id);
            telegram.userSends({ chat, from: userOf(chat), text: `/imagine a fox ${i}` });
          }
          await until(() => results.waiting === 0, timeoutMs);
          // The calls counted are those made until the last result: edits still queued then are not waited for.
          const sorted = [...results.latencies].sort((a, b) => a - b);
          const count = (kinds: ReadonlySet<string>) => Object.entries(calls).reduce((sum, [m, n]) => sum + (kinds.has(m) ? n : 0), 0);
          return { jobs, delivered: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), calls, sends: count(SENDS), edits: count(EDITS), resultsPerSecond: results.perSecond, cpu: cpu(), benchCpu: benchCpu() };
        } finally {
          unfollow();
        }
      },
    ),
  );
}

export interface StartRun {
  entry: string;
  readyMs: number[];
  listeningMs: number[];
  idleRss: number;
}

/** (d) `starts` measured starts of `entry` on one database (after one unmeasured that creates it), and the idle RSS of the last. */
export async function startUp(entry: string, starts: number, settleMs: number): Promise<StartRun> {
  return inTempDir(async (dir) => {
    const dbPath = join(dir, 'start.sqlite');
    await withBot({ dbPath, entry }, async () => undefined);
    const readyMs: number[] = [];
    const listeningMs: number[] = [];
    let idleRss = NaN;
    for (let i = 0; i < starts; i++) {
      await withBot({ dbPath, entry }, async (rig) => {
        readyMs.push(rig.readyMs);
        listeningMs.push(rig.listeningMs);
        if (i === starts - 1) {
          await new Promise((r) => setTimeout(r, settleMs));
          idleRss = rssOf(rig.bot.pid).rss;
        }
      });
    }
    return { entry, readyMs, listeningMs, idleRss };
  });
}

export interface BacklogRun {
  unfinished: number;
  /** What the bot's /healthz reports as unfinished when the RSS is read: the backlog is still held. */
  stillUnfinished: number;
  rss: number;
  peak?: number;
  readyMs: number;
}

/** (c) The built bot started on a database holding `unfinished` submitted tasks the fake Apiframe does not know, left to resume and poll them. */
export async function rssWithBacklog(unfinished: number, settleMs: number): Promise<BacklogRun> {
  return inTempDir(async (dir) => {
    const dbPath = join(dir, 'backlog.sqlite');
    const store = createStore(dbPath);
    try {
      await seedUnfinished(store, { engine: 'sqlite', path: dbPath }, unfinished, Date.now());
    } finally {
      await store.close();
    }
    return withBot({ dbPath }, async ({ bot, url, readyMs }) => {
      await new Promise((r) => setTimeout(r, settleMs));
      const memory = rssOf(bot.pid);
      const health = (await (await fetch(`${url}/healthz`)).json()) as { unfinishedTasks: number };
      return { unfinished, stillUnfinished: health.unfinishedTasks, readyMs, ...memory };
    });
  });
}
