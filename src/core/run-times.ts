import type { TasksRepository } from '../store/records/tasks.ts';
import type { JobType } from '../providers/jobs.ts';
import { expectedRunMs } from './poll-schedule.ts';

/** Finished jobs of a kind the typical run time is the median of. */
const SAMPLE = 20;
/** How long a learned figure is used before it is read again (run times drift slowly). */
const FRESH_MS = 60_000;

/**
 * The typical run time of each kind of job at each provider, learned from its recent finished
 * jobs in the store and kept a minute, so a sweep or a submit does not ask the store each time.
 * Bounded: one entry per provider and kind.
 */
export class RunTimes {
  private readonly known = new Map<string, { ms: number; at: number }>();

  constructor(
    private readonly tasks: () => Pick<TasksRepository, 'recentRunTimes'>,
    private readonly now: () => number,
  ) {}

  async expectedMs(provider: string, kind: JobType): Promise<number> {
    const key = `${provider} ${kind}`;
    const now = this.now();
    const hit = this.known.get(key);
    if (hit && now - hit.at < FRESH_MS) return hit.ms;
    const ms = expectedRunMs(kind, await this.tasks().recentRunTimes(provider, kind, SAMPLE));
    this.known.set(key, { ms, at: now });
    return ms;
  }
}
