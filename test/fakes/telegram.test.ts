// Self-test of the fake Telegram Bot API server, driven by the real grammY client.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Bot, GrammyError, InlineKeyboard, InputFile, InputMediaBuilder } from 'grammy';
import { run } from '@grammyjs/runner';
import { autoRetry } from '@grammyjs/auto-retry';
import { FakeTelegram } from './telegram.ts';
import type { TgChat, TgUser } from './telegram.ts';
import { parseMultipart } from './multipart.ts';
import { makePng } from './png.ts';

const alice: TgUser = { id: 1001, is_bot: false, first_name: 'Alice', username: 'alice' };
const bob: TgUser = { id: 1002, is_bot: false, first_name: 'Bob' };
const dm: TgChat = { id: 1001, type: 'private', first_name: 'Alice', username: 'alice' };
const group: TgChat = { id: -1001234567890, type: 'supergroup', title: 'Frame fans' };
const PNG = makePng(64, 48);

let fake: FakeTelegram;
let bots: Bot[] = [];
let errors: unknown[] = [];

function newBot(): Bot {
  const bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot } });
  bot.catch((e) => errors.push(e.error));
  bots.push(bot);
  return bot;
}

/** bot.start() and wait until polling has begun; `done` is the promise of start(). */
async function startPolling(bot: Bot, timeout?: number): Promise<{ done: Promise<void> }> {
  let ready!: () => void;
  const started = new Promise<void>((r) => (ready = r));
  const done = bot.start({ onStart: () => ready(), ...(timeout !== undefined ? { timeout } : {}) });
  await started;
  return { done }; // wrapped: an async function returning `done` would wait for it
}

async function expectGrammyError(p: Promise<unknown>, code: number, description: string | RegExp): Promise<GrammyError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(GrammyError);
  const g = err as GrammyError;
  expect(g.error_code).toBe(code);
  if (typeof description === 'string') expect(g.description).toBe(description);
  else expect(g.description).toMatch(description);
  return g;
}

beforeEach(async () => {
  fake = await FakeTelegram.start();
  bots = [];
  errors = [];
});

afterEach(async () => {
  for (const b of bots) if (b.isRunning()) await b.stop();
  await fake.close();
  expect(errors).toEqual([]);
});

