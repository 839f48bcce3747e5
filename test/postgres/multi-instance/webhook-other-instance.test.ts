// Issue 11, part 6: Apiframe's result post reaches the instance that did not submit the job (the
// balancer sends it there): that instance records it, and the result reaches the chat once, in
// place of the progress message, as with one instance.
import { afterEach, expect, it } from 'vitest';
import { describePostgres } from '../../support/postgres.ts';
import { APIFRAME_WEBHOOK_PATH, Fleet, TELEGRAM_WEBHOOK_PATH, until, WAIT_MS } from '../../support/instances.ts';
import type { TgChat, TgUser } from '../../fakes/telegram.ts';

const group: TgChat = { id: -1006001, type: 'supergroup', title: 'Two instances' };
const ana: TgUser = { id: 6001, is_bot: false, first_name: 'Ana', username: 'ana' };

let fleet: Fleet | undefined;
afterEach(async () => {
  await fleet?.close();
  fleet = undefined;
});

describePostgres('a webhook answered by the instance that did not submit', (server) => {
  it('instance 0 submits the /imagine, Apiframe posts the result to instance 1, and the result is delivered once in place of the progress message', { timeout: 90_000 }, async () => {
    // Telegram's updates go to instance 0, Apiframe's posts to instance 1.
    fleet = await Fleet.create(server, { providerWebhooks: true, route: (req) => (req.path.startsWith(APIFRAME_WEBHOOK_PATH) ? 1 : 0) });
    const [first, second] = await fleet.start(2);
    const { telegram: tg, apiframe } = fleet;

    const cmd = tg.userSends({ chat: group, from: ana, text: '/imagine a lighthouse on two hills' });
    const job = await apiframe.waitForTask('imagine', 1, WAIT_MS);
    expect(job.body.webhook_url).toBe(`${fleet.balancer.url}${APIFRAME_WEBHOOK_PATH}`);
    const progress = await tg.waitForMessage(group.id, (m) => m.reply_to_message_id === cmd.message.message_id, WAIT_MS);
    await first!.waitForLine(/"msg":"task submitted"/);
    expect(second!.output.filter((l) => l.includes('"msg":"task submitted"'))).toEqual([]);
    await fleet.progressRecorded(1);

    await apiframe.finish(job.id);
    expect(apiframe.webhookDeliveries.map((d) => d.status)).toEqual([200]);
    expect(fleet.balancer.answeredBy(APIFRAME_WEBHOOK_PATH)).toEqual([0, 1]);
    expect(fleet.balancer.answeredBy(TELEGRAM_WEBHOOK_PATH)).toEqual([1, 0]);

    const grid = await tg.waitForMessage(group.id, (m) => m.message_id === progress.message_id && m.photo !== undefined, WAIT_MS);
    expect(grid.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toContain('U1');
    await until(() => fleet!.countLines(/"msg":"task delivered"/) === 1, WAIT_MS, 'the delivery to be logged');
    // Several poll intervals of both instances later, still once.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(fleet.countLines(/"msg":"task delivered"/)).toBe(1);
    expect(tg.messagesIn(group.id).filter((m) => m.photo !== undefined && !m.deleted)).toHaveLength(1);
    expect(tg.messagesIn(group.id).filter((m) => m.reply_to_message_id === cmd.message.message_id)).toHaveLength(1);
    const [task] = await fleet.query<{ status: string; delivery: string }>('SELECT status, delivery FROM tasks');
    expect(task).toEqual({ status: 'finished', delivery: 'sent' });
    expect(apiframe.callCount('/imagine')).toBe(1);
  });

  it('a result that comes back while instance 0 is still showing the progress message, delivered by instance 1, still ends as one message answering the command', { timeout: 90_000 }, async () => {
    fleet = await Fleet.create(server, { providerWebhooks: true, route: (req) => (req.path.startsWith(APIFRAME_WEBHOOK_PATH) ? 1 : 0) });
    await fleet.start(2, { together: true });
    const { telegram: tg, apiframe } = fleet;
    // Telegram is slow to take the progress message (a busy group waits out its rate limit).
    tg.stall('sendMessage', { apply: false });
    const cmd = tg.userSends({ chat: group, from: ana, text: '/imagine a lighthouse in a hurry' });
    const job = await apiframe.waitForTask('imagine', 1, WAIT_MS);
    await fleet.bots[0]!.waitForLine(/"msg":"task submitted"/, WAIT_MS);
    await tg.waitForCall('sendMessage', undefined, WAIT_MS);
    await apiframe.finish(job.id);
    await until(() => fleet!.countLines(/"msg":"task delivered"/) === 1, WAIT_MS, 'the result to be delivered');
    // Telegram catches up: the progress message goes out (grammY retries the lost call).
    tg.unstall();
    await until(() => tg.calls.some((c) => c.method === 'sendMessage' && c.response.ok && c.response.description === undefined), WAIT_MS, 'the progress message to go out');
    await new Promise((r) => setTimeout(r, 1_500));

    // As with one instance: the chat shows the result, and no progress message stays behind it
    // saying the job is still waiting to start.
    const visible = tg.messagesIn(group.id).filter((m) => !m.deleted);
    expect(visible.map((m) => (m.photo ? 'photo' : m.text))).toEqual(['photo']);
    expect(cmd.message.message_id).toBeGreaterThan(0);
  });
});
