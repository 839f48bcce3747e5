import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, type SqliteStore } from '../../src/store/index.ts';
import { ApiframeClient } from '../../src/providers/apiframe/client.ts';
import type { IncomingAttachment, Scope } from '../../src/core/chat.ts';
import { UserError } from '../../src/core/errors.ts';
import { FakeApiframe } from '../fakes/apiframe.ts';
import { makePng } from '../fakes/png.ts';
import { jpegDeclaring65535Squared, makeGif, makeJpeg, makeNoisyPng, makeWebp, pngDeclaring100000Squared, sizeOf, webpDeclaring16MSquared } from '../support/images.ts';
import { scope } from '../support/memory-chat.ts';
import { memoryLogger } from '../support/silent-log.ts';
import { testServices, type TestServices } from '../support/services.ts';

let fake: FakeApiframe;
let store: SqliteStore;
let client: ApiframeClient;
let s: TestServices;
let clock: number;
const ana = scope({ chatId: '-100', userId: '7', userName: '@ana' });
const bob = scope({ chatId: '-100', userId: '8', userName: '@bob' });
const wallet = async () => (await store.wallets.get('telegram:chat:-100'))!.balance;

function photo(n: number, size = 512, over: Partial<IncomingAttachment> = {}): IncomingAttachment {
  const bytes = makePng(size, size, [n % 256, (n * 7) % 256, (n * 13) % 256]);
  return { name: `photo-${n}.png`, contentType: 'image/png', size: bytes.length, download: async () => bytes, ...over };
}
const photos = (from: number, count: number) => Array.from({ length: count }, (_, i) => photo(from + i));
function sent(name: string, bytes: Uint8Array, contentType?: string): IncomingAttachment {
  return { name, contentType, size: bytes.length, download: async () => bytes };
}
/** The bytes the store holds for a set's photos. */
const storedBytes = async (setId: string) => (await store.photos.contents(setId)).map((f) => f.content!);

beforeEach(async () => {
  fake = await FakeApiframe.start();
  store = createStore(':memory:');
  client = new ApiframeClient({ apiKey: fake.apiKey, baseUrl: fake.url, log: memoryLogger([], 'silent').log, retries: 0 });
  clock = Date.UTC(2026, 10, 21, 12);
  s = testServices(store, client, { freeCredits: 100, now: () => clock });
});
afterEach(async () => {
  s.cleanup();
  await client.close();
  await fake.close();
  store.close();
});

async function trainedModel(who: Scope = ana, name = 'ana'): Promise<string> {
  await s.photos.open(who, { gender: 'female', ethnicity: 'white', age: 30 });
  await s.photos.add(who, photos(who === ana ? 0 : 100, 10));
  await s.photos.train(who, name, s.chat.responder(who));
  const upload = await fake.waitForTask('ai-photo-upload', who === ana ? 1 : 2);
  await fake.finish(upload.id);
  await s.tasks.sweep();
  await s.tasks.idle();
  const train = await fake.waitForTask('ai-photo-train', who === ana ? 1 : 2);
  await fake.finish(train.id);
  await s.tasks.sweep();
  await s.tasks.idle();
  return train.id;
}