describe('FakeTelegram with grammY long polling', () => {
  it('getMe, start and stop round trip', async () => {
    const bot = newBot();
    const { done } = await startPolling(bot);
    expect(bot.botInfo.username).toBe('framebot_test_bot');
    expect(bot.botInfo.id).toBe(123456);
    await bot.stop();
    await done;
    const methods = fake.calls.map((c) => c.method);
    expect(methods).toContain('getMe');
    expect(methods).toContain('deleteWebhook');
    const last = fake.calls.filter((c) => c.method === 'getUpdates').at(-1)!;
    expect(last.params).toMatchObject({ limit: 1 });
    expect(fake.calls.every((c) => c.response.ok)).toBe(true);
  });

  it('long poll holds until an update arrives, and times out empty', async () => {
    const bot = newBot();
    const seen: string[] = [];
    bot.on('message:text', (ctx) => {
      seen.push(ctx.message.text);
    });
    const { done } = await startPolling(bot, 1);
    await new Promise((r) => setTimeout(r, 1300)); // one empty 1 s poll passes
    fake.userSends({ chat: dm, from: alice, text: 'hello there' });
    await expect.poll(() => seen).toEqual(['hello there']);
    await bot.stop();
    await done;
    expect(fake.pendingUpdates).toBe(0); // confirmed by the final offset
  });

  it('routes /imagine@framebot_test_bot in a group to bot.command and replies', async () => {
    const bot = newBot();
    bot.command('imagine', (ctx) => ctx.reply(`imagining: ${ctx.match}`, { reply_parameters: { message_id: ctx.msg.message_id } }));
    bot.on('message:text', (ctx) => ctx.reply(`plain: ${ctx.message.text}`));
    const { done } = await startPolling(bot);
    const u = fake.userSends({ chat: group, from: alice, text: '/imagine@framebot_test_bot a red fox' });
    expect(u.message.entities).toEqual([{ type: 'bot_command', offset: 0, length: '/imagine@framebot_test_bot'.length }]);
    const m = await fake.waitForMessage(group.id, (x) => x.text?.startsWith('imagining') ?? false);
    expect(m.text).toBe('imagining: a red fox');
    expect(m.reply_to_message_id).toBe(u.message.message_id);
    fake.userSends({ chat: group, from: bob, text: '/imagine@some_other_bot nope' });
    await fake.waitForMessage(group.id, (x) => x.text?.startsWith('plain:') ?? false);
    expect(fake.messagesIn(group.id).map((x) => x.text)).toEqual(['imagining: a red fox', 'plain: /imagine@some_other_bot nope']);
    await bot.stop();
    await done;
  });

  it('sendMessage, editMessageText and the "not modified" error', async () => {
    const bot = newBot();
    fake.userSends({ chat: dm, from: alice, text: 'hi' });
    const kb = new InlineKeyboard().text('Upscale', 'up:1').url('Open', 'https://example.com/x');
    const sent = await bot.api.sendMessage(dm.id, 'Rendering…', { reply_markup: kb });
    expect(sent.chat.id).toBe(dm.id);
    expect(sent.from?.id).toBe(fake.bot.id);
    const edited = await bot.api.editMessageText(dm.id, sent.message_id, 'Done!', { reply_markup: kb });
    expect(edited).toMatchObject({ text: 'Done!' });
    const err = await expectGrammyError(
      bot.api.editMessageText(dm.id, sent.message_id, 'Done!', { reply_markup: kb }),
      400,
      'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
    );
    expect(err.method).toBe('editMessageText');
    // Same text without the markup removes the keyboard, which is a modification.
    await bot.api.editMessageText(dm.id, sent.message_id, 'Done!');
    const stored = fake.messagesIn(dm.id)[0]!;
    expect(stored).toMatchObject({ text: 'Done!', edits: 2, deleted: false });
    expect(stored.reply_markup).toBeUndefined();
    await expectGrammyError(bot.api.editMessageText(dm.id, 999, 'x'), 400, 'Bad Request: message to edit not found');
    await bot.api.deleteMessage(dm.id, sent.message_id);
    expect(stored.deleted).toBe(true);
    await expectGrammyError(bot.api.editMessageText(dm.id, sent.message_id, 'y'), 400, 'Bad Request: message to edit not found');
  });

  it('enforces text, markup, parse_mode and chat rules', async () => {
    const bot = newBot();
    fake.userSends({ chat: dm, from: alice, text: 'hi' });
    await expectGrammyError(bot.api.sendMessage(424242, 'x'), 400, 'Bad Request: chat not found');
    await expectGrammyError(bot.api.sendMessage(dm.id, ''), 400, 'Bad Request: message text is empty');
    await expectGrammyError(bot.api.sendMessage(dm.id, 'x'.repeat(4097)), 400, 'Bad Request: message is too long');
    await bot.api.sendMessage(dm.id, 'x'.repeat(4096));
    await expectGrammyError(
      bot.api.sendMessage(dm.id, 'x', { reply_markup: new InlineKeyboard().text('big', 'd'.repeat(65)) }),
      400, 'Bad Request: BUTTON_DATA_INVALID');
    const wide = new InlineKeyboard();
    for (let i = 0; i < 9; i++) wide.text(`b${i}`, `d${i}`);
    await expectGrammyError(bot.api.sendMessage(dm.id, 'x', { reply_markup: wide }), 400, 'Bad Request: reply markup is too long');
    await expectGrammyError(bot.api.sendMessage(dm.id, 'a<br>b', { parse_mode: 'HTML' }), 400, /^Bad Request: can't parse entities: Unsupported start tag "br"/);
    await expectGrammyError(bot.api.sendMessage(dm.id, 'Cost: 5.', { parse_mode: 'MarkdownV2' }), 400, /Character '\.' is reserved/);
    const ok = await bot.api.sendMessage(dm.id, '<b>Credits</b> &amp; more', { parse_mode: 'HTML' });
    expect(ok.text).toBe('Credits & more');
    expect(fake.sent.at(-1)).toMatchObject({ text: '<b>Credits</b> &amp; more', plain_text: 'Credits & more', parse_mode: 'HTML' });
    await expectGrammyError(
      bot.api.sendPhoto(dm.id, new InputFile(PNG), { caption: 'c'.repeat(1025) }),
      400, 'Bad Request: message caption is too long');
    const photo = await bot.api.sendPhoto(dm.id, new InputFile(PNG));
    await expectGrammyError(bot.api.editMessageText(dm.id, photo.message_id, 'x'), 400, 'Bad Request: there is no text in the message to edit');
    await bot.api.sendChatAction(dm.id, 'upload_photo');
    await expectGrammyError(bot.api.sendPhoto(dm.id, new InputFile(Buffer.alloc(11 * 1024 * 1024))), 400, 'Bad Request: PHOTO_SAVE_FILE_INVALID');

    await bot.api.setMyCommands([{ command: 'imagine', description: 'Generate an image' }]);
    expect(await bot.api.getMyCommands()).toEqual([{ command: 'imagine', description: 'Generate an image' }]);
    await expectGrammyError(bot.api.setMyCommands([{ command: 'Bad-Name', description: 'x' }]), 400, 'Bad Request: BOT_COMMAND_INVALID');
    // A list per scope; Telegram shows the most specific one that applies.
    await bot.api.setMyCommands([{ command: 'imagine', description: 'Members' }], { scope: { type: 'all_group_chats' } });
    await bot.api.setMyCommands([{ command: 'admin', description: 'Admins' }], { scope: { type: 'all_chat_administrators' } });
    await bot.api.setMyCommands([{ command: 'mine', description: 'Alice in private' }], { scope: { type: 'chat', chat_id: dm.id } });
    expect(await bot.api.getMyCommands({ scope: { type: 'all_chat_administrators' } })).toEqual([{ command: 'admin', description: 'Admins' }]);
    await expectGrammyError(bot.api.setMyCommands([], { scope: { type: 'chat', chat_id: 424242 } }), 400, 'Bad Request: chat not found');
    await expectGrammyError(bot.api.setMyCommands([], { scope: { type: 'chat_administrators', chat_id: dm.id } }), 400, 'Bad Request: there are no administrators in the private chat');
    fake.userSends({ chat: group, from: bob, text: 'hi' });
    fake.setChatAdmins(group.id, [alice.id]);
    expect(fake.commandMenuFor(group, bob).map((c) => c.command)).toEqual(['imagine']);
    expect(fake.commandMenuFor(group, alice).map((c) => c.command)).toEqual(['admin']);
    expect(fake.commandMenuFor(dm, alice).map((c) => c.command)).toEqual(['mine']);
    // Nothing for private chats but the default list.
    expect(fake.commandMenuFor({ id: 2002, type: 'private', first_name: 'Carol' }, bob)).toEqual([{ command: 'imagine', description: 'Generate an image' }]);

    fake.blockBot(dm.id);
    await expectGrammyError(bot.api.sendMessage(dm.id, 'still there?'), 403, 'Forbidden: bot was blocked by the user');
    fake.blockBot(dm.id, false);
    fake.knowChat({ id: 2002, type: 'private', first_name: 'Carol' });
    await bot.api.sendMessage(2002, 'hello Carol');
  });

  it('getChatMember and getChatAdministrators follow setChatAdmins', async () => {
    const bot = newBot();
    fake.userSends({ chat: group, from: alice, text: 'hi' });
    fake.userSends({ chat: group, from: bob, text: 'hey' });
    fake.setChatAdmins(group.id, [alice.id], { creator: 5555 });
    expect((await bot.api.getChatMember(group.id, alice.id)).status).toBe('administrator');
    expect((await bot.api.getChatMember(group.id, bob.id)).status).toBe('member');
    expect((await bot.api.getChatMember(group.id, 5555)).status).toBe('creator');
    const admins = await bot.api.getChatAdministrators(group.id);
    expect(admins.map((a) => a.user.id).sort()).toEqual([alice.id, 5555].sort());
    const chat = await bot.api.getChat(group.id);
    expect(chat).toMatchObject({ id: group.id, type: 'supergroup', title: 'Frame fans' });
  });
});

describe('FakeTelegram media', () => {
  let media: http.Server;
  let base: string;
  const big = makePng(32, 32, [1, 2, 3], { padTo: 6 * 1024 * 1024 });

  beforeEach(async () => {
    media = http.createServer((req, res) => {
      if (req.url === '/img.png') {
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': PNG.length });
        res.end(PNG);
      } else if (req.url === '/big.png') {
        res.writeHead(200, { 'content-type': 'image/png' });
        res.end(big);
      } else if (req.url === '/page.html') {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html>not an image</html>');
      } else if (req.url === '/report.pdf') {
        res.writeHead(200, { 'content-type': 'application/pdf' });
        res.end('%PDF-1.4 fake');
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((r) => media.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(media.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    media.closeAllConnections();
    await new Promise((r) => media.close(r));
  });

  it('sendPhoto by URL, by upload, by stream and by file_id', async () => {
    const bot = newBot();
    fake.userSends({ chat: dm, from: alice, text: 'hi' });
    const byUrl = await bot.api.sendPhoto(dm.id, `${base}/img.png`, { caption: 'from url' });
    expect(byUrl.photo).toHaveLength(2);
    expect(byUrl.photo.at(-1)).toMatchObject({ width: 64, height: 48, file_size: PNG.length });
    expect(fake.sent.at(-1)).toMatchObject({ caption: 'from url', photo: { source: 'url', url: `${base}/img.png`, bytes: PNG.length } });

    const upload = await bot.api.sendPhoto(dm.id, new InputFile(PNG, 'frame.png'));
    expect(fake.sent.at(-1)!.photo).toMatchObject({ source: 'upload', bytes: PNG.length, file_id: upload.photo.at(-1)!.file_id });

    const stream = await bot.api.sendPhoto(dm.id, new InputFile(Readable.from([PNG.subarray(0, 10), PNG.subarray(10)])), {
      reply_markup: new InlineKeyboard().text('U1', 'u1').text('U2', 'u2'),
    });
    expect(fake.sent.at(-1)!.photo).toMatchObject({ source: 'upload', bytes: PNG.length });
    expect(fake.sent.at(-1)!.reply_markup?.inline_keyboard[0]?.map((b) => b.callback_data)).toEqual(['u1', 'u2']);

    const again = await bot.api.sendPhoto(dm.id, stream.photo.at(-1)!.file_id);
    expect(again.photo.at(-1)!.file_id).toBe(stream.photo.at(-1)!.file_id);
    expect(fake.sent.at(-1)!.photo).toMatchObject({ source: 'file_id', bytes: PNG.length });

    const bigUpload = await bot.api.sendPhoto(dm.id, new InputFile(big));
    expect(bigUpload.photo.at(-1)!.file_size).toBe(big.length);

    const cap = await bot.api.editMessageCaption(dm.id, byUrl.message_id, { caption: 'new caption' });
    expect(cap).toMatchObject({ caption: 'new caption' });
    await bot.api.editMessageMedia(dm.id, byUrl.message_id, InputMediaBuilder.photo(new InputFile(makePng(8, 8)), { caption: 'swapped' }));
    expect(fake.messagesIn(dm.id)[0]).toMatchObject({ caption: 'swapped', edits: 2, photo: { source: 'upload' } });
  });

  it('rejects bad photo URLs and identifiers like Telegram', async () => {
    const bot = newBot();
    fake.userSends({ chat: dm, from: alice, text: 'hi' });
    await expectGrammyError(bot.api.sendPhoto(dm.id, `${base}/missing.png`), 400, 'Bad Request: failed to get HTTP URL content');
    await expectGrammyError(bot.api.sendPhoto(dm.id, `${base}/page.html`), 400, 'Bad Request: failed to get HTTP URL content');
    await expectGrammyError(bot.api.sendPhoto(dm.id, `${base}/big.png`), 400, 'Bad Request: failed to get HTTP URL content');
    await expectGrammyError(bot.api.sendPhoto(dm.id, 'http://127.0.0.1:1/nothing.png'), 400, 'Bad Request: failed to get HTTP URL content');
    await expectGrammyError(bot.api.sendPhoto(dm.id, 'not-a-file-id'), 400, 'Bad Request: wrong file identifier/HTTP URL specified');
    await expectGrammyError(bot.api.sendPhoto(dm.id, new InputFile(Buffer.from('definitely not a png'))), 400, 'Bad Request: IMAGE_PROCESS_FAILED');
    expect(fake.sent).toHaveLength(0);
  });

  it('sendDocument by URL and upload, and sendMediaGroup of 3 photos', async () => {
    const bot = newBot();
    fake.userSends({ chat: group, from: alice, text: 'hi' });
    const doc = await bot.api.sendDocument(group.id, `${base}/report.pdf`);
    expect(doc.document).toMatchObject({ file_name: 'report.pdf', mime_type: 'application/pdf' });
    await bot.api.sendDocument(group.id, new InputFile(PNG, 'full-res.png'), { caption: 'Full resolution' });
    expect(fake.sent.at(-1)).toMatchObject({ caption: 'Full resolution', document: { source: 'upload', file_name: 'full-res.png', bytes: PNG.length } });

    const album = await bot.api.sendMediaGroup(group.id, [
      InputMediaBuilder.photo(new InputFile(PNG), { caption: 'grid' }),
      InputMediaBuilder.photo(`${base}/img.png`),
      InputMediaBuilder.photo(new InputFile(Readable.from([PNG]))),
    ]);
    expect(album).toHaveLength(3);
    const groupIds = album.map((m) => (m as { media_group_id?: string }).media_group_id);
    const gid = groupIds[0];
    expect(gid).toBeTruthy();
    expect(groupIds).toEqual([gid, gid, gid]);
    const stored = fake.messagesIn(group.id).filter((m) => m.media_group_id === gid);
    expect(stored.map((m) => m.photo?.source)).toEqual(['upload', 'url', 'upload']);
    expect(stored[0]!.caption).toBe('grid');
  });

  it('user photos in a media group arrive as 3 updates with one media_group_id', async () => {
    const bot = newBot();
    const got: Array<{ group?: string; sizes: number; caption?: string; entities?: unknown }> = [];
    bot.on('message:photo', (ctx) => {
      got.push({ group: ctx.message.media_group_id, sizes: ctx.message.photo.length, caption: ctx.message.caption, entities: ctx.message.caption_entities });
    });
    const { done } = await startPolling(bot);
    for (let i = 0; i < 3; i++) {
      fake.userSendsPhoto({ chat: group, from: alice, bytes: makePng(10 + i, 10), media_group_id: 'album-1', ...(i === 0 ? { caption: '/imagine make it blue' } : {}) });
    }
    await expect.poll(() => got.length).toBe(3);
    expect(got.map((g) => g.group)).toEqual(['album-1', 'album-1', 'album-1']);
    expect(got.every((g) => g.sizes === 2)).toBe(true);
    expect(got[0]!.entities).toEqual([{ type: 'bot_command', offset: 0, length: 8 }]);
    await bot.stop();
    await done;
  });

  it('getFile and download through /file/bot<token>/<path>', async () => {
    const bot = newBot();
    const pdf = Buffer.from('%PDF-1.4\nhello\n');
    const downloaded: Buffer[] = [];
    bot.on('message:document', async (ctx) => {
      const file = await ctx.getFile();
      expect(file.file_size).toBe(pdf.length);
      const res = await fetch(`${fake.apiRoot}/file/bot${fake.token}/${file.file_path}`);
      expect(res.status).toBe(200);
      downloaded.push(Buffer.from(await res.arrayBuffer()));
      await ctx.reply('got it');
    });
    const { done } = await startPolling(bot);
    const u = fake.userSendsDocument({ chat: dm, from: alice, bytes: pdf, file_name: 'brief.pdf', mime_type: 'application/pdf' });
    expect(u.message.document).toMatchObject({ file_name: 'brief.pdf', mime_type: 'application/pdf', file_size: pdf.length });
    await fake.waitForMessage(dm.id, (m) => m.text === 'got it');
    expect(downloaded[0]!.equals(pdf)).toBe(true);
    await bot.stop();
    await done;
    const missing = await fetch(`${fake.apiRoot}/file/bot${fake.token}/documents/nope.pdf`);
    expect(missing.status).toBe(404);
    await missing.arrayBuffer();
  });
});

describe('FakeTelegram callbacks, faults and the runner', () => {
  it('callback press reaches bot.callbackQuery and the answer is recorded', async () => {
    const bot = newBot();
    bot.command('start', (ctx) => ctx.reply('pick', { reply_markup: new InlineKeyboard().text('V1', 'var:1') }));
    bot.callbackQuery(/^var:(\d)$/, async (ctx) => {
      await ctx.answerCallbackQuery({ text: `variation ${ctx.match[1]}` });
      await ctx.editMessageText('variation queued');
    });
    const { done } = await startPolling(bot);
    fake.userSends({ chat: dm, from: alice, text: '/start' });
    const menu = await fake.waitForMessage(dm.id, (m) => m.text === 'pick');
    const press = fake.userPresses({ chat: dm, from: alice, message_id: menu.message_id, data: 'var:1' });
    await fake.waitForMessage(dm.id, (m) => m.text === 'variation queued');
    const answer = fake.callbackAnswer(press.id);
    expect(answer?.response.ok).toBe(true);
    expect(answer?.params.text).toBe('variation 1');
    await expectGrammyError(bot.api.answerCallbackQuery(press.id), 400, 'Bad Request: query is too old and response timeout expired or query ID is invalid');
    await bot.stop();
    await done;

    // A press answered after 15 s is rejected.
    const late = fake.userPresses({ chat: dm, from: alice, message_id: menu.message_id, data: 'var:1' });
    fake.advanceTime(16_000);
    await expectGrammyError(bot.api.answerCallbackQuery(late.id), 400, /query is too old/);
    await expectGrammyError(bot.api.answerCallbackQuery('12345'), 400, /query ID is invalid/);
  });

  it('429 with retry_after is retried by @grammyjs/auto-retry', async () => {
    const bot = newBot();
    bot.api.config.use(autoRetry());
    fake.userSends({ chat: dm, from: alice, text: 'hi' });
    fake.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 1', retry_after: 1 });
    const t0 = Date.now();
    const m = await bot.api.sendMessage(dm.id, 'after the flood');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    expect(m.text).toBe('after the flood');
    const sends = fake.calls.filter((c) => c.method === 'sendMessage');
    expect(sends.map((c) => c.response.error_code ?? 200)).toEqual([429, 200]);
  });

  it('the per-chat rate limit answers 429 with retry_after', async () => {
    const bot = newBot();
    fake.userSends({ chat: dm, from: alice, text: 'hi' });
    fake.setRateLimit({ perChatPerSecond: 2 });
    await bot.api.sendMessage(dm.id, '1');
    await bot.api.sendMessage(dm.id, '2');
    const err = await expectGrammyError(bot.api.sendMessage(dm.id, '3'), 429, 'Too Many Requests: retry after 1');
    expect(err.parameters.retry_after).toBe(1);
    fake.advanceTime(1000);
    await bot.api.sendMessage(dm.id, '4');
    fake.setRateLimit(null);
  });

  it('runner run(bot) handles updates and handle.stop() ends cleanly', async () => {
    const bot = newBot();
    bot.on('message:text', (ctx) => ctx.reply(`echo ${ctx.message.text}`));
    const handle = run(bot);
    fake.userSends({ chat: dm, from: alice, text: 'one' });
    fake.userSends({ chat: group, from: bob, text: 'two' });
    await fake.waitForMessage(dm.id, (m) => m.text === 'echo one');
    await fake.waitForMessage(group.id, (m) => m.text === 'echo two');
    await fake.waitForCall('getUpdates', (c) => c.params.timeout === 30 && !c.response.description);
    await handle.stop();
    expect(handle.isRunning()).toBe(false);
  });
});

describe('FakeTelegram protocol details', () => {
  it('answers 401 for a wrong token, 404 for unknown methods, and 409 for a concurrent poll', async () => {
    const wrong = await fetch(`${fake.apiRoot}/bot999:nope/getMe`);
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ ok: false, error_code: 401, description: 'Unauthorized' });
    const unknown = await fetch(`${fake.apiRoot}/bot${fake.token}/sendTelepathy`, { method: 'POST' });
    expect(await unknown.json()).toEqual({ ok: false, error_code: 404, description: 'Not Found' });

    const first = fetch(`${fake.apiRoot}/bot${fake.token}/getUpdates?timeout=5`).then((r) => r.json());
    await new Promise((r) => setTimeout(r, 50));
    const second = fetch(`${fake.apiRoot}/bot${fake.token}/getUpdates`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ timeout: 5 }),
    }).then((r) => r.json());
    expect(await first).toMatchObject({ ok: false, error_code: 409 });
    fake.userSends({ chat: dm, from: alice, text: 'wake up' });
    const got = (await second) as { ok: boolean; result: Array<{ message: { text: string } }> };
    expect(got.result.map((u) => u.message.text)).toEqual(['wake up']);
  });

  it('waitForCall rejects with the recent calls listed', async () => {
    const bot = newBot();
    await bot.api.getMe();
    await expect(fake.waitForCall('sendMessage', undefined, 100)).rejects.toThrow(/waitForCall\('sendMessage'\) timed out[\s\S]*getMe/);
  });

  it('parseMultipart reads grammY-style parts', () => {
    const body = Buffer.concat([
      Buffer.from('--XyZ\r\ncontent-disposition:form-data;name="chat_id"\r\n\r\n42\r\n--XyZ\r\n'),
      Buffer.from('content-disposition:form-data;name="abc";filename=photo.jpg\r\ncontent-type:application/octet-stream\r\n\r\n'),
      PNG,
      Buffer.from('\r\n--XyZ--\r\n'),
    ]);
    const parts = parseMultipart(body, 'multipart/form-data; boundary=XyZ');
    expect(parts.map((p) => [p.name, p.filename, p.contentType])).toEqual([
      ['chat_id', undefined, undefined],
      ['abc', 'photo.jpg', 'application/octet-stream'],
    ]);
    expect(parts[0]!.data.toString()).toBe('42');
    expect(parts[1]!.data.equals(PNG)).toBe(true);
  });
});

