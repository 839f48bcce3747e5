// Issue 8, parts 3, 4 and 9 on Telegram, through the real grammY client: /blend from an album or
// a reply to one, /faceswap from an album of two or a photo sent as a reply, every photo reaching
// Apiframe as an /upload copy (a Telegram file URL carries the bot token and never leaves the bot),
// and what privacy mode in a group allows.
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, startHarness, type Harness, type HarnessOptions } from './harness.ts';
import { updateKey } from '../../adapters/telegram/inbox.ts';
import type { FakeTelegram, SentMessage, TgChat, TgUser } from '../fakes/telegram.ts';
import { makePng } from '../fakes/png.ts';
import { GRID_BUTTONS } from '../support/keyboards.ts';

const alice: TgUser = { id: 1001, is_bot: false, first_name: 'Alice', username: 'alice' };
const group: TgChat = { id: -1001234567890, type: 'supergroup', title: 'Frame fans' };
const dm: TgChat = { id: 1001, type: 'private', first_name: 'Alice', username: 'alice' };

let h: Harness | undefined;
let tg: FakeTelegram;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(opts: HarnessOptions = {}): Promise<Harness> {
  h = await startHarness({ telegram: true, ...opts, env: { FREE_CREDITS: '100' } });
  tg = h.telegram!;
  return h;
}

let shade = 0;
/** A distinct small PNG each call, so each upload can be traced back to the photo it copies. */
function photo(): Buffer {
  shade++;
  return makePng(24, 24, [(shade * 37) % 256, (shade * 91) % 256, (shade * 53) % 256]);
}

let albumSeq = 0;
/** An album the way Telegram sends it: one update per photo, one media_group_id, the caption on the first. */
function sendAlbum(chat: TgChat, photos: Buffer[], caption?: string): number[] {
  const media_group_id = `4242000${++albumSeq}`;
  const sent = photos.map((bytes, i) => tg.userSendsPhoto({ chat, from: alice, bytes, media_group_id, ...(i === 0 && caption ? { caption } : {}) }));
  lastAlbumUpdates = sent.map((u) => u.update_id);
  return sent.map((u) => u.message.message_id as number);
}
let lastAlbumUpdates: number[] = [];

/** Waits until the bot has handled the last album sent (gathered once quiet, and remembered). */
function albumHandled(): Promise<unknown> {
  const { inbox } = h!.app.services.store;
  return eventually(async () => (await Promise.all(lastAlbumUpdates.map((id) => inbox.status(updateKey(tg.bot.id, id))))).every((s) => s === 'done'), 5000, 'the album to be handled');
}

const wallet = (chat: TgChat) => (chat.type === 'private' ? `telegram:user:${chat.id}` : `telegram:chat:${chat.id}`);
const balance = async (chat: TgChat) => (await h!.app.services.store.wallets.get(wallet(chat)))?.balance ?? 100;

/** The bot's reply to a message once it matches (progress is edited into the result in place). */
function replyTo(chat: TgChat, messageId: number, match: (m: SentMessage) => boolean = () => true, timeoutMs = 5000): Promise<SentMessage> {
  return tg.waitForMessage(chat.id, (m) => m.reply_to_message_id === messageId && match(m), timeoutMs);
}

/** The bytes behind a URL Apiframe was given (the fake serves its /upload copies). */
async function bytesAt(url: string): Promise<Buffer> {
  return Buffer.from(await (await fetch(url)).arrayBuffer());
}

/** Nothing Apiframe received (paths, headers, bodies) holds the bot token or any Telegram file URL. */
function expectNoTelegramUrls(): void {
  const seen = JSON.stringify(h!.apiframe.requests.map((r) => ({ path: r.path, headers: r.headers, body: r.body })));
  expect(seen).not.toContain(tg.token);
  expect(seen).not.toContain(tg.token.split(':')[1]!);
  expect(seen).not.toContain('/file/bot');
}

