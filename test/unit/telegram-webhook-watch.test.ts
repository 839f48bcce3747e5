// Issue 11, part 4: what GET /readyz says about Telegram in webhook mode, read from getWebhookInfo
// on the fake Bot API with the real grammY client.
import { Writable } from 'node:stream';
import { Api } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { WebhookWatch } from '../../adapters/telegram/webhook-watch.ts';
import { FakeTelegram } from '../fakes/telegram.ts';

const URL_OURS = 'http://127.0.0.1:1/telegram';
let fake: FakeTelegram;
let api: Api;
let lines: string[];
let watch: WebhookWatch;

beforeEach(async () => {
  fake = await FakeTelegram.start({ webhookRetryMs: 10, webhookAttempts: 1 });
  api = new Api(fake.token, { apiRoot: fake.apiRoot });
  lines = [];
  const log = createLogger({ level: 'debug', secrets: [], destination: new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) }) });
  watch = new WebhookWatch(api, URL_OURS, log, 0);
});
afterEach(async () => {
  watch.stop();
  await fake.close();
});

describe('the webhook watch', () => {
  it('is ready while Telegram delivers to our address, and not when the webhook points elsewhere or was deleted', async () => {
    await api.setWebhook(URL_OURS, { secret_token: 'x'.repeat(20) });
    expect(await watch.check()).toEqual({ ready: true });
    await api.setWebhook('http://127.0.0.1:2/elsewhere');
    expect(await watch.check()).toEqual({ ready: false, detail: expect.stringContaining('another address than TELEGRAM_WEBHOOK_URL') });
    expect(watch.status().detail).not.toContain('elsewhere');
    await api.deleteWebhook();
    expect(await watch.check()).toEqual({ ready: false, detail: expect.stringContaining('the webhook was deleted') });
  });

  it('reports a failed delivery without turning not ready, warning once per failure', async () => {
    await api.setWebhook(URL_OURS, { secret_token: 'x'.repeat(20) });
    // Port 1 refuses: Telegram notes the error.
    fake.userSends({ chat: { id: 5, type: 'private', first_name: 'A' }, from: { id: 5, is_bot: false, first_name: 'A' }, text: 'hi' });
    for (let i = 0; i < 100 && fake.webhookDeliveries.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    const state = await watch.check();
    expect(state.ready).toBe(true);
    expect(state.detail).toMatch(/^Telegram's last delivery to TELEGRAM_WEBHOOK_URL failed at .*: Connection refused/);
    await watch.check();
    expect(lines.filter((l) => l.includes('Telegram could not deliver an update'))).toHaveLength(1);
  });

  it('keeps what it knew when getWebhookInfo fails', async () => {
    await api.setWebhook(URL_OURS);
    await watch.check();
    fake.failNext('getWebhookInfo', { error_code: 500, description: 'Internal Server Error' });
    expect(await watch.check()).toEqual({ ready: true });
  });
});
