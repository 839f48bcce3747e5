// Issue 8, parts 6 and 7 on Telegram, through the real grammY client: /settings as an inline
// keyboard that edits itself, answers to the bot's questions as replies to them (ForceReply), Remix
// before a variation and Custom Zoom's factor.
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeTelegram, SentMessage, TgChat, TgUser } from '../fakes/telegram.ts';
import { eventually, startHarness, type Harness } from './harness.ts';

const ana: TgUser = { id: 1001, is_bot: false, first_name: 'Ana', username: 'ana' };
const bob: TgUser = { id: 1002, is_bot: false, first_name: 'Bob' };
const group: TgChat = { id: -1007007, type: 'supergroup', title: 'Remixers' };

let h: Harness | undefined;
let tg: FakeTelegram;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const data = (m: SentMessage, label: string) => {
  const b = m.reply_markup?.inline_keyboard.flat().find((x) => x.text === label || x.text.startsWith(label));
  if (!b) throw new Error(`no button ${label} on #${m.message_id}: ${JSON.stringify(m.reply_markup?.inline_keyboard.map((r) => r.map((x) => x.text)))}`);
  return b.callback_data!;
};
const balance = async () => (await h!.app.services.store.wallets.get(`telegram:chat:${group.id}`))!.balance;
const lastId = () => Math.max(0, ...tg.messagesIn(group.id).map((m) => m.message_id));

/** Presses a button and returns the callback answer. */
async function press(from: TgUser, m: SentMessage, label: string) {
  const q = tg.userPresses({ chat: group, from, message_id: m.message_id, data: data(m, label) });
  return tg.waitForCall('answerCallbackQuery', (c) => String(c.params.callback_query_id) === q.id);
}

/**
 * The bot's next question (a ForceReply message) after message `after`, once the bot has noted it
 * (a person cannot reply before Telegram has shown it; a test can).
 */
async function question(after: number): Promise<SentMessage> {
  const asked = await tg.waitForMessage(group.id, (m) => m.message_id > after && (m.text ?? '').startsWith('✏️'));
  const call = tg.calls.find((c) => c.method === 'sendMessage' && String(c.params.text ?? '').startsWith('✏️') && c.response.ok);
  expect(JSON.stringify(call?.params.reply_markup)).toContain('force_reply');
  await eventually(() => h!.app.services.store.asks.get('telegram', String(group.id), String(asked.message_id)), 5_000, 'the question to be noted');
  return asked;
}

