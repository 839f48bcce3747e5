// The sweep is a safety net: a job another instance wrote a moment ago is that instance's to admit
// and submit. Taking it, an instance's sweep used to submit another's fresh job and log it as
// "caught by a stop" (and multi-instance tests saw submits land on either instance).
import { describe, expect, it } from 'vitest';
import type { NewTask } from '../../src/store/records/tasks.ts';
import { newTask, T } from '../support/store-contract/engine.ts';
import { instancesOnOneStore } from '../support/task-instances.ts';

const { instances, fake, store } = instancesOnOneStore();

/** A job as instance "a" writes it at T, before its own admission or submit (which this test never runs). */
const written = (id: string, waiting: boolean): NewTask => newTask(id, { provider: 'apiframe', waiting });

/** Instance "b", sharing the store, on a clock the test moves. */
function otherInstance() {
  const clock = { now: T + 100 };
  const b = instances.start(store(), 'b', { now: () => clock.now, queue: { concurrency: { apiframe: 2 }, maxJobsPerUser: 0, maxJobsPerGroup: 0 } });
  return { b, clock };
}

describe("another instance's sweep", () => {
  it('leaves a job written a moment ago to its writer, and submits it once its writer has left it unstarted for 5 s', async () => {
    await store().tasks.insert(written('fresh', false), T);
    const { b, clock } = otherInstance();
    await b.tasks.sweep();
    await b.tasks.idle();
    expect(fake().callCount('/imagine')).toBe(0);
    expect((await store().tasks.get('fresh'))?.submitAttempts).toBe(0);
    clock.now = T + 5_001;
    await b.tasks.sweep();
    await b.tasks.idle();
    expect(fake().callCount('/imagine')).toBe(1);
    expect((await store().tasks.get('fresh'))?.status).toBe('submitted');
  });

  it('leaves a job just written to the waiting line to its writer to admit, and admits it once it has waited 5 s', async () => {
    await store().tasks.insert(written('queued', true), T);
    const { b, clock } = otherInstance();
    await b.tasks.sweep();
    await b.tasks.idle();
    expect((await store().tasks.get('queued'))?.waitingSince).toBe(T);
    clock.now = T + 5_001;
    await b.tasks.sweep();
    await b.tasks.idle();
    await expect.poll(() => fake().callCount('/imagine')).toBe(1);
    expect((await store().tasks.get('queued'))?.waitingSince).toBeNull();
  });
});
