// What Telegram users see when something is wrong: their input, a button, the image service, or
// Telegram itself refusing an image URL.
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness, type HarnessOptions } from './harness.ts';
import type { FakeTelegram, SentMessage, TgChat, TgUser } from '../fakes/telegram.ts';
import { makePng } from '../fakes/png.ts';
import { ASPECT_RATIOS, PROMPT_MAX_LENGTH } from '../../commands/imagine.ts';

const alice: TgUser = { id: 1001, is_bot: false, first_name: 'Alice', username: 'alice' };
const mallory: TgUser = { id: 1666, is_bot: false, first_name: 'Mallory' };
const group: TgChat = { id: -1001234567890, type: 'supergroup', title: 'Frame fans' };
const other: TgChat = { id: -1009876543210, type: 'supergroup', title: 'Elsewhere' };
const dm: TgChat = { id: 1001, type: 'private', first_name: 'Alice', username: 'alice' };

let h: Harness;
let tg: FakeTelegram;

afterEach(async () => {
  await h?.close();
});

async function start(opts: HarnessOptions = {}): Promise<void> {
  h = await startHarness({ telegram: true, ...opts, env: { FREE_CREDITS: '1000', ...opts.env } });
  tg = h.telegram!;
}

/** Sends a command and returns the bot's reply to it once its text matches `pattern` (it may be edited into place). */
async function reply(chat: TgChat, text: string, pattern: RegExp, from: TgUser = alice): Promise<SentMessage> {
  const cmd = tg.userSends({ chat, from, text });
  return tg.waitForMessage(chat.id, (m) => m.reply_to_message_id === cmd.message.message_id && pattern.test(m.text ?? ''));
}

async function pressData(chat: TgChat, from: TgUser, messageId: number, data: string) {
  const q = tg.userPresses({ chat, from, message_id: messageId, data });
  return tg.waitForCall('answerCallbackQuery', (c) => String(c.params.callback_query_id) === q.id);
}

/** Runs an /imagine to its finished grid. */
async function grid(chat: TgChat, prompt = 'a red fox'): Promise<SentMessage> {
  const n = [...h.apiframe.tasks.values()].filter((t) => t.endpoint === 'imagine').length + 1;
  const cmd = tg.userSends({ chat, from: alice, text: `/imagine ${prompt}` });
  const task = await h.apiframe.waitForTask('imagine', n);
  await h.apiframe.finish(task.id);
  return tg.waitForMessage(chat.id, (m) => m.photo !== undefined && m.reply_to_message_id === cmd.message.message_id);
}

describe('Telegram: input the user can fix', () => {
  it('an empty prompt, a prompt over the limit and a wrong --ar are explained; nothing is submitted', async () => {
    await start();
    const empty = await reply(group, '/imagine', /Tell me what to imagine/);
    expect(empty.parse_mode).toBeUndefined();
    await reply(group, '/imagine   --ar 16:9', /Tell me what to imagine/);
    await reply(group, `/imagine ${'x'.repeat(PROMPT_MAX_LENGTH + 1)}`, new RegExp(`too long.*${PROMPT_MAX_LENGTH.toLocaleString('en')}`));
    const ar = await reply(group, '/imagine a cat --ar 7:3', /Aspect ratio must be one of/);
    for (const r of ASPECT_RATIOS) expect(ar.text).toContain(r);
    expect(h.apiframe.callCount('/imagine')).toBe(0);
  });

  it('an aspect ratio given twice is refused, whichever way it was typed; --aspect is checked like --ar', async () => {
    await start();
    const twice = await reply(group, '/imagine a cat --ar 1:1 in snow --ar 16:9', /twice/);
    expect(twice.text).toBe('--ar is given twice (1:1 and 16:9): give it once.');
    const mixed = await reply(group, '/imagine a cat —ar 16:9 --aspect 3:2', /twice/);
    expect(mixed.text).toBe('The aspect ratio is given twice (16:9 and 3:2): give it once.');
    await reply(group, '/imagine a cat --aspect 7:3', /^Aspect ratio must be one of 1:1, 16:9/);
    await reply(group, '/photos generate a cat --count 2 --count 3', /^--count is given twice \(2 and 3\): give it once\.$/);
    expect(h.apiframe.callCount('/imagine')).toBe(0);

    const ok = tg.userSends({ chat: group, from: alice, text: '/imagine a cat --aspect 3:2 in snow' });
    await tg.waitForMessage(group.id, (m) => m.reply_to_message_id === ok.message.message_id);
    expect((await h.apiframe.waitForTask('imagine')).body).toMatchObject({ prompt: 'a cat in snow', aspect_ratio: '3:2' });
  });

  it('a document that is not an image is refused by name', async () => {
    await start();
    const doc = tg.userSendsDocument({ chat: dm, from: alice, bytes: Buffer.from('just some notes'), file_name: 'notes.txt', mime_type: 'text/plain', caption: '/imagine cat' });
    const refusal = await tg.waitForMessage(dm.id, (m) => m.reply_to_message_id === doc.message.message_id);
    expect(refusal.text).toMatch(/“notes\.txt” is not an image/);
    expect(h.apiframe.callCount('/upload')).toBe(0);
    expect(h.apiframe.callCount('/imagine')).toBe(0);
  });

  it('markup in a prompt is shown as typed, never parsed', async () => {
    await start();
    const cmd = tg.userSends({ chat: dm, from: alice, text: '/imagine <b>bold</b> *fox* [x](http://e.vil)' });
    const progress = await tg.waitForMessage(dm.id, (m) => m.reply_to_message_id === cmd.message.message_id);
    expect(progress.parse_mode).toBeUndefined();
    expect(progress.text).toContain('<b>bold</b> *fox* [x](http://e.vil)');
  });
});

