// Issue 8, parts 2 and 5, through the real clients: /describe and /shorten on Discord and on
// Telegram, and the buttons under their prompts (one prompt, and 🎉 Imagine all).
import { afterEach, describe, expect, it } from 'vitest';
import type { DcMessage, FakeDiscord, FakeInteraction } from '../fakes/discord.ts';
import type { FakeTelegram, SentMessage, TgChat, TgUser } from '../fakes/telegram.ts';
import type { FakeApiframe, FakeTask } from '../fakes/apiframe.ts';
import { makePng } from '../fakes/png.ts';
import { eventually, startHarness, type Harness } from './harness.ts';

const CHANNEL = '300000000000000001';
const ana: TgUser = { id: 1001, is_bot: false, first_name: 'Ana', username: 'ana' };
const dm: TgChat = { id: 1001, type: 'private', first_name: 'Ana', username: 'ana' };
const group: TgChat = { id: -1001234567890, type: 'supergroup', title: 'Frame fans' };

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The prompts Apiframe suggested, without their numbers. */
const promptsOf = (task: FakeTask) => (task.result!.content as string[]).map((line) => line.replace(/^\S+ /, ''));

/** The imagines started so far, in order. */
const imagines = (apiframe: FakeApiframe) => [...apiframe.tasks.values()].filter((t) => t.endpoint === 'imagine');

describe('Discord: /describe and /shorten', () => {
  const labels = (m: DcMessage) => m.components.map((row) => row.components.map((b: any) => b.label ?? b.emoji?.name));
  const customId = (m: DcMessage, label: string) => m.components.flatMap((r) => r.components).find((b: any) => (b.label ?? b.emoji?.name) === label)!.custom_id;
  const original = (d: FakeDiscord, i: FakeInteraction, match: (m: DcMessage) => boolean) =>
    d.waitForMessage(CHANNEL, (m) => m.id === i.original?.id && !m.deleted && match(m), 10_000);
  const hasImage = (m: DcMessage) => m.embeds.length > 0;

  it('/describe an attachment by its Discord URL; 2 imagines the second prompt; 🎉 Imagine all imagines all four', async () => {
    h = await startHarness({ discord: true });
    const { apiframe } = h;
    const d = h.discord!;
    const cmd = await d.slashCommand({
      name: 'describe',
      options: [{ name: 'image', value: 'cat.png' }],
      attachments: [{ filename: 'cat.png', content_type: 'image/png', size: 2048, width: 64, height: 64 }],
    });
    expect((await d.waitForCallback(cmd)).type).toBe(5);
    const describe = await apiframe.waitForTask('describe');
    const url = Object.values(cmd.payload.data.resolved.attachments as Record<string, { url: string }>)[0]!.url;
    expect(describe.body).toEqual({ image_url: url });
    expect(apiframe.callCount('/upload')).toBe(0);

    await apiframe.finish(describe.id);
    const prompts = promptsOf(apiframe.tasks.get(describe.id)!);
    const result = await original(d, cmd, (m) => m.components.length > 0);
    prompts.forEach((p, i) => expect(result.content).toContain(`${i + 1}\uFE0F\u20E3 ${p}`));
    expect(result.embeds).toEqual([]);
    expect(labels(result)).toEqual([['1', '2', '3', '4'], ['🎉 Imagine all']]);

    const two = await d.pressButton({ message: result, customId: customId(result, '2') });
    expect((await d.waitForCallback(two)).type).toBe(5);
    const imagine = await apiframe.waitForTask('imagine');
    expect(imagine.body).toEqual({ prompt: prompts[1] });
    await apiframe.finish(imagine.id);
    const grid = await original(d, two, hasImage);
    expect(grid.content).toContain(`Imagine “${prompts[1]}”`);
    expect(labels(grid)[0]).toContain('U1');

    const all = await d.pressButton({ message: result, customId: customId(result, '🎉 Imagine all') });
    const four = await Promise.all([2, 3, 4, 5].map((n) => apiframe.waitForTask('imagine', n, 10_000)));
    expect(four.map((t) => t.body.prompt)).toEqual(prompts);
    for (const task of four) await apiframe.finish(task.id);
    // The first imagine is the press's reply, the other three its follow-ups: four results.
    const shown = await eventually(() => {
      const messages = [all.original, ...all.followups].filter((m): m is DcMessage => Boolean(m) && !m!.deleted && hasImage(m!));
      return messages.length === 4 && messages;
    }, 10_000, 'four imagine results');
    expect(shown.map((m) => prompts.findIndex((p) => m.content.includes(`“${p}”`)))).toEqual([0, 1, 2, 3]);
  }, 60_000);

  it('/shorten shows the important tokens and the shorter prompts, and a button imagines one', async () => {
    h = await startHarness({ discord: true });
    const { apiframe } = h;
    const d = h.discord!;
    const cmd = await d.slashCommand({ name: 'shorten', options: [{ name: 'prompt', value: 'a very beautiful red fox in the fresh snow' }] });
    const shorten = await apiframe.waitForTask('shorten');
    expect(shorten.body).toEqual({ prompt: 'a very beautiful red fox in the fresh snow' });
    await apiframe.finish(shorten.id);
    const prompts = promptsOf(apiframe.tasks.get(shorten.id)!);
    const result = await original(d, cmd, (m) => m.components.length > 0);
    expect(result.content).toContain('Important tokens: beautiful · red · fox · fresh · snow');
    prompts.forEach((p, i) => expect(result.content).toContain(`${i + 1}\uFE0F\u20E3 ${p}`));
    expect(labels(result)).toEqual([['1', '2', '3', '4', '5']]);

    await d.pressButton({ message: result, customId: customId(result, '4') });
    expect((await apiframe.waitForTask('imagine')).body).toEqual({ prompt: prompts[3] });
  }, 30_000);
});

