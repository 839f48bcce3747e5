import { describe, expect, it } from 'vitest';
import { defaultRunMs, expectedRunMs, nextPollInMs, remainingMs } from '../../src/core/poll-schedule.ts';

const pace = { cadenceMs: 3_000, slowestMs: 30_000 };
const next = (elapsedMs: number, percentage?: number, expectedMs = 60_000) => nextPollInMs({ elapsedMs, expectedMs, percentage }, pace);

describe('adaptive poll schedule', () => {
  it('early on, waits half the time left, within the longest gap', () => {
    expect(next(0)).toBe(30_000);
    expect(next(30_000)).toBe(15_000);
    // A long job is still read at least every 30 s.
    expect(next(0, 0, 15 * 60_000)).toBe(30_000);
  });

  it('near the expected finish, reads at the finish, half a cadence early (a sweep comes on average half a cadence after a read is due)', () => {
    expect(next(45_000)).toBe(13_500);
    expect(next(52_000)).toBe(6_500);
  });

  it('overdue, reads at the steady cadence however late it is', () => {
    expect(next(58_000)).toBe(3_000);
    expect(next(60_000)).toBe(3_000);
    expect(next(61_000)).toBe(3_000);
    expect(next(10 * 60_000)).toBe(3_000);
  });

  it('a 60-s job with its kind typically 60 s is read 3 times before its finish and once more at most 3 s after it', () => {
    const reads: number[] = [];
    for (let at = next(0); reads.length < 10; at += next(at, Math.min(99, Math.round((at / 60_000) * 100)))) {
      reads.push(at);
      if (at >= 60_000) break;
    }
    expect(reads).toEqual([30_000, 45_000, 58_500, 61_500]);
  });

  it('a percentage ahead of time brings the next read forward', () => {
    expect(remainingMs({ elapsedMs: 30_000, expectedMs: 60_000, percentage: 80 })).toBeLessThan(30_000);
    expect(next(30_000, 80)).toBeLessThan(next(30_000));
    // 80 % after 30 s: 7.5 s left at that rate, trusted at 80 % → 12 s left: read at the finish.
    expect(next(30_000, 80)).toBe(10_500);
  });

  it('a percentage behind time puts the next read later, never past the longest gap', () => {
    expect(next(30_000, 20)).toBeGreaterThan(next(30_000));
    expect(next(30_000, 20)).toBe(24_000);
    // 5 % after 50 s: far behind (57 s left, not 10 s): not read at the finish it will miss.
    expect(next(50_000)).toBe(8_500);
    expect(next(50_000, 5)).toBe(28_500);
    // Further behind still, the longest gap holds.
    expect(next(50_000, 1, 120_000)).toBe(30_000);
  });

  it('a percentage that says nothing (0, queued) or everything (100) leaves the time estimate alone', () => {
    expect(next(30_000, 0)).toBe(next(30_000));
    expect(remainingMs({ elapsedMs: 30_000, expectedMs: 60_000, percentage: 100 })).toBe(30_000);
  });

  it('never reads faster than the cadence nor slower than the longest gap, even when they are set oddly', () => {
    expect(nextPollInMs({ elapsedMs: 59_900, expectedMs: 60_000 }, pace)).toBe(3_000);
    // A longest gap below the cadence is the cadence: every job read every interval.
    expect(nextPollInMs({ elapsedMs: 0, expectedMs: 60_000 }, { cadenceMs: 3_000, slowestMs: 1_000 })).toBe(3_000);
    expect(nextPollInMs({ elapsedMs: 0, expectedMs: 60_000 }, { cadenceMs: 3_000, slowestMs: 3_000 })).toBe(3_000);
  });
});

describe('what a kind of job typically takes', () => {
  it('with no history, a default per kind (an imagine 60 s, an upscale less)', () => {
    expect(expectedRunMs('mj.imagine', [])).toBe(60_000);
    expect(expectedRunMs('mj.upscale', [])).toBe(defaultRunMs('mj.upscale'));
    expect(defaultRunMs('mj.upscale')).toBeLessThan(60_000);
    // So an upscale with no history is first read sooner than an imagine.
    expect(nextPollInMs({ elapsedMs: 0, expectedMs: expectedRunMs('mj.upscale', []) }, pace)).toBeLessThan(next(0));
  });

  it('with history, the median of recent runs: one stuck job does not move it', () => {
    expect(expectedRunMs('mj.imagine', [40_000])).toBe(40_000);
    expect(expectedRunMs('mj.imagine', [50_000, 40_000, 600_000])).toBe(50_000);
    expect(expectedRunMs('mj.imagine', [40_000, 50_000])).toBe(45_000);
  });
});
