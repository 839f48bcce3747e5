// Issue 12, part 3 on Telegram through the real grammY client: a waiting job shows its place in
// line, /jobs lists the chat's jobs (a group admin sees everyone's), and ❌ Cancel refunds.
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeTelegram, SentMessage, TgChat, TgUser } from '../fakes/telegram.ts';
import { eventually, startHarness, type Harness } from './harness.ts';

const alice: TgUser = { id: 1001, is_bot: false, first_name: 'Alice', username: 'alice' };
const bob: TgUser = { id: 1002, is_bot: false, first_name: 'Bob' };
const group: TgChat = { id: -1001234567899, type: 'supergroup', title: 'Queue fans' };

let h: Harness | undefined;
let tg: FakeTelegram;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Sends a text and returns the bot's reply to it once it matches. */
async function say(from: TgUser, text: string, match: (m: SentMessage) => boolean = (m) => Boolean(m.text)): Promise<SentMessage> {
  const { message } = tg.userSends({ chat: group, from, text });
  return tg.waitForMessage(group.id, (m) => m.reply_to_message_id === message.message_id && match(m), 10_000);
}
const buttonsOf = (m: SentMessage) => ((m.reply_markup as any)?.inline_keyboard ?? []).flat() as Array<{ text: string; callback_data: string }>;
const groupWallet = async () => (await h!.app.services.store.wallets.get(`telegram:chat:${group.id}`))!.balance;

describe('Telegram: the queue', () => {
  it('shows a waiting job its place in line (a newcomer who has had no turn goes ahead); /jobs lists it with ❌ Cancel, which only its owner or an admin may press, refunding in full', async () => {
    h = await startHarness({ telegram: true, env: { APIFRAME_CONCURRENCY: '1', FREE_CREDITS: '100' } });
    tg = h.telegram!;
    tg.setChatAdmins(group.id, [alice.id]);
    await say(bob, '/imagine bob fox 1', (m) => m.text?.includes('Waiting to start') ?? false);
    const waiting = await say(bob, '/imagine bob fox 2', (m) => m.text?.includes('in line') ?? false);
    expect(waiting.text).toContain('⏳ 1st in line, about 1 min');
    expect(waiting.text).toContain('Imagine “bob fox 2” for Bob');
    // Alice has had no turn yet and Bob has: her job goes ahead of his second, and his message says so.
    await say(alice, '/imagine alice fox 1', (m) => m.text?.includes('1st in line') ?? false);
    await eventually(() => tg.messagesIn(group.id).find((m) => m.message_id === waiting.message_id)?.text?.includes('2nd in line, about 2 min'), 10_000, "bob's place to change");
    const charged = await groupWallet();

    // Bob sees his own jobs; Alice, a group admin, sees everyone's.
    const bobs = await say(bob, '/jobs', (m) => m.text?.includes('Your jobs here') ?? false);
    expect(bobs.text).not.toContain('alice fox');
    expect(buttonsOf(bobs).map((b) => b.text)).toEqual(['❌ Cancel “bob fox 2”']);
    const all = await say(alice, '/jobs', (m) => m.text?.includes('Jobs in this chat') ?? false);
    expect(all.text).toContain('🎨 Imagine “bob fox 1” for Bob: running');
    expect(buttonsOf(all).map((b) => b.text)).toEqual(['❌ Cancel “bob fox 2”', '❌ Cancel “alice fox 1”']);

    // Bob may not cancel Alice's job.
    tg.userPresses({ chat: group, from: bob, message_id: all.message_id, data: buttonsOf(all)[1]!.callback_data });
    await eventually(() => tg.messagesIn(group.id).some((m) => m.text?.includes('Only the person who started that job')) || tg.calls.some((c) => c.method === 'answerCallbackQuery' && String(c.params.text ?? '').includes('Only the person who started that job')), 10_000, 'the refusal');
    expect(await h.app.services.store.tasks.countUnfinished()).toBe(3);

    // Alice, an admin, cancels Bob's waiting job: refunded to the group, never sent to Apiframe.
    tg.userPresses({ chat: group, from: alice, message_id: all.message_id, data: buttonsOf(all)[0]!.callback_data });
    await eventually(async () => (await h!.app.services.store.tasks.countUnfinished()) === 2, 10_000, 'the cancel');
    const cost = (await h.app.services.store.tasks.listUnfinished(5))[0]!.cost;
    expect(await groupWallet()).toBe(charged + cost);
    await eventually(() => tg.messagesIn(group.id).find((m) => m.message_id === waiting.message_id)?.text?.includes('was cancelled before it started'), 10_000, 'the job message to say so');
    expect([...h.apiframe.tasks.values()].map((t) => t.body.prompt)).toEqual(['bob fox 1']);
  }, 60_000);
});