describe('collecting photos', () => {
  it('takes photos and refuses each bad one with its reason', async () => {
    await s.photos.open(ana, { gender: 'female', ethnicity: 'white' });
    const first = await s.photos.add(ana, [photo(1), photo(2)]);
    expect(first).toMatchObject({ added: 2, refused: [], total: 2 });
    const second = await s.photos.add(ana, [
      photo(1), // duplicate
      photo(3, 100), // too small
      { name: 'notes.pdf', contentType: 'application/pdf', size: 10, download: async () => new Uint8Array(10) },
      { name: 'fake.png', contentType: 'image/png', size: 10, download: async () => new TextEncoder().encode('not a png!') },
      photo(4, 512, { size: 26 * 1024 * 1024 }),
    ]);
    expect(second.added).toBe(0);
    expect(second.total).toBe(2);
    expect(second.refused.map((r) => r.reason)).toEqual([
      'is a duplicate of a photo already in the set',
      'is too small (100×100; at least 512 px on each side)',
      'is not a JPEG, PNG or WebP photo',
      'is not a JPEG, PNG or WebP photo',
      'is larger than 25 MB',
    ]);
  });

  it('stops at 30 photos', async () => {
    await s.photos.open(ana, { gender: 'male', ethnicity: 'asian' });
    const report = await s.photos.add(ana, photos(0, 32));
    expect(report.total).toBe(30);
    expect(report.refused.map((r) => r.reason)).toEqual(['was not added: the set is full (30 photos)', 'was not added: the set is full (30 photos)']);
  });

  it('takes two batches sent at once whole, and the report of the one that ends last counts both', async () => {
    await s.photos.open(ana, { gender: 'male', ethnicity: 'asian' });
    const [a, b] = await Promise.all([s.photos.add(ana, photos(0, 5)), s.photos.add(ana, photos(5, 5))]);
    expect([a.added, b.added]).toEqual([5, 5]);
    expect(Math.max(a.total, b.total)).toBe(10);
  });

  it('of two batches sent at once to a set with room for fewer, keeps only up to 30 and refuses the rest as full', async () => {
    await s.photos.open(ana, { gender: 'male', ethnicity: 'asian' });
    await s.photos.add(ana, photos(0, 28));
    const [a, b] = await Promise.all([s.photos.add(ana, photos(100, 2)), s.photos.add(ana, photos(200, 2))]);
    expect(a.added + b.added).toBe(2);
    expect([...a.refused, ...b.refused].map((r) => r.reason)).toEqual(Array(2).fill('was not added: the set is full (30 photos)'));
    expect(await store.photos.countFiles((await s.photos.collecting(ana))!.id)).toBe(30);
  });

  it('of the same photo sent twice at once, keeps one and calls the other a duplicate', async () => {
    const set = await s.photos.open(ana, { gender: 'male', ethnicity: 'asian' });
    const [a, b] = await Promise.all([s.photos.add(ana, [photo(1)]), s.photos.add(ana, [photo(1)])]);
    expect(a.added + b.added).toBe(1);
    expect([...a.refused, ...b.refused].map((r) => r.reason)).toEqual(['is a duplicate of a photo already in the set']);
    expect(await store.photos.countFiles(set.id)).toBe(1);
  });

  it('keeps one open set per person and chat', async () => {
    await s.photos.open(ana, { gender: 'female', ethnicity: 'white' });
    await expect(s.photos.open(ana, { gender: 'female', ethnicity: 'white' })).rejects.toThrow('already have a photo set open');
    expect(await s.photos.collecting(bob)).toBeUndefined();
    await expect(s.photos.add(bob, [photo(1)])).rejects.toThrow('no photo set open');
  });

  it('forgets a set after a day, files and rows', async () => {
    const set = await s.photos.open(ana, { gender: 'female', ethnicity: 'white' });
    await s.photos.add(ana, photos(0, 3));
    expect(await storedBytes(set.id)).toHaveLength(3);
    clock += 24 * 3_600_000 + 1;
    expect(await s.photos.collecting(ana)).toBeUndefined();
    expect(await s.photos.expire()).toBe(1);
    expect(await storedBytes(set.id)).toEqual([]);
    expect(await store.photos.get(set.id)).toBeUndefined();
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM photo_files').get()).toEqual({ n: 0 });
  });

  it('a new set replaces one that expired before the hourly sweep forgot it, files and rows', async () => {
    const old = await s.photos.open(ana, { gender: 'female', ethnicity: 'white' });
    await s.photos.add(ana, photos(0, 2));
    clock += 24 * 3_600_000 + 1;
    const fresh = await s.photos.open(ana, { gender: 'male', ethnicity: 'white' });
    expect(fresh.id).not.toBe(old.id);
    expect(await s.photos.collecting(ana)).toMatchObject({ id: fresh.id, gender: 'male' });
    expect(await store.photos.get(old.id)).toBeUndefined();
    expect(await storedBytes(old.id)).toEqual([]);
  });

  it('drops a set and its photos on cancel', async () => {
    const set = await s.photos.open(ana, { gender: 'female', ethnicity: 'white' });
    await s.photos.add(ana, photos(0, 4));
    expect(await storedBytes(set.id)).toHaveLength(4);
    expect(await s.photos.cancel(ana)).toEqual({ kind: 'set', photos: 4 });
    expect(await storedBytes(set.id)).toEqual([]);
    await expect(s.photos.cancel(ana)).rejects.toThrow('no photo set open');
  });
});

