/**
 * Issue 11 scale-out: credit reserve+capture pairs per second and /imagine throughput on SQLite
 * (one instance: a SQLite file is one instance's) and on PostgreSQL with 1, 2 and 4 instances,
 * each instance a separate OS process, printed side by side. The PostgreSQL server is started here
 * and always stopped; when it cannot start, the reason is printed with the SQLite figures only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { BotProcess } from '../test/support/bot-process.ts';
import { creditPairsAcrossInstances, type CreditRun } from './credits-scale.ts';
import { imagineAcrossInstances, type ImagineRun } from './imagine-scale.ts';
import { startBenchPostgres, type BenchPostgres } from './postgres.ts';
import { attempt, type Outcome } from './figures.ts';

export interface ScaleOutOptions {
  /** /imagine commands offered per configuration. */
  imagineN: number;
  /** How long each credit configuration runs. */
  creditMs: number;
  /** Credit pairs in flight at once in each instance. */
  creditLanes: number;
  /** A configuration that has not finished by then is given up (its column says why). */
  timeoutMs: number;
}

const POSTGRES_INSTANCES = [1, 2, 4] as const;
const WALLETS = 4;

const COLUMN = 14;
const row = (label: string, cells: string[]) => `${label.padEnd(44)}${cells.map((c) => c.padStart(COLUMN)).join('')}`;
const yesNo = (v: boolean) => (v ? 'yes' : 'NO');
/** "ok", or which of the checks failed. */
const checks = (v: CreditRun) => {
  const failed = [!v.consistent && 'ledger≠balance', !v.nonNegative && 'negative', !v.chargedOnce && 'charges≠pairs'].filter(Boolean);
  return failed.length === 0 ? 'ok' : failed.join(',');
};

export async function scaleOut(o: ScaleOutOptions): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'framebot-bench-'));
  const credits: Array<Outcome<CreditRun>> = [];
  const imagine: Array<Outcome<ImagineRun>> = [];
  let pg: BenchPostgres | { error: string } | undefined;
  try {
    pg = await startBenchPostgres().catch((err: unknown) => ({ error: err instanceof Error ? err.message : String(err) }));
    const server = 'error' in pg ? undefined : pg;
    const credit = { wallets: WALLETS, lanes: o.creditLanes, durationMs: o.creditMs };
    credits.push(await attempt(() => creditPairsAcrossInstances({ engine: 'sqlite', path: join(dir, 'credits.sqlite') }, { instances: 1, ...credit })));
    for (const instances of server ? POSTGRES_INSTANCES : []) {
      credits.push(await attempt(async () => creditPairsAcrossInstances({ engine: 'postgres', url: await server!.newDatabase() }, { instances, ...credit })));
    }
    // The bot runs as `npm start` runs it, from dist/: built now if the sources are newer.
    const built = await attempt(() => BotProcess.ensureBuilt());
    const run = (work: () => Promise<ImagineRun>) => ('error' in built ? Promise.resolve({ error: `dist/ could not be built: ${built.error}` }) : attempt(work));
    imagine.push(await run(() => imagineAcrossInstances({ engine: 'sqlite' }, 1, o.imagineN, o.timeoutMs)));
    for (const instances of server ? POSTGRES_INSTANCES : []) {
      imagine.push(await run(async () => imagineAcrossInstances({ engine: 'postgres', url: await server!.newDatabase() }, instances, o.imagineN, o.timeoutMs)));
    }
  } finally {
    if (pg && !('error' in pg)) await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  print(o, credits, imagine, pg && 'error' in pg ? pg.error : undefined);
}

function print(o: ScaleOutOptions, credits: Array<Outcome<CreditRun>>, imagine: Array<Outcome<ImagineRun>>, pgError: string | undefined): void {
  const columns = ['SQLite', ...(pgError ? [] : POSTGRES_INSTANCES.map((n) => `PG×${n}`))];
  const cell = <T>(r: Outcome<T> | undefined, show: (v: T) => string) => (!r ? '—' : 'ok' in r ? show(r.ok) : 'failed');
  // Both lists follow the columns' order.
  const failed = (what: string, runs: Array<Outcome<unknown>>) => runs.flatMap((r, i) => ('error' in r ? [`  ${what} ${columns[i]} failed: ${r.error}`] : []));
  const failures = [...failed('credits', credits), ...failed('/imagine', imagine)];
  const shown = (r: ImagineRun) => ('perSecond' in r.shown ? r.shown.perSecond.toFixed(0) : `${r.shown.count}/${o.imagineN}`);
  console.log('');
  console.log(`scale-out (issue 11): each instance a separate process on this machine (${availableParallelism()} cores), the PostgreSQL server too`);
  if (pgError) console.log(`  PostgreSQL: not measured, the server did not start (${pgError})`);
  console.log(row('', columns));
  console.log(row(`credit reserve+capture pairs/s (${o.creditMs / 1000} s)`, credits.map((r) => cell(r, (v) => v.pairsPerSecond.toFixed(0)))));
  console.log(row('  ledger = balances, none < 0, 1 charge/pair', credits.map((r) => cell(r, checks))));
  console.log(row(`/imagine commands/s, until all ${o.imagineN} submitted`, imagine.map((r) => cell(r, (v) => v.submittedPerSecond.toFixed(0)))));
  console.log(row('/imagine commands/s, until all shown progress', imagine.map((r) => cell(r, shown))));
  console.log(row('  each command submitted once', imagine.map((r) => cell(r, (v) => yesNo(v.submittedOnce)))));
  console.log(row('  updates each instance answered (+warm-up)', imagine.map((r) => cell(r, (v) => v.perInstance.join('+')))));
  console.log('  SQLite ×2, ×4: n/a — one instance per SQLite file');
  console.log(
    `  credit pairs: each a reserve (with the task's insert) and a capture, in 2 transactions, ${o.creditLanes} in flight per instance over ${WALLETS} shared group wallets; ` +
      'anchor: the single-process "credits:" line above prices a pair without the insert',
  );
  console.log(
    '  limits: SQLite has one writer (every transaction takes the file in turn); PostgreSQL ×2/×4 share this machine\'s cores with each other and the server, ' +
      'so on one machine more instances add contention, not capacity (they add capacity when each has its own machine)',
  );
  console.log(
    "  anchors: /imagine submits are bound by each process's CPU (a command's update, inbox row, task and reservation, and the submit); " +
      "progress messages by the Telegram throttle, 30 messages/s per instance (so N instances may send N×30/s, more than Telegram allows one bot)",
  );
  for (const line of failures) console.log(line);
}
