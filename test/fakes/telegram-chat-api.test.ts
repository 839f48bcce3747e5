// The chat API over the fake Telegram (what the demo's page uses), with grammY playing the bot:
// what a user does through the API reaches the bot as updates, and what the bot sends, edits and
// answers comes back as the user would see it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Bot, InputFile } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeTelegram, type TgChat, type TgUser } from './telegram.ts';
import { TelegramChatApi, type ChatMessageView } from './telegram-chat-api.ts';
import { makePng } from './png.ts';

const ana: TgUser = { id: 1001, is_bot: false, first_name: 'Ana', username: 'ana' };
const dm: TgChat = { id: 1001, type: 'private', first_name: 'Ana' };
const group: TgChat = { id: -100777, type: 'supergroup', title: 'Friends' };

let tg: FakeTelegram;
let api: TelegramChatApi;
let server: http.Server;
let base: string;
let bot: Bot;

beforeEach(async () => {
  tg = await FakeTelegram.start();
  api = new TelegramChatApi(tg, { user: ana, chats: [dm, group], samplePhotos: () => [makePng(600, 600, [1, 2, 3]), makePng(600, 600, [4, 5, 6])] });
  server = http.createServer((req, res) => {
    void api.handle(req, res).then((handled) => {
      if (!handled) res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  bot = new Bot(tg.token, { client: { apiRoot: tg.apiRoot } });
});

afterEach(async () => {
  api.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await tg.close();
});

const post = (path: string, body: unknown) =>
  fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function messages(chat: TgChat): Promise<ChatMessageView[]> {
  const res = await fetch(`${base}/api/chats/${chat.id}/messages`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { messages: ChatMessageView[] }).messages;
}

describe('the fake Telegram chat API', () => {
  it('lists the user and their chats, the private one under the bot’s name', async () => {
    const list = (await (await fetch(`${base}/api/chats`)).json()) as { me: { name: string }; bot: { username: string }; chats: Array<{ id: number; title: string; last: unknown }> };
    expect(list.me.name).toBe('Ana');
    expect(list.bot.username).toBe('framebot_test_bot');
    expect(list.chats.map((c) => [c.id, c.title, c.last])).toEqual([
      [dm.id, 'Framebot Test', null],
      [group.id, 'Friends', null],
    ]);
  });

  it('delivers typed text as an update with its command entity, and a reply as a reply', async () => {
    const sent = await post(`/api/chats/${group.id}/messages`, { text: '/imagine a red fox' });
    expect(sent.status).toBe(200);
    const { message_id } = (await sent.json()) as { message_id: number };
    const [update] = await bot.api.getUpdates({ timeout: 0 });
    expect(update?.message).toMatchObject({ message_id, text: '/imagine a red fox', chat: { id: group.id }, from: { id: ana.id }, entities: [{ type: 'bot_command', offset: 0, length: 8 }] });

    const question = await bot.api.sendMessage(group.id, 'Which prompt?', { reply_markup: { force_reply: true, input_field_placeholder: 'A prompt' } });
    const reply = await post(`/api/chats/${group.id}/messages`, { text: 'a blue fox', reply_to: question.message_id });
    expect(reply.status).toBe(200);
    const views = await messages(group);
    expect(views.find((m) => m.id === question.message_id)?.force_reply).toEqual({ placeholder: 'A prompt' });
    expect(views.at(-1)).toMatchObject({ text: 'a blue fox', reply_to: { id: question.message_id, from: 'Framebot Test', preview: 'Which prompt?' } });
  });

  it('shows the bot’s messages with their edits, entities, photos and buttons', async () => {
    await post(`/api/chats/${dm.id}/messages`, { text: 'hi' });
    const m = await bot.api.sendMessage(dm.id, '⏳ Working for Ana', { entities: [{ type: 'bold', offset: 2, length: 7 }] });
    let view = (await messages(dm)).at(-1)!;
    expect(view).toMatchObject({ from: { bot: true, name: 'Framebot Test' }, text: '⏳ Working for Ana', entities: [{ type: 'bold', offset: 2, length: 7 }], edited: false });

    await bot.api.editMessageText(dm.id, m.message_id, '50%');
    view = (await messages(dm)).at(-1)!;
    expect(view).toMatchObject({ id: m.message_id, text: '50%', edited: true });
    expect(view.entities).toBeUndefined();

    const png = makePng(64, 64, [200, 10, 10]);
    await bot.api.editMessageMedia(dm.id, m.message_id, { type: 'photo', media: new InputFile(png, 'grid.png'), caption: 'Done' }, {
      reply_markup: { inline_keyboard: [[{ text: 'U1', callback_data: 'act:1' }, { text: 'Docs', url: 'https://example.com/' }]] },
    });
    view = (await messages(dm)).at(-1)!;
    expect(view).toMatchObject({ id: m.message_id, caption: 'Done', photo: { width: 64, height: 64 }, buttons: [[{ text: 'U1', data: 'act:1' }, { text: 'Docs', url: 'https://example.com/' }]] });
    expect(view.text).toBeUndefined();
    const image = await fetch(`${base}${view.photo!.url}`);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await image.arrayBuffer()).equals(png)).toBe(true);

    // A file that is not an image is a download, never something the page's origin would render.
    const doc = await bot.api.sendDocument(dm.id, new InputFile(Buffer.from('<script>alert(1)</script>'), 'x.html'));
    const file = await fetch(`${base}${(await messages(dm)).find((v) => v.id === doc.message_id)!.document!.url}`);
    expect(file.headers.get('content-type')).toBe('application/octet-stream');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment/);

    await bot.api.deleteMessage(dm.id, doc.message_id);
    expect((await messages(dm)).some((v) => v.id === doc.message_id)).toBe(false);
  });

  it('presses a button the message shows and returns the bot’s answer; refuses one it does not show', async () => {
    await post(`/api/chats/${dm.id}/messages`, { text: 'hi' });
    const m = await bot.api.sendMessage(dm.id, 'Pick', { reply_markup: { inline_keyboard: [[{ text: 'U1', callback_data: 'act:abc' }]] } });
    await bot.api.getUpdates({ timeout: 0 });
    const pressed = post(`/api/chats/${dm.id}/press`, { message_id: m.message_id, data: 'act:abc' });
    // The bot reads the press and answers it, as a handler would.
    let query: { id: string; data?: string } | undefined;
    for (let i = 0; i < 50 && !query; i++) {
      const updates = await bot.api.getUpdates({ timeout: 1 });
      query = updates.find((u) => u.callback_query)?.callback_query;
    }
    expect(query?.data).toBe('act:abc');
    await bot.api.answerCallbackQuery(query!.id, { text: 'Upscaling image 1' });
    expect(await (await pressed).json()).toEqual({ answer: { text: 'Upscaling image 1', show_alert: false } });

    const forged = await post(`/api/chats/${dm.id}/press`, { message_id: m.message_id, data: 'act:other' });
    expect(forged.status).toBe(400);
  });

  it('sends several photos as one album with the caption on the first, and the samples likewise', async () => {
    const form = new FormData();
    form.append('caption', '/blend');
    for (const rgb of [[1, 1, 1], [2, 2, 2], [3, 3, 3]] as const) form.append('photo', new Blob([makePng(520, 520, rgb)], { type: 'image/png' }), 'p.png');
    const res = await fetch(`${base}/api/chats/${group.id}/photos`, { method: 'POST', body: form });
    expect(res.status).toBe(200);
    const { message_ids } = (await res.json()) as { message_ids: number[] };
    expect(message_ids).toHaveLength(3);
    const updates = (await bot.api.getUpdates({ timeout: 0 })).map((u) => u.message!);
    expect(updates.map((u) => u.message_id)).toEqual(message_ids);
    expect(new Set(updates.map((u) => u.media_group_id)).size).toBe(1);
    expect(updates[0]).toMatchObject({ caption: '/blend', caption_entities: [{ type: 'bot_command', offset: 0, length: 6 }] });
    expect(updates[1]!.caption).toBeUndefined();
    expect(updates[0]!.photo!.at(-1)).toMatchObject({ width: 520, height: 520 });

    const samples = await fetch(`${base}/api/chats/${dm.id}/sample-photos`, { method: 'POST' });
    expect(((await samples.json()) as { message_ids: number[] }).message_ids).toHaveLength(2);
    const views = await messages(dm);
    expect(views).toHaveLength(2);
    expect(views[0]!.album).toBeDefined();
    expect(views[0]!.album).toBe(views[1]!.album);
  });

  it('refuses what a Telegram app could not send, with a reason', async () => {
    const cases: Array<[Promise<Response>, number, RegExp]> = [
      [post(`/api/chats/${dm.id}/messages`, { text: '   ' }), 400, /type something/],
      [post(`/api/chats/${dm.id}/messages`, { text: 'x'.repeat(4097) }), 400, /4096/],
      [post(`/api/chats/424242/messages`, { text: 'hi' }), 404, /no such chat/],
      [post(`/api/chats/${dm.id}/messages`, { text: 'hi', reply_to: 999 }), 400, /reply to is gone/],
      [fetch(`${base}/api/chats/${dm.id}/messages`, { method: 'POST', body: 'not json' }), 400, /JSON/],
      [fetch(`${base}/api/chats/${dm.id}/photos`, { method: 'POST', body: (() => { const f = new FormData(); f.append('photo', new Blob(['hello']), 'a.txt'); return f; })() }), 400, /not an image/],
      [fetch(`${base}/api/chats/${dm.id}/photos`, { method: 'POST', body: new FormData() }), 400, /1 to 10 photos/],
      [fetch(`${base}/api/files/nope`), 404, /no such file/],
    ];
    for (const [response, status, message] of cases) {
      const res = await response;
      expect(res.status).toBe(status);
      expect(((await res.json()) as { error: string }).error).toMatch(message);
    }
    expect(tg.pendingUpdates).toBe(0);
  });

  it('streams an event when anything changes, so a page reloads only then', async () => {
    const controller = new AbortController();
    const res = await fetch(`${base}/api/events`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = res.body!.getReader();
    const read = async () => new TextDecoder().decode((await reader.read()).value);
    const first = await read();
    const start = Number(/"version":(\d+)/.exec(first)?.[1]);
    await post(`/api/chats/${dm.id}/messages`, { text: 'hello' });
    const next = await read();
    expect(Number(/"version":(\d+)/.exec(next)?.[1])).toBeGreaterThan(start);
    controller.abort();
  });
});
