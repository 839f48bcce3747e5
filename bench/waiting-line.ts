/**
 * The waiting line at scale (issue 14, part 2): with `waiting` jobs in the queue (a SQLite file;
 * half in one busy Telegram group of 100 people whose jobs wait on its board, half from chats of
 * one job each), how long one admission and one refresh of the places shown hold the event loop
 * (SQLite runs on it). "Before" is the whole-line query the store ran until issue 14 (kept as the
 * tests' oracle), which read every waiting job for each; "now" reads the queue tables lazily (see
 * src/store/rows/fair-order.ts): an admission the next job only, a refresh the first 50 places, one
 * board's first 30 jobs and their places. Medians of `rounds` runs, beside the 20 ms target for
 * an event-loop turn.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createStore } from '../src/store/index.ts';
import type { SqliteStore } from '../src/store/sqlite-store.ts';
import { TasksRepo } from '../src/store/tasks-repo.ts';
import { fairOrderSql } from '../test/support/fair-order-oracle.ts';

const TARGET_MS = 20;
const BUSY_CHAT = '-100';

export interface WaitingLineRun {
  waiting: number;
  admission: { before: number; now: number };
  /** Now: the refresh's two turns of the event loop (the first 50 places; the board), each a median. */
  refresh: { before: number; now: number; first: number; board: number };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const timed = (work: () => unknown): number => {
  const t0 = performance.now();
  work();
  return performance.now() - t0;
};

export async function waitingLine(o: { waiting: number; rounds: number }): Promise<WaitingLineRun> {
  const dir = mkdtempSync(join(tmpdir(), 'framebot-bench-'));
  const store = createStore(join(dir, 'line.sqlite')) as SqliteStore;
  try {
    const { db } = store;
    const repo = new TasksRepo(db);
    const now = Date.now();
    db.transaction(() => {
      for (let i = 0; i < o.waiting; i++) {
        const busy = i % 2 === 0;
        repo.insert(
          {
            id: `w${i}`,
            job: { type: 'mj.imagine', prompt: 'a fox in line' },
            parentId: null,
            prompt: 'a fox in line',
            label: 'Imagine',
            platform: 'telegram',
            guildId: null,
            chatId: busy ? BUSY_CHAT : `c${i}`,
            userId: busy ? `b${i % 200}` : `u${i}`,
            userName: 'user',
            deadlineAt: now + 86_400_000,
            walletId: null,
            cost: 0,
            provider: 'apiframe',
            waiting: true,
          },
          now - o.waiting + i,
        );
      }
      db.prepare(`UPDATE tasks SET message_json = ? WHERE chat_id = ?`).run(JSON.stringify({ platform: 'telegram', chatId: BUSY_CHAT, unposted: true }), BUSY_CHAT);
    })();
    // Before: the whole line computed for each, as the store did (an admission took the first `free`, a refresh 10,000).
    const whole = db.prepare(`SELECT t.* FROM (${fairOrderSql('@provider', 'INDEXED BY tasks_waiting')}) q JOIN tasks t ON t.id = q.id ORDER BY q.turn LIMIT @limit`);
    const before = {
      admission: median(Array.from({ length: o.rounds }, () => timed(() => whole.all({ provider: 'apiframe', limit: 1 })))),
      refresh: median(Array.from({ length: o.rounds }, () => timed(() => whole.all({ provider: 'apiframe', limit: 10_000 })))),
    };
    // Now: each admission takes the one free slot (the one admitted before it has ended).
    const admissions: number[] = [];
    for (let r = 0; r < o.rounds; r++) {
      admissions.push(timed(() => repo.admitWaiting('apiframe', 1, now + r)));
      db.prepare(`UPDATE tasks SET status = 'failed', finished_at = ? WHERE status = 'pending' AND waiting_since IS NULL`).run(now + r);
    }
    // A refresh: the first 50 places, then (in a turn of its own) the board: its count and its first 30 with their places.
    const first = Array.from({ length: o.rounds }, () => timed(() => repo.waitingInOrder('apiframe', 50)));
    const board = Array.from({ length: o.rounds }, () =>
      timed(() => {
        repo.onBoard('apiframe', 'telegram', BUSY_CHAT);
        repo.waitingInGroup('apiframe', 'telegram', BUSY_CHAT, 30);
      }),
    );
    const refresh = { first: median(first), board: median(board) };
    return { waiting: o.waiting, admission: { before: before.admission, now: median(admissions) }, refresh: { before: before.refresh, now: refresh.first + refresh.board, ...refresh } };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printWaitingLine(run: WaitingLineRun): void {
  const f = (v: number) => `${v.toFixed(2)} ms`;
  console.log(`waiting line with ${run.waiting.toLocaleString('en')} jobs waiting (SQLite, on the event loop; target: a turn under ${TARGET_MS} ms):`);
  console.log(`  one admission: ${f(run.admission.now)} (before issue 14: ${f(run.admission.before)}, the whole line ordered)`);
  console.log(
    `  one refresh of the places shown: ${f(run.refresh.now)} in two turns, the first 50 places ${f(run.refresh.first)} and a busy chat's board ${f(run.refresh.board)} (before: ${f(run.refresh.before)} in one, the first 10,000 read whole)`,
  );
}

// `npx tsx bench/waiting-line.ts`: this figure alone (BENCH_WAITING jobs, 10,000 by default).
if (import.meta.url === `file://${process.argv[1]}`) printWaitingLine(await waitingLine({ waiting: Number(process.env.BENCH_WAITING ?? 10_000), rounds: 15 }));
