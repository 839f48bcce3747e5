// AI Photos on Telegram end to end: the real grammY client against the fake Bot API, the real app
// against the fake Apiframe. Photos go to a set as single messages, albums (one update per photo)
// and documents; the prepare → train chain runs in one progress message; generations come back as
// an album followed by the caption with its 🔄 button.
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, startHarness, type Harness } from './harness.ts';
import type { FakeTelegram, SentMessage, TgChat, TgUser } from '../fakes/telegram.ts';
import type { FakeTask } from '../fakes/apiframe.ts';
import { makePng } from '../fakes/png.ts';
import { makeNoisyPng, pngDeclaring100000Squared } from '../support/images.ts';
import type { SqliteStore } from '../../src/store/index.ts';
import type { PhotoSet } from '../../src/store/records/photos.ts';

const alice: TgUser = { id: 1001, is_bot: false, first_name: 'Alice', username: 'alice' };
const bob: TgUser = { id: 1002, is_bot: false, first_name: 'Bob' };
const group: TgChat = { id: -1001234567890, type: 'supergroup', title: 'Frame fans' };
const dm: TgChat = { id: 1001, type: 'private', first_name: 'Alice', username: 'alice' };
const WALLET = `telegram:chat:${group.id}`;

let h: Harness | undefined;
let tg: FakeTelegram;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(): Promise<Harness> {
  h = await startHarness({ telegram: true, env: { FREE_CREDITS: '1000' } });
  tg = h.telegram!;
  return h;
}

/** A distinct valid photo each call (a set refuses duplicates). */
let shade = 0;
function photo(side = 512): Buffer {
  shade++;
  return makePng(side, side, [shade % 251, (shade * 7) % 253, (shade * 13) % 241]);
}

/** The group's wallet; before its first charge it does not exist yet and holds the free 1000. */
const balance = async () => (await h!.app.services.store.wallets.get(WALLET))?.balance ?? 1000;
const ledgerMatches = async () => (await h!.app.services.store.wallets.balancesAgainstLedger()).every((w) => w.balance === w.ledgerSum);
const openSet = async (user: TgUser, chat: TgChat = group): Promise<PhotoSet | undefined> =>
  await h!.app.services.store.photos.open('telegram', String(chat.id), String(user.id));
/** How many of a set's photos the store holds the bytes of (the whole set, until it is uploaded). */
const photosStored = async (setId: string) => (await h!.app.services.store.photos.contents(setId)).filter((f) => f.content && f.content.length > 0).length;

/** The bot's text reply to a message (it may be edited into place, so a pattern can wait for the final text). */
/** A reply of the bot. Photos are decoded one by one (sharp) and a loaded CI machine is slow at it: wait generously. */
function replyTo(chat: TgChat, messageId: number, pattern: RegExp = /./, timeoutMs = 15_000): Promise<SentMessage> {
  return tg.waitForMessage(chat.id, (m) => m.reply_to_message_id === messageId && m.text !== undefined && pattern.test(m.text), timeoutMs);
}

async function say(chat: TgChat, from: TgUser, text: string, pattern?: RegExp): Promise<SentMessage> {
  const { message } = tg.userSends({ chat, from, text });
  return replyTo(chat, message.message_id, pattern);
}

function sendPhoto(chat: TgChat, from: TgUser, bytes = photo(), caption?: string): number {
  return tg.userSendsPhoto({ chat, from, bytes, ...(caption ? { caption } : {}) }).message.message_id as number;
}

/** Sends a photo and returns the bot's answer to it (a count message or a refusal). */
function collect(chat: TgChat, from: TgUser, bytes = photo()): Promise<SentMessage> {
  return replyTo(chat, sendPhoto(chat, from, bytes));
}

/** How many photos the user's open set holds. */
async function stored(user: TgUser, chat: TgChat): Promise<number> {
  const set = await openSet(user, chat);
  return set ? await h!.app.services.store.photos.countFiles(set.id) : 0;
}
const waitStored = (user: TgUser, chat: TgChat, n: number) => eventually(async () => (await stored(user, chat)) === n, 15_000, `${n} photos in the set`);