describe('checking photos by decoding them', () => {
  async function refusedAlone(file: IncomingAttachment): Promise<string | undefined> {
    const set = await s.photos.open(ana, { gender: 'female', ethnicity: 'white' });
    const report = await s.photos.add(ana, [file]);
    expect(report.added).toBe(0);
    expect(report.total).toBe(0);
    expect(await store.photos.files(set.id)).toEqual([]);
    expect(await storedBytes(set.id)).toEqual([]);
    return report.refused[0]?.reason;
  }

  it('refuses a 69-byte PNG that declares 100000×100000 pixels', async () => {
    const bomb = pngDeclaring100000Squared();
    expect(bomb.length).toBe(69);
    expect(await refusedAlone(sent('huge.png', bomb, 'image/png'))).toBe('is too large (100000×100000; at most 100 megapixels)');
  });

  it('refuses a 23-byte JPEG that declares 65535×65535 pixels', async () => {
    const bomb = jpegDeclaring65535Squared();
    expect(bomb.length).toBe(23);
    expect(await refusedAlone(sent('huge.jpg', bomb, 'image/jpeg'))).toBe('could not be read as an image');
  });

  it('refuses a 40-byte WebP that declares a 16.7M×16.7M canvas', async () => {
    const bomb = webpDeclaring16MSquared();
    expect(bomb.length).toBe(40);
    expect(await refusedAlone(sent('huge.webp', bomb, 'image/webp'))).toBe('could not be read as an image');
  });

  it('refuses a real PNG cut in half', async () => {
    const whole = await makeNoisyPng(600, 600);
    expect(await refusedAlone(sent('half.png', whole.subarray(0, whole.length >> 1), 'image/png'))).toBe('could not be read as an image');
  });

  it('refuses GIF, SVG, text and PDF by their content, whatever they claim to be', async () => {
    const set = await s.photos.open(ana, { gender: 'female', ethnicity: 'white' });
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="800" height="800"><rect width="800" height="800"/></svg>');
    const report = await s.photos.add(ana, [
      sent('anim.png', await makeGif(600, 600), 'image/png'),
      sent('logo.jpg', svg, 'image/jpeg'),
      sent('notes.png', Buffer.from('just some words, not a picture'), 'image/png'),
      sent('passport.pdf', Buffer.from('%PDF-1.4\nnot a face\n'), 'application/pdf'),
    ]);
    expect(report.refused.map((r) => r.reason)).toEqual(Array(4).fill('is not a JPEG, PNG or WebP photo'));
    expect(await storedBytes(set.id)).toEqual([]);
  });

  it('takes a real 600×600 PNG sent as text/plain with any name', async () => {
    await s.photos.open(ana, { gender: 'female', ethnicity: 'white' });
    const report = await s.photos.add(ana, [sent('notes.txt', makePng(600, 600, [1, 2, 3]), 'text/plain')]);
    expect(report).toMatchObject({ added: 1, refused: [], total: 1 });
  });

  it('takes JPEG, PNG and WebP photos', async () => {
    await s.photos.open(ana, { gender: 'female', ethnicity: 'white' });
    const report = await s.photos.add(ana, [
      sent('a.jpg', await makeJpeg(640, 800), 'image/jpeg'),
      sent('b.png', makePng(700, 700)),
      sent('c.webp', await makeWebp(900, 600), 'application/octet-stream'),
    ]);
    expect(report).toMatchObject({ added: 3, refused: [], total: 3 });
  });

  it('stores a large photo downscaled to 2048 px and uploads it so', async () => {
    const set = await s.photos.open(ana, { gender: 'female', ethnicity: 'white' });
    const large = await makeJpeg(4000, 3000, [90, 140, 200]);
    await s.photos.add(ana, [sent('large.jpg', large, 'image/jpeg'), ...photos(0, 9)]);
    const stored = await store.photos.files(set.id);
    expect(stored).toHaveLength(10);
    expect(stored[0]).toMatchObject({ width: 2048, height: 1536, contentType: 'image/jpeg' });
    expect(await sizeOf((await storedBytes(set.id))[0]!)).toEqual({ format: 'jpeg', width: 2048, height: 1536 });

    await s.photos.train(ana, 'ana', s.chat.responder(ana));
    const upload = await fake.waitForTask('ai-photo-upload');
    const sizes = await Promise.all((upload.body.images as string[]).map((b64) => sizeOf(Buffer.from(b64, 'base64'))));
    expect(sizes).toContainEqual({ format: 'jpeg', width: 2048, height: 1536 });
    expect(sizes.every((x) => x.width <= 2048 && x.height <= 2048)).toBe(true);
  });

  it('turns a photo upright by its EXIF orientation', async () => {
    const set = await s.photos.open(ana, { gender: 'female', ethnicity: 'white' });
    // Stored 800×600 with "rotate 90° clockwise to view": the person sees it 600×800.
    await s.photos.add(ana, [sent('sideways.jpg', await makeJpeg(800, 600, [5, 5, 5], { orientation: 6 }))]);
    const [stored] = await store.photos.files(set.id);
    expect(stored).toMatchObject({ width: 600, height: 800 });
    expect(await sizeOf((await storedBytes(set.id))[0]!)).toMatchObject({ width: 600, height: 800 });
  });

  it('uploads what was decoded, not what was sent: padding and metadata stay behind', async () => {
    const set = await s.photos.open(ana, { gender: 'female', ethnicity: 'white' });
    const padded = makePng(512, 512, [3, 4, 5], { padTo: 9 * 1024 * 1024 });
    const tagged = await makeJpeg(600, 600, [6, 7, 8], { description: 'taken at 12 Elm Street' });
    await s.photos.add(ana, [sent('padded.png', padded), sent('tagged.jpg', tagged)]);
    const stored = await storedBytes(set.id);
    expect(stored).toHaveLength(2);
    expect(stored.every((b) => b.length < 100_000)).toBe(true);
    expect(stored.some((b) => b.includes('Elm Street'))).toBe(false);
  });

  it('refuses a file over 25 MB by its size, before fetching it', async () => {
    await s.photos.open(ana, { gender: 'female', ethnicity: 'white' });
    let fetched = false;
    const report = await s.photos.add(ana, [
      { name: 'raw.png', size: 26 * 1024 * 1024, download: async () => ((fetched = true), makePng(512, 512)) },
    ]);
    expect(report.refused).toEqual([{ name: 'raw.png', reason: 'is larger than 25 MB' }]);
    expect(fetched).toBe(false);
  });

  it('says a file is too large when the platform refuses to hand it over for its size', async () => {
    await s.photos.open(ana, { gender: 'female', ethnicity: 'white' });
    const report = await s.photos.add(ana, [
      { name: 'big.jpg', download: async () => Promise.reject(new UserError('file_too_large', '“big.jpg” is larger than 20 MB; send a smaller file.', { maxBytes: 20 * 1024 * 1024 })) },
    ]);
    expect(report.refused).toEqual([{ name: 'big.jpg', reason: 'is larger than 20 MB' }]);
  });
});

