// Issue 12 part 7 on Telegram, end to end: blocked users and chats outside an allow-list get one
// polite refusal, then silence, and are never charged; operators change the lists at run time and
// the change (and the silence) outlives a restart, as it lives in the store.
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeTelegram, SentMessage, TgChat, TgUser } from '../fakes/telegram.ts';
import { eventually, startHarness, type Harness } from './harness.ts';
import { BLOCKED_TEXT, CHAT_NOT_ALLOWED_TEXT } from '../../src/core/access.ts';

const alice: TgUser = { id: 1001, is_bot: false, first_name: 'Alice', username: 'alice' };
const bob: TgUser = { id: 1002, is_bot: false, first_name: 'Bob' };
const operator: TgUser = { id: 5, is_bot: false, first_name: 'Op', username: 'op' };
const group: TgChat = { id: -1001234567890, type: 'supergroup', title: 'Frame fans' };
const aliceDm: TgChat = { id: 1001, type: 'private', first_name: 'Alice' };
const GROUP_WALLET = `telegram:chat:${group.id}`;

let h: Harness | undefined;
let tg: FakeTelegram;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(env: Record<string, string>, reuse?: Harness): Promise<void> {
  h = await startHarness({ telegram: true, reuse, env: { FREE_CREDITS: '12', BOT_ADMINS: 'telegram:5', ...env } });
  tg = h.telegram!;
}

async function say(chat: TgChat, from: TgUser, text: string): Promise<SentMessage> {
  const { message } = tg.userSends({ chat, from, text });
  return tg.waitForMessage(chat.id, (m) => m.reply_to_message_id === message.message_id && Boolean(m.text));
}

/** How many refusals the app has kept silent so far, from its log. */
const silentRefusals = () => h!.logs.filter((l) => l.includes('refused by the allow and deny lists') && l.includes('"silent":true')).length;

/** Sends a command that must be refused in silence: waits until the app refused it, then checks nothing answered it. */
async function silent(chat: TgChat, from: TgUser, text: string): Promise<void> {
  const before = silentRefusals();
  const { message } = tg.userSends({ chat, from, text });
  await eventually(() => silentRefusals() > before, 5000, 'a silent refusal');
  expect(tg.messagesIn(chat.id).filter((m) => m.reply_to_message_id === message.message_id)).toEqual([]);
}

describe('Telegram: blocked users', () => {
  it('refuses a blocked user once, politely, then in silence, charging nothing; an operator unblocks them, and cannot be blocked', async () => {
    await start({ BLOCKED_USERS: 'telegram:1002' });
    expect((await say(group, bob, '/imagine a red fox')).text).toBe(BLOCKED_TEXT);
    await silent(group, bob, '/imagine a red fox');
    await silent(group, bob, '/credits');
    expect(h!.apiframe.callCount('/imagine')).toBe(0);
    expect(await h!.app.services.store.wallets.history(GROUP_WALLET, 10, 0)).toEqual([]);
    // Others in the same group are served.
    expect((await say(group, alice, '/credits')).text).toContain('12 credits');

    expect((await say(group, operator, '/admin block user:5')).text).toBe('Operators cannot be blocked (BOT_ADMINS).');
    expect((await say(group, operator, '/admin unblock user:1002')).text).toBe('✅ Unblocked telegram:1002.');
    expect((await say(group, bob, '/credits')).text).toContain('12 credits');
  });

  it('says nothing outside a command to a blocked user: no "I don\'t know /x", no list of /admin\'s subcommands', async () => {
    await start({ BLOCKED_USERS: 'telegram:1001' });
    const notAnswered = () => h!.logs.filter((l) => l.includes('not answering a refused user or chat outside a command')).length;
    for (const text of ['/nonsense', '/admin']) {
      const before = notAnswered();
      const { message } = tg.userSends({ chat: aliceDm, from: alice, text });
      await eventually(() => notAnswered() > before, 5000, 'the bot to decide');
      expect(tg.messagesIn(aliceDm.id).filter((m) => m.reply_to_message_id === message.message_id)).toEqual([]);
    }
    // Someone not blocked is still told.
    const bobDm: TgChat = { id: 1002, type: 'private', first_name: 'Bob' };
    expect((await say(bobDm, bob, '/nonsense')).text).toMatch(/^I don't know \/nonsense/);
  });

  it('keeps a run-time block, and the silence after its refusal, across a restart', async () => {
    await start({});
    expect((await say(group, operator, '/admin block telegram:1001')).text).toContain('⛔ Blocked telegram:1001');
    expect((await say(group, alice, '/imagine a red fox')).text).toBe(BLOCKED_TEXT);
    await h!.stopApp();
    await start({}, h);
    await silent(group, alice, '/imagine a red fox');
    const shown = await say(aliceDm, operator, '/admin access');
    expect(shown.text).toContain('⛔ Blocked users: telegram:1001');
    expect(h!.apiframe.callCount('/imagine')).toBe(0);
  });
});

describe('Telegram: an allow-list of chats', () => {
  it('refuses a group outside the list once (for everyone in it), serves private chats, and is changed by operators from inside the group', async () => {
    await start({ ALLOWED_CHATS: 'telegram:-100999' });
    expect((await say(group, alice, '/imagine a red fox')).text).toBe(CHAT_NOT_ALLOWED_TEXT);
    // One refusal per place: another member is not told again.
    await silent(group, bob, '/imagine a red fox');
    expect(h!.apiframe.callCount('/imagine')).toBe(0);
    expect(await h!.app.services.store.wallets.get(GROUP_WALLET)).toBeUndefined();
    // Private chats are not restricted by an allow-list.
    expect((await say(aliceDm, alice, '/credits')).text).toContain('12 credits');

    // A member cannot change the list; the operator can, from the group itself.
    expect((await say(aliceDm, alice, '/admin allow telegram:-1001234567890')).text).toBe('Only the bot operator can do that.');
    expect((await say(group, operator, '/admin allow')).text).toBe(
      '✅ Allowed chat telegram:-1001234567890. The bot answers only in the 2 listed Telegram chats (and in private chats).',
    );
    expect((await say(group, alice, '/credits')).text).toContain('12 credits');
    // The configuration's entry can be taken off too; the last one off opens every group.
    expect((await say(group, operator, '/admin disallow telegram:-100999')).text).toContain('only in the 1 listed Telegram chats');
    expect((await say(group, operator, '/admin disallow')).text).toContain('No Telegram chats are listed now, so the bot answers in every one.');
    expect((await say(group, bob, '/credits')).text).toContain('12 credits');
  });
});
