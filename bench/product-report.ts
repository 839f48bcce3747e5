/**
 * Prints bench/product.ts's figures, each beside its floor or anchor, with the knobs read from the
 * environment (see productOptions). `npx tsx bench/product-report.ts` prints these figures alone.
 */
import { availableParallelism, loadavg } from 'node:os';
import { BotProcess } from '../test/support/bot-process.ts';
import { attempt, percentile, positive, type Outcome } from './figures.ts';
import { ackLatency, BUILT, INSTANT_MS, RSS_TARGET_MIB, rssWithBacklog, startUp, TELEGRAM_PER_SECOND, timeToResult, TSX, type ProductOptions, type StartRun } from './product.ts';

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const msText = (ms: number) => (ms >= 10_000 ? s(ms) : `${ms.toFixed(0)} ms`);
const mib = (v: number) => `${v.toFixed(0)} MiB`;
const pace = (perSecond: number) => (Number.isFinite(perSecond) ? `${perSecond.toFixed(1)}/s from the first to the last` : 'one');
const percent = (share: number | undefined) => `${((share ?? NaN) * 100).toFixed(0)}%`;
/** Who was busy: the bot, and this process (the fakes) — near 100 % it is the fakes that held the figure. */
const cpu = (r: { cpu?: number; benchCpu?: number }) =>
  r.cpu === undefined ? '' : `; CPU, share of one core: the bot ${percent(r.cpu)}, the bench and its fakes ${percent(r.benchCpu)}`;
const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);

function show<T>(what: string, r: Outcome<T>, line: (v: T) => string): void {
  console.log('ok' in r ? line(r.ok) : `  ${what}: failed (${r.error})`);
}

export async function printProduct(o: ProductOptions): Promise<void> {
  console.log('');
  // The machine's load says how much of its cores the bot and the fakes could have.
  const load = () => `load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`;
  console.log(`the product from outside (issue 14): one bot process (node dist/src/main.js, SQLite file, Telegram by webhook), the fakes in the bench process; ${load()}`);
  // As `npm start` does (its prestart): dist/ is compiled when a source is newer.
  const built = await attempt(() => BotProcess.ensureBuilt());
  if ('error' in built) {
    console.log(`  not measured: dist/ could not be built (${built.error})`);
    return;
  }
  for (const rate of o.ackRates) {
    show(`acknowledgement at ${rate}/s`, await attempt(() => ackLatency(rate, o.ackSeconds, o.timeoutMs)), (r) =>
      `  acknowledgement latency, ${r.perSecond} /imagine/s for ${o.ackSeconds} s (open loop, a private chat each): p50 ${msText(r.p50)}, p99 ${msText(r.p99)} ` +
        `(${r.acked}/${r.offered} answered, ${pace(r.ackedPerSecond)}${cpu(r)}); floor at Telegram's ${TELEGRAM_PER_SECOND} messages/s: p50 ${msText(r.floorP50)}, p99 ${msText(r.floorP99)}; ` +
        `anchor: ~${INSTANT_MS} ms feels instant in a chat`,
    );
  }
  show('time to result', await attempt(() => timeToResult(o.jobs, o.jobMs, o.timeoutMs)), (r) => {
    const made = r.sends + r.edits;
    const byKind = Object.entries(r.calls).sort(([, a], [, b]) => b - a).map(([m, n]) => `${m} ${n}`).join(', ');
    return (
      `  time to result, ${r.jobs} concurrent ${s(o.jobMs)} jobs in ${r.jobs} private chats (Apiframe webhooks): p50 ${s(r.p50)}, p99 ${s(r.p99)} (${r.delivered}/${r.jobs} delivered, ${pace(r.resultsPerSecond)}${cpu(r)}); ` +
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
      `${r.peak !== undefined ? `, peak ${mib(r.peak)}` : ''} (${s(o.settleMs)} after ready, ${r.stillUnfinished.toLocaleString('en')} still unfinished); ` +
      `target < ${RSS_TARGET_MIB} MiB; before issue 14 ~270 MiB, bench and fakes included`,
  );
  starts.forEach((r, i) =>
    show(`start-up of ${[BUILT, TSX][i]}`, r, (v) =>
      `  start-up, ${v.entry === BUILT ? 'node dist/src/main.js' : 'node --import tsx src/main.ts'}: to "http server listening" (code loaded, database open) median ${msText(median(v.listeningMs))}, ` +
        `to "telegram ready" median ${msText(median(v.readyMs))} (${v.readyMs.map((m) => m.toFixed(0)).join(', ')} ms); idle RSS ${mib(v.idleRss)}`,
    ),
  );
  console.log(`  (${load()} at the end)`);
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
    starts: Math.round(positive('BENCH_STARTS', 5)),
    timeoutMs: positive('BENCH_PRODUCT_TIMEOUT_MS', 300_000),
  };
}

// `npx tsx bench/product-report.ts`: these figures alone.
if (import.meta.url === `file://${process.argv[1]}`) await printProduct(productOptions());
