import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, type Store } from '../../src/store/index.ts';
import { ApiframeClient } from '../../src/providers/apiframe/client.ts';
import { imageInfo } from '../../src/core/image-info.ts';
import type { IncomingAttachment, Scope } from '../../src/core/chat.ts';
import { FakeApiframe } from '../fakes/apiframe.ts';
import { makePng } from '../fakes/png.ts';
import { scope } from '../support/memory-chat.ts';
import { memoryLogger } from '../support/silent-log.ts';
import { testServices, type TestServices } from '../support/services.ts';

let fake: FakeApiframe;
let store: Store;
let client: ApiframeClient;
let s: TestServices;
let clock: number;
const ana = scope({ chatId: '-100', userId: '7', userName: '@ana' });
const bob = scope({ chatId: '-100', userId: '8', userName: '@bob' });
const wallet = () => store.wallets.get('telegram:chat:-100')!.balance;

function photo(n: number, size = 512, over: Partial<IncomingAttachment> = {}): IncomingAttachment {
  const bytes = makePng(size, size, [n % 256, (n * 7) % 256, (n * 13) % 256]);
  return { name: `photo-${n}.png`, contentType: 'image/png', size: bytes.length, download: async () => bytes, ...over };
}
const photos = (from: number, count: number) => Array.from({ length: count }, (_, i) => photo(from + i));

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
  s.photos.open(who, { gender: 'female', ethnicity: 'white', age: 30 });
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
    s.photos.open(ana, { gender: 'female', ethnicity: 'white' });
    const first = await s.photos.add(ana, [photo(1), photo(2)]);
    expect(first).toEqual({ added: 2, refused: [], total: 2 });
    const second = await s.photos.add(ana, [
      photo(1), // duplicate
      photo(3, 100), // too small
      { name: 'notes.pdf', contentType: 'application/pdf', size: 10, download: async () => new Uint8Array(10) },
      { name: 'fake.png', contentType: 'image/png', size: 10, download: async () => new TextEncoder().encode('not a png!') },
      photo(4, 512, { size: 11 * 1024 * 1024 }),
    ]);
    expect(second.added).toBe(0);
    expect(second.total).toBe(2);
    expect(second.refused.map((r) => r.reason)).toEqual([
      'is a duplicate of a photo already in the set',
      'is too small (100×100; at least 512 px on each side)',
      'is not an image',
      'is not a JPEG, PNG or WebP photo',
      'is larger than 10 MB',
    ]);
  });

  it('caps the bytes of a whole set, since it is uploaded as one request', async () => {
    s.photos.open(ana, { gender: 'male', ethnicity: 'asian' });
    const big = (n: number): IncomingAttachment => {
      const bytes = makePng(512, 512, [n, n, n], { padTo: 9 * 1024 * 1024 });
      return { name: `big-${n}.png`, contentType: 'image/png', size: bytes.length, download: async () => bytes };
    };
    const report = await s.photos.add(ana, Array.from({ length: 9 }, (_, i) => big(i + 1)));
    expect(report.total).toBe(8);
    expect(report.refused).toEqual([{ name: 'big-9.png', reason: 'would make the set larger than 80 MB in all; send smaller photos' }]);
  });

  it('stops at 30 photos', async () => {
    s.photos.open(ana, { gender: 'male', ethnicity: 'asian' });
    const report = await s.photos.add(ana, photos(0, 32));
    expect(report.total).toBe(30);
    expect(report.refused.map((r) => r.reason)).toEqual(['was not added: the set is full (30 photos)', 'was not added: the set is full (30 photos)']);
  });

  it('counts batches in the order they arrive', async () => {
    s.photos.open(ana, { gender: 'male', ethnicity: 'asian' });
    const [a, b] = await Promise.all([s.photos.add(ana, photos(0, 5)), s.photos.add(ana, photos(5, 5))]);
    expect([a.total, b.total]).toEqual([5, 10]);
  });

  it('keeps one open set per person and chat', async () => {
    s.photos.open(ana, { gender: 'female', ethnicity: 'white' });
    expect(() => s.photos.open(ana, { gender: 'female', ethnicity: 'white' })).toThrow('already have a photo set open');
    expect(s.photos.collecting(bob)).toBeUndefined();
    await expect(s.photos.add(bob, [photo(1)])).rejects.toThrow('no photo set open');
  });

  it('forgets a set after a day, files and rows', async () => {
    const set = s.photos.open(ana, { gender: 'female', ethnicity: 'white' });
    await s.photos.add(ana, photos(0, 3));
    expect(readdirSync(join(s.photosDir, set.id))).toHaveLength(3);
    clock += 24 * 3_600_000 + 1;
    expect(s.photos.collecting(ana)).toBeUndefined();
    expect(await s.photos.expire()).toBe(1);
    expect(existsSync(join(s.photosDir, set.id))).toBe(false);
    expect(store.photos.get(set.id)).toBeUndefined();
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM photo_files').get()).toEqual({ n: 0 });
  });

  it('drops a set and its photos on cancel', async () => {
    const set = s.photos.open(ana, { gender: 'female', ethnicity: 'white' });
    await s.photos.add(ana, photos(0, 4));
    expect(await s.photos.cancel(ana)).toEqual({ kind: 'set', photos: 4 });
    expect(existsSync(join(s.photosDir, set.id))).toBe(false);
    await expect(s.photos.cancel(ana)).rejects.toThrow('no photo set open');
  });
});