describe('Telegram: /describe and /shorten', () => {
  const button = (m: SentMessage, label: string) => m.reply_markup!.inline_keyboard.flat().find((b) => b.text === label)!.callback_data!;
  const labels = (m: SentMessage) => (m.reply_markup?.inline_keyboard ?? []).map((row) => row.map((b) => b.text));
  const text = (m: SentMessage) => m.plain_text ?? m.text ?? '';

  /** Nothing the bot sent Apiframe holds a Telegram file URL: it carries the bot token. */
  function expectNoTokenSent(tg: FakeTelegram, apiframe: FakeApiframe): void {
    const sent = JSON.stringify(apiframe.requests.map((r) => ({ path: r.path, body: r.body })));
    expect(sent).not.toContain(tg.token);
    expect(sent).not.toContain(tg.token.split(':')[1]!);
    expect(sent).not.toContain('/file/bot');
  }

  /** The progress message of a command becomes its prompts, with their buttons (an edit, not a new message). */
  async function promptsMessage(tg: FakeTelegram, chat: TgChat, command: { message: { message_id: number } }): Promise<SentMessage> {
    const progress = await tg.waitForMessage(chat.id, (m) => m.reply_to_message_id === command.message.message_id);
    return tg.waitForMessage(chat.id, (m) => m.message_id === progress.message_id && (m.reply_markup?.inline_keyboard.length ?? 0) > 0, 10_000);
  }

  it('a photo captioned /describe is uploaded first; 2 imagines the second prompt; 🎉 Imagine all imagines all four', async () => {
    h = await startHarness({ telegram: true });
    const { apiframe } = h;
    const tg = h.telegram!;
    const cmd = tg.userSendsPhoto({ chat: dm, from: ana, bytes: makePng(64, 48, [200, 40, 40]), caption: '/describe' });
    const describe = await apiframe.waitForTask('describe');
    expect(tg.calls.some((c) => c.method === 'getFile')).toBe(true);
    expect(String(describe.body.image_url)).toMatch(new RegExp(`^${apiframe.url}/cdn/uploads/[\\w-]+\\.png$`));
    expectNoTokenSent(tg, apiframe);

    await apiframe.finish(describe.id);
    const prompts = promptsOf(apiframe.tasks.get(describe.id)!);
    const result = await promptsMessage(tg, dm, cmd);
    prompts.forEach((p, i) => expect(text(result)).toContain(`${i + 1}\uFE0F\u20E3 ${p}`));
    expect(result.photo).toBeUndefined();
    expect(labels(result)).toEqual([['1', '2', '3', '4'], ['🎉 Imagine all']]);
    for (const b of result.reply_markup!.inline_keyboard.flat()) expect(Buffer.byteLength(b.callback_data!)).toBeLessThanOrEqual(64);

    tg.userPresses({ chat: dm, from: ana, message_id: result.message_id, data: button(result, '2') });
    const imagine = await apiframe.waitForTask('imagine');
    expect(imagine.body).toEqual({ prompt: prompts[1] });
    await apiframe.finish(imagine.id);
    const grid = await tg.waitForMessage(dm.id, (m) => m.reply_to_message_id === result.message_id && m.photo !== undefined, 10_000);
    expect(grid.caption).toContain(prompts[1]);

    tg.userPresses({ chat: dm, from: ana, message_id: result.message_id, data: button(result, '🎉 Imagine all') });
    const four = await Promise.all([2, 3, 4, 5].map((n) => apiframe.waitForTask('imagine', n, 10_000)));
    expect(four.map((t) => t.body.prompt)).toEqual(prompts);
    for (const task of four) await apiframe.finish(task.id);
    // Each imagine has a progress message of its own, which becomes its grid.
    const grids = await eventually(() => {
      const photos = tg.messagesIn(dm.id).filter((m) => m.reply_to_message_id === result.message_id && m.photo !== undefined && !m.deleted);
      return photos.length === 5 && photos;
    }, 30_000, 'five grids under the prompts');
    for (const p of prompts) expect(grids.filter((m) => m.caption?.includes(p))).not.toHaveLength(0);
    expect(imagines(apiframe)).toHaveLength(5);
    expect((await h.app.services.store.wallets.get('telegram:user:1001'))!.balance).toBe(1000 - 2 - 5 * 4);
  }, 60_000);

  it('/describe sent as a reply to a photo describes that photo', async () => {
    h = await startHarness({ telegram: true });
    const { apiframe } = h;
    const tg = h.telegram!;
    const photo = tg.userSendsPhoto({ chat: group, from: ana, bytes: makePng(32, 32) });
    tg.userSends({ chat: group, from: ana, text: '/describe@framebot_test_bot', reply_to_message_id: photo.message.message_id });
    const describe = await apiframe.waitForTask('describe');
    expect(String(describe.body.image_url)).toMatch(/\/cdn\/uploads\/[\w-]+\.png$/);
    expect(apiframe.callCount('/upload')).toBe(1);
    expectNoTokenSent(tg, apiframe);
  });

  it('/shorten shows the important tokens and the shorter prompts, and a button imagines one', async () => {
    h = await startHarness({ telegram: true });
    const { apiframe } = h;
    const tg = h.telegram!;
    const cmd = tg.userSends({ chat: dm, from: ana, text: '/shorten a very beautiful red fox in the fresh snow --ar 16:9' });
    const shorten = await apiframe.waitForTask('shorten');
    // Midjourney parameters stay in the prompt.
    expect(shorten.body).toEqual({ prompt: 'a very beautiful red fox in the fresh snow --ar 16:9' });
    await apiframe.finish(shorten.id);
    const prompts = promptsOf(apiframe.tasks.get(shorten.id)!);
    const result = await promptsMessage(tg, dm, cmd);
    expect(text(result)).toContain('Important tokens: beautiful · red · fox · fresh · snow · --ar · 16:9');
    prompts.forEach((p, i) => expect(text(result)).toContain(`${i + 1}\uFE0F\u20E3 ${p}`));
    expect(labels(result)).toEqual([['1', '2', '3', '4', '5']]);

    tg.userPresses({ chat: dm, from: ana, message_id: result.message_id, data: button(result, '1') });
    expect((await apiframe.waitForTask('imagine')).body).toEqual({ prompt: prompts[0] });
  });
});
