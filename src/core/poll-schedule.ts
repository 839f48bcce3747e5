import type { JobType } from '../providers/jobs.ts';
import { DEFAULT_RUN_MS } from './queue-text.ts';

/*
 * Adaptive polling (issue 14, part 5): without webhooks, when to read an unfinished job next.
 * A job is read rarely while it is far from its expected finish, at its expected finish, and
 * then at a short steady cadence until it ends (its deadline still fails it), never less often
 * than a bound.
 */

/** How fast a provider's jobs may be read. */
export interface PollPace {
  /** The shortest gap between two reads of a job: the cadence at and after its expected finish. */
  cadenceMs: number;
  /** The longest gap: a job far from its finish (or stuck) is still read this often. */
  slowestMs: number;
}

export interface PollState {
  /** Since the job was submitted. */
  elapsedMs: number;
  /** How long jobs of its kind typically run (expectedRunMs). */
  expectedMs: number;
  /** What the provider last reported (0–100); 0 or absent: nothing (queued, or no percentage). */
  percentage?: number;
}

/** Until the job has this little left, reads halve the distance to its expected finish; then the next read is at it. */
const NEAR_FRACTION = 0.25;

/** How long the job probably has left: its kind's typical run time, moved by the percentage it reports. */
export function remainingMs(s: PollState): number {
  const byTime = s.expectedMs - s.elapsedMs;
  const pct = s.percentage ?? 0;
  if (pct <= 0 || pct >= 100) return byTime;
  // At the rate it has gone so far; trusted more the further it has got (a low percentage says little).
  const byRate = (s.elapsedMs * (100 - pct)) / pct;
  const weight = pct / 100;
  return (1 - weight) * byTime + weight * byRate;
}

/** How long until the job's next read. */
export function nextPollInMs(s: PollState, pace: PollPace): number {
  const cadence = Math.max(0, pace.cadenceMs);
  const slowest = Math.max(cadence, pace.slowestMs);
  const left = remainingMs(s);
  // Overdue (or about to finish): the steady cadence.
  if (left <= cadence) return cadence;
  // Far off: halve the distance (few reads early, each a check that the estimate holds). Near: read
  // at the finish, half a cadence early, as a sweep comes on average half a cadence after a read is due.
  const wait = left > NEAR_FRACTION * s.expectedMs ? left / 2 : left - cadence / 2;
  return Math.min(slowest, Math.max(cadence, Math.round(wait)));
}

/**
 * How long a kind of job runs before any of it has finished here to learn from: rough figures for
 * Midjourney through Apiframe (fast mode) and aiphotogenerator.net. The median of recent runs
 * replaces them as soon as there is one.
 */
const DEFAULT_BY_KIND: Partial<Record<JobType, number>> = {
  'mj.upscale': 15_000,
  'mj.seed': 5_000,
  'mj.describe': 10_000,
  'mj.shorten': 10_000,
  'mj.faceswap': 20_000,
  'photo.train': 15 * 60_000,
  'gen.image': 30_000,
};

export function defaultRunMs(kind: JobType): number {
  return DEFAULT_BY_KIND[kind] ?? DEFAULT_RUN_MS;
}

/** The typical run time of a kind from its recent runs (the median: one stuck job does not move it), else its default. */
export function expectedRunMs(kind: JobType, recent: readonly number[]): number {
  const runs = recent.filter((ms) => Number.isFinite(ms) && ms >= 0).sort((a, b) => a - b);
  if (runs.length === 0) return defaultRunMs(kind);
  const mid = Math.floor(runs.length / 2);
  return runs.length % 2 === 1 ? runs[mid]! : Math.round((runs[mid - 1]! + runs[mid]!) / 2);
}
