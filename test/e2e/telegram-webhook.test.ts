// Issue 11, part 4: Telegram in webhook mode. The real grammY client sets the webhook on the fake
// Bot API, which then posts updates to the app's own HTTP server with the secret header.
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, startHarness, TELEGRAM_WEBHOOK_SECRET, type Harness } from './harness.ts';
import type { FakeTelegram, TgChat, TgUser } from '../fakes/telegram.ts';

const ana: TgUser = { id: 1001, is_bot: false, first_name: 'Ana', username: 'ana' };
const group: TgChat = { id: -1005551, type: 'supergroup', title: 'Hook fans' };

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(): Promise<FakeTelegram> {
  h = await startHarness({ telegram: true, telegramWebhook: true });
  return h.telegram!;
}

/** The inbox row of an update (the key the adapter gives it). */
const inboxStatus = (tg: FakeTelegram, updateId: number) => h!.app.services.store.inbox.status(`telegram:${tg.bot.id}:${updateId}`);

/** A command update built by hand, as someone who is not Telegram could post it. */
function forged(updateId: number, text = '/imagine a forged fox') {
  return {
    update_id: updateId,
    message: {
      message_id: 9_001,
      from: ana,
      chat: group,
      date: Math.floor(Date.now() / 1000),
      text,
      entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }],
    },
  };
}

