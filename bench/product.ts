/**
 * The product measured from outside (issue 14, part 6): ONE bot process, built (dist/src/main.js, as
 * `npm start` runs it) on a SQLite file, Telegram in webhook mode, against the fake Telegram and the
 * fake Apiframe in this process. The bot's event loop holds only the bot; the clocks run here, at the
 * fakes, where a user would see the answers. Prints each figure beside its floor or anchor:
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
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
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
import { attempt, percentile, positive, type Outcome } from './figures.ts';

/** Telegram's global limit for one bot (messages per second), which the bot's throttler keeps. */
const TELEGRAM_PER_SECOND = 30;
/** What a chat user perceives as an instant answer: an anchor, not a measurement of anyone. */
const INSTANT_MS = 200;
const RSS_TARGET_MIB = 150;
const START_TIMEOUT_MS = 60_000;
const WARM_UP = 10;
const BUILT = 'dist/src/main.js';
const TSX = 'src/main.ts';
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
  /** From spawn to the bot's "telegram ready" log line (its own timestamp). */
  readyMs: number;
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
    const readyMs = (JSON.parse(line) as { time: number }).time - spawned;
    if (!(await until(() => telegram.webhook?.url === `${self}/telegram`, START_TIMEOUT_MS))) throw new Error('the bot never set its Telegram webhook');
    return await work({ telegram, apiframe, bot, readyMs });
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

/** The resident set of a process now and at its peak, in MiB (Linux /proc; elsewhere ps, without the peak). */
export function rssOf(pid: number): { rss: number; peak?: number } {
  const status = `/proc/${pid}/status`;
  if (existsSync(status)) {
    const text = readFileSync(status, 'utf8');
    const kib = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
    return { rss: kib('VmRSS') / 1024, peak: kib('VmHWM') / 1024 };
  }
  return { rss: Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) / 1024 };
}

/** Calls made by the bot from `from` on, as they arrive: `each` sees every call once, in order. */
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
  };
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
}

/**
 * (a) Commands offered at `perSecond` for `seconds` (open loop: each at its own time, answered or
 * not), each from a new user in a private chat, jobs left unfinished (so the only messages are the
 * acknowledgements), after a few unmeasured ones.
 */
