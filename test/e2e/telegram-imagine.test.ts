// /imagine on Telegram end to end: the real grammY client against the fake Bot API, the real app
// against the fake Apiframe.
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.ts';
import { UPSCALE_BUTTONS } from '../support/keyboards.ts';
import type { FakeTelegram, SentMessage, TgChat, TgUser } from '../fakes/telegram.ts';

const alice: TgUser = { id: 1001, is_bot: false, first_name: 'Alice', username: 'alice' };
const bob: TgUser = { id: 1002, is_bot: false, first_name: 'Bob' };
const group: TgChat = { id: -1001234567890, type: 'supergroup', title: 'Frame fans' };
const dm: TgChat = { id: 1001, type: 'private', first_name: 'Alice', username: 'alice' };

let h: Harness;
let tg: FakeTelegram;

afterEach(async () => {
  await h?.close();
});

async function start(): Promise<void> {
  h = await startHarness({ telegram: true, env: { FREE_CREDITS: '1000' } });
  tg = h.telegram!;
}

function button(m: SentMessage, label: string): string {
  const data = m.reply_markup?.inline_keyboard.flat().find((b) => b.text === label)?.callback_data;
  if (!data) throw new Error(`no button ${label} on message ${m.message_id}`);
  return data;
}

function labels(m: SentMessage): string[][] {
  return (m.reply_markup?.inline_keyboard ?? []).map((row) => row.map((b) => b.text));
}

/** Presses a button and returns the callback answer once the bot has given it. */
async function press(chat: TgChat, from: TgUser, m: SentMessage, label: string) {
  const q = tg.userPresses({ chat, from, message_id: m.message_id, data: button(m, label) });
  const answer = await tg.waitForCall('answerCallbackQuery', (c) => String(c.params.callback_query_id) === q.id);
  return answer;
}

/** Waits for the next result photo in a chat after `after` (a message id). */
function nextPhoto(chat: TgChat, after: number): Promise<SentMessage> {
  return tg.waitForMessage(chat.id, (m) => m.message_id > after && m.photo !== undefined && !m.deleted);
}

/** Waits for a progress message to become its result photo (the message is edited, not replaced). */
function resultOf(chat: TgChat, progress: SentMessage): Promise<SentMessage> {
  return tg.waitForMessage(chat.id, (m) => m.message_id === progress.message_id && m.photo !== undefined && !m.deleted);
}

