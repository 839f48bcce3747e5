// Issue 11, part 6: one of two instances is SIGKILLed in the middle of a job (no shutdown code
// runs). The other finishes what it left: a submitted job's result is delivered once, whether it
// comes by Apiframe's post (the balancer sends it past the dead instance) or by polling; a submit
// the dead instance was in the middle of is taken over once its lease lapses (INSTANCE_LEASE_MS)
// and decided once, as one instance decides after a restart.
import { afterEach, expect, it } from 'vitest';
import { describePostgres } from '../../support/postgres.ts';
import { APIFRAME_WEBHOOK_PATH, Fleet, INSTANCE_LEASE_MS, until, WAIT_MS } from '../../support/instances.ts';
import type { TgChat, TgUser } from '../../fakes/telegram.ts';

const group: TgChat = { id: -1006101, type: 'supergroup', title: 'Crash course' };
const ana: TgUser = { id: 6101, is_bot: false, first_name: 'Ana', username: 'ana' };
const wallet = `telegram:chat:${group.id}`;
/** Instance 0 first, then the next: Telegram's updates reach instance 0 while it lives. */
const toFirst = () => 0;
const PAID_ONCE = {
  ledger: [
    { kind: 'grant', amount: 100 },
    { kind: 'reserve', amount: -4 },
    { kind: 'capture', amount: 0 },
  ],
  balance: 96,
};

let fleet: Fleet | undefined;
afterEach(async () => {
  await fleet?.close();
  fleet = undefined;
});

const photos = () => fleet!.telegram.messagesIn(group.id).filter((m) => m.photo !== undefined && !m.deleted);

/** Instance 0 takes an /imagine and submits it; resolves with the fake's task and the progress message. */
async function submittedByFirst() {
  const { telegram: tg, apiframe, bots } = fleet!;
  const cmd = tg.userSends({ chat: group, from: ana, text: '/imagine a lighthouse that survives' });
  const job = await apiframe.waitForTask('imagine', 1, WAIT_MS);
  const progress = await tg.waitForMessage(group.id, (m) => m.reply_to_message_id === cmd.message.message_id, WAIT_MS);
  await bots[0]!.waitForLine(/"msg":"task submitted"/);
  await fleet!.progressRecorded(1);
  return { job, progress };
}

/** The result is in the chat once, in place of the progress message, and stays once over several poll intervals. */
async function deliveredOnce(progressId: number): Promise<void> {
  const { telegram: tg } = fleet!;
  await tg.waitForMessage(group.id, (m) => m.message_id === progressId && m.photo !== undefined, WAIT_MS);
  await until(() => fleet!.countLines(/"msg":"task delivered"/) >= 1, WAIT_MS, 'the delivery to be logged');
  await new Promise((r) => setTimeout(r, 1_500));
  expect(fleet!.linesPerInstance(/"msg":"task delivered"/).map((l) => l.length)).toEqual([0, 1]);
  expect(photos()).toHaveLength(1);
  expect(await fleet!.books(wallet)).toEqual(PAID_ONCE);
}

describePostgres('one of two instances killed mid-job', (server) => {
  it('a job submitted by the killed instance: Apiframe posts the result, the balancer passes the dead instance, and the other delivers it once', { timeout: 90_000 }, async () => {
    fleet = await Fleet.create(server, { providerWebhooks: true, route: toFirst });
    await fleet.start(2, { together: true });
    const { job, progress } = await submittedByFirst();
    await fleet.apiframe.progress(job.id, 40);
    await fleet.bots[0]!.kill();

    await fleet.apiframe.finish(job.id);
    expect(fleet.apiframe.webhookDeliveries.map((d) => d.status)).toEqual([200, 200]);
    // The progress post reached the first instance; the result, refused there, went on to the second.
    expect(fleet.balancer.answeredBy(APIFRAME_WEBHOOK_PATH)).toEqual([1, 1]);
    await deliveredOnce(progress.message_id);
  });

  it('a job submitted by the killed instance, without webhooks: the other instance polls it and delivers it once', { timeout: 90_000 }, async () => {
    fleet = await Fleet.create(server, { providerWebhooks: false, route: toFirst });
    await fleet.start(2, { together: true });
    const { job, progress } = await submittedByFirst();
    await fleet.bots[0]!.kill();

    await fleet.apiframe.finish(job.id);
    expect(fleet.apiframe.webhookDeliveries).toEqual([]);
    await deliveredOnce(progress.message_id);
    expect(fleet.apiframe.callCount('/imagine')).toBe(1);
  });

  it('a submit the killed instance was in the middle of: once its lease lapses the other instance resubmits it once, with the warning, charges once and delivers once', { timeout: 90_000 }, async () => {
    fleet = await Fleet.create(server, { providerWebhooks: false, route: toFirst });
    const [first, second] = await fleet.start(2, { together: true });
    const { telegram: tg, apiframe } = fleet;
    // Apiframe takes the job, and its answer (the task id) never reaches the first instance.
    apiframe.stallNext('/imagine');
    const cmd = tg.userSends({ chat: group, from: ana, text: '/imagine a lighthouse half sent' });
    await apiframe.waitForTask('imagine', 1, WAIT_MS);
    const progress = await tg.waitForMessage(group.id, (m) => m.reply_to_message_id === cmd.message.message_id, WAIT_MS);
    await fleet.progressRecorded(1);
    await first!.kill();

    // The second instance waits out the dead one's lease, then takes the task over, once.
    const warning = await second!.waitForLine(/may run it twice/, INSTANCE_LEASE_MS + 15_000);
    expect(JSON.parse(warning)).toMatchObject({ level: 40, attempt: 2 });
    const job = await apiframe.waitForTask('imagine', 2, WAIT_MS);
    await second!.waitForLine(/"msg":"task submitted"/);
    await apiframe.finish(job.id);
    await tg.waitForMessage(group.id, (m) => m.photo !== undefined && !m.deleted, WAIT_MS);
    await until(() => fleet!.countLines(/"msg":"task delivered"/) >= 1, WAIT_MS, 'the delivery to be logged');
    await new Promise((r) => setTimeout(r, 1_500));

    expect(apiframe.callCount('/imagine')).toBe(2);
    expect(second!.output.filter((l) => /may run it twice/.test(l))).toHaveLength(1);
    expect(fleet.countLines(/"msg":"task delivered"/)).toBe(1);
    expect(photos()).toHaveLength(1);
    // The command was answered once: its progress message became the result.
    expect(tg.messagesIn(group.id).filter((m) => m.reply_to_message_id === cmd.message.message_id).map((m) => m.message_id)).toEqual([progress.message_id]);
    expect(await fleet.books(wallet)).toEqual(PAID_ONCE);
    const tasks = await fleet.query<{ provider_task_id: string; status: string }>('SELECT provider_task_id, status FROM tasks');
    expect(tasks).toEqual([{ provider_task_id: job.id, status: 'finished' }]);
  });
});
