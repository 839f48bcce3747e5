// Issue 10, part 6, on Discord: a stop takes no new interaction, and the one already running
// (a submit Apiframe has not answered yet) finishes and is recorded before the bot disconnects.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('stopping on Discord', () => {
  it('ignores interactions from the moment the stop begins, and lets the running submit finish', async () => {
    h = await startHarness({ discord: true, env: { SHUTDOWN_GRACE_MS: '5000' } });
    const d = h.discord!;
    h.apiframe.slowNext('/imagine', 800);
    const first = await d.slashCommand({ name: 'imagine', options: [{ name: 'prompt', value: 'a red fox' }] });
    const job = await h.apiframe.waitForTask('imagine');

    const stopped = h.stopApp();
    const second = await d.slashCommand({ name: 'imagine', options: [{ name: 'prompt', value: 'a blue fox' }] });
    await stopped;

    // The running submit finished: its task id is recorded and its user was answered.
    const db = new Database(h.dbPath, { readonly: true });
    try {
      expect(db.prepare('SELECT provider_task_id AS id FROM tasks').all()).toEqual([{ id: job.id }]);
    } finally {
      db.close();
    }
    expect(first.callbacks.length).toBeGreaterThan(0);
    // The interaction that came during the stop was never taken.
    expect(second.callbacks).toEqual([]);
    expect(h.apiframe.callCount('/imagine')).toBe(1);
  });
});