describe('/imagine on Telegram', () => {
  it('runs in a group: progress, result with buttons, upscale, variations, reroll', async () => {
    await start();
    expect(h.logs.filter((l) => l.includes('"telegram ready"'))).toHaveLength(1);
    expect(h.logs.find((l) => l.includes('"telegram ready"'))).toContain('framebot_test_bot');
    expect(tg.commandMenuFor(group, alice).map((c) => c.command)).toEqual(['imagine', 'describe', 'blend', 'faceswap', 'shorten', 'photos', 'credits', 'settings', 'jobs', 'help']);

    const cmd = tg.userSends({ chat: group, from: alice, text: '/imagine@framebot_test_bot a red fox --ar 16:9' });
    const progress = await tg.waitForMessage(group.id, (m) => m.reply_to_message_id === cmd.message.message_id);
    expect(progress.text).toContain('a red fox');
    expect(progress.text).toContain('@alice');
    expect(progress.parse_mode).toBeUndefined();
    expect(tg.calls.some((c) => c.method === 'sendChatAction' && c.params.chat_id === group.id)).toBe(true);

    const task = await h.apiframe.waitForTask('imagine');
    expect(task.body).toMatchObject({ prompt: 'a red fox', aspect_ratio: '16:9' });

    await h.apiframe.progress(task.id, 50);
    await tg.waitForMessage(group.id, (m) => m.message_id === progress.message_id && (m.text ?? '').includes('50%'));

    await h.apiframe.finish(task.id);
    // The progress message itself becomes the result: a redelivery after a crash edits it again
    // instead of posting a second photo.
    const grid = await resultOf(group, progress);
    expect(grid.photo?.source).toBe('url');
    expect(grid.text).toBeUndefined();
    expect(grid.caption).toContain('a red fox');
    expect(grid.reply_to_message_id).toBe(cmd.message.message_id);
    expect(labels(grid)).toEqual([
      ['U1', 'U2', 'U3', 'U4', '🔄'],
      ['V1', 'V2', 'V3', 'V4'],
    ]);
    for (const b of grid.reply_markup!.inline_keyboard.flat()) {
      expect(b.callback_data).toMatch(/^act:[A-Za-z0-9_-]+$/);
      expect(Buffer.byteLength(b.callback_data!)).toBeLessThanOrEqual(64);
    }
    expect(tg.messagesIn(group.id).filter((m) => m.photo && !m.deleted)).toHaveLength(1);

    // U2: the press is answered, and an upscale of image 2 of this grid starts.
    const u2 = await press(group, bob, grid, 'U2');
    expect(u2.response.ok).toBe(true);
    const upscale = await h.apiframe.waitForTask('upscale-1x');
    expect(upscale.body).toMatchObject({ parent_task_id: task.id, index: '2' });
    const upProgress = await tg.waitForMessage(group.id, (m) => m.message_id > grid.message_id && m.text !== undefined);
    expect(upProgress.text).toContain('Upscale #2');
    expect(upProgress.text).toContain('Bob');
    await h.apiframe.finish(upscale.id);
    const upscaled = await nextPhoto(group, grid.message_id);
    expect(upscaled.caption).toContain('Upscale #2');
    expect(labels(upscaled)).toEqual(UPSCALE_BUTTONS);

    // V3: variations of image 3 → a new grid with buttons of its own.
    await press(group, alice, grid, 'V3');
    const variation = await h.apiframe.waitForTask('variations');
    expect(variation.body).toMatchObject({ parent_task_id: task.id, index: '3' });
    await h.apiframe.finish(variation.id);
    const varGrid = await nextPhoto(group, upscaled.message_id);
    expect(labels(varGrid)).toEqual(labels(grid));
    expect(button(varGrid, 'U1')).not.toBe(button(grid, 'U1'));

    // 🔄: the same prompt again.
    await press(group, alice, grid, '🔄');
    const reroll = await h.apiframe.waitForTask('reroll');
    expect(reroll.body).toMatchObject({ parent_task_id: task.id, prompt: 'a red fox', aspect_ratio: '16:9' });
    await h.apiframe.finish(reroll.id);
    const rerolled = await nextPhoto(group, varGrid.message_id);
    expect(labels(rerolled)[0]).toContain('U1');

    // U2 again: refused privately, nothing submitted.
    const before = tg.messagesIn(group.id).length;
    const again = await press(group, alice, grid, 'U2');
    expect(again.params).toMatchObject({ show_alert: true });
    expect(String(again.params.text)).toMatch(/already upscaled/);
    expect(h.apiframe.callCount('/upscale-1x')).toBe(1);
    expect(tg.messagesIn(group.id).length).toBe(before);

    // Every press was answered exactly once and in time.
    const answers = tg.calls.filter((c) => c.method === 'answerCallbackQuery');
    expect(answers).toHaveLength(4);
    expect(answers.every((c) => c.response.ok)).toBe(true);
  });

  it('works in a private chat', async () => {
    await start();
    const cmd = tg.userSends({ chat: dm, from: alice, text: '/imagine a lighthouse at dawn' });
    const progress = await tg.waitForMessage(dm.id, (m) => m.reply_to_message_id === cmd.message.message_id);
    const task = await h.apiframe.waitForTask('imagine');
    expect(task.body).toEqual({ prompt: 'a lighthouse at dawn' });
    await h.apiframe.finish(task.id);
    const grid = await resultOf(dm, progress);
    expect(grid.caption).toContain('a lighthouse at dawn');
    await press(dm, alice, grid, 'U4');
    const upscale = await h.apiframe.waitForTask('upscale-1x');
    expect(upscale.body).toMatchObject({ parent_task_id: task.id, index: '4' });
    await h.apiframe.finish(upscale.id);
    const upscaled = await nextPhoto(dm, grid.message_id);
    expect(upscaled.caption).toContain('Upscale #4');
  });

  it('answers /help and /start with usage derived from the commands', async () => {
    await start();
    tg.userSends({ chat: dm, from: alice, text: '/start' });
    const help = await tg.waitForMessage(dm.id, (m) => (m.text ?? '').includes('/imagine <prompt> [--ar 16:9]'));
    expect(help.text).not.toContain('/action');
    tg.userSends({ chat: group, from: bob, text: '/help@framebot_test_bot' });
    await tg.waitForMessage(group.id, (m) => (m.text ?? '').includes('/imagine <prompt>'));
    // A command for another bot, or one we don't have, is not ours to answer in a group.
    tg.userSends({ chat: group, from: bob, text: '/imagine@other_bot a cat' });
    tg.userSends({ chat: group, from: bob, text: '/weather' });
    const marker = tg.userSends({ chat: group, from: bob, text: '/help' });
    await tg.waitForMessage(group.id, (m) => m.reply_to_message_id === marker.message.message_id);
    expect(tg.messagesIn(group.id)).toHaveLength(2);
    expect(h.apiframe.callCount('/imagine')).toBe(0);
  });
});
