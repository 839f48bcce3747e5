/**
 * The product benchmark (bench/product.ts) measures what its lines claim, with tiny numbers: every
 * offered command is answered and clocked, every job's result is clocked and the calls behind it
 * counted, the bot process's own memory is read (not this process's), and start-up is timed from
 * the bot's log. No speed is asserted: the machine is shared.
 */
import { describe, expect, it } from 'vitest';
import { ackFloors, ackLatency, rssWithBacklog, startUp, timeToResult } from '../../bench/product.ts';

describe('the product benchmark', () => {
  it('at 30 commands a second or less Telegram allows every answer at once; past it the floor grows with the backlog', () => {
    expect(ackFloors(30, 10).every((f) => f === 0)).toBe(true);
    // 120 commands at 60/s: the first 30 leave at once; the 91st (index 90) arrives at 1.5 s and
    // may leave at 3 s, the longest wait; the last (index 119) arrives at 1.98 s and leaves at 3 s.
    const floors = ackFloors(120, 60);
    expect(floors).toHaveLength(120);
    expect(floors.filter((f) => f === 0)).toHaveLength(30);
    expect(floors.at(-1)).toBe(1_500);
    expect(floors).toContainEqual(expect.closeTo(3_000 - (119 * 1000) / 60, 6));
  });

  it('clocks every offered command to its acknowledgement in a bot of its own process', async () => {
    const run = await ackLatency(10, 0.5, 30_000);
    expect(run).toMatchObject({ perSecond: 10, offered: 5, acked: 5 });
    expect(run.p99).toBeGreaterThanOrEqual(run.p50);
    expect(run.p50).toBeGreaterThan(0);
  }, 90_000);

  it('clocks every job to its result and counts the Telegram calls by kind', async () => {
    const run = await timeToResult(3, 300, 30_000);
    expect(run).toMatchObject({ jobs: 3, delivered: 3 });
    // Each job: an acknowledgement sent, and its result (the acknowledgement turned into the image).
    expect(run.calls.sendMessage).toBe(3);
    expect(run.sends + run.edits).toBeGreaterThanOrEqual(6);
  }, 90_000);

  it('reads the resident memory of the bot process started on a backlog, and its start-up from its log', async () => {
    const backlog = await rssWithBacklog(100, 200);
    // The seeded tasks are unknown to the fake Apiframe, so the bot still holds every one of them.
    expect(backlog).toMatchObject({ unfinished: 100, stillUnfinished: 100 });
    // The bot's RSS, not this process's: a process of its own reports its own.
    expect(backlog.rss).toBeGreaterThan(10);
    expect(backlog.rss).not.toBeCloseTo(process.memoryUsage().rss / 1024 / 1024, 0);
    const start = await startUp('dist/src/main.js', 1, 100);
    expect(start.readyMs).toHaveLength(1);
    expect(start.readyMs[0]).toBeGreaterThan(0);
    expect(start.idleRss).toBeGreaterThan(10);
  }, 120_000);
});