describe('training', () => {
  it('needs 10 photos, says how many more', async () => {
    await s.photos.open(ana, { gender: 'female', ethnicity: 'white' });
    await s.photos.add(ana, photos(0, 7));
    await expect(s.photos.train(ana, 'ana', s.chat.responder(ana))).rejects.toThrow('Your set has 7 photos; training needs at least 10. Send 3 more.');
    expect(fake.requests).toHaveLength(0);
  });

  it('checks the wallet for the whole training up front', async () => {
    await s.photos.open(ana, { gender: 'female', ethnicity: 'white' });
    await s.photos.add(ana, photos(0, 30));
    await expect(s.photos.train(ana, 'ana', s.chat.responder(ana))).rejects.toThrow(
      "Training 30 photos costs 122 credits (2 to prepare + 4 per photo), but this group's wallet has 100.",
    );
    expect(await wallet()).toBe(100);
    expect(fake.requests).toHaveLength(0);
  });

  it('prepares, deletes the photos, trains in the same message, and reports the model ready', async () => {
    const set = await s.photos.open(ana, { gender: 'female', ethnicity: 'white', age: 30 });
    await s.photos.add(ana, photos(0, 12));
    await s.photos.train(ana, 'Ana', s.chat.responder(ana));
    const upload = await fake.waitForTask('ai-photo-upload');
    expect(upload.body).toMatchObject({ gender: 'female', ethnicity: 'white', age: 30 });
    expect((upload.body.images as string[]).length).toBe(12);
    expect(upload.body.set_id).toBeUndefined();
    // The task row does not hold the photos.
    expect(JSON.stringify(store.db.prepare('SELECT request_json FROM tasks').all())).not.toContain('iVBOR');
    expect(await wallet()).toBe(98);

    await fake.finish(upload.id);
    await s.tasks.sweep();
    await s.tasks.idle();
    expect(await storedBytes(set.id)).toEqual([]);
    expect(await store.photos.files(set.id)).toEqual([]);
    const train = await fake.waitForTask('ai-photo-train');
    expect(train.body).toMatchObject({ training_images_id: upload.id });
    expect(await wallet()).toBe(98 - 48);
    await fake.progress(train.id, 40);
    await s.tasks.sweep();
    await s.tasks.idle();
    const progress = s.chat.of('progress')[0]!;
    expect(s.chat.of('edit').some((e) => e.messageId === progress.messageId && e.text.includes('40%'))).toBe(true);

    await fake.finish(train.id);
    await s.tasks.sweep();
    await s.tasks.idle();
    const ready = s.chat.of('result').at(-1)!;
    expect(ready.text).toContain('Your model “Ana” is ready');
    expect(ready.result!.images).toEqual([]);
    expect(await store.photos.get(set.id)).toMatchObject({ status: 'ready', trainingId: train.id });
    expect((await store.photos.get(set.id))!.triggerWord).toMatch(/^TOK[A-Z]{3}$/);
  });

  it('refunds a failed preparation and shows the reason', async () => {
    const set = await s.photos.open(ana, { gender: 'female', ethnicity: 'white' });
    await s.photos.add(ana, photos(0, 10));
    await s.photos.train(ana, 'ana', s.chat.responder(ana));
    const upload = await fake.waitForTask('ai-photo-upload');
    await fake.fail(upload.id, 'Too few faces detected');
    await s.tasks.sweep();
    await s.tasks.idle();
    expect((await s.chat.waitFor((e) => e.kind === 'failure')).text).toContain('Too few faces detected');
    expect(await wallet()).toBe(100);
    expect((await store.photos.get(set.id))?.status).toBe('failed');
    expect(await storedBytes(set.id)).toEqual([]);
  });

  it('refunds a failed training', async () => {
    await s.photos.open(ana, { gender: 'female', ethnicity: 'white' });
    await s.photos.add(ana, photos(0, 10));
    await s.photos.train(ana, 'ana', s.chat.responder(ana));
    await fake.finish((await fake.waitForTask('ai-photo-upload')).id);
    await s.tasks.sweep();
    await s.tasks.idle();
    const train = await fake.waitForTask('ai-photo-train');
    expect(await wallet()).toBe(100 - 2 - 40);
    await fake.fail(train.id, 'Training failed');
    await s.tasks.sweep();
    await s.tasks.idle();
    expect(await wallet()).toBe(98);
    expect(await s.photos.list(ana)).toContain('ana — failed');
  });

  it('starts the training after a restart when the preparation finished while the bot was down', async () => {
    await s.photos.open(ana, { gender: 'female', ethnicity: 'white' });
    await s.photos.add(ana, photos(0, 10));
    await s.photos.train(ana, 'ana', s.chat.responder(ana));
    const upload = await fake.waitForTask('ai-photo-upload');
    await fake.finish(upload.id);
    // A new process: same store, new services.
    const again = testServices(store, client, { freeCredits: 100, now: () => clock, chat: s.chat });
    await again.tasks.resume();
    await again.tasks.idle();
    await again.photos.resume();
    await again.tasks.idle();
    expect((await fake.waitForTask('ai-photo-train')).body).toMatchObject({ training_images_id: upload.id });
    expect(fake.callCount('/ai-photo-train')).toBe(1);
    again.cleanup();
  });
});

