/**
 * The product benchmark (bench/product.ts, printed by bench/product-report.ts) runs end to end with
 * tiny numbers and measures what its lines claim: every offered command is answered and clocked,
 * every job's result is clocked and the calls behind it counted, the bot's memory is read with its
 * backlog still held, and both entry points start. No speed is asserted: the machine is shared.
 */
import { describe, expect, it, vi } from 'vitest';
import { ackFloors } from '../../bench/product.ts';
import { printProduct } from '../../bench/product-report.ts';

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

  it('prints every figure of the product from outside, each from a bot process of its own, with what it counted', async () => {
    const lines: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(...String(line).split('\n')));
    try {
      await printProduct({ ackRates: [10], ackSeconds: 0.5, jobs: 3, jobMs: 300, unfinished: 100, settleMs: 200, starts: 1, timeoutMs: 30_000 });
    } finally {
      log.mockRestore();
    }
    const line = (start: string) => lines.find((l) => l.trimStart().startsWith(start)) ?? `(no line starting "${start}" in:\n${lines.join('\n')})`;
    expect(lines.filter((l) => / failed \(/.test(l))).toEqual([]);
    // Every offered command was answered and clocked, beside Telegram's floor and the anchor.
    expect(line('acknowledgement latency, 10 /imagine/s')).toMatch(/p50 \d+ ms, p99 \d+ ms \(5\/5 answered.*floor at Telegram's 30 messages\/s.*anchor/);
    // Every job's result was clocked, and the calls behind them counted: one acknowledgement each.
    expect(line('time to result, 3 concurrent')).toMatch(/\(3\/3 delivered.*floor at 30\/s for the \d+ messages sent and edited/);
    expect(line('calls the fake Telegram answered')).toMatch(/sendMessage 3\b/);
    // The seeded tasks are unknown to the fake Apiframe, so the bot still holds every one of them when its memory is read.
    expect(line('RSS of the bot process')).toMatch(/idle \d+ MiB, with 100 unfinished tasks \d+ MiB.*100 still unfinished\); target < 150 MiB/);
    expect(line('start-up, node dist/src/main.js')).toMatch(/"http server listening".* median \d+ ms, to "telegram ready" median \d+ ms.*idle RSS \d+ MiB/);
    expect(line('start-up, node --import tsx src/main.ts')).toMatch(/to "telegram ready" median \d+ ms.*idle RSS \d+ MiB/);
  }, 180_000);
});
