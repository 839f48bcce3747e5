// Issue 12, part 4, through the real grammY client: a busy group is not flooded. 200 /imagine in a
// group whose wallet pays for 12 start 12 jobs; the 188 refusals are combined into a few edited
// messages naming who was refused, instead of 188 replies that would take Telegram's group limit
// (about 20 messages a minute) ten minutes to send, with the results queued behind them.
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, startHarness, type Harness } from './harness.ts';
import type { FakeTelegram, SentMessage, TgChat, TgUser } from '../fakes/telegram.ts';

const group: TgChat = { id: -1009002, type: 'supergroup', title: 'Crowded artists' };
const members: TgUser[] = Array.from({ length: 20 }, (_, i) => ({ id: 4000 + i, is_bot: false, first_name: `Member${i}` }));
const alice: TgUser = { id: 1001, is_bot: false, first_name: 'Alice', username: 'alice' };
const bob: TgUser = { id: 1002, is_bot: false, first_name: 'Bob', username: 'bob' };

let h: Harness | undefined;
let tg: FakeTelegram;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const NOT_ENOUGH = "That costs 4 credits, but this group's wallet has 0. An operator can add more with /admin grant.";
const COMBINED = /^⛔ Not enough credits in this group's wallet for: .+ — (\d+) commands, nothing charged\.\n.+: That costs 4 credits/;

/** The refused commands a message answers: one for a refusal alone, its tally for a combined one. */
function refusedIn(m: SentMessage): number {
  if (m.deleted || !m.text) return 0;
  if (m.text === NOT_ENOUGH) return 1;
  const tally = COMBINED.exec(m.text);
  return tally ? Number(tally[1]) : 0;
}
const refused = () => tg.messagesIn(group.id).reduce((n, m) => n + refusedIn(m), 0);

describe('a busy group is not flooded', () => {
  it('answers 200 commands with credits for 12 in far fewer group messages: 12 jobs, the refusals combined and naming who, results not held up', async () => {
    h = await startHarness({ telegram: true, env: { FREE_CREDITS: '48', SHUTDOWN_GRACE_MS: '1000' } });
    tg = h.telegram!;
    const sent = Array.from({ length: 200 }, (_, i) => tg.userSends({ chat: group, from: members[i % members.length]!, text: `/imagine fox number ${i}` }).message.message_id);

    await h.apiframe.waitForTask('imagine', 12, 20_000);
    // Every refused command is counted in a refusal the group can see, within seconds.
    await eventually(() => refused() === 188, 30_000, 'all 188 refusals to be shown');
    const bot = tg.messagesIn(group.id);
    const progress = bot.filter((m) => m.text?.startsWith('⏳') || m.text?.includes('Imagine'));
    expect(new Set(progress.map((m) => m.reply_to_message_id)).size).toBe(12);
    expect(progress.every((m) => sent.includes(m.reply_to_message_id!))).toBe(true);
    // 12 progress messages and a handful of combined refusals, not 200 messages.
    expect(bot.length).toBeLessThanOrEqual(12 + 6);
    const combined = bot.filter((m) => m.text && COMBINED.test(m.text));
    expect(combined.length).toBeGreaterThanOrEqual(1);
    // Who was refused, and how often: 20 members sent 10 commands each.
    expect(combined[0]!.text).toMatch(/for: Member\d+ ×\d+, Member\d+ ×\d+/);
    expect(combined[0]!.text).toMatch(/\(\+\d+ more\)/);

    // Nothing was charged for a refusal: 12 reservations, no more, and nothing more submitted.
    const wallet = `telegram:chat:${group.id}`;
    expect((await h.app.services.store.wallets.get(wallet))!.balance).toBe(0);
    expect((await h.app.services.store.wallets.history(wallet, 500, 0)).filter((e) => e.kind === 'reserve')).toHaveLength(12);
    expect(h.apiframe.callCount('/imagine')).toBe(12);

    // Results go out within the group's budget: they are not queued behind 188 refusals.
    const tasks = [...h.apiframe.tasks.values()].slice(0, 4);
    for (const task of tasks) await h.apiframe.finish(task.id);
    await eventually(() => tg.messagesIn(group.id).filter((m) => m.photo && !m.deleted).length === 4, 20_000, 'four results in the group');
  }, 90_000);

  it('shows a refusal alone as a reply of its own, and combines a second one into it, naming both', async () => {
    h = await startHarness({ telegram: true, env: { FREE_CREDITS: '0' } });
    tg = h.telegram!;
    const first = tg.userSends({ chat: group, from: alice, text: '/imagine a red fox' }).message;
    const reply = await tg.waitForMessage(group.id, (m) => m.reply_to_message_id === first.message_id && m.text === NOT_ENOUGH);
    tg.userSends({ chat: group, from: bob, text: '/imagine a blue fox' });
    await tg.waitForMessage(group.id, (m) => m.message_id === reply.message_id && m.text?.startsWith("⛔ Not enough credits in this group's wallet for: @alice, @bob — 2 commands") === true, 20_000);
    expect(tg.messagesIn(group.id)).toHaveLength(1);
    expect(tg.messagesIn(group.id)[0]!.text).toContain(`@bob: ${NOT_ENOUGH}`);
  }, 40_000);
});
