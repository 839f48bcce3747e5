// Group credits on Telegram, end to end: the real grammY client against the fake Bot API. Admin
// rights are asked from Telegram (getChatMember), never taken from the message.
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeTelegram, SentMessage, TgChat, TgUser } from '../fakes/telegram.ts';
import { startHarness, type Harness } from './harness.ts';

const alice: TgUser = { id: 1001, is_bot: false, first_name: 'Alice', username: 'alice' };
const bob: TgUser = { id: 1002, is_bot: false, first_name: 'Bob' };
const operator: TgUser = { id: 5, is_bot: false, first_name: 'Op', username: 'op' };
const group: TgChat = { id: -1001234567890, type: 'supergroup', title: 'Frame fans' };
const aliceDm: TgChat = { id: 1001, type: 'private', first_name: 'Alice' };
const opDm: TgChat = { id: 5, type: 'private', first_name: 'Op' };

let h: Harness | undefined;
let tg: FakeTelegram;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(freeCredits: number): Promise<void> {
  h = await startHarness({ telegram: true, env: { FREE_CREDITS: String(freeCredits), BOT_ADMINS: 'telegram:5,discord:1234567' } });
  tg = h.telegram!;
}

/** Sends a text and returns the bot's reply to it. */
async function say(chat: TgChat, from: TgUser, text: string): Promise<SentMessage> {
  const { message } = tg.userSends({ chat, from, text });
  return tg.waitForMessage(chat.id, (m) => m.reply_to_message_id === message.message_id && Boolean(m.text));
}
const groupWallet = () => h!.app.services.store.wallets.get(`telegram:chat:${group.id}`);