describe('Telegram /blend', () => {
  it('blends an album captioned /blend from /upload copies, square by default; the result has U/V/🔄 and U1 upscales it', async () => {
    await start();
    const photos = [photo(), photo()];
    const [captioned] = sendAlbum(dm, photos, '/blend');
    const task = await h!.apiframe.waitForTask('blend');
    expect(task.body.dimension).toBe('square');
    const urls = task.body.image_urls as string[];
    expect(urls).toHaveLength(2);
    for (const [i, url] of urls.entries()) {
      expect(url).toMatch(new RegExp(`^${h!.apiframe.url}/cdn/uploads/`));
      expect((await bytesAt(url)).equals(photos[i]!)).toBe(true);
    }
    expect(h!.apiframe.callCount('/upload')).toBe(2);
    expect(tg.calls.filter((c) => c.method === 'getFile')).toHaveLength(2);
    expectNoTelegramUrls();
    expect(await balance(dm)).toBe(96);

    await h!.apiframe.finish(task.id);
    const result = await replyTo(dm, captioned!, (m) => m.photo !== undefined);
    expect(result.caption).toContain('Blend “2 images, square”');
    expect(result.reply_markup!.inline_keyboard.map((row) => row.map((b) => b.text))).toEqual(GRID_BUTTONS);

    const u1 = result.reply_markup!.inline_keyboard[0]![0]!.callback_data!;
    tg.userPresses({ chat: dm, from: alice, message_id: result.message_id, data: u1 });
    const up = await h!.apiframe.waitForTask('upscale-1x');
    expect(up.body).toMatchObject({ parent_task_id: task.id, index: '1' });
  });

  it('blends five photos, in album order, with --dimension portrait', async () => {
    await start();
    const photos = Array.from({ length: 5 }, photo);
    sendAlbum(group, photos, '/blend@framebot_test_bot --dimension portrait');
    const task = await h!.apiframe.waitForTask('blend');
    expect(task.body.dimension).toBe('portrait');
    const copies = await Promise.all((task.body.image_urls as string[]).map(bytesAt));
    expect(copies.map((c, i) => c.equals(photos[i]!))).toEqual([true, true, true, true, true]);
    expectNoTelegramUrls();
  });

  it('/blend landscape sent as a reply to one photo of an album takes the whole album', async () => {
    await start();
    const photos = [photo(), photo(), photo()];
    const ids = sendAlbum(group, photos);
    await albumHandled();
    tg.userSends({ chat: group, from: alice, text: '/blend landscape', reply_to_message_id: ids[1]! });
    const task = await h!.apiframe.waitForTask('blend');
    expect(task.body.dimension).toBe('landscape');
    const copies = await Promise.all((task.body.image_urls as string[]).map(bytesAt));
    expect(copies.map((c, i) => c.equals(photos[i]!))).toEqual([true, true, true]);
    expect(await balance(group)).toBe(96);
  });

  it('refuses one photo and an album of six, and submits and charges nothing', async () => {
    await start();
    const single = tg.userSendsPhoto({ chat: group, from: alice, bytes: photo(), caption: '/blend' }).message.message_id as number;
    expect((await replyTo(group, single)).text).toMatch(/^Blend mixes 2 to 5 images, and I got 1\. On Telegram, send them as one album/);
    const [six] = sendAlbum(group, Array.from({ length: 6 }, photo), '/blend');
    expect((await replyTo(group, six!)).text).toMatch(/^Blend mixes 2 to 5 images, and I got 6\./);
    expect(h!.apiframe.requests.filter((r) => r.path !== '/fetch-many')).toEqual([]);
    expect(await balance(group)).toBe(100);
    expect((await h!.app.services.store.wallets.history(wallet(group), 10, 0)).filter((e) => e.kind !== 'grant')).toEqual([]);
  });

  it('refuses an album with a file that is not an image, by its name', async () => {
    await start();
    const media_group_id = 'docs-1';
    const first = tg.userSendsDocument({ chat: dm, from: alice, bytes: photo(), file_name: 'a.png', mime_type: 'image/png', media_group_id, caption: '/blend' });
    tg.userSendsDocument({ chat: dm, from: alice, bytes: Buffer.from('%PDF-1.4'), file_name: 'brief.pdf', mime_type: 'application/pdf', media_group_id });
    expect((await replyTo(dm, first.message.message_id)).text).toMatch(/“brief\.pdf” is not an image/);
    expect(h!.apiframe.callCount('/upload')).toBe(0);
    expect(await balance(dm)).toBe(100);
  });
});