export async function ackLatency(perSecond: number, seconds: number, timeoutMs: number): Promise<AckRun> {
  return inTempDir((dir) =>
    withBot({ dbPath: join(dir, 'ack.sqlite') }, async ({ telegram }) => {
      await warmUp(telegram, SENDS, timeoutMs);

      const acks = new FirstMessages(SENDS);
      const unfollow = followCalls(telegram, acks.onCall);
      try {
        const offered = Math.max(1, Math.round(perSecond * seconds));
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
}

/**
 * (b) `jobs` /imagine at once, one per private chat; the fake Apiframe runs each for `jobMs` and
 * posts its progress and its end to the bot. Clocked from each update to the result in that chat.
 */
export async function timeToResult(jobs: number, jobMs: number, timeoutMs: number): Promise<ResultRun> {
  return inTempDir((dir) =>
    withBot(
      { dbPath: join(dir, 'results.sqlite'), apiframe: { mode: 'auto', stepMs: Math.max(1, Math.round(jobMs / 3)), steps: [0, 50] }, apiframeWebhooks: true },
      async ({ telegram }) => {
        await warmUp(telegram, RESULTS, timeoutMs);

        const results = new FirstMessages(RESULTS);
        const calls: Record<string, number> = {};
        const unfollow = followCalls(telegram, (call, at) => {
          if (call.response.ok) calls[call.method] = (calls[call.method] ?? 0) + 1;
          results.onCall(call, at);
        });
        try {
          for (let i = 0; i < jobs; i++) {
            const chat = privateChat(100_000 + i);
            results.sent(chat.id);
            telegram.userSends({ chat, from: userOf(chat), text: `/imagine a fox ${i}` });
          }
          await until(() => results.waiting === 0, timeoutMs);
          // Edits still queued when the last result left are not in the figure: give them no time.
          const sorted = [...results.latencies].sort((a, b) => a - b);
          const count = (kinds: ReadonlySet<string>) => Object.entries(calls).reduce((sum, [m, n]) => sum + (kinds.has(m) ? n : 0), 0);
          return { jobs, delivered: sorted.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), calls, sends: count(SENDS), edits: count(EDITS) };
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
  idleRss: number;
}

/** (d) `starts` measured starts of `entry` on one database (after one unmeasured that creates it), and the idle RSS of the last. */
export async function startUp(entry: string, starts: number, settleMs: number): Promise<StartRun> {
  return inTempDir(async (dir) => {
    const dbPath = join(dir, 'start.sqlite');
    await withBot({ dbPath, entry }, async () => undefined);
    const readyMs: number[] = [];
    let idleRss = NaN;
    for (let i = 0; i < starts; i++) {
      await withBot({ dbPath, entry }, async ({ bot, readyMs: ms }) => {
        readyMs.push(ms);
        if (i === starts - 1) {
          await new Promise((r) => setTimeout(r, settleMs));
          idleRss = rssOf(bot.pid).rss;
        }
      });
    }
    return { entry, readyMs, idleRss };
  });
}

export interface BacklogRun {
  unfinished: number;
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
    return withBot({ dbPath }, async ({ bot, readyMs }) => {
      await new Promise((r) => setTimeout(r, settleMs));
      return { unfinished, readyMs, ...rssOf(bot.pid) };
    });
  });
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const msText = (ms: number) => (ms >= 10_000 ? s(ms) : `${ms.toFixed(0)} ms`);
const mib = (v: number) => `${v.toFixed(0)} MiB`;
const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);

function show<T>(what: string, r: Outcome<T>, line: (v: T) => string): void {
  console.log('ok' in r ? line(r.ok) : `  ${what}: failed (${r.error})`);
}

export async function printProduct(o: ProductOptions): Promise<void> {
  console.log('');
  console.log('the product from outside (issue 14): one bot process (node dist/src/main.js, SQLite file, Telegram by webhook), the fakes in the bench process');
  // As `npm start` does (its prestart): dist/ is compiled when a source is newer.
  const built = await attempt(() => BotProcess.ensureBuilt());
  if ('error' in built) {
    console.log(`  not measured: dist/ could not be built (${built.error})`);
    return;
  }
  for (const rate of o.ackRates) {
    show(`acknowledgement at ${rate}/s`, await attempt(() => ackLatency(rate, o.ackSeconds, o.timeoutMs)), (r) =>
      `  acknowledgement latency, ${r.perSecond} /imagine/s for ${o.ackSeconds} s (open loop, a private chat each): p50 ${msText(r.p50)}, p99 ${msText(r.p99)} ` +
        `(${r.acked}/${r.offered} answered); floor at Telegram's ${TELEGRAM_PER_SECOND} messages/s: p50 ${msText(r.floorP50)}, p99 ${msText(r.floorP99)}; ` +
        `anchor: ~${INSTANT_MS} ms feels instant in a chat`,
    );
  }
  show('time to result', await attempt(() => timeToResult(o.jobs, o.jobMs, o.timeoutMs)), (r) => {
    const made = r.sends + r.edits;
    const byKind = Object.entries(r.calls).sort(([, a], [, b]) => b - a).map(([m, n]) => `${m} ${n}`).join(', ');
    return (
      `  time to result, ${r.jobs} concurrent ${s(o.jobMs)} jobs in ${r.jobs} private chats (Apiframe webhooks): p50 ${s(r.p50)}, p99 ${s(r.p99)} (${r.delivered}/${r.jobs} delivered); ` +
      `floor at ${TELEGRAM_PER_SECOND}/s for the ${made} messages sent and edited: ${s((made / TELEGRAM_PER_SECOND) * 1000)}, ` +
      `for an answer and a result per job: ${s(((2 * r.jobs) / TELEGRAM_PER_SECOND) * 1000)}, results alone: ${s((r.jobs / TELEGRAM_PER_SECOND) * 1000)}\n` +
      `    calls the fake Telegram answered: ${byKind}`
    );
  });
  const starts: Array<Outcome<StartRun>> = [];
  for (const entry of [BUILT, TSX]) starts.push(await attempt(() => startUp(entry, o.starts, o.settleMs)));
  const builtStart = starts[0]!;
  show('RSS with a backlog', await attempt(() => rssWithBacklog(o.unfinished, o.settleMs)), (r) =>
    `  RSS of the bot process: idle ${'ok' in builtStart ? mib(builtStart.ok.idleRss) : 'n/a'}, with ${r.unfinished.toLocaleString('en')} unfinished tasks ${mib(r.rss)}` +
      `${r.peak !== undefined ? ` (peak ${mib(r.peak)})` : ''} ${s(o.settleMs)} after ready (target < ${RSS_TARGET_MIB} MiB; before issue 14 ~270 MiB, bench and fakes included)`,
  );
  starts.forEach((r, i) =>
    show(`start-up of ${[BUILT, TSX][i]}`, r, (v) =>
      `  start-up to "telegram ready", ${v.entry === BUILT ? 'node dist/src/main.js' : 'node --import tsx src/main.ts'}: median ${msText(median(v.readyMs))} of ${v.readyMs.length} (${v.readyMs.map((m) => m.toFixed(0)).join(', ')} ms), idle RSS ${mib(v.idleRss)}`,
    ),
  );
  console.log(
    '  limits: Telegram lets a bot send about 30 messages a second in all and about one a second per private chat (20 a minute per group); the bot\'s throttler keeps to them, ' +
      'so past 30 commands/s acknowledgements queue, and results share those 30/s with acknowledgements and progress edits. Apiframe runs as many jobs at once as the plan allows ' +
      '(APIFRAME_CONCURRENCY; 10,000 here, so none waits in the queue). "Ready" includes Apiframe\'s account check and Telegram\'s getMe and setWebhook, on loopback.',
  );
}

/** The options from the environment (BENCH_ACK_RATES, BENCH_ACK_SECONDS, BENCH_RESULT_JOBS, …), the issue's figures by default. */
export function productOptions(): ProductOptions {
  const rates = (process.env.BENCH_ACK_RATES ?? '200,20').split(',').map((v) => Number(v.trim()));
  if (rates.some((r) => !Number.isFinite(r) || r <= 0)) throw new Error(`BENCH_ACK_RATES must be positive numbers, e.g. 200,20, not ${process.env.BENCH_ACK_RATES}`);
  return {
    ackRates: rates,
    ackSeconds: positive('BENCH_ACK_SECONDS', 20),
    jobs: Math.round(positive('BENCH_RESULT_JOBS', 500)),
    jobMs: positive('BENCH_JOB_MS', 1_500),
    unfinished: Math.round(positive('BENCH_BACKLOG', 10_000)),
    settleMs: positive('BENCH_SETTLE_MS', 5_000),
    starts: Math.round(positive('BENCH_STARTS', 3)),
    timeoutMs: positive('BENCH_PRODUCT_TIMEOUT_MS', 300_000),
  };
}

// `npx tsx bench/product.ts`: these figures alone.
if (import.meta.url === `file://${process.argv[1]}`) await printProduct(productOptions());
