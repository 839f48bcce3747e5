// USER_RATE_LIMIT through the real grammY client (issue 12, part 5): a sliding window on each
// user's commands and button presses, refused with the seconds to wait, nothing charged.
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.ts';
import type { FakeTelegram, SentMessage, TgChat, TgUser } from '../fakes/telegram.ts';

const alice: TgUser = { id: 1001, is_bot: false, first_name: 'Alice', username: 'alice' };
const dm: TgChat = { id: 1001, type: 'private', first_name: 'Alice', username: 'alice' };
const operator: TgUser = { id: 5, is_bot: false, first_name: 'Op', username: 'op' };
const opDm: TgChat = { id: 5, type: 'private', first_name: 'Op' };

let h: Harness | undefined;
let tg: FakeTelegram;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(): Promise<void> {
  h = await startHarness({ telegram: true, env: { USER_RATE_LIMIT: '3/60s', FREE_CREDITS: '100', BOT_ADMINS: 'telegram:5' } });
  tg = h.telegram!;
}

/** Sends a text and returns the bot's first text reply to it. */
async function say(chat: TgChat, from: TgUser, text: string): Promise<SentMessage> {
  const { message } = tg.userSends({ chat, from, text });
  return tg.waitForMessage(chat.id, (m) => m.reply_to_message_id === message.message_id && Boolean(m.text));
}

/** Presses a button of `m` and returns the callback answer once the bot has given it. */
async function press(chat: TgChat, from: TgUser, m: SentMessage, label: string) {
  const data = m.reply_markup?.inline_keyboard.flat().find((b) => b.text === label)?.callback_data;
  if (!data) throw new Error(`no button ${label} on message ${m.message_id}`);
  const q = tg.userPresses({ chat, from, message_id: m.message_id, data });
  return tg.waitForCall('answerCallbackQuery', (c) => String(c.params.callback_query_id) === q.id);
}

const WAIT = /Please wait (\d+) seconds? and try again\. Nothing was charged\./;

describe('USER_RATE_LIMIT on Telegram', () => {
  it('counts commands and button presses, refuses the one past the limit with the seconds to wait, and charges nothing', async () => {
    await start();
    const wallet = `telegram:user:${alice.id}`;
    const progress = await say(dm, alice, '/imagine a red fox');
    const grid = await h!.apiframe.waitForTask('imagine');
    await h!.apiframe.finish(grid.id);
    const result = await tg.waitForMessage(dm.id, (m) => m.message_id === progress.message_id && m.photo !== undefined && !m.deleted);
    expect((await say(dm, alice, '/credits')).text).toContain('Your personal wallet');
    // The third use is a press: it is let through and starts its upscale.
    expect((await press(dm, alice, result, 'U1')).params.show_alert).toBeFalsy();
    await h!.apiframe.waitForTask('upscale-1x');
    const balance = (await h!.app.services.store.wallets.get(wallet))!.balance;
    const ledger = await h!.app.services.store.wallets.history(wallet, 100, 0);

    const refused = await say(dm, alice, '/imagine another fox');
    expect(refused.text).toContain('at most 3 commands in a minute each');
    const seconds = Number(WAIT.exec(refused.text!)?.[1]);
    expect(seconds).toBeGreaterThanOrEqual(1);
    expect(seconds).toBeLessThanOrEqual(60);
    // A press past the limit is told privately, as an alert on the presser's screen.
    const alert = await press(dm, alice, result, 'U2');
    expect(alert.params.show_alert).toBe(true);
    expect(String(alert.params.text)).toMatch(WAIT);

    expect(h!.apiframe.callCount('/imagine')).toBe(1);
    expect(h!.apiframe.callCount('/upscale-1x')).toBe(1);
    expect((await h!.app.services.store.wallets.get(wallet))!.balance).toBe(balance);
    expect(await h!.app.services.store.wallets.history(wallet, 100, 0)).toEqual(ledger);
  }, 30_000);

  it('never limits an operator', async () => {
    await start();
    for (let i = 0; i < 5; i++) expect((await say(opDm, operator, '/credits')).text).toContain('Your personal wallet');
  }, 30_000);
});
