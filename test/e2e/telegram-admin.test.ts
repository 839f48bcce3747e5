// Issue 10 part 8 on Telegram, end to end: the real grammY client sets one command menu per Bot
// API scope, so group admins see /admin and members do not; typed admin commands still check who
// is asking, under their new and their old spellings.
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeTelegram, SentMessage, TgChat, TgUser } from '../fakes/telegram.ts';
import { startHarness, type Harness } from './harness.ts';

const alice: TgUser = { id: 1001, is_bot: false, first_name: 'Alice', username: 'alice' };
const bob: TgUser = { id: 1002, is_bot: false, first_name: 'Bob' };
const operator: TgUser = { id: 5, is_bot: false, first_name: 'Op', username: 'op' };
const group: TgChat = { id: -1001234567890, type: 'supergroup', title: 'Frame fans' };
const bobDm: TgChat = { id: 1002, type: 'private', first_name: 'Bob' };
const opDm: TgChat = { id: 5, type: 'private', first_name: 'Op' };

let h: Harness | undefined;
let tg: FakeTelegram;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(reuse?: Harness): Promise<void> {
  h = await startHarness({ telegram: true, reuse, env: { FREE_CREDITS: '0', BOT_ADMINS: 'telegram:5,discord:1234567' } });
  tg = h.telegram!;
}

async function say(chat: TgChat, from: TgUser, text: string): Promise<SentMessage> {
  const { message } = tg.userSends({ chat, from, text });
  return tg.waitForMessage(chat.id, (m) => m.reply_to_message_id === message.message_id && Boolean(m.text));
}

const commandsIn = (chat: TgChat, user: TgUser) => tg.commandMenuFor(chat, user).map((c) => c.command);
const adminEntry = (chat: TgChat, user: TgUser) => tg.commandMenuFor(chat, user).find((c) => c.command === 'admin')?.description;

describe('Telegram: a command menu per scope', () => {
  it('shows /admin to group admins and not to members, in groups and in private chats', async () => {
    await start();
    tg.userSends({ chat: group, from: alice, text: 'hello' });
    tg.setChatAdmins(group.id, [alice.id]);
    expect(commandsIn(group, bob)).not.toContain('admin');
    expect(commandsIn(group, bob)).toContain('credits');
    expect(commandsIn(bobDm, bob)).not.toContain('admin');
    expect(adminEntry(group, alice)).toBe('Admin: limit, share, unshare');
    // The members' list is the same for admins, plus /admin.
    expect(commandsIn(group, alice)).toEqual([...commandsIn(group, bob), 'admin']);
    // The English menus (no language_code); each translated language gets the same scopes (telegram-languages.test.ts).
    const scopes = tg.calls.filter((c) => c.method === 'setMyCommands' && c.params.language_code === undefined).map((c) => (c.params.scope as { type: string }).type);
    expect(scopes.sort()).toEqual(['all_chat_administrators', 'all_group_chats', 'all_private_chats', 'chat', 'default']);
  });

  it("gives an operator's private chat every admin command once Telegram knows that chat", async () => {
    await start();
    // The operator never wrote to the bot: Telegram has no such chat yet; the rest of the menus stand.
    expect(tg.calls.find((c) => c.method === 'setMyCommands' && (c.params.scope as { type: string }).type === 'chat')?.response).toMatchObject({ ok: false, description: 'Bad Request: chat not found' });
    expect(h!.logs.some((l) => l.includes('could not set the Telegram command menu') && l.includes('"scope":"chat"'))).toBe(true);
    expect(commandsIn(opDm, operator)).not.toContain('admin');

    await say(opDm, operator, '/start');
    await h!.stopApp();
    await start(h);
    expect(adminEntry(opDm, operator)).toBe('Admin: grant, take, limit, share, unshare, block, unblock, allow, disallow, access');
    expect(commandsIn(bobDm, bob)).not.toContain('admin');
  });

  it('typed admin commands still check who asks, under /admin and the old spellings', async () => {
    await start();
    tg.setChatAdmins(group.id, [alice.id]);
    expect((await say(group, bob, '/admin grant 100')).text).toBe('Only the bot operator can do that.');
    expect((await say(group, alice, '/credits grant 100')).text).toBe('Only the bot operator can do that.');
    expect((await say(group, bob, '/admin limit 5')).text).toBe('Only admins of this group can set the daily limit.');
    expect((await say(group, bob, '/credits limit 5')).text).toBe('Only admins of this group can set the daily limit.');
    expect((await h!.app.services.store.wallets.get(`telegram:chat:${group.id}`))?.memberDailyCap ?? null).toBeNull();
    expect((await say(group, operator, '/admin grant 100')).text).toContain('Balance: 100.');
    expect((await say(group, operator, '/credits take 40')).text).toContain('Balance: 60.');
    expect((await say(group, alice, '/admin limit 5')).text).toBe('✅ Each member may now spend up to 5 credits per day here.');
    expect((await say(group, bob, '/admin')).text).toMatch(/^\/admin needs one of:\n• \/admin grant <amount>/);
  });
});