/**
 * The bot's count message once it says `n` photos (a group's edits are 5 s apart, and the chat's
 * replies are throttled: slow on a busy machine).
 */
function countShown(chat: TgChat, n: number, timeoutMs = 25_000): Promise<SentMessage> {
  return tg.waitForMessage(chat.id, (m) => !m.deleted && new RegExp(`^📸 ${n} of 30 photos`).test(m.text ?? ''), timeoutMs);
}
const countMessages = (chat: TgChat) => tg.messagesIn(chat.id).filter((m) => /^📸 \d+ of 30 photos/.test(m.text ?? ''));

let albumSeq = 0;
/** Sends an album the way Telegram does (one update per photo, one media_group_id); returns the message ids. */
function sendAlbum(chat: TgChat, from: TgUser, photos: Buffer[], caption?: string): number[] {
  const media_group_id = `1337000${++albumSeq}`;
  return photos.map(
    (bytes, i) => tg.userSendsPhoto({ chat, from, bytes, media_group_id, ...(i === 0 && caption ? { caption } : {}) }).message.message_id as number,
  );
}

function albumOf(n: number): Buffer[] {
  return Array.from({ length: n }, () => photo());
}

/** Opens a set and fills it with `n` photos in albums of up to 10. */
async function fillSet(chat: TgChat, from: TgUser, n: number, subject = 'female white'): Promise<PhotoSet> {
  await say(chat, from, `/photos new ${subject}`, /New photo set started/);
  for (let sent = 0; sent < n; sent += 10) {
    sendAlbum(chat, from, albumOf(Math.min(10, n - sent)));
    await waitStored(from, chat, Math.min(n, sent + 10));
  }
  return (await openSet(from, chat))!;
}

function keyboard(m: SentMessage): string[][] {
  return (m.reply_markup?.inline_keyboard ?? []).map((row) => row.map((b) => b.text));
}

/** Runs /photos train to a ready model; returns the fake's train task. */
async function trainReady(chat: TgChat, from: TgUser, name: string): Promise<FakeTask> {
  const uploads = [...h!.apiframe.tasks.values()].filter((t) => t.endpoint === 'ai-photo-upload').length;
  const trains = [...h!.apiframe.tasks.values()].filter((t) => t.endpoint === 'ai-photo-train').length;
  const { message } = tg.userSends({ chat, from, text: `/photos train ${name}` });
  const progress = await replyTo(chat, message.message_id, /Preparing photos/);
  const upload = await h!.apiframe.waitForTask('ai-photo-upload', uploads + 1);
  await h!.apiframe.finish(upload.id);
  const train = await h!.apiframe.waitForTask('ai-photo-train', trains + 1);
  await h!.apiframe.finish(train.id);
  await tg.waitForMessage(chat.id, (m) => m.message_id === progress.message_id && /is ready/.test(m.text ?? ''));
  return train;
}

