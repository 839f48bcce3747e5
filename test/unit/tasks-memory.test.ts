// Issue 14, part 4: what the task service keeps in memory about a task goes when the task no
// longer needs it, also when another instance (sharing the store) took the task over.
import { describe, expect, it } from 'vitest';
import { scope } from '../support/memory-chat.ts';
import { instancesOnOneStore, type TaskInstance } from '../support/task-instances.ts';

const { instances, fake, store } = instancesOnOneStore();

async function until(ok: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await ok()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const instance = (name: string): TaskInstance =>
  instances.start(store(), name, { queue: { concurrency: { apiframe: 1 }, maxJobsPerUser: 0, maxJobsPerGroup: 0 } });

async function imagine(on: TaskInstance, prompt: string) {
  const who = { ...scope(), userId: 'u1', userName: '@u1' };
  return on.tasks.start({ scope: who, job: { type: 'mj.imagine', prompt }, prompt, label: 'Imagine' }, on.chat.responder(who));
}

describe('what the task service remembers', () => {
  it('forgets the place in line it showed for a job that another instance admitted and finished', async () => {
    const [a, b] = [instance('a'), instance('b')];
    const first = await imagine(a, 'fox 1');
    const second = await imagine(a, 'fox 2');
    expect(second.waitingSince).not.toBeNull();
    expect(a.tasks.sizes().shownInLine).toBe(1);

    // Instance b sees the first job finish, and so takes the second into the free slot and runs it.
    await fake().finish(first.providerTaskId!);
    await b.tasks.sweep({ force: true });
    await until(async () => (await store().tasks.get(second.id))?.providerTaskId != null, 'the second job submitted by b');
    await fake().finish((await store().tasks.get(second.id))!.providerTaskId!);
    await b.tasks.sweep({ force: true });
    await b.tasks.idle();
    expect(await store().tasks.countUnfinished()).toBe(0);

    // Instance a's next sweep refreshes the (now empty) line, as its timer would.
    await a.tasks.sweep({ force: true });
    await until(() => a.tasks.sizes().refreshing === 0, 'a refresh of the line on a');
    expect(a.tasks.sizes()).toMatchObject({ shownInLine: 0, progressShown: 0, starting: 0, queued: 0 });
  });
});
