// Self-test of the fake Telegram's webhook mode, driven by the real grammY client and grammY's own
// node:http webhook adapter (not the bot's), so the fake is checked against the library alone.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Bot, GrammyError, webhookCallback } from 'grammy';
import { FakeTelegram, type TgChat, type TgUser } from './telegram.ts';

const alice: TgUser = { id: 1001, is_bot: false, first_name: 'Alice', username: 'alice' };
const dm: TgChat = { id: 1001, type: 'private', first_name: 'Alice', username: 'alice' };
const SECRET = 'fake-self-test-secret';

let fake: FakeTelegram;
let server: http.Server;
let url: string;
let bot: Bot;
let seen: number[];
/** What the server answers, when a test wants it to fail. */
let failWith: number | undefined;

beforeEach(async () => {
  fake = await FakeTelegram.start({ webhookRetryMs: 20, webhookAttempts: 3 });
  bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot } });
  seen = [];
  failWith = undefined;
  bot.on('message', (ctx) => void seen.push(ctx.update.update_id));
  const callback = webhookCallback(bot, 'http', { secretToken: SECRET });
  server = http.createServer((req, res) => {
    if (failWith) {
      req.resume();
      res.writeHead(failWith).end();
      return;
    }
    void callback(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});
afterEach(async () => {
  await fake.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const waitFor = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 250; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
};

describe('the fake Telegram in webhook mode', () => {
  it('refuses what Telegram refuses in setWebhook', async () => {
    await expect(bot.api.setWebhook('http://bot.example.com/hook')).rejects.toThrow(/An HTTPS URL must be provided/);
    await expect(bot.api.setWebhook('https://bot.example.com:8080/hook')).rejects.toThrow(/only on ports 80, 88, 443 or 8443/);
    await expect(bot.api.setWebhook(url, { secret_token: 'no spaces allowed' })).rejects.toThrow(/secret token contains unallowed characters/);
    expect(fake.webhook).toBeUndefined();
  });

  it('posts updates with the secret header, refuses getUpdates meanwhile, and queues them again after deleteWebhook', async () => {
    await bot.api.setWebhook(url, { secret_token: SECRET, allowed_updates: ['message'] });
    expect(fake.webhook).toEqual({ url, secret_token: SECRET, allowed_updates: ['message'] });
    const err = await bot.api.getUpdates().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GrammyError);
    expect((err as GrammyError).error_code).toBe(409);

    const u = fake.userSends({ chat: dm, from: alice, text: 'hello' });
    // The fake records a delivery once the bot has answered it, which comes after the handler saw it.
    await waitFor(() => seen.includes(u.update_id) && fake.webhookDeliveries.length === 1, 'the update to reach the bot and be answered');
    expect(fake.webhookDeliveries).toEqual([{ update_id: u.update_id, status: 200, withSecret: true }]);
    // Not allowed by allowed_updates: never posted.
    const sent = await bot.api.sendMessage(dm.id, 'pick', { reply_markup: { inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] } });
    fake.userPresses({ chat: dm, from: alice, message_id: sent.message_id, data: 'a' });
    // A forged post: grammY's own adapter answers 401.
    expect(await fake.postToWebhook({ update_id: 5, message: u.message }, { secret: 'wrong-secret-value' })).toBe(401);
    expect(await fake.postToWebhook({ update_id: 6, message: u.message }, { secret: null })).toBe(401);
    // And a redelivery posts the same update again.
    fake.redeliver(u);
    await waitFor(() => seen.length === 2 && fake.webhookDeliveries.length === 4, 'the redelivery, answered');
    expect(seen).toEqual([u.update_id, u.update_id]);
    expect(fake.webhookDeliveries.map((d) => d.update_id)).toEqual([u.update_id, 5, 6, u.update_id]);

    await bot.api.deleteWebhook();
    expect(fake.webhook).toBeUndefined();
    const later = fake.userSends({ chat: dm, from: alice, text: 'polling again' });
    expect((await bot.api.getUpdates({ offset: later.update_id })).map((x) => x.update_id)).toEqual([later.update_id]);
  });

  it('retries a failed delivery and reports it in getWebhookInfo; setWebhook hands over queued updates unless told to drop them', async () => {
    const queued = fake.userSends({ chat: dm, from: alice, text: 'sent before the webhook' });
    expect(await bot.api.getWebhookInfo()).toMatchObject({ url: '', pending_update_count: 1 });
    failWith = 502;
    await bot.api.setWebhook(url, { secret_token: SECRET });
    await waitFor(() => fake.webhookDeliveries.length === 3, 'three attempts');
    expect(fake.webhookDeliveries.map((d) => d.status)).toEqual([502, 502, 502]);
    const info = await bot.api.getWebhookInfo();
    expect(info).toMatchObject({ url, last_error_message: 'Wrong response from the webhook: 502' });
    expect(info.last_error_date).toBeGreaterThan(0);

    failWith = undefined;
    fake.redeliver(queued);
    await waitFor(() => seen.includes(queued.update_id), 'the delivery after the failures');
    await bot.api.deleteWebhook();
    fake.userSends({ chat: dm, from: alice, text: 'dropped' });
    await bot.api.setWebhook(url, { secret_token: SECRET, drop_pending_updates: true });
    expect((await bot.api.getWebhookInfo()).pending_update_count).toBe(0);
    expect(seen).toEqual([queued.update_id]);
  });
});
