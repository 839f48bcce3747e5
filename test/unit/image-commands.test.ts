// /blend and /faceswap through the core against the fake Apiframe, and the image helper they share
// with /imagine: public URLs go as they are, other files through /upload, and a file that cannot be
// used is refused before anything is charged.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, type SqliteStore } from '../../src/store/index.ts';
import { ApiframeClient } from '../../src/providers/apiframe/client.ts';
import { dispatch } from '../../src/core/dispatch.ts';
import type { CommandCall, CommandSpec, RawOptions } from '../../src/core/command.ts';
import type { IncomingAttachment } from '../../src/core/chat.ts';
import { apiframeRequest } from '../../src/providers/apiframe/jobs.ts';
import { RESULT_OF } from '../../src/providers/jobs.ts';
import { commands } from '../../commands/index.ts';
import { blend } from '../../commands/blend.ts';
import { faceswap } from '../../commands/faceswap.ts';
import { action } from '../../commands/action.ts';
import { imageUrls, sniffImage, UPLOAD_MAX_BYTES } from '../../commands/images.ts';
import { FakeApiframe } from '../fakes/apiframe.ts';
import { makePng } from '../fakes/png.ts';
import { GRID_BUTTONS } from '../support/keyboards.ts';
import { scope } from '../support/memory-chat.ts';
import { memoryLogger } from '../support/silent-log.ts';
import { testServices, type TestServices } from '../support/services.ts';

let fake: FakeApiframe;
let store: SqliteStore;
let client: ApiframeClient;
let services: TestServices;
const { log } = memoryLogger([], 'silent');
const WALLET = 'telegram:chat:-100';

async function setup(costs: Record<string, number> = {}): Promise<void> {
  fake = await FakeApiframe.start();
  store = createStore(':memory:');
  client = new ApiframeClient({ apiKey: fake.apiKey, baseUrl: fake.url, log, retries: 0 });
  services = testServices(store, client, { freeCredits: 100, costs });
}
async function teardown(): Promise<void> {
  services.cleanup();
  await client.close();
  await fake.close();
  store.close();
}
beforeEach(() => setup());
afterEach(() => teardown());

function ctx(): CommandCall {
  return { scope: scope(), respond: services.chat.responder(scope()), services, commands, usage: (c) => `/${c.name}`, isGroupAdmin: async () => false };
}
const run = (spec: CommandSpec, raw: RawOptions) => dispatch(spec, raw, ctx(), async () => {});
const lastError = () => services.chat.of('error').at(-1);
const balance = async () => (await store.wallets.get(WALLET))?.balance ?? 100;
const taskCount = () => (store.db.prepare('SELECT COUNT(*) AS n FROM tasks').get() as { n: number }).n;

/** A file with no public URL (as Telegram's): it can only reach Apiframe through /upload. */
function privateFile(name: string, bytes: Uint8Array = makePng(16, 16), over: Partial<IncomingAttachment> = {}): IncomingAttachment {
  return { name, contentType: 'image/png', size: bytes.byteLength, download: async () => bytes, ...over };
}
/** A file on a public CDN (as Discord's). */
function publicFile(n: number): IncomingAttachment {
  return { name: `cat${n}.png`, contentType: 'image/png', size: 100, publicUrl: `https://cdn.example/cat${n}.png`, download: async () => makePng(8, 8) };
}

async function finish(endpoint: string, n = 1) {
  const task = await fake.waitForTask(endpoint, n);
  await fake.finish(task.id);
  await services.tasks.sweep();
  await services.tasks.idle();
  return task;
}

