// A provider that echoes a request field must not put our secrets in front of Telegram users.
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, WEBHOOK_SECRET, type Harness } from './harness.ts';
import type { FakeTelegram, TgChat, TgUser } from '../fakes/telegram.ts';

const alice: TgUser = { id: 1001, is_bot: false, first_name: 'Alice', username: 'alice' };
const group: TgChat = { id: -1001234567890, type: 'supergroup', title: 'Frame fans' };

let h: Harness;
let tg: FakeTelegram;

afterEach(async () => {
  await h?.close();
});

/** Everything the bot sent to Telegram, as one string. */
const everythingSent = () => JSON.stringify(tg.calls.map((c) => c.params));

describe('Telegram: secrets never reach a chat', () => {
  it('a refusal that echoes the webhook secret is shown redacted', async () => {
    h = await startHarness({ telegram: true, webhooks: true });
    tg = h.telegram!;
    h.apiframe.failNext('/imagine', { status: 400, body: { errors: [{ msg: `webhook_secret "${WEBHOOK_SECRET}" is not valid` }] } });
    const cmd = tg.userSends({ chat: group, from: alice, text: '/imagine a cat' });
    const shown = await tg.waitForMessage(group.id, (m) => m.reply_to_message_id === cmd.message.message_id && /refused/.test(m.text ?? ''));
    expect(shown.text).toContain('webhook_secret "[redacted]" is not valid');
    expect(everythingSent()).not.toContain(WEBHOOK_SECRET);
  });

  it('a failure delivered later by webhook, echoing the secret, is shown redacted', async () => {
    h = await startHarness({ telegram: true, webhooks: true });
    tg = h.telegram!;
    const cmd = tg.userSends({ chat: group, from: alice, text: '/imagine a cat' });
    const task = await h.apiframe.waitForTask('imagine');
    await h.apiframe.fail(task.id, `callback refused: x-webhook-secret ${WEBHOOK_SECRET}`);
    const shown = await tg.waitForMessage(group.id, (m) => m.reply_to_message_id === cmd.message.message_id && /callback refused/.test(m.text ?? ''));
    expect(shown.text).toContain('x-webhook-secret [redacted]');
    expect(everythingSent()).not.toContain(WEBHOOK_SECRET);
  });
});