describe('training', () => {
  it('needs 10 photos, says how many more', async () => {
    s.photos.open(ana, { gender: 'female', ethnicity: 'white' });
    await s.photos.add(ana, photos(0, 7));
    await expect(s.photos.train(ana, 'ana', s.chat.responder(ana))).rejects.toThrow('Your set has 7 photos; training needs at least 10. Send 3 more.');
    expect(fake.requests).toHaveLength(0);
  });

  it('checks the wallet for the whole training up front', async () => {
    s.photos.open(ana, { gender: 'female', ethnicity: 'white' });
    await s.photos.add(ana, photos(0, 30));
    await expect(s.photos.train(ana, 'ana', s.chat.responder(ana))).rejects.toThrow(
      "Training 30 photos costs 122 credits (2 to prepare + 4 per photo), but this group's wallet has 100.",
    );
    expect(wallet()).toBe(100);
    expect(fake.requests).toHaveLength(0);
  });

  it('prepares, deletes the photos, trains in the same message, and reports the model ready', async () => {
    const set = s.photos.open(ana, { gender: 'female', ethnicity: 'white', age: 30 });
    await s.photos.add(ana, photos(0, 12));
    await s.photos.train(ana, 'Ana', s.chat.responder(ana));
    const upload = await fake.waitForTask('ai-photo-upload');
    expect(upload.body).toMatchObject({ gender: 'female', ethnicity: 'white', age: 30 });
    expect((upload.body.images as string[]).length).toBe(12);
    expect(upload.body.set_id).toBeUndefined();
    // The task row does not hold the photos.
    expect(JSON.stringify(store.db.prepare('SELECT request_json FROM tasks').all())).not.toContain('iVBOR');
    expect(wallet()).toBe(98);

    await fake.finish(upload.id);
    await s.tasks.sweep();
    await s.tasks.idle();
    expect(existsSync(join(s.photosDir, set.id))).toBe(false);
    expect(store.photos.files(set.id)).toEqual([]);
    const train = await fake.waitForTask('ai-photo-train');
    expect(train.body).toMatchObject({ training_images_id: upload.id });
    expect(wallet()).toBe(98 - 48);
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
    expect(store.photos.get(set.id)).toMatchObject({ status: 'ready', trainingId: train.id });
    expect(store.photos.get(set.id)!.triggerWord).toMatch(/^TOK[A-Z]{3}$/);
  });

  it('refunds a failed preparation and shows the reason', async () => {
    const set = s.photos.open(ana, { gender: 'female', ethnicity: 'white' });
    await s.photos.add(ana, photos(0, 10));
    await s.photos.train(ana, 'ana', s.chat.responder(ana));
    const upload = await fake.waitForTask('ai-photo-upload');
    await fake.fail(upload.id, 'Too few faces detected');
    await s.tasks.sweep();
    await s.tasks.idle();
    expect((await s.chat.waitFor((e) => e.kind === 'failure')).text).toContain('Too few faces detected');
    expect(wallet()).toBe(100);
    expect(store.photos.get(set.id)?.status).toBe('failed');
    expect(existsSync(join(s.photosDir, set.id))).toBe(false);
  });

  it('refunds a failed training', async () => {
    s.photos.open(ana, { gender: 'female', ethnicity: 'white' });
    await s.photos.add(ana, photos(0, 10));
    await s.photos.train(ana, 'ana', s.chat.responder(ana));
    await fake.finish((await fake.waitForTask('ai-photo-upload')).id);
    await s.tasks.sweep();
    await s.tasks.idle();
    const train = await fake.waitForTask('ai-photo-train');
    expect(wallet()).toBe(100 - 2 - 40);
    await fake.fail(train.id, 'Training failed');
    await s.tasks.sweep();
    await s.tasks.idle();
    expect(wallet()).toBe(98);
    expect(s.photos.list(ana)).toContain('ana — failed');
  });

  it('starts the training after a restart when the preparation finished while the bot was down', async () => {
    s.photos.open(ana, { gender: 'female', ethnicity: 'white' });
    await s.photos.add(ana, photos(0, 10));
    await s.photos.train(ana, 'ana', s.chat.responder(ana));
    const upload = await fake.waitForTask('ai-photo-upload');
    await fake.finish(upload.id);
    // A new process: same store, new services.
    const again = testServices(store, client, { freeCredits: 100, now: () => clock, photosDir: s.photosDir, chat: s.chat });
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
    const before = wallet();
    await s.photos.generate(ana, { prompt: 'a portrait in a linen suit', count: 3, aspectRatio: '3:4', seed: 42 }, s.chat.responder(ana));
    const gen = await fake.waitForTask('ai-photo-generate');
    const trigger = store.photos.modelsFor('telegram', '7', '-100')[0]!.triggerWord!;
    expect(gen.body).toMatchObject({ prompt: `${trigger} white woman, a portrait in a linen suit`, number_of_images: '3', aspect_ratio: '3:4', seed: 42 });
    const result = await s.chat.waitFor((e) => e.kind === 'result' && e.result!.images.length === 3);
    expect(result.result!.buttons.flat().map((b) => b.label)).toEqual(['🔄']);
    expect(wallet()).toBe(before - 3);
  });

  it('says a model is still training, or unknown, or missing', async () => {
    await expect(s.photos.generate(ana, { prompt: 'x', count: 1 }, s.chat.responder(ana))).rejects.toThrow('no trained model yet');
    s.photos.open(ana, { gender: 'female', ethnicity: 'white' });
    await s.photos.add(ana, photos(0, 10));
    await s.photos.train(ana, 'ana', s.chat.responder(ana));
    await expect(s.photos.generate(ana, { prompt: 'x', count: 1 }, s.chat.responder(ana))).rejects.toThrow('“ana” is still being prepared');
    await expect(s.photos.generate(ana, { prompt: 'x', model: 'zed', count: 1 }, s.chat.responder(ana))).rejects.toThrow('no model called “zed”');
  });

  it("keeps a model to its owner until it is shared with the group", async () => {
    await trainedModel();
    await expect(s.photos.generate(bob, { prompt: 'x', count: 1 }, s.chat.responder(bob))).rejects.toThrow('no trained model yet');
    expect(s.photos.list(bob)).not.toContain('ana');
    s.photos.share(ana, 'ana', true);
    expect(s.photos.list(bob)).toContain('ana — ready (shared by @ana)');
    await s.photos.generate(bob, { prompt: 'at the beach', count: 1 }, s.chat.responder(bob));
    expect(fake.callCount('/ai-photo-generate')).toBe(1);
    // Not in another chat, and bob cannot delete it.
    expect(s.photos.list(scope({ chatId: '-200', userId: '8' }))).not.toContain('ana');
    await expect(s.photos.delete(bob, 'ana')).rejects.toThrow('You have no model called “ana”');
  });
});