describe('AI Photos on Telegram', () => {
  it('collects singles and an album, trains in one message, generates albums and regenerates with 🔄', async () => {
    await start();
    const opened = await say(group, alice, '/photos new female middle eastern 30');
    expect(opened.text).toContain('New photo set started');
    const set = (await openSet(alice))!;
    expect(set).toMatchObject({ gender: 'female', ethnicity: 'middle eastern', age: 30, status: 'collecting' });

    // Single photos, one at a time: the first is answered with the count, which is then edited.
    const count = await collect(group, alice);
    expect(count.text).toBe('📸 1 of 30 photos — 9 more to train.');
    for (let i = 2; i <= 4; i++) {
      sendPhoto(group, alice);
      await waitStored(alice, group, i);
    }
    expect((await countShown(group, 4)).message_id).toBe(count.message_id);
    // Someone else's photo is not theirs to add, and nobody is told about it.
    const stray = sendPhoto(group, bob);

    // An album of 8: eight updates, and the same count message says so.
    const before = tg.messagesIn(group.id).length;
    const ids = sendAlbum(group, alice, albumOf(8));
    const counted = await countShown(group, 12);
    expect(counted.message_id).toBe(count.message_id);
    expect(counted.text).toBe('📸 12 of 30 photos — ready to train: /photos train [name].');
    // Another message proves the album is done: no reply to it but /photos list's.
    await say(group, alice, '/photos list', /Open set: 12 of 30 photos/);
    expect(tg.messagesIn(group.id).length).toBe(before + 1);
    expect(countMessages(group)).toHaveLength(1);
    expect(tg.messagesIn(group.id).some((m) => ids.includes(m.reply_to_message_id ?? 0) || m.reply_to_message_id === stray)).toBe(false);
    expect(await photosStored(set.id)).toBe(12);

    // /photos train: preparing, then training in the same message.
    const cmd = tg.userSends({ chat: group, from: alice, text: '/photos train Ana' });
    const progress = await replyTo(group, cmd.message.message_id, /Preparing photos for “Ana”/);
    const upload = await h!.apiframe.waitForTask('ai-photo-upload');
    expect(upload.body).toMatchObject({ gender: 'female', ethnicity: 'middle eastern', age: 30 });
    expect(upload.body.images).toHaveLength(12);
    expect(await balance()).toBe(1000 - 2);

    await h!.apiframe.finish(upload.id);
    const train = await h!.apiframe.waitForTask('ai-photo-train');
    expect(train.body).toMatchObject({ training_images_id: upload.id });
    expect(await balance()).toBe(1000 - 2 - 4 * 12);
    // The photos are with Apiframe now: ours are gone from disk and from the database.
    await eventually(async () => (await photosStored(set.id)) === 0, 5_000, 'the photos to go');
    expect(await h!.app.services.store.photos.files(set.id)).toEqual([]);

    // A group's edits are spaced 5 s apart, behind this chat's throttled backlog of replies: slow on a busy machine.
    await tg.waitForMessage(group.id, (m) => m.message_id === progress.message_id && /Training “Ana”/.test(m.text ?? ''), 20_000);
    await h!.apiframe.progress(train.id, 40);
    // Progress edits in a group are spaced a few seconds apart (Telegram's per-chat limits).
    await tg.waitForMessage(group.id, (m) => m.message_id === progress.message_id && /Training “Ana”[\s\S]*40%/.test(m.text ?? ''), 15_000);
    await h!.apiframe.finish(train.id);
    const ready = await tg.waitForMessage(group.id, (m) => m.message_id === progress.message_id && /is ready/.test(m.text ?? ''));
    expect(ready.text).toMatch(/^✅ Your model “Ana” is ready, @alice\./);
    expect(ready.text).toContain('/photos generate');
    expect(ready.deleted).toBe(false);
    expect(ready.reply_markup).toBeUndefined();
    expect(await h!.app.services.store.photos.get(set.id)).toMatchObject({ status: 'ready', name: 'Ana' });
    const trigger = String(h!.apiframe.tasks.get(train.id)!.result!.trigger_word);

    // Two photos: an album answering the command, then the caption with 🔄.
    const gen = tg.userSends({ chat: group, from: alice, text: '/photos generate a portrait in a suit --count 2' });
    const caption = await tg.waitForMessage(group.id, (m) => m.message_id > gen.message.message_id && m.text !== undefined && keyboard(m).length > 0);
    expect(caption.text).toContain('a portrait in a suit');
    expect(keyboard(caption)).toEqual([['🔄']]);
    const album = tg.messagesIn(group.id).filter((m) => m.photo && m.reply_to_message_id === gen.message.message_id);
    expect(album).toHaveLength(2);
    expect(new Set(album.map((m) => m.media_group_id)).size).toBe(1);
    expect(album.every((m) => m.message_id < caption.message_id)).toBe(true);
    const generated = await h!.apiframe.waitForTask('ai-photo-generate');
    expect(generated.body).toMatchObject({ training_id: train.id, number_of_images: '2' });
    expect(String(generated.body.prompt)).toContain(trigger);
    expect(String(generated.body.prompt)).toContain('a portrait in a suit');
    // The "generating" message made way for the result.
    const genProgress = tg.messagesIn(group.id).find((m) => m.reply_to_message_id === gen.message.message_id && m.text !== undefined);
    expect(genProgress).toBeDefined();
    await expect.poll(() => genProgress!.deleted).toBe(true);
    expect(await balance()).toBe(1000 - 50 - 2);

    // 🔄: the same request again, another album and caption.
    const data = caption.reply_markup!.inline_keyboard[0]![0]!.callback_data!;
    const q = tg.userPresses({ chat: group, from: alice, message_id: caption.message_id, data });
    const again = await h!.apiframe.waitForTask('ai-photo-generate', 2);
    expect(again.body).toMatchObject({ training_id: train.id, number_of_images: '2', prompt: generated.body.prompt });
    const caption2 = await tg.waitForMessage(group.id, (m) => m.message_id > caption.message_id && m.text !== undefined && keyboard(m).length > 0 && !m.deleted);
    expect(caption2.text).toContain('a portrait in a suit');
    const album2 = tg.messagesIn(group.id).filter((m) => m.photo && m.message_id > caption.message_id && m.message_id < caption2.message_id);
    expect(album2).toHaveLength(2);
    expect(tg.callbackAnswer(q.id)?.response.ok).toBe(true);

    expect(await balance()).toBe(1000 - 2 - 4 * 12 - 2 - 2);
    expect(await ledgerMatches()).toBe(true);
  });

  it('takes image files and an album with /photos add as caption; /help shows how to type /photos new', async () => {
    await start();
    await say(dm, alice, '/photos new male asian', /New photo set started/);
    const asFile = tg.userSendsDocument({ chat: dm, from: alice, bytes: photo(), file_name: 'me.png', mime_type: 'image/png' });
    const count = await replyTo(dm, asFile.message.message_id);
    expect(count.text).toBe('📸 1 of 30 photos — 9 more to train.');
    // /photos add as a caption counts into the same message.
    sendAlbum(dm, alice, albumOf(3), '/photos add');
    expect((await countShown(dm, 4)).message_id).toBe(count.message_id);
    sendPhoto(dm, alice, photo(), '/photos add');
    expect(await countShown(dm, 5)).toMatchObject({ message_id: count.message_id, text: '📸 5 of 30 photos — 5 more to train.' });
    expect(countMessages(dm)).toHaveLength(1);

    const help = await say(dm, alice, '/help photos', /\/photos new/);
    expect(help.text).toContain('/photos new <female|male> <ethnicity> [age]');
    const listing = await say(dm, alice, '/photos nonsense', /needs one of/);
    expect(listing.text).toContain('/photos generate <prompt>');
    expect(listing.text).not.toContain('collect');
  });

  it('names each refused photo: not a photo, too small, a duplicate, a full set', async () => {
    await start();
    await say(group, alice, '/photos new female white', /New photo set started/);
    // A refusal is answered on its own, as a reply to what was refused; the count is left as it was.
    const pdf = tg.userSendsDocument({ chat: group, from: alice, bytes: Buffer.from('%PDF-1.4\nnot a face\n'), file_name: 'passport.pdf', mime_type: 'application/pdf' });
    expect((await replyTo(group, pdf.message.message_id)).text).toBe('• passport.pdf is not a JPEG, PNG or WebP photo.');
    expect((await collect(group, alice, makePng(100, 100, [1, 2, 3]))).text).toBe('• This photo is too small (100×100; at least 512 px on each side).');
    const first = photo();
    expect((await collect(group, alice, first)).text).toBe('📸 1 of 30 photos — 9 more to train.');
    expect((await collect(group, alice, first)).text).toBe('• This photo is a duplicate of a photo already in the set.');

    // An album names its photos by their place in it.
    const mixed = albumOf(10);
    mixed[2] = makePng(300, 700, [9, 9, 9]);
    const ids = sendAlbum(group, alice, mixed);
    expect((await replyTo(group, ids[0]!)).text).toBe('• Photo 3 is too small (300×700; at least 512 px on each side).');
    expect((await countShown(group, 10)).text).toBe('📸 10 of 30 photos — ready to train: /photos train [name].');
    for (const expected of [20, 30]) {
      sendAlbum(group, alice, albumOf(10));
      expect((await countShown(group, expected)).text).toBe(`📸 ${expected} of 30 photos — ready to train: /photos train [name].`);
    }
    const full = await collect(group, alice);
    expect(full.text).toBe('• This photo was not added: the set is full (30 photos).');
    expect(await h!.app.services.store.photos.countFiles((await openSet(alice))!.id)).toBe(30);
    expect(await photosStored((await openSet(alice))!.id)).toBe(30);
    expect(await balance()).toBe(1000);
  });

  it('judges image files by what they decode to, not by their name or declared type', async () => {
    await start();
    await say(dm, alice, '/photos new female white', /New photo set started/);
    const send = (bytes: Buffer, file_name: string, mime_type: string) =>
      replyTo(dm, tg.userSendsDocument({ chat: dm, from: alice, bytes, file_name, mime_type }).message.message_id);
    expect((await send(makePng(600, 600, [1, 2, 3]), 'notes.txt', 'text/plain')).text).toBe('📸 1 of 30 photos — 9 more to train.');
    expect((await send(pngDeclaring100000Squared(), 'huge.png', 'image/png')).text).toBe('• huge.png is too large (100000×100000; at most 100 megapixels).');
    const whole = await makeNoisyPng(600, 600);
    expect((await send(whole.subarray(0, whole.length >> 1), 'half.png', 'image/png')).text).toBe('• half.png could not be read as an image.');
    expect(await photosStored((await openSet(alice, dm))!.id)).toBe(1);
  });

  it('explains bad input and charges nothing for it', async () => {
    await start();
    const unchanged = async (text: string, pattern: RegExp, from: TgUser = alice): Promise<SentMessage> => {
      const was = await balance();
      const answer = await say(group, from, text, pattern);
      expect(await balance()).toBe(was);
      return answer;
    };
    const bare = await unchanged('/photos new', /female or male/);
    for (const e of ['asian', 'black', 'latino', 'middle eastern', 'white']) expect(bare.text).toContain(e);
    const martian = await unchanged('/photos new female martian', /Ethnicity must be one of/);
    expect(martian.text).toContain('middle eastern');
    await unchanged('/photos new female white 12', /age must be 18 or more/);
    await unchanged('/photos train', /no photo set to train here/);
    await unchanged('/photos generate a portrait', /no trained model yet/);

    await say(group, alice, '/photos new female white', /New photo set started/);
    await unchanged('/photos new male black', /already have a photo set open here with 0 photos/);
    sendAlbum(group, alice, albumOf(3));
    await eventually(async () => (await h!.app.services.store.photos.countFiles((await openSet(alice))!.id)) === 3, 5_000, 'three photos');
    await unchanged('/photos train Ana', /Your set has 3 photos; training needs at least 10\. Send 7 more\./);
    sendAlbum(group, alice, albumOf(7));
    await countShown(group, 10);
    const set = (await openSet(alice))!;

    const { message } = tg.userSends({ chat: group, from: alice, text: '/photos train Ana' });
    const progress = await replyTo(group, message.message_id, /Preparing photos/);
    const upload = await h!.apiframe.waitForTask('ai-photo-upload');
    expect(await balance()).toBe(1000 - 2);
    await unchanged('/photos generate a portrait', /“Ana” is still being prepared/);
    await h!.apiframe.finish(upload.id);
    const train = await h!.apiframe.waitForTask('ai-photo-train');
    expect(await balance()).toBe(1000 - 2 - 4 * 10);
    await h!.apiframe.progress(train.id, 30);
    const { store } = h!.app.services;
    await eventually(async () => (await store.tasks.get((await store.photos.get(set.id))?.trainTaskId ?? ''))?.progress === 30, 5_000, 'the training progress');
    await unchanged('/photos generate a portrait', /“Ana” is still training \(30%\)/);
    expect(progress.deleted).toBe(false);
    await unchanged('/photos generate a portrait --model Zed', /no model called “Zed” here\. Your models: Ana\./);
    await unchanged('/photos generate a portrait --count 9', /Count must be 1 to 4/);
    // Model names differ in more than case: --model ana finds “Ana”.
    await fillSet(group, alice, 10);
    await unchanged('/photos train ana', /You already have a model called “ana”/);
    expect(h!.apiframe.callCount('/ai-photo-generate')).toBe(0);
    expect(h!.apiframe.callCount('/ai-photo-upload')).toBe(1);
    expect(await ledgerMatches()).toBe(true);
  });

  it('refunds a set Apiframe refuses to prepare, and a training that fails', async () => {
    await start();
    const set = await fillSet(group, alice, 10);
    const { message } = tg.userSends({ chat: group, from: alice, text: '/photos train Ana' });
    const progress = await replyTo(group, message.message_id, /Preparing photos/);
    const upload = await h!.apiframe.waitForTask('ai-photo-upload');
    expect(await balance()).toBe(1000 - 2);
    await h!.apiframe.fail(upload.id, 'Too few faces detected');
    const failed = await tg.waitForMessage(group.id, (m) => m.message_id === progress.message_id && /Too few faces detected/.test(m.text ?? ''));
    expect(failed.text).toMatch(/^❌/);
    await eventually(async () => (await h!.app.services.store.photos.get(set.id))?.status === 'failed', 5_000, 'the set to fail');
    expect(await balance()).toBe(1000);
    await eventually(async () => (await photosStored(set.id)) === 0, 5_000, 'the photos to go');
    expect(await say(group, alice, '/photos list', /Ana/)).toMatchObject({ text: expect.stringContaining('• Ana — failed (yours)') });
    await say(group, alice, '/photos generate a portrait --model Ana', /Training “Ana” failed\. Start again with \/photos new\./);

    // A new set; this time training fails after the photos were prepared.
    const second = await fillSet(group, alice, 10);
    const cmd = tg.userSends({ chat: group, from: alice, text: '/photos train Ana' });
    const progress2 = await replyTo(group, cmd.message.message_id, /Preparing photos/);
    const upload2 = await h!.apiframe.waitForTask('ai-photo-upload', 2);
    await h!.apiframe.finish(upload2.id);
    const train = await h!.apiframe.waitForTask('ai-photo-train');
    expect(await balance()).toBe(1000 - 42);
    await h!.apiframe.fail(train.id, 'Training failed: images too blurry');
    await tg.waitForMessage(group.id, (m) => m.message_id === progress2.message_id && /images too blurry/.test(m.text ?? ''));
    await eventually(async () => (await h!.app.services.store.photos.get(second.id))?.status === 'failed', 5_000, 'the second set to fail');
    // The training is refunded; the preparation, which Apiframe did, stays paid.
    expect(await balance()).toBe(1000 - 2);
    expect(await ledgerMatches()).toBe(true);
  });

  it("keeps a model to its owner until a group admin shares it; /photos cancel drops a set and its photos", async () => {
    await start();
    const set = await fillSet(group, alice, 10, 'female latino');
    expect(await photosStored(set.id)).toBe(10);
    const train = await trainReady(group, alice, 'Ana');
    expect(await photosStored(set.id)).toBe(0);
    expect(await h!.app.services.store.photos.files(set.id)).toEqual([]);

    expect((await say(group, bob, '/photos list')).text).toBe('No photo sets or models here yet. Start with /photos new.');
    await say(group, bob, '/photos generate a portrait --model Ana', /no trained model yet/);
    await say(group, bob, '/photos generate a portrait', /no trained model yet/);
    expect((await say(group, alice, '/photos list')).text).toBe('• Ana — ready (yours)');
    // Sharing needs a group admin, asked from Telegram.
    await say(group, bob, '/admin share Ana', /Only group admins can share/);
    await say(group, alice, '/photos share Ana', /Only group admins can share/);

    tg.setChatAdmins(group.id, [alice.id]);
    await say(group, alice, '/admin share ana', /🤝 Everyone here can now use “Ana”/);
    expect((await say(group, bob, '/photos list')).text).toBe('• Ana — ready (shared by @alice)');
    const gen = tg.userSends({ chat: group, from: bob, text: '/photos generate a portrait on a boat' });
    const result = await tg.waitForMessage(group.id, (m) => m.reply_to_message_id === gen.message.message_id && m.photo !== undefined);
    expect(result.caption).toContain('a portrait on a boat');
    expect(result.caption).toContain('Bob');
    expect(keyboard(result)).toEqual([['🔄']]);
    const generated = await h!.apiframe.waitForTask('ai-photo-generate');
    expect(generated.body).toMatchObject({ training_id: train.id, number_of_images: '1' });
    expect(String(generated.body.prompt)).toContain(String(train.result!.trigger_word));
    // Shared in this group only: not in Bob's private chat.
    await say({ id: bob.id, type: 'private', first_name: 'Bob' }, bob, '/photos generate a portrait', /no trained model yet/);

    // Bob starts a set, then thinks better of it.
    await say(group, bob, '/photos new male white', /New photo set started/);
    await collect(group, bob);
    sendPhoto(group, bob);
    await waitStored(bob, group, 2);
    const bobs = (await openSet(bob))!;
    expect(await photosStored(bobs.id)).toBe(2);
    expect((await say(group, bob, '/photos cancel')).text).toBe('🗑️ Dropped your photo set and its 2 photos.');
    expect(await h!.app.services.store.photos.get(bobs.id)).toBeUndefined();
    expect(await h!.app.services.store.photos.files(bobs.id)).toEqual([]);
    await say(group, bob, '/photos cancel', /no photo set open or training here/);
    expect(await ledgerMatches()).toBe(true);
  });

  it('ten photos sent one at a time make one count message, edited as they arrive', async () => {
    await start();
    await say(dm, alice, '/photos new female white', /New photo set started/);
    const count = await collect(dm, alice);
    expect(count.text).toBe('📸 1 of 30 photos — 9 more to train.');
    for (let i = 2; i <= 10; i++) {
      sendPhoto(dm, alice);
      await waitStored(alice, dm, i);
    }
    const shown = await countShown(dm, 10);
    expect(shown).toMatchObject({ message_id: count.message_id, text: '📸 10 of 30 photos — ready to train: /photos train [name].' });
    expect(countMessages(dm)).toHaveLength(1);
    // Edits never outnumber the photos (fast ones are folded into one).
    expect(shown.edits).toBeLessThanOrEqual(9);
  });

  it('a count message far up the chat, or deleted, is posted again below', async () => {
    await start();
    await say(group, alice, '/photos new female white', /New photo set started/);
    const first = await collect(group, alice);
    // The group talks on; the bot answers none of it.
    for (let i = 0; i < 21; i++) tg.userSends({ chat: group, from: bob, text: `chatter ${i}` });
    const second = await collect(group, alice);
    expect(second.message_id).not.toBe(first.message_id);
    expect(second.text).toBe('📸 2 of 30 photos — 8 more to train.');
    expect(first.text).toBe('📸 1 of 30 photos — 9 more to train.');

    // Someone deletes it: the next count is a new message, answering the newest photo.
    const res = await fetch(`${tg.apiRoot}/bot${tg.token}/deleteMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chat_id: group.id, message_id: second.message_id }),
    });
    expect(res.ok).toBe(true);
    const third = sendPhoto(group, alice);
    const again = await countShown(group, 3);
    expect(again.message_id).not.toBe(second.message_id);
    expect(again.reply_to_message_id).toBe(third);
    expect(countMessages(group).filter((m) => !m.deleted)).toHaveLength(2);
  });

  it('a photo in a private chat with no set open gets a hint naming what is offered, once for a burst; a group hears nothing', async () => {
    await start();
    const first = sendPhoto(dm, alice);
    const hint = await replyTo(dm, first);
    // No /generate: this bot runs Apiframe alone.
    expect(hint.text).toBe(
      [
        '📷 You have no photo set open, so I did nothing with that photo.',
        '• To train a model of this person, start a photo set with /photos new, then send 10–30 photos.',
        '• For prompts that describe it, reply /describe to it.',
      ].join('\n'),
    );
    const again = sendPhoto(dm, alice);
    const inGroup = sendPhoto(group, alice);
    const file = tg.userSendsDocument({ chat: dm, from: alice, bytes: photo(), file_name: 'me.png', mime_type: 'image/png' }).message.message_id as number;
    // Handled after them: its answer means theirs would have come.
    const marker = sendAlbum(dm, alice, albumOf(2), '/photos list');
    await replyTo(dm, marker[0]!, /No photo sets or models here yet/);
    const hinted = (chat: TgChat) => tg.messagesIn(chat.id).filter((m) => (m.text ?? '').startsWith('📷'));
    expect(hinted(dm).map((m) => m.reply_to_message_id)).toEqual([first]);
    expect(hinted(group)).toEqual([]);
    expect(tg.messagesIn(dm.id).some((m) => [again, file].includes(m.reply_to_message_id ?? 0))).toBe(false);
    expect(tg.messagesIn(group.id).some((m) => m.reply_to_message_id === inGroup)).toBe(false);
  });

  it('the photo hint offers /generate with the photo as a reference where that is all the bot runs', async () => {
    h = await startHarness({ telegram: true, aiphotogenerator: true, withoutApiframe: true });
    tg = h.telegram!;
    const hint = await replyTo(dm, sendPhoto(dm, alice));
    expect(hint.text).toBe(
      ['📷 You have no photo set open, so I did nothing with that photo.', '• To make images with it as a reference, reply /generate <prompt> to it.'].join('\n'),
    );
  });

  it('forgets an unfinished set when it expires; photos sent afterwards are ignored', async () => {
    const { app } = await start();
    await say(group, alice, '/photos new female black', /New photo set started/);
    await collect(group, alice);
    sendPhoto(group, alice);
    await waitStored(alice, group, 2);
    const set = (await openSet(alice))!;
    expect(await photosStored(set.id)).toBe(2);

    (app.services.store as SqliteStore).db.prepare('UPDATE photo_sets SET expires_at = ? WHERE id = ?').run(Date.now() - 1, set.id);
    // Already past its time: no longer collecting, even before the sweep.
    expect(await app.services.photos.collecting({ platform: 'telegram', chatId: String(group.id), userId: String(alice.id), userName: '@alice', isPrivate: false })).toBeUndefined();
    expect(await app.services.photos.expire()).toBe(1);
    expect(await app.services.store.photos.get(set.id)).toBeUndefined();
    expect(await app.services.store.photos.files(set.id)).toEqual([]);

    const ignored = sendPhoto(group, alice);
    const albumIds = sendAlbum(group, alice, albumOf(2));
    // An album sent after them is handled after them: its answer means theirs would have come.
    const marker = sendAlbum(group, alice, albumOf(2), '/photos list');
    await replyTo(group, marker[0]!, /No photo sets or models here yet/);
    const answered = tg.messagesIn(group.id).filter((m) => m.reply_to_message_id === ignored || albumIds.includes(m.reply_to_message_id ?? 0));
    expect(answered).toEqual([]);
  });
});