describe('Telegram /blend in a group with privacy mode on', () => {
  it('explains that only the captioned photo of an album arrived, and blends a photo captioned /blend sent as a reply to another', async () => {
    await start({ telegram: { privacyMode: true } });
    const [captioned, other] = sendAlbum(group, [photo(), photo()], '/blend@framebot_test_bot');
    const told = await replyTo(group, captioned!);
    expect(told.text).toMatch(/^I didn't get every photo of that album: .*privacy mode is off.*send the second photo with \/blend as its caption, as a reply to the first\.$/);
    expect(await balance(group)).toBe(100);

    // A reply into that album: the bot cannot know how many photos it had (Telegram does not say),
    // so rather than blend a part of it, it explains the same way.
    const reply = tg.userSends({ chat: group, from: alice, text: '/blend@framebot_test_bot', reply_to_message_id: other! });
    expect((await replyTo(group, reply.message.message_id)).text).toMatch(/^I didn't get every photo of that album/);

    // What works: the reply carries the photo it answers.
    const first = photo();
    const second = photo();
    const target = tg.userSendsPhoto({ chat: group, from: alice, bytes: first });
    expect(target.update_id).toBe(-1);
    tg.userSendsPhoto({ chat: group, from: alice, bytes: second, caption: '/blend@framebot_test_bot portrait', reply_to_message_id: target.message.message_id });
    const task = await h!.apiframe.waitForTask('blend');
    const copies = await Promise.all((task.body.image_urls as string[]).map(bytesAt));
    expect(copies.map((c, i) => c.equals([first, second][i]!))).toEqual([true, true]);
    expect(task.body.dimension).toBe('portrait');
    expectNoTelegramUrls();
  });
});

describe('Telegram /faceswap', () => {
  it('swaps from an album of two captioned /faceswap: the first is the picture, the second the face; one image comes back', async () => {
    await start();
    const picture = photo();
    const face = photo();
    const [captioned] = sendAlbum(dm, [picture, face], '/faceswap');
    const task = await h!.apiframe.waitForTask('faceswap');
    expect((await bytesAt(String(task.body.target_image_url))).equals(picture)).toBe(true);
    expect((await bytesAt(String(task.body.swap_image_url))).equals(face)).toBe(true);
    expectNoTelegramUrls();
    expect(await balance(dm)).toBe(98);

    await h!.apiframe.finish(task.id);
    const result = await replyTo(dm, captioned!, (m) => m.photo !== undefined);
    expect(result.caption).toContain('Face swap');
    expect(result.reply_markup?.inline_keyboard ?? []).toEqual([]);
  });

  it('swaps from a face photo captioned /faceswap sent as a reply to the picture', async () => {
    await start();
    const picture = photo();
    const face = photo();
    const target = tg.userSendsPhoto({ chat: group, from: alice, bytes: picture });
    tg.userSendsPhoto({ chat: group, from: alice, bytes: face, caption: '/faceswap', reply_to_message_id: target.message.message_id });
    const task = await h!.apiframe.waitForTask('faceswap');
    expect((await bytesAt(String(task.body.target_image_url))).equals(picture)).toBe(true);
    expect((await bytesAt(String(task.body.swap_image_url))).equals(face)).toBe(true);
  });

  it('refuses a single photo and three, explaining the two ways, and charges nothing', async () => {
    await start();
    const one = tg.userSendsPhoto({ chat: dm, from: alice, bytes: photo(), caption: '/faceswap' });
    expect((await replyTo(dm, one.message.message_id)).text).toMatch(/^Face swap takes exactly two images.*caption the face photo \/faceswap and send it as a reply to the picture\.$/);
    const [three] = sendAlbum(dm, [photo(), photo(), photo()], '/faceswap');
    expect((await replyTo(dm, three!)).text).toMatch(/^Face swap takes exactly two images/);
    expect(h!.apiframe.callCount('/faceswap') + h!.apiframe.callCount('/upload')).toBe(0);
    expect(await balance(dm)).toBe(100);
  });
});