describe('imageInfo', () => {
  it('reads PNG, JPEG and WebP sizes from their bytes', () => {
    expect(imageInfo(makePng(640, 480))).toEqual({ contentType: 'image/png', width: 640, height: 480 });
    // A minimal JPEG header: SOI, APP0, SOF0 with height 300 and width 400.
    const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x0b, 0x08, 0x01, 0x2c, 0x01, 0x90, 0x01, 0x01, 0x11, 0x00]);
    expect(imageInfo(jpeg)).toEqual({ contentType: 'image/jpeg', width: 400, height: 300 });
    const webp = new Uint8Array(30);
    webp.set(new TextEncoder().encode('RIFF'), 0);
    webp.set(new TextEncoder().encode('WEBPVP8X'), 8);
    webp.set([0x7f, 0x02, 0x00, 0xdf, 0x01, 0x00], 24); // 640 × 480
    expect(imageInfo(webp)).toEqual({ contentType: 'image/webp', width: 640, height: 480 });
    expect(imageInfo(new TextEncoder().encode('GIF89a....'))).toBeUndefined();
  });
});

describe('a training that cannot start', () => {
  async function preparedButShort(): Promise<string> {
    s.photos.open(ana, { gender: 'female', ethnicity: 'white' });
    await s.photos.add(ana, photos(0, 10));
    await s.photos.train(ana, 'ana', s.chat.responder(ana));
    const upload = await fake.waitForTask('ai-photo-upload');
    // Someone else spends the group's credits while the photos are being prepared.
    s.credits.take('telegram:chat:-100', wallet(), bob);
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
    expect(s.photos.list(ana)).toContain('ana — prepared, waiting for /photos train');

    // A restart does not retry on its own (no surprise charges, no repeated messages).
    await s.photos.resume();
    await s.tasks.idle();
    expect(fake.callCount('/ai-photo-train')).toBe(0);

    s.credits.grant('telegram:chat:-100', 40, bob);
    await s.photos.train(ana, undefined, s.chat.responder(ana));
    expect((await fake.waitForTask('ai-photo-train')).body).toMatchObject({ training_images_id: uploadId });
    expect(wallet()).toBe(0);
  });

  it('keeps the prepared set when Apiframe refuses to start the training', async () => {
    s.photos.open(ana, { gender: 'female', ethnicity: 'white' });
    await s.photos.add(ana, photos(0, 10));
    await s.photos.train(ana, 'ana', s.chat.responder(ana));
    const upload = await fake.waitForTask('ai-photo-upload');
    fake.failNext('/ai-photo-train', { status: 500, body: {} });
    await fake.finish(upload.id);
    await s.tasks.sweep();
    await s.tasks.idle();
    await s.chat.waitFor((e) => e.text.includes('did not start'));
    expect(wallet()).toBe(98); // the training was refunded, the preparation was done
    await s.photos.train(ana, undefined, s.chat.responder(ana));
    await fake.waitForTask('ai-photo-train');
    expect(store.photos.modelsFor('telegram', '7', '-100')[0]?.status).toBe('training');
  });
});
