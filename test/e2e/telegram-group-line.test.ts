// Issue 12, part 4, through the real grammY client: a busy group's queue is one board, not a
// message per waiting job. Telegram lets a bot post about 20 messages a minute in a group; 30 jobs
// waiting there used to post 30 "⏳ in line" replies at once and edit each of them as the line moved.
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiCall, FakeTelegram, TgChat, TgUser } from '../fakes/telegram.ts';
import { eventually, startHarness, type Harness } from './harness.ts';

const group: TgChat = { id: -1009003, type: 'supergroup', title: 'Patient artists' };
const members: TgUser[] = ['ana', 'bo', 'cy'].map((name, i) => ({ id: 3001 + i, is_bot: false, first_name: name, username: name }));

let h: Harness | undefined;
let tg: FakeTelegram;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const inFlight = () => [...h!.apiframe.tasks.values()].filter((t) => t.status !== 'finished' && t.status !== 'failed');
/** What the bot posted or edited in the group (answers to presses and chat actions aside). */
const groupCalls = (method: string): ApiCall[] => tg.calls.filter((c) => c.method === method && Number(c.params.chat_id) === group.id && c.response.ok);
const posts = () => groupCalls('sendMessage').length + groupCalls('sendPhoto').length + groupCalls('sendMediaGroup').length;

describe("a busy group's queue", () => {
  it('shows 30 waiting jobs on one board edited at the group’s pace, each job posting its own message only when it starts', async () => {
    h = await startHarness({ telegram: true, env: { APIFRAME_CONCURRENCY: '2', FREE_CREDITS: '1000' } });
    tg = h.telegram!;
    const commands = Array.from({ length: 30 }, (_, i) => tg.userSends({ chat: group, from: members[i % 3]!, text: `/imagine fox number ${i}` }).message.message_id);
    await eventually(async () => (await h!.app.services.store.tasks.countUnfinished()) === 30, 20_000, '30 jobs written');
    await eventually(() => tg.messagesIn(group.id).some((m) => m.text?.startsWith('⏳ Waiting in line here (28 jobs):')), 30_000, 'the board to count every waiting job');

    // Two jobs run, each with its message; the 28 waiting share one board.
    expect(inFlight()).toHaveLength(2);
    const bot = tg.messagesIn(group.id);
    expect(bot.filter((m) => m.text?.startsWith('⏳ Waiting in line here'))).toHaveLength(1);
    expect(bot.filter((m) => m.text?.includes('Waiting to start'))).toHaveLength(2);
    expect(posts()).toBe(3);
    // Edits of the board are paced (at most one per 10 s), not one per waiting job per move.
    expect(groupCalls('editMessageText').length).toBeLessThanOrEqual(3);

    // Six jobs end (Telegram's group pace, not the bot, bounds how fast a test could go through all 30).
    for (let finished = 0; finished < 6; finished++) {
      await eventually(() => inFlight().length === 2, 10_000, `the next job at Apiframe after ${finished} finished`);
      await h.apiframe.finish(inFlight()[0]!.id);
    }
    await eventually(() => tg.messagesIn(group.id).filter((m) => m.photo && !m.deleted).length === 6, 60_000, 'six results');
    // Each result answers its command; the jobs that started meanwhile posted a message each, the board none more.
    const results = tg.messagesIn(group.id).filter((m) => m.photo && !m.deleted);
    expect(results.every((m) => commands.includes(m.reply_to_message_id!))).toBe(true);
    await eventually(() => tg.messagesIn(group.id).some((m) => m.text?.startsWith('⏳ Waiting in line here (22 jobs):')), 30_000, 'the board to count 22 waiting');
    expect(posts()).toBe(1 + 8);
    expect(tg.messagesIn(group.id).some((m) => /\d(st|nd|rd|th) in line/.test(m.text ?? ''))).toBe(false);
    expect(await h.app.services.store.tasks.countUnfinished()).toBe(24);
  }, 120_000);
});

describe('a press that has to wait in a group', () => {
  it('is told its place in a short notice and joins the board; its job answers the grid when it starts', async () => {
    h = await startHarness({ telegram: true, env: { APIFRAME_CONCURRENCY: '1', FREE_CREDITS: '1000' } });
    tg = h.telegram!;
    const [ana] = members;
    const first = tg.userSends({ chat: group, from: ana!, text: '/imagine a quiet fox' }).message;
    await eventually(() => inFlight().length === 1, 10_000, 'the first job at Apiframe');
    await h.apiframe.finish(inFlight()[0]!.id);
    const grid = await tg.waitForMessage(group.id, (m) => m.reply_to_message_id === first.message_id && Boolean(m.photo), 10_000);
    // Another job takes the only slot; U1 on the grid then has to wait.
    tg.userSends({ chat: group, from: ana!, text: '/imagine a busy fox' });
    await eventually(() => inFlight().length === 1, 10_000, 'the second job at Apiframe');
    const u1 = ((grid.reply_markup as any).inline_keyboard.flat() as Array<{ text: string; callback_data: string }>).find((b) => b.text === 'U1')!;
    const press = tg.userPresses({ chat: group, from: ana!, message_id: grid.message_id, data: u1.callback_data });
    await eventually(() => tg.callbackAnswer(press.id), 10_000, 'the press to be answered');
    expect(String(tg.callbackAnswer(press.id)!.params.text)).toMatch(/^⏳ 1st in line, /);
    await tg.waitForMessage(group.id, (m) => /^⏳ Waiting in line here \(1 job\):\n1st: Upscale #1 “a quiet fox” for @ana/.test(m.text ?? ''), 10_000);
    await h.apiframe.finish(inFlight()[0]!.id);
    await tg.waitForMessage(group.id, (m) => m.reply_to_message_id === grid.message_id && (m.text?.includes('Upscale #1') ?? false), 10_000);
  }, 60_000);
});