describe('images as input', () => {
  it('passes a public URL as it is and copies a private file through /upload, in the order given', async () => {
    const urls = await imageUrls(services, [publicFile(1), privateFile('p.png'), publicFile(3)]);
    expect(urls[0]).toBe('https://cdn.example/cat1.png');
    expect(urls[1]).toMatch(new RegExp(`^${fake.url}/cdn/uploads/[\\w-]+\\.png$`));
    expect(urls[2]).toBe('https://cdn.example/cat3.png');
    expect(fake.callCount('/upload')).toBe(1);
  });

  it('uploads with the type the bytes show, not the one declared', async () => {
    const jpeg = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46]);
    await imageUrls(services, [privateFile('photo.png', jpeg)]);
    const upload = fake.requests.find((r) => r.path === '/upload')!;
    expect(JSON.stringify(upload.body)).toContain('image/jpeg');
    expect(sniffImage(makePng(4, 4))).toBe('png');
    expect(sniffImage(new TextEncoder().encode('GIF89a....'))).toBe('gif');
    expect(sniffImage(new TextEncoder().encode('hello'))).toBeUndefined();
  });

  it('refuses a file that only claims to be an image, and uploads none of the set', async () => {
    const text = new TextEncoder().encode('not a picture at all');
    await expect(imageUrls(services, [privateFile('a.png'), privateFile('fake.png', text)], 'blend')).rejects.toThrow(
      '“fake.png” is not an image. Attach a PNG, JPEG, WebP or GIF to blend it.',
    );
    expect(fake.callCount('/upload')).toBe(0);
  });

  it('refuses a download that turns out larger than /upload takes', async () => {
    const big = new Uint8Array(UPLOAD_MAX_BYTES + 1);
    await expect(imageUrls(services, [privateFile('big.png', big, { size: undefined })])).rejects.toThrow(/larger than 2 MB/);
    expect(fake.callCount('/upload')).toBe(0);
  });
});

describe('/blend', () => {
  it.each([
    [2, undefined, 'square'],
    [5, 'portrait', 'portrait'],
    [3, 'landscape', 'landscape'],
    [2, '2:3', 'portrait'],
    [2, '--landscape', 'landscape'],
    [2, 'Square', 'square'],
  ])('%i images with dimension %s ask /blend for %s, and charge 4', async (count, dimension, sent) => {
    const files = Array.from({ length: count }, (_, i) => publicFile(i + 1));
    await run(blend, { image: files, dimension });
    const task = await fake.waitForTask('blend');
    expect(task.body).toEqual({ image_urls: files.map((f) => f.publicUrl), dimension: sent });
    expect(await balance()).toBe(96);
  });

  it.each([
    ['one image', 1, /Blend mixes 2 to 5 images, and I got 1/],
    ['six images', 6, /Blend mixes 2 to 5 images, and I got 6/],
  ])('refuses %s, and submits and charges nothing', async (_name, count, message) => {
    await run(blend, { image: Array.from({ length: count }, (_, i) => privateFile(`p${i}.png`)) });
    expect(lastError()).toMatchObject({ userFault: true });
    expect(lastError()!.text).toMatch(message);
    expect(fake.requests).toEqual([]);
    expect(taskCount()).toBe(0);
    expect(await balance()).toBe(100);
  });

  it('refuses an unknown dimension and a file that is not an image, and charges nothing', async () => {
    await run(blend, { image: [publicFile(1), publicFile(2)], dimension: 'round' });
    expect(lastError()!.text).toBe('Dimension must be square, portrait, landscape (or 1:1, 2:3, 3:2).');
    await run(blend, { image: [publicFile(1), privateFile('notes.txt', new Uint8Array(3), { contentType: 'text/plain' })] });
    expect(lastError()!.text).toContain('“notes.txt” is not an image');
    await run(blend, { image: [publicFile(1), privateFile('huge.png', new Uint8Array(1), { size: 3 * 1024 * 1024 })] });
    expect(lastError()!.text).toContain('“huge.png” is larger than 2 MB');
    expect(fake.requests).toEqual([]);
    expect(await balance()).toBe(100);
  });

  it('ends in a grid with U/V/🔄, and U1 upscales the blend', async () => {
    await run(blend, { image: [publicFile(1), publicFile(2)], dimension: 'portrait' });
    const blended = await finish('blend');
    const result = await services.chat.waitFor((e) => e.kind === 'result');
    expect(result.text).toContain('Blend “2 images, portrait”');
    expect(result.result!.images).toEqual([{ url: blended.result!.original_image_url, filename: expect.any(String) }]);
    expect(result.result!.buttons.map((row) => row.map((b) => b.label))).toEqual(GRID_BUTTONS);

    await run(action, { id: result.result!.buttons[0]![0]!.id });
    const up = await fake.waitForTask('upscale-1x');
    expect(up.body).toMatchObject({ parent_task_id: blended.id, index: '1' });
    // The portrait shape rides along, so the upscale offers Make Square.
    await finish('upscale-1x');
    const upscaled = await services.chat.waitFor((e) => e.kind === 'result' && e.text.includes('Upscale #1'));
    expect(upscaled.result!.buttons.flat().map((b) => b.label)).toContain('Make Square');
  });

  it('costs what the operator set', async () => {
    await teardown();
    await setup({ blend: 7 });
    await run(blend, { image: [publicFile(1), publicFile(2)] });
    await fake.waitForTask('blend');
    expect(await balance()).toBe(93);
  });
});

