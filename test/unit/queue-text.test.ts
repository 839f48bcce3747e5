import { describe, expect, it } from 'vitest';
import { aboutTime, BOARD_LINES, boardText, etaMs, ordinal, waitingText } from '../../src/core/queue-text.ts';

describe('what a waiting job says', () => {
  it('names its place with an English ordinal', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].map(ordinal)).toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '23rd', '101st', '111th']);
  });

  it('estimates the wait as the rounds of jobs ahead of it, each as long as a recent run', () => {
    // Concurrency 4: places 1–4 start after one run, 5–8 after two.
    expect([1, 4, 5, 8, 9].map((p) => etaMs(p, 4, 60_000))).toEqual([60_000, 60_000, 120_000, 120_000, 180_000]);
    expect(etaMs(3, 0, 1_000)).toBe(3_000);
  });

  it('counts what the running jobs have left: the slot nearest done takes the 1st in line, then each slot frees one run later', () => {
    // Two slots: one job has run 50 s of a 60-s mean (10 s left), the other 15 s (45 s left).
    expect([1, 2, 3, 4].map((p) => etaMs(p, 2, 60_000, [50_000, 15_000]))).toEqual([10_000, 45_000, 70_000, 105_000]);
    // A job past the mean may end any moment; a slot nobody holds is free now.
    expect(etaMs(1, 2, 60_000, [90_000, 0])).toBe(0);
    expect([1, 2, 3].map((p) => etaMs(p, 2, 60_000, [30_000]))).toEqual([0, 30_000, 60_000]);
  });

  it('says the time in rounded words', () => {
    expect(aboutTime(20_000)).toBe('under a minute');
    expect(aboutTime(60_000)).toBe('about 1 min');
    expect(aboutTime(150_000)).toBe('about 3 min');
    expect(aboutTime(3 * 3_600_000)).toBe('about 3 h');
  });

  it('reads "⏳ 3rd in line, about 1 min" over what the job is', () => {
    expect(waitingText({ label: 'Imagine', prompt: 'a fox', userName: '@ana' }, 3, 60_000)).toBe('⏳ 3rd in line, about 1 min\nImagine “a fox” for @ana');
  });

  it("lists a busy group's waiting jobs on one board, the front first, naming at most BOARD_LINES and counting the rest", () => {
    const entries = Array.from({ length: BOARD_LINES + 3 }, (_, i) => ({ task: { label: 'Imagine', prompt: `fox ${i}`, userName: i % 2 ? '@bo' : '@ana' }, position: i + 4, eta: (i + 1) * 60_000 }));
    const text = boardText(entries);
    expect(text.split('\n')[0]).toBe(`⏳ Waiting in line here (${BOARD_LINES + 3} jobs):`);
    expect(text).toContain('4th: Imagine “fox 0” for @ana, about 1 min');
    expect(text).toContain(`${BOARD_LINES + 3}th: Imagine “fox ${BOARD_LINES - 1}” for @bo`);
    expect(text).not.toContain(`“fox ${BOARD_LINES}”`);
    expect(text).toContain('…and 3 more.');
    expect(boardText(entries.slice(0, 1)).split('\n')[0]).toBe('⏳ Waiting in line here (1 job):');
  });
});