describe('generating', () => {
  it('adds the trigger word and subject, charges per photo, and offers 🔄', async () => {
    await trainedModel();
    const before = await wallet();
    await s.photos.generate(ana, { prompt: 'a portrait in a linen suit', count: 3, aspectRatio: '3:4', seed: 42 }, s.chat.responder(ana));
    const gen = await fake.waitForTask('ai-photo-generate');
    const trigger = (await store.photos.modelsFor('telegram', '7', '-100'))[0]!.triggerWord!;
    expect(gen.body).toMatchObject({ prompt: `${trigger} white woman, a portrait in a linen suit`, number_of_images: '3', aspect_ratio: '3:4', seed: 42 });
    const result = await s.chat.waitFor((e) => e.kind === 'result' && e.result!.images.length === 3);
    expect(result.result!.buttons.flat().map((b) => b.label)).toEqual(['🔄']);
    expect(await wallet()).toBe(before - 3);
  });

  it('says a model is still training, or unknown, or missing', async () => {
    await expect(s.photos.generate(ana, { prompt: 'x', count: 1 }, s.chat.responder(ana))).rejects.toThrow('no trained model yet');
    await s.photos.open(ana, { gender: 'female', ethnicity: 'white' });
    await s.photos.add(ana, photos(0, 10));
    await s.photos.train(ana, 'ana', s.chat.responder(ana));
    await expect(s.photos.generate(ana, { prompt: 'x', count: 1 }, s.chat.responder(ana))).rejects.toThrow('“ana” is still being prepared');
    await expect(s.photos.generate(ana, { prompt: 'x', model: 'zed', count: 1 }, s.chat.responder(ana))).rejects.toThrow('no model called “zed”');
  });

  it("keeps a model to its owner until it is shared with the group", async () => {
    await trainedModel();
    await expect(s.photos.generate(bob, { prompt: 'x', count: 1 }, s.chat.responder(bob))).rejects.toThrow('no trained model yet');
    expect(await s.photos.list(bob)).not.toContain('ana');
    await s.photos.share(ana, 'ana', true);
    expect(await s.photos.list(bob)).toContain('ana — ready (shared by @ana)');
    await s.photos.generate(bob, { prompt: 'at the beach', count: 1 }, s.chat.responder(bob));
    expect(fake.callCount('/ai-photo-generate')).toBe(1);
    // Not in another chat, and bob cannot delete it.
    expect(await s.photos.list(scope({ chatId: '-200', userId: '8' }))).not.toContain('ana');
    await expect(s.photos.delete(bob, 'ana')).rejects.toThrow('You have no model called “ana”');
  });
});

