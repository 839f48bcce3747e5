// Issue 12, parts 3 and 4 on Telegram through the real grammY client: a waiting job shows its place
// in line (in a group on the group's one board, in a private chat in its own message), /jobs lists
// the chat's jobs (a group admin sees everyone's), and ❌ Cancel refunds.
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
async function say(from: TgUser, text: string, match: (m: SentMessage) => boolean = (m) => Boolean(m.text), chat = group): Promise<SentMessage> {
  const { message } = tg.userSends({ chat, from, text });
  return tg.waitForMessage(chat.id, (m) => m.reply_to_message_id === message.message_id && match(m), 10_000);
}
const buttonsOf = (m: SentMessage) => ((m.reply_markup as any)?.inline_keyboard ?? []).flat() as Array<{ text: string; callback_data: string }>;
const groupWallet = async () => (await h!.app.services.store.wallets.get(`telegram:chat:${group.id}`))!.balance;
const BOARD = /^⏳ Waiting in line here/;
/** The group's board of waiting jobs as it reads now. */
const board = () => tg.messagesIn(group.id).find((m) => BOARD.test(m.text ?? '') || m.text?.startsWith('✅ Nothing is waiting'));
/** Jobs Apiframe runs now. */
const inFlight = () => [...h!.apiframe.tasks.values()].filter((t) => t.status !== 'finished' && t.status !== 'failed');

describe('Telegram: the queue', () => {
  it("in a group, lists waiting jobs on the group's one board with their places (a newcomer who has had no turn goes ahead), not a message each; /jobs and ❌ Cancel, which only its owner or an admin may press, refunding in full; a job that starts gets its own message", async () => {
    h = await startHarness({ telegram: true, env: { APIFRAME_CONCURRENCY: '1', FREE_CREDITS: '100' } });
    tg = h.telegram!;
    tg.setChatAdmins(group.id, [alice.id]);
    await say(bob, '/imagine bob fox 1', (m) => m.text?.includes('Waiting to start') ?? false);
    const bobs2 = tg.userSends({ chat: group, from: bob, text: '/imagine bob fox 2' }).message;
    const posted = await tg.waitForMessage(group.id, (m) => BOARD.test(m.text ?? ''), 10_000);
    expect(posted.text).toBe('⏳ Waiting in line here (1 job):\n1st: Imagine “bob fox 2” for Bob, about 1 min\nEach job gets its own message when it starts. /jobs shows yours, with ❌ Cancel.');
    // Alice has had no turn yet and Bob has: her job goes ahead of his second, on the same board.
    const alices = tg.userSends({ chat: group, from: alice, text: '/imagine alice fox 1' }).message;
    // (The estimates shrink as Bob's first job runs: under load the board may be edited a little later.)
    await eventually(() => /^⏳ Waiting in line here \(2 jobs\):\n1st: Imagine “alice fox 1” for @alice, (about 1 min|under a minute)\n2nd: Imagine “bob fox 2” for Bob, about 2 min/.test(board()?.text ?? ''), 20_000, 'the board to list both');
    expect(board()!.message_id).toBe(posted.message_id);
    // Neither waiting command got a message of its own.
    expect(tg.messagesIn(group.id).filter((m) => m.reply_to_message_id === bobs2.message_id || m.reply_to_message_id === alices.message_id)).toEqual([]);
    const charged = await groupWallet();

    // Bob sees his own jobs; Alice, a group admin, sees everyone's.
    const bobsJobs = await say(bob, '/jobs', (m) => m.text?.includes('Your jobs here') ?? false);
    expect(bobsJobs.text).not.toContain('alice fox');
    expect(buttonsOf(bobsJobs).map((b) => b.text)).toEqual(['❌ Cancel “bob fox 2”']);
    const all = await say(alice, '/jobs', (m) => m.text?.includes('Jobs in this chat') ?? false);
    expect(all.text).toContain('🎨 Imagine “bob fox 1” for Bob: running');
    expect(buttonsOf(all).map((b) => b.text)).toEqual(['❌ Cancel “bob fox 2”', '❌ Cancel “alice fox 1”']);

    // Bob may not cancel Alice's job.
    tg.userPresses({ chat: group, from: bob, message_id: all.message_id, data: buttonsOf(all)[1]!.callback_data });
    await eventually(() => tg.messagesIn(group.id).some((m) => m.text?.includes('Only the person who started that job')) || tg.calls.some((c) => c.method === 'answerCallbackQuery' && String(c.params.text ?? '').includes('Only the person who started that job')), 10_000, 'the refusal');
    expect(await h.app.services.store.tasks.countUnfinished()).toBe(3);

    // Alice, an admin, cancels Bob's waiting job: refunded to the group, never sent to Apiframe, off the board.
    tg.userPresses({ chat: group, from: alice, message_id: all.message_id, data: buttonsOf(all)[0]!.callback_data });
    await eventually(async () => (await h!.app.services.store.tasks.countUnfinished()) === 2, 10_000, 'the cancel');
    const cost = (await h.app.services.store.tasks.listUnfinished(5))[0]!.cost;
    expect(await groupWallet()).toBe(charged + cost);
    await eventually(() => board()?.text?.startsWith('⏳ Waiting in line here (1 job):\n1st: Imagine “alice fox 1” for @alice'), 20_000, 'the board to drop the cancelled job');
    expect([...h.apiframe.tasks.values()].map((t) => t.body.prompt)).toEqual(['bob fox 1']);

    // Bob's first job ends: Alice's starts, in a message of its own answering her command, and the board says nothing waits.
    await h.apiframe.finish(inFlight()[0]!.id);
    const started = await tg.waitForMessage(group.id, (m) => m.reply_to_message_id === alices.message_id && (m.text?.includes('Imagine “alice fox 1”') ?? false), 10_000);
    await eventually(() => board()?.text === '✅ Nothing is waiting in line here any more: every job has started.', 20_000, 'the board to say nothing waits');
    await eventually(() => inFlight().length === 1, 10_000, "alice's job at Apiframe");
    await h.apiframe.finish(inFlight()[0]!.id);
    // Her result replaces that message.
    await eventually(() => tg.messagesIn(group.id).find((m) => m.message_id === started.message_id)?.photo !== undefined, 10_000, 'her result in her message');
  }, 90_000);

  it('in a private chat, a waiting job shows its place in its own message, edited as the line moves', async () => {
    h = await startHarness({ telegram: true, env: { APIFRAME_CONCURRENCY: '1', FREE_CREDITS: '100' } });
    tg = h.telegram!;
    const dm: TgChat = { id: bob.id, type: 'private', first_name: 'Bob' };
    await say(bob, '/imagine fox 1', (m) => m.text?.includes('Waiting to start') ?? false, dm);
    const second = await say(bob, '/imagine fox 2', (m) => m.text?.includes('in line') ?? false, dm);
    expect(second.text).toBe('⏳ 1st in line, about 1 min\nImagine “fox 2” for Bob');
    const third = await say(bob, '/imagine fox 3', (m) => m.text?.includes('in line') ?? false, dm);
    expect(third.text).toBe('⏳ 2nd in line, about 2 min\nImagine “fox 3” for Bob');
    await h.apiframe.finish(inFlight()[0]!.id);
    await eventually(() => tg.messagesIn(dm.id).find((m) => m.message_id === third.message_id)?.text?.startsWith('⏳ 1st in line'), 10_000, 'the third to move up');
    expect(tg.messagesIn(dm.id).some((m) => BOARD.test(m.text ?? ''))).toBe(false);
  }, 60_000);
});
