// Issue 11, part 6: an instance that starts while another is at work (a rolling deploy, a scale-up)
// takes nothing from the live one. Its start-up pass (resume) is meant for what a crash left
// behind; another instance's running submit or delivery is not that, as long as that instance
// lives (its leases are renewed), so the job is neither submitted nor delivered twice.
import { afterEach, expect, it } from 'vitest';
import { describePostgres } from '../../support/postgres.ts';
import { Fleet, INSTANCE_LEASE_MS, until, WAIT_MS } from '../../support/instances.ts';
import type { TgChat, TgUser } from '../../fakes/telegram.ts';

const group: TgChat = { id: -1006501, type: 'supergroup', title: 'Rolling along' };
const ana: TgUser = { id: 6501, is_bot: false, first_name: 'Ana', username: 'ana' };
const wallet = `telegram:chat:${group.id}`;
const RESULT_CALLS = new Set(['sendPhoto', 'editMessageMedia', 'sendMediaGroup', 'sendDocument']);

let fleet: Fleet | undefined;
afterEach(async () => {
  await fleet?.close();
  fleet = undefined;
});

/** Longer than the lease a dead instance's work waits out, plus a few poll intervals. */
const settle = () => new Promise((r) => setTimeout(r, INSTANCE_LEASE_MS + 1_500));

describePostgres('an instance starting beside a live one', (server) => {
  it('a submit the live instance is in the middle of is not submitted again by the instance that starts meanwhile', { timeout: 90_000 }, async () => {
    fleet = await Fleet.create(server, { providerWebhooks: false, route: () => 0 });
    const [first] = await fleet.start(1);
    const { telegram: tg, apiframe } = fleet;
    // Apiframe takes the job and has not answered yet (however long the second instance takes to start).
    apiframe.stallNext('/imagine');
    tg.userSends({ chat: group, from: ana, text: '/imagine a lighthouse sent slowly' });
    await apiframe.waitForTask('imagine', 1, WAIT_MS);
    const [second] = await fleet.start(1);
    await settle();

    // Neither the task (resubmitted) nor the Telegram update the first instance is handling (replayed).
    expect(second!.output.filter((l) => /resubmit|interrupted/.test(l))).toEqual([]);
    expect(apiframe.callCount('/imagine')).toBe(1);
    expect(first!.output.some((l) => l.includes('"msg":"task submitted"'))).toBe(false);
    const tasks = await fleet.query<{ status: string; submit_attempts: number }>('SELECT status, submit_attempts FROM tasks');
    expect(tasks).toEqual([{ status: 'pending', submit_attempts: 1 }]);
    expect(await fleet.books(wallet)).toEqual({
      ledger: [
        { kind: 'grant', amount: 100 },
        { kind: 'reserve', amount: -4 },
      ],
      balance: 96,
    });
  });

  it('a delivery the live instance is in the middle of is not delivered again by the instance that starts meanwhile', { timeout: 90_000 }, async () => {
    fleet = await Fleet.create(server, { providerWebhooks: false, route: () => 0 });
    const [first] = await fleet.start(1);
    const { telegram: tg, apiframe } = fleet;
    const cmd = tg.userSends({ chat: group, from: ana, text: '/imagine a lighthouse delivered slowly' });
    const job = await apiframe.waitForTask('imagine', 1, WAIT_MS);
    await first!.waitForLine(/"msg":"task submitted"/, WAIT_MS);
    await fleet.progressRecorded(1);
    // Telegram takes the result and never answers: the first instance's delivery is running.
    for (const method of RESULT_CALLS) tg.stall(method, { apply: true });
    await apiframe.finish(job.id);
    await tg.waitForMessage(group.id, (m) => m.photo !== undefined, WAIT_MS);
    const resultCalls = () => tg.calls.filter((c) => RESULT_CALLS.has(c.method) && Number(c.params.chat_id) === group.id).length;
    expect(resultCalls()).toBe(1);

    await fleet.start(1);
    await settle();
    expect(resultCalls()).toBe(1);
    expect(fleet.countLines(/deliveries interrupted by a stop are offered again/)).toBe(0);
    expect(tg.messagesIn(group.id).filter((m) => m.reply_to_message_id === cmd.message.message_id)).toHaveLength(1);
  });
});