describe('a training that cannot start', () => {
  async function preparedButShort(): Promise<string> {
    await s.photos.open(ana, { gender: 'female', ethnicity: 'white' });
    await s.photos.add(ana, photos(0, 10));
    await s.photos.train(ana, 'ana', s.chat.responder(ana));
    const upload = await fake.waitForTask('ai-photo-upload');
    // Someone else spends the group's credits while the photos are being prepared.
    await s.credits.take('telegram:chat:-100', await wallet(), bob);
    await fake.finish(upload.id);
    await s.tasks.sweep();
    await s.tasks.idle();
    return upload.id;
  }

  it('keeps the prepared set, says why, and trains on /photos train once credits are back', async () => {
    const uploadId = await preparedButShort();
    const said = await s.chat.waitFor((e) => e.text.includes('did not start'));
    expect(said.text).toContain("That costs 40 credits, but this group's wallet has 0.");
    expect(said.text).toContain('use /photos train to try again');
    expect(fake.callCount('/ai-photo-train')).toBe(0);
    expect(await s.photos.list(ana)).toContain('ana — prepared, waiting for /photos train');

    // A restart does not retry on its own (no surprise charges, no repeated messages).
    await s.photos.resume();
    await s.tasks.idle();
    expect(fake.callCount('/ai-photo-train')).toBe(0);

    await s.credits.grant('telegram:chat:-100', 40, bob);
    await s.photos.train(ana, undefined, s.chat.responder(ana));
    expect((await fake.waitForTask('ai-photo-train')).body).toMatchObject({ training_images_id: uploadId });
    expect(await wallet()).toBe(0);
  });

  it('keeps the prepared set when Apiframe refuses to start the training', async () => {
    await s.photos.open(ana, { gender: 'female', ethnicity: 'white' });
    await s.photos.add(ana, photos(0, 10));
    await s.photos.train(ana, 'ana', s.chat.responder(ana));
    const upload = await fake.waitForTask('ai-photo-upload');
    fake.failNext('/ai-photo-train', { status: 500, body: {} });
    await fake.finish(upload.id);
    await s.tasks.sweep();
    await s.tasks.idle();
    const said = await s.chat.waitFor((e) => e.text.includes('did not start'));
    expect(said.text).toBe('❌ Training “ana” did not start: the image service could not be reached. Nothing was charged for it. Your photos are prepared; use /photos train to try again.');
    expect(await wallet()).toBe(98); // the training was refunded, the preparation was done
    await s.photos.train(ana, undefined, s.chat.responder(ana));
    await fake.waitForTask('ai-photo-train');
    expect((await store.photos.modelsFor('telegram', '7', '-100'))[0]?.status).toBe('training');
  });
});