describe('Telegram in webhook mode', () => {
  it('sets the webhook at start, runs /imagine and a button press end to end, is ready, and leaves the webhook at stop', async () => {
    const tg = await start();
    const set = tg.calls.filter((c) => c.method === 'setWebhook');
    expect(set).toHaveLength(1);
    expect(set[0]!.params).toMatchObject({
      url: h!.env.TELEGRAM_WEBHOOK_URL,
      secret_token: TELEGRAM_WEBHOOK_SECRET,
      allowed_updates: ['message', 'callback_query'],
      drop_pending_updates: false,
    });
    expect(tg.calls.filter((c) => c.method === 'getUpdates' || c.method === 'deleteWebhook')).toEqual([]);
    expect(tg.webhook?.url).toBe(`http://127.0.0.1:${h!.app.port}/telegram`);

    const cmd = tg.userSends({ chat: group, from: ana, text: '/imagine a red fox' });
    const job = await h!.apiframe.waitForTask('imagine');
    await tg.waitForMessage(group.id, (m) => m.reply_to_message_id === cmd.message.message_id);
    await h!.apiframe.finish(job.id);
    const grid = await tg.waitForMessage(group.id, (m) => m.photo !== undefined && !m.deleted);
    const u1 = grid.reply_markup!.inline_keyboard[0]![0]!;
    const press = tg.userPresses({ chat: group, from: ana, message_id: grid.message_id, data: u1.callback_data! });
    await h!.apiframe.waitForTask('upscale-1x');
    await tg.waitForCall('answerCallbackQuery', (c) => String(c.params.callback_query_id) === press.id);
    expect(tg.webhookDeliveries.map((d) => [d.update_id, d.status, d.withSecret])).toEqual([
      [cmd.update_id, 200, true],
      [press.update_id, 200, true],
    ]);
    expect(await inboxStatus(tg, cmd.update_id)).toBe('done');

    const ready = (await (await fetch(`http://127.0.0.1:${h!.app.port}/readyz`)).json()) as { ready: boolean; checks: Record<string, { ok: boolean }> };
    expect(ready.checks.telegram).toEqual({ ok: true });

    await h!.stopApp();
    // Another instance may serve the same address: the webhook stays, and Telegram keeps the updates meanwhile.
    expect(tg.calls.filter((c) => c.method === 'deleteWebhook')).toEqual([]);
    expect(tg.webhook?.url).toBe(h!.env.TELEGRAM_WEBHOOK_URL);
    // A stopped bot answers 503, so Telegram delivers the update again later (to whichever instance runs).
    expect(await tg.postToWebhook(forged(42))).not.toBe(200);
  });

  it('answers Telegram before the work: the update is recorded and the 200 sent while its submit is still running', async () => {
    const tg = await start();
    h!.apiframe.slowNext('/imagine', 3_000);
    const cmd = tg.userSends({ chat: group, from: ana, text: '/imagine a slow fox' });
    await h!.apiframe.waitForTask('imagine');
    await eventually(() => tg.webhookDeliveries.find((d) => d.update_id === cmd.update_id), 5_000, 'the delivery to be answered');
    expect(tg.webhookDeliveries.map((d) => d.status)).toEqual([200]);
    // Still being handled: the submit has not been answered yet.
    expect(await inboxStatus(tg, cmd.update_id)).toBe('started');
    await eventually(async () => (await inboxStatus(tg, cmd.update_id)) === 'done', 10_000, 'the update to be handled');
    expect(h!.apiframe.callCount('/imagine')).toBe(1);
  });

  it('refuses a wrong or missing secret (401) and runs nothing', async () => {
    const tg = await start();
    const wrongSameLength = TELEGRAM_WEBHOOK_SECRET.replace(/.$/, (c) => (c === 'x' ? 'y' : 'x'));
    expect(await tg.postToWebhook(forged(500), { secret: null })).toBe(401);
    expect(await tg.postToWebhook(forged(501), { secret: wrongSameLength })).toBe(401);
    expect(await tg.postToWebhook(forged(502), { secret: 'short' })).toBe(401);
    // The right secret with a body that is no update: refused too.
    expect(await tg.postToWebhook({ hello: 'world' } as never)).toBe(400);
    const url = tg.webhook!.url;
    expect((await fetch(url)).status).toBe(405);

    // The bot still works, and nothing of the refused updates ran or was written down.
    const ok = tg.userSends({ chat: group, from: ana, text: '/imagine a real fox' });
    await h!.apiframe.waitForTask('imagine');
    await eventually(async () => (await inboxStatus(tg, ok.update_id)) === 'done', 5_000, 'the real update to be handled');
    expect(h!.apiframe.callCount('/imagine')).toBe(1);
    for (const id of [500, 501, 502]) expect(await inboxStatus(tg, id)).toBeUndefined();
    expect(h!.logs.filter((l) => l.includes('wrong or missing secret'))).not.toEqual([]);
    expect(h!.logs.join('\n')).not.toContain(TELEGRAM_WEBHOOK_SECRET);
    const metrics = await (await fetch(`http://127.0.0.1:${h!.app.port}/metrics`)).text();
    expect(metrics).toContain('framebot_platform_webhook_deliveries_total{platform="telegram",outcome="rejected_secret"} 3');
    expect(metrics).toContain('framebot_platform_webhook_deliveries_total{platform="telegram",outcome="accepted"} 1');
  });

  it('runs an update delivered twice once: one submit, one charge', async () => {
    const tg = await start();
    const cmd = tg.userSends({ chat: group, from: ana, text: '/imagine a twice told fox' });
    const job = await h!.apiframe.waitForTask('imagine');
    await tg.waitForMessage(group.id, (m) => m.reply_to_message_id === cmd.message.message_id);
    // Telegram retries (our 200 was lost on the way): the same update_id again, sequentially…
    tg.redeliver(cmd);
    await eventually(() => tg.webhookDeliveries.filter((d) => d.update_id === cmd.update_id && d.status === 200).length === 2, 5_000, 'the redelivery to be answered');
    await eventually(() => h!.logs.some((l) => l.includes('telegram update already handled')), 5_000, 'the redelivery to be skipped');
    // …and twice at once, as two connections may.
    const twin = forged(cmd.update_id + 100, '/imagine a twin fox');
    expect(await Promise.all([tg.postToWebhook(twin), tg.postToWebhook(twin)])).toEqual([200, 200]);
    await h!.apiframe.waitForTask('imagine', 2);
    await eventually(async () => (await inboxStatus(tg, twin.update_id)) === 'done', 5_000, 'the twin to be handled');

    await h!.apiframe.finish(job.id);
    await tg.waitForMessage(group.id, (m) => m.photo !== undefined && !m.deleted);
    expect(h!.apiframe.callCount('/imagine')).toBe(2);
    const wallet = (await h!.app.services.store.wallets.get(`telegram:chat:${group.id}`))!;
    expect(wallet.balance).toBe(1000 - 4 - 4);
    expect(tg.messagesIn(group.id).filter((m) => m.reply_to_message_id === cmd.message.message_id)).toHaveLength(1);
  });
});
