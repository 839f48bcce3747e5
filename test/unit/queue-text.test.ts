import { describe, expect, it } from 'vitest';
import { aboutTime, etaMs, ordinal, waitingText } from '../../src/core/queue-text.ts';

describe('what a waiting job says', () => {
  it('names its place with an English ordinal', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].map(ordinal)).toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '23rd', '101st', '111th']);
  });

  it('estimates the wait as the rounds of jobs ahead of it, each as long as a recent run', () => {
    // Concurrency 4: places 1–4 start after one run, 5–8 after two.
    expect([1, 4, 5, 8, 9].map((p) => etaMs(p, 4, 60_000))).toEqual([60_000, 60_000, 120_000, 120_000, 180_000]);
    expect(etaMs(3, 0, 1_000)).toBe(3_000);
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
});
