/**
 * Issue 14, part 4: nothing the bot keeps in memory grows with the number of finished tasks. The
 * bot's core runs in a child process (test/support/heap-run.ts, with --expose-gc): /imagine through
 * dispatch → TaskService → the Apiframe client against the fake Apiframe → SQLite, each job
 * reporting progress once, its result delivered through the real TelegramPort to the fake Telegram,
 * from 50 private chats and 5 groups, with 80 jobs at Apiframe at once and the rest waiting in line
 * (their places shown, on a board in a group).
 * After a warm-up the heap is read after a full GC, then again after 2,500 and 5,000 more tasks.
 */
import { describe, expect, it } from 'vitest';
import { heapCheck } from '../support/heap-check.ts';

const WARMUP = 500;
const ROUND = 2_500;
const CHATS = 50;
const GROUPS = 5;
/**
 * The most the heap may grow over 5,000 finished tasks: about 630 B per task. What is kept per task
 * would show as a multiple of 5,000 (a task record kept on delivery grew it by 9 MiB); what grows
 * meanwhile is V8's and the libraries' own bounded tables (the weak maps of the fetch polyfill's
 * abort signals, sized by the calls in flight; the number-string cache), measured at up to about
 * 1.6 MiB on this busy machine, and rising and falling rather than with the count.
 */
const MAX_GROWTH = 3 * 1024 * 1024;

describe('memory over many finished tasks', () => {
  it('keeps nothing per finished task: the heap after 5,000 more is within a fixed bound, and every per-task map is empty', { timeout: 240_000 }, async () => {
    const report = await heapCheck({ warmup: WARMUP, rounds: [ROUND, ROUND], chats: CHATS, groups: GROUPS, concurrency: 80, timeoutMs: 200_000 });
    expect(report.delivered).toEqual([WARMUP, WARMUP + ROUND, WARMUP + 2 * ROUND]);
    // The line was used: jobs waited on their group's board, then posted their progress as they started.
    expect(report.fromBoard).toBeGreaterThan(0);
    const [start, half, end] = report.heapUsed as [number, number, number];
    const perTask = (end - start) / (2 * ROUND);
    expect(end - start, `heap grew ${((end - start) / 1024).toFixed(0)} KiB (${((half - start) / 1024).toFixed(0)} KiB after the first ${ROUND}), ${perTask.toFixed(0)} B per task`).toBeLessThan(MAX_GROWTH);
    // Each entry goes when its task is delivered (or its message's edit pace no longer matters).
    expect(report.sizes.tasks).toEqual({ progressShown: 0, shownInLine: 0, boards: 0, newOnBoard: 0, refreshing: 0, starting: 0, early: 0, queued: 0 });
    expect(report.sizes.telegram).toMatchObject({ edits: 0, progressTimes: 0, deferred: 0 });
    // The chat's edit budget is per chat (the last minute's edits), never per task.
    expect(report.sizes.telegram.recentEdits).toBeLessThanOrEqual(CHATS + GROUPS);
    // No timer is left per task either: at most the poll loop's and a connection pool's.
    expect(report.timers).toBeLessThanOrEqual(5);
  });
});