describe('Telegram: a group shares one wallet', () => {
  it("/credits shows the group's wallet in the group and your own in a private chat", async () => {
    await start(12);
    expect((await say(group, alice, '/credits')).text).toContain("This group's wallet: 12 credits.");
    expect((await say(aliceDm, alice, '/credits balance')).text).toContain('Your personal wallet: 12 credits.');
  });

  it("answers a Spanish app's user in Spanish: the balance with its numbers by Intl, the history, and a mistake", async () => {
    await start(12345);
    const carmen: TgUser = { id: 1003, is_bot: false, first_name: 'Carmen', language_code: 'es' };
    const balance = (await say(group, carmen, '/credits')).text!;
    expect(balance).toContain('💳 El monedero de este grupo: 12.345 créditos.');
    expect(balance).toContain('Has gastado 0 hoy y 0 este mes.');
    expect((await say(group, carmen, '/credits history 0')).text).toBe('Las páginas empiezan en 1.');
    // Alice's app is in English: the same group answers her in English.
    expect((await say(group, alice, '/credits')).text).toContain("💳 This group's wallet: 12,345 credits.");
  });

  it('refuses /imagine with the balance and the cost when the wallet is short, submitting nothing', async () => {
    await start(2);
    const reply = await say(group, alice, '/imagine a red fox');
    expect(reply.text).toBe("That costs 4 credits, but this group's wallet has 2. An operator can add more with /admin grant.");
    expect(h!.apiframe.requests).toHaveLength(0);
  });

  it('lets the operator grant, from the group or from a private chat, and refuses others (the old /credits spellings too)', async () => {
    await start(0);
    expect((await say(group, bob, '/admin grant 50')).text).toBe('Only the bot operator can do that.');
    expect((await groupWallet())?.balance ?? 0).toBe(0);
    expect((await say(group, operator, '/admin grant 50')).text).toBe("✅ Added 50 credits to this group's wallet. Balance: 50.");
    expect((await say(opDm, operator, `/credits grant 25 --wallet group:${group.id}`)).text).toBe("✅ Added 25 credits to the group's wallet. Balance: 75.");
    expect((await say(group, operator, '/admin take 80')).text).toBe('That wallet has only 75 credits; take at most that.');
    expect((await say(group, operator, '/credits grant lots')).text).toContain('whole number');
    expect((await groupWallet())?.balance).toBe(75);
  });

  it('asks Telegram whether the sender is a group admin before setting a daily cap', async () => {
    await start(100);
    tg.setChatAdmins(group.id, [alice.id]);
    expect((await say(group, bob, '/admin limit 4')).text).toBe('Only admins of this group can set the daily limit.');
    expect(tg.calls.some((c) => c.method === 'getChatMember' && Number(c.params.user_id) === bob.id)).toBe(true);
    expect((await groupWallet())?.memberDailyCap ?? null).toBeNull();
    expect((await say(group, alice, '/credits limit 4')).text).toBe('✅ Each member may now spend up to 4 credits per day here.');

    const first = tg.userSends({ chat: group, from: bob, text: '/imagine a red fox' });
    await tg.waitForMessage(group.id, (m) => m.reply_to_message_id === first.message.message_id);
    await h!.apiframe.waitForTask('imagine');
    const second = await say(group, bob, '/imagine another fox');
    expect(second.text).toContain('you have 0 of your 4 daily credits left here');
    expect(h!.apiframe.callCount('/imagine')).toBe(1);
  });

  it('pages /credits history with an inline button that edits the message, one line per job', async () => {
    await start(100);
    for (let i = 0; i < 10; i++) await say(group, operator, `/admin grant ${i + 1}`);
    const job = tg.userSends({ chat: group, from: alice, text: '/imagine a red fox' });
    await tg.waitForMessage(group.id, (m) => m.reply_to_message_id === job.message.message_id);
    await h!.apiframe.waitForTask('imagine');

    const first = await say(group, bob, '/credits history');
    expect(first.text!.split('\n').slice(0, 3).map((l) => l.replace(/ · \d{4}-\d\d-\d\d \d\d:\d\d UTC$/, ''))).toEqual([
      "🧾 This group's wallet, page 1 of 2, newest first:",
      'Imagine “a red fox” · @alice · 4 credits · in progress',
      'Granted 10 credits · by @op',
    ]);
    expect(first.reply_markup?.inline_keyboard).toEqual([[{ text: 'Page 2 ▶', callback_data: 'hist:2' }]]);

    const press = tg.userPresses({ chat: group, from: alice, message_id: first.message_id, data: 'hist:2' });
    const second = await tg.waitForMessage(group.id, (m) => m.message_id === first.message_id && (m.text ?? '').includes('page 2 of 2'));
    expect(second.text!.split('\n').map((l) => l.replace(/ · \d{4}-\d\d-\d\d \d\d:\d\d UTC$/, ''))).toEqual([
      "🧾 This group's wallet, page 2 of 2, newest first:",
      'Granted 1 credit · by @op',
      'Granted 100 credits · welcome credits',
    ]);
    expect(second.reply_markup?.inline_keyboard).toEqual([[{ text: '◀ Page 1', callback_data: 'hist:1' }]]);
    await tg.waitForCall('answerCallbackQuery', (c) => c.params.callback_query_id === press.id);

    // Typed, the page is a command of its own; a page past the end says how many there are.
    expect((await say(group, alice, '/credits history 2')).text).toContain('page 2 of 2');
    expect((await say(group, alice, '/credits history 9')).text).toBe('There are only 2 pages.');
  });

  it('refunds a failed job and keeps the ledger equal to the balance', async () => {
    await start(10);
    tg.userSends({ chat: group, from: alice, text: '/imagine a red fox' });
    const task = await h!.apiframe.waitForTask('imagine');
    expect((await groupWallet())?.balance).toBe(6);
    await h!.apiframe.fail(task.id, 'Job action restricted');
    await tg.waitForMessage(group.id, (m) => (m.text ?? '').includes('Job action restricted'));
    expect((await groupWallet())?.balance).toBe(10);
    for (const w of await h!.app.services.store.wallets.balancesAgainstLedger()) expect(w.balance).toBe(w.ledgerSum);
  });
});