describe('Telegram: buttons are untrusted', () => {
  it('a forged button and a button from another chat are refused privately; nothing is submitted', async () => {
    await start();
    const result = await grid(group);
    const u1 = result.reply_markup!.inline_keyboard[0]![0]!.callback_data!;

    // A bot message in the other chat to press on.
    const help = await reply(other, '/help', /Midjourney/, mallory);
    const stolen = await pressData(other, mallory, help.message_id, u1);
    expect(stolen.params).toMatchObject({ show_alert: true });
    expect(String(stolen.params.text)).toMatch(/doesn't work here/);

    const forged = await pressData(group, mallory, result.message_id, 'act:zzzzzzzz');
    expect(forged.params).toMatchObject({ show_alert: true });
    expect(String(forged.params.text)).toMatch(/doesn't work here/);

    const junk = await pressData(group, mallory, result.message_id, 'hello');
    expect(String(junk.params.text)).toMatch(/not one of mine/);

    expect(h.apiframe.callCount('/upscale-1x')).toBe(0);
    expect(tg.messagesIn(other.id)).toHaveLength(1);
    expect(tg.calls.filter((c) => c.method === 'answerCallbackQuery').every((c) => c.response.ok)).toBe(true);
  });
});

describe('Telegram: the image service says no', () => {
  it('a 400 shows the service’s own words', async () => {
    await start();
    h.apiframe.failNext('/imagine', { status: 400, body: { errors: [{ msg: 'Banned prompt' }] } });
    const shown = await reply(group, '/imagine something forbidden', /Banned prompt/);
    expect(shown.deleted).toBe(false);
  });

  it('a 401 tells the user to tell the operator; the log has details but no secrets', async () => {
    await start();
    h.apiframe.failNext('/imagine', { status: 401, body: { message: 'Unauthorized' } });
    const shown = await reply(group, '/imagine a cat', /key is not valid/);
    expect(shown.text).toMatch(/tell the bot operator/);
    const ref = /reference ([0-9A-F]{8})/.exec(shown.text ?? '')?.[1];
    expect(ref).toBeDefined();
    const logs = h.logs.join('');
    expect(logs).toContain(ref!);
    expect(logs).toContain('APIFRAME_API_KEY');
    expect(logs).not.toContain(h.apiframe.apiKey);
    expect(logs).not.toContain(tg.token);
    expect(logs).not.toContain(tg.token.split(':')[1]!);
  });

  it('a 500 is not retried for a submit, and the user gets an apology with a reference', async () => {
    await start();
    h.apiframe.failNext('/imagine', { status: 500, body: { message: 'boom' } });
    const shown = await reply(group, '/imagine a cat', /Sorry, something went wrong.*reference: [0-9A-F]{8}/s);
    expect(shown.text).not.toContain('boom');
    expect(h.apiframe.callCount('/imagine')).toBe(1);
  });

  it('a timeout gets the same apology', async () => {
    await start();
    // The client waits 30 s by default; a test has no time for that.
    (h.app.services.providers.get('apiframe') as unknown as { timeoutMs: number }).timeoutMs = 300;
    h.apiframe.failNext('/imagine', 'timeout');
    await reply(group, '/imagine a cat', /Sorry, something went wrong.*reference: [0-9A-F]{8}/s);
    expect(h.apiframe.callCount('/imagine')).toBe(1);
  });
});

describe('Telegram: images', () => {
  it('a result URL Telegram cannot fetch is streamed up as an upload', async () => {
    await start();
    tg.failNext('editMessageMedia', { error_code: 400, description: 'Bad Request: failed to get HTTP URL content' });
    const result = await grid(dm);
    expect(result.photo?.source).toBe('upload');
    expect(result.reply_markup?.inline_keyboard.flat()).toHaveLength(9);
    expect(result.caption).toContain('a red fox');
    expect(h.logs.join('')).toContain('uploading the image instead');
  });

  it('an upload that meets a 429 is streamed again on the retry', async () => {
    await start();
    tg.failNext('editMessageMedia', { error_code: 400, description: 'Bad Request: failed to get HTTP URL content' });
    tg.failNext('editMessageMedia', { error_code: 429, description: 'Too Many Requests: retry after 1', retry_after: 1 });
    const result = await grid(dm);
    expect(result.photo?.source).toBe('upload');
    expect(tg.calls.filter((c) => c.method === 'editMessageMedia').map((c) => c.response.error_code ?? 200)).toEqual([400, 429, 200]);
    // The injected 400 came before the fake fetched the URL: both fetches are the bot's own streams.
    expect(h.apiframe.requests.filter((r) => r.path.endsWith('/grid.png'))).toHaveLength(2);
  });

  it('a 429 from Telegram is waited out and the result still arrives', async () => {
    await start();
    tg.failNext('editMessageMedia', { error_code: 429, description: 'Too Many Requests: retry after 1', retry_after: 1 });
    const result = await grid(group);
    const tries = tg.calls.filter((c) => c.method === 'editMessageMedia');
    expect(tries.map((c) => c.response.error_code ?? 200)).toEqual([429, 200]);
    expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(900);
    expect(result.photo?.source).toBe('url');
  });

  it('a result too big for a photo arrives as a document', async () => {
    await start({ apiframe: { imageBytes: 11 * 1024 * 1024 } });
    const cmd = tg.userSends({ chat: dm, from: alice, text: '/imagine a huge fox' });
    const task = await h.apiframe.waitForTask('imagine');
    await h.apiframe.finish(task.id);
    const result = await tg.waitForMessage(dm.id, (m) => m.document !== undefined && m.reply_to_message_id === cmd.message.message_id, 15_000);
    expect(result.document?.source).toBe('upload');
    expect(result.document?.bytes).toBeGreaterThan(10 * 1024 * 1024);
    expect(result.reply_markup?.inline_keyboard.flat()).toHaveLength(9);
  });

  it('a photo captioned /imagine becomes an image prompt through Apiframe /upload', async () => {
    await start();
    const png = makePng(64, 48, [200, 40, 40]);
    tg.userSendsPhoto({ chat: group, from: alice, bytes: png, caption: '/imagine@framebot_test_bot a cat --ar 3:2' });
    const task = await h.apiframe.waitForTask('imagine');
    const upload = h.apiframe.requests.find((r) => r.path === '/upload');
    expect(upload).toBeDefined();
    expect(task.body.prompt).toMatch(new RegExp(`^${h.apiframe.url}/cdn/uploads/[\\w-]+\\.png a cat$`));
    expect(task.body.aspect_ratio).toBe('3:2');
    // The file came through getFile and the token-bearing URL, which never reached Apiframe.
    expect(tg.calls.some((c) => c.method === 'getFile')).toBe(true);
    expect(JSON.stringify(h.apiframe.requests.map((r) => r.body))).not.toContain(tg.token);
  });

  it('/imagine in reply to a photo uses that photo', async () => {
    await start();
    const photo = tg.userSendsPhoto({ chat: dm, from: alice, bytes: makePng(32, 32) });
    tg.userSends({ chat: dm, from: alice, text: '/imagine in watercolour', reply_to_message_id: photo.message.message_id });
    const task = await h.apiframe.waitForTask('imagine');
    expect(task.body.prompt).toMatch(/\/cdn\/uploads\/[\w-]+\.png in watercolour$/);
  });
});