describe('Telegram /settings, Remix and Custom Zoom', () => {
  it('keeps settings from an inline keyboard and remixes a variation through a reply', async () => {
    h = await startHarness({ telegram: true });
    tg = h.telegram!;
    const { apiframe } = h;
    const cmd = tg.userSends({ chat: group, from: ana, text: '/settings' });
    let panel = await tg.waitForMessage(group.id, (m) => m.reply_to_message_id === cmd.message.message_id);
    expect(panel.text).toContain('Remix: off');

    await press(ana, panel, '16:9');
    panel = await tg.waitForMessage(group.id, (m) => m.message_id === panel.message_id && (m.text ?? '').includes('Aspect ratio: 16:9'));
    expect(panel.reply_markup!.inline_keyboard.flat().map((b) => b.text)).toContain('✓ 16:9');
    // Someone else's panel is not theirs to change.
    const refused = await press(bob, panel, '🎛️ Remix');
    expect(refused.params).toMatchObject({ show_alert: true });
    expect(String(refused.params.text)).toContain('someone else');
    await press(ana, panel, '🎛️ Remix');
    panel = await tg.waitForMessage(group.id, (m) => m.message_id === panel.message_id && (m.text ?? '').includes('Remix: on'));
    await press(ana, panel, '🎨 V1–V4');
    panel = await tg.waitForMessage(group.id, (m) => m.message_id === panel.message_id && (m.text ?? '').includes('V1–V4: subtle'));
    await press(ana, panel, '🎨 V1–V4');
    panel = await tg.waitForMessage(group.id, (m) => m.message_id === panel.message_id && (m.text ?? '').includes('V1–V4: strong'));

    // The suffix is asked for; Bob's reply does not count, Ana's does.
    const before = lastId();
    await press(ana, panel, '✏️ Suffix');
    const ask = await question(before);
    tg.userSends({ chat: group, from: bob, text: '--chaos 100', reply_to_message_id: ask.message_id });
    const answer = tg.userSends({ chat: group, from: ana, text: '--v 7 --stylize 250', reply_to_message_id: ask.message_id });
    const redrawn = await tg.waitForMessage(group.id, (m) => m.reply_to_message_id === answer.message.message_id && (m.text ?? '').includes('Suffix: --v 7 --stylize 250'));
    expect(redrawn.text).not.toContain('chaos');

    // /imagine uses them.
    tg.userSends({ chat: group, from: ana, text: '/imagine a red fox' });
    const grid = await apiframe.waitForTask('imagine');
    expect(grid.body).toMatchObject({ prompt: 'a red fox --v 7 --stylize 250', aspect_ratio: '16:9' });
    await apiframe.finish(grid.id);
    const gridMessage = await tg.waitForMessage(group.id, (m) => m.photo !== undefined);

    // With Remix on, V2 asks for the prompt first; "." would keep it, a new one replaces it.
    const charged = await balance();
    const beforeV2 = lastId();
    await press(ana, gridMessage, 'V2');
    const remix = await question(beforeV2);
    expect(remix.text).toContain('a red fox');
    expect(await balance()).toBe(charged);
    tg.userSends({ chat: group, from: ana, text: 'a red fox in the snow', reply_to_message_id: remix.message_id });
    const variation = await apiframe.waitForTask('variations');
    expect(variation.body).toMatchObject({ parent_task_id: grid.id, index: '2', prompt: 'a red fox in the snow --v 7 --stylize 250' });
    expect(await balance()).toBe(charged - 4);
  }, 40_000);

  it('asks Custom Zoom for its factor in a reply, refuses one out of range without charging, and zooms by a good one', async () => {
    h = await startHarness({ telegram: true });
    tg = h.telegram!;
    const { apiframe } = h;
    tg.userSends({ chat: group, from: ana, text: '/imagine a lighthouse' });
    const grid = await apiframe.waitForTask('imagine');
    await apiframe.finish(grid.id);
    const gridMessage = await tg.waitForMessage(group.id, (m) => m.photo !== undefined);
    await press(ana, gridMessage, 'U1');
    const up = await apiframe.waitForTask('upscale-1x');
    await apiframe.finish(up.id);
    const upscaled = await tg.waitForMessage(group.id, (m) => m.photo !== undefined && (m.caption ?? '').includes('Upscale #1'));
    const before = await balance();

    let mark = lastId();
    await press(ana, upscaled, 'Custom Zoom');
    let ask = await question(mark);
    const wrong = tg.userSends({ chat: group, from: ana, text: '2.5', reply_to_message_id: ask.message_id });
    const refusal = await tg.waitForMessage(group.id, (m) => m.reply_to_message_id === wrong.message.message_id);
    expect(refusal.text).toContain('more than 1 and at most 2');
    expect(apiframe.callCount('/outpaint')).toBe(0);
    expect(await balance()).toBe(before);

    mark = lastId();
    await press(ana, upscaled, 'Custom Zoom');
    ask = await question(mark);
    tg.userSends({ chat: group, from: ana, text: '1.8 a lighthouse on a wide bay', reply_to_message_id: ask.message_id });
    const zoom = await apiframe.waitForTask('outpaint');
    expect(zoom.body).toMatchObject({ parent_task_id: up.id, zoom_ratio: 1.8, prompt: 'a lighthouse on a wide bay' });
    expect(await balance()).toBe(before - 4);
  }, 40_000);
});