describe('photos collected by a build that kept them on disk (before they moved into the store)', () => {
  let legacyDir: string;
  beforeEach(() => {
    legacyDir = mkdtempSync(join(tmpdir(), 'framebot-legacy-photos-'));
  });
  afterEach(() => {
    rmSync(legacyDir, { recursive: true, force: true });
  });

  /** A set of `count` photos as an older build left it: rows without bytes, each naming its file on disk. */
  async function legacySet(count: number, onDisk = count): Promise<{ id: string; folder: string; bytes: Buffer[] }> {
    const set = await s.photos.open(ana, { gender: 'female', ethnicity: 'white' });
    const folder = join(legacyDir, set.id);
    mkdirSync(folder);
    const bytes = Array.from({ length: count }, (_, i) => Buffer.from(makePng(512, 512, [i, 2 * i, 3 * i])));
    bytes.forEach((b, i) => {
      const path = join(folder, `${String(i).padStart(64, '0')}.jpg`);
      if (i < onDisk) writeFileSync(path, b);
      store.db
        .prepare(`INSERT INTO photo_files (set_id, sha256, path, bytes, width, height, content_type, content, created_at) VALUES (?, ?, ?, ?, 512, 512, 'image/jpeg', NULL, ?)`)
        .run(set.id, String(i).padStart(64, '0'), path, b.length, clock + i);
    });
    return { id: set.id, folder, bytes };
  }

  it('uploads them from where that build wrote them, then deletes them and their folder', async () => {
    const legacy = await legacySet(10);
    await s.photos.train(ana, 'ana', s.chat.responder(ana));
    const upload = await fake.waitForTask('ai-photo-upload');
    expect(upload.body.images).toEqual(legacy.bytes.map((b) => b.toString('base64')));
    await fake.finish(upload.id);
    await s.tasks.sweep();
    await s.tasks.idle();
    expect(await store.photos.files(legacy.id)).toEqual([]);
    expect(existsSync(legacy.folder)).toBe(false);
  });

  it('deletes them from disk when the set is cancelled', async () => {
    const legacy = await legacySet(3);
    expect(await s.photos.cancel(ana)).toEqual({ kind: 'set', photos: 3 });
    expect(existsSync(legacy.folder)).toBe(false);
  });

  it('fails the preparation, refunded, with a clear message when a photo is not on this disk', async () => {
    const legacy = await legacySet(10, 9);
    await expect(s.photos.train(ana, 'ana', s.chat.responder(ana))).rejects.toThrow('The photos of this set are no longer here; start again with /photos new.');
    await s.tasks.idle();
    expect(fake.callCount('/ai-photo-upload')).toBe(0);
    expect(await wallet()).toBe(100);
    expect((await store.photos.get(legacy.id))?.status).toBe('failed');
    expect(existsSync(legacy.folder)).toBe(false);
  });
});