describe('/faceswap', () => {
  it('sends the target and the face, charges 2, and ends in one image without buttons', async () => {
    await run(faceswap, { target: [publicFile(1)], face: [privateFile('me.png')] });
    const task = await fake.waitForTask('faceswap');
    expect(task.body.target_image_url).toBe('https://cdn.example/cat1.png');
    expect(task.body.swap_image_url).toMatch(/\/cdn\/uploads\/[\w-]+\.png$/);
    expect(await balance()).toBe(98);
    await finish('faceswap');
    const result = await services.chat.waitFor((e) => e.kind === 'result');
    expect(result.result).toMatchObject({ images: [{ url: expect.stringContaining('/faceswap.png') }], buttons: [] });
  });

  it.each([
    ['no face', { target: [publicFile(1)] }],
    ['two faces', { target: [publicFile(1)], face: [publicFile(2), publicFile(3)] }],
    ['nothing at all', {}],
  ])('refuses %s, explaining both images, and charges nothing', async (_name, raw) => {
    await run(faceswap, raw as RawOptions);
    expect(lastError()!.text).toMatch(/^Face swap takes exactly two images: the picture to change, then a photo of the face/);
    expect(fake.requests).toEqual([]);
    expect(await balance()).toBe(100);
  });

  it('a face swap that Apiframe fails is refunded', async () => {
    await run(faceswap, { target: [publicFile(1)], face: [publicFile(2)] });
    const task = await fake.waitForTask('faceswap');
    await fake.fail(task.id, 'No face found in the target image');
    await services.tasks.sweep();
    await services.tasks.idle();
    const failure = await services.chat.waitFor((e) => e.kind === 'failure');
    expect(failure.text).toContain('No face found in the target image');
    expect(await balance()).toBe(100);
  });
});

describe('the jobs', () => {
  it('map to Apiframe’s documented fields and results', () => {
    expect(apiframeRequest({ type: 'mj.blend', imageUrls: ['https://a/1.png', 'https://a/2.png'], dimension: 'landscape', aspectRatio: '3:2' })).toEqual({
      endpoint: 'blend',
      body: { image_urls: ['https://a/1.png', 'https://a/2.png'], dimension: 'landscape' },
    });
    expect(apiframeRequest({ type: 'mj.faceswap', targetUrl: 'https://a/t.png', faceUrl: 'https://a/f.png' })).toEqual({
      endpoint: 'faceswap',
      body: { target_image_url: 'https://a/t.png', swap_image_url: 'https://a/f.png' },
    });
    expect(RESULT_OF['mj.blend']).toBe('grid');
    expect(RESULT_OF['mj.faceswap']).toBe('image');
  });
});

describe('a wallet that cannot pay', () => {
  it.each([
    ['/blend', blend, () => ({ image: [privateFile('a.png'), privateFile('b.png', makePng(16, 16, [9, 9, 9]))] })],
    ['/faceswap', faceswap, () => ({ target: [privateFile('a.png')], face: [privateFile('b.png', makePng(16, 16, [9, 9, 9]))] })],
  ] as const)('%s copies nothing to Apiframe and says what is missing', async (_name, spec, raw) => {
    await teardown();
    await setup({ blend: 200, faceswap: 200 });
    await run(spec, raw());
    expect(lastError()?.text).toMatch(/costs 200 credits/);
    expect(fake.callCount('/upload')).toBe(0);
    expect(taskCount()).toBe(0);
  });
});
