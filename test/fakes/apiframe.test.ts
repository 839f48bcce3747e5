// Self-test of the fake Apiframe server: drives it with plain fetch.
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { crc32, inflateSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeApiframe } from './apiframe.ts';
import type { FakeApiframeOptions } from './apiframe.ts';
import { makePng } from './png.ts';

const started: FakeApiframe[] = [];
const receivers: Server[] = [];

async function startFake(opts?: FakeApiframeOptions): Promise<FakeApiframe> {
  const fake = await FakeApiframe.start(opts);
  started.push(fake);
  return fake;
}

afterEach(async () => {
  await Promise.all(started.splice(0).map((f) => f.close()));
  for (const server of receivers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

interface Reply {
  status: number;
  json: any;
}

async function call(fake: FakeApiframe, path: string, body?: unknown, init: { auth?: string | null; method?: string; signal?: AbortSignal } = {}): Promise<Reply> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const auth = init.auth === undefined ? fake.apiKey : init.auth;
  if (auth !== null) headers.authorization = auth;
  const res = await fetch(`${fake.url}${path}`, {
    method: init.method ?? (body === undefined ? 'GET' : 'POST'),
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: init.signal,
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

async function submit(fake: FakeApiframe, path: string, body: Record<string, unknown>): Promise<string> {
  const r = await call(fake, path, body);
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  expect(r.json.task_id).toMatch(/^[0-9a-f-]{36}$/);
  return r.json.task_id as string;
}

async function finishedImagine(fake: FakeApiframe): Promise<string> {
  const id = await submit(fake, '/imagine', { prompt: 'a cat' });
  await fake.finish(id);
  return id;
}

/** Parse PNG chunks, checking every CRC; returns IHDR fields and the inflated image data. */
function checkPng(buf: Buffer): { width: number; height: number; colorType: number; raw: Buffer; chunkTypes: string[] } {
  expect(buf.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  let off = 8;
  const chunkTypes: string[] = [];
  const idat: Buffer[] = [];
  let ihdr: Buffer | undefined;
  while (off < buf.length) {
    const len = buf.readUInt32BE(off);
    const type = buf.toString('latin1', off + 4, off + 8);
    const data = buf.subarray(off + 8, off + 8 + len);
    expect(buf.readUInt32BE(off + 8 + len), `crc of ${type}`).toBe(crc32(buf.subarray(off + 4, off + 8 + len)));
    chunkTypes.push(type);
    if (type === 'IHDR') ihdr = data;
    if (type === 'IDAT') idat.push(data);
    off += 12 + len;
  }
  expect(off).toBe(buf.length);
  expect(chunkTypes[0]).toBe('IHDR');
  expect(chunkTypes.at(-1)).toBe('IEND');
  const width = ihdr!.readUInt32BE(0);
  const height = ihdr!.readUInt32BE(4);
  const raw = inflateSync(Buffer.concat(idat));
  expect(raw.length).toBe(height * (1 + width * 3));
  return { width, height, colorType: ihdr![9]!, raw, chunkTypes };
}

async function startReceiver(status = 200): Promise<{ url: string; hits: Array<{ headers: IncomingHttpHeaders; body: any }> }> {
  const hits: Array<{ headers: IncomingHttpHeaders; body: any }> = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hits.push({ headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      res.writeHead(status).end('ok');
    });
  });
  receivers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, hits };
}

const pngB64 = makePng(2, 2).toString('base64');
const jpegB64 = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]).toString('base64');

describe('FakeApiframe', () => {
  it('requires the raw API key (401 {}) and answers 404 {} for unknown paths', async () => {
    const fake = await startFake({ apiKey: 'k-123' });
    expect(fake.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    for (const auth of [null, 'wrong', 'Bearer k-123']) {
      const r = await call(fake, '/imagine', { prompt: 'x' }, { auth });
      expect(r).toEqual({ status: 401, json: {} });
    }
    expect(await call(fake, '/account', undefined, { auth: null })).toEqual({ status: 401, json: {} });
    expect(await call(fake, '/nope', { a: 1 })).toEqual({ status: 404, json: {} });
    expect(await call(fake, '/account')).toEqual({
      status: 200,
      json: { email: 'fake@example.test', credits: 12000, total_images: 0, plan: 'starter', next_billing_date: null, subscription_credits: 12000, topup_credits: 0 },
    });
    fake.setCredits(40);
    expect((await call(fake, '/account')).json).toMatchObject({ credits: 40 });
    expect(fake.tasks.size).toBe(0);
    expect(fake.callCount('/imagine')).toBe(3);
  });

  it('validates /imagine and /fetch bodies', async () => {
    const fake = await startFake();
    for (const body of [{}, { prompt: '' }, { prompt: '   ' }, { prompt: 'x', aspect_ratio: '16x9' }, { prompt: 'x', aspect_ratio: '16:9 ' }]) {
      const r = await call(fake, '/imagine', body);
      expect(r.status).toBe(400);
      expect(r.json.errors[0].msg).toEqual(expect.any(String));
    }
    expect((await call(fake, '/imagine', { prompt: 'x', aspect_ratio: '16:9' })).status).toBe(200);
    expect((await call(fake, '/fetch', { task_id: 'unknown' })).status).toBe(400);
    expect((await call(fake, '/fetch', {})).status).toBe(400);
    for (const task_ids of [undefined, 'a,b', ['only-one'], Array(21).fill('x'), ['a', 2]]) {
      const r = await call(fake, '/fetch-many', { task_ids });
      expect(r.status).toBe(400);
      expect(r.json.errors[0].msg).toMatch(/task_ids/);
    }
    expect(fake.requests.at(-1)).toMatchObject({ method: 'POST', path: '/fetch-many', body: { task_ids: ['a', 2] } });
    expect(fake.requests.at(-1)!.headers.authorization).toBe(fake.apiKey);
  });

  it('steps an imagine task manually and shows the documented views', async () => {
    const fake = await startFake();
    const id = await submit(fake, '/imagine', { prompt: 'a red fox', aspect_ratio: '3:2' });
    expect(fake.tasks.get(id)).toMatchObject({ endpoint: 'imagine', status: 'staged', percentage: 0, body: { prompt: 'a red fox' } });
    expect((await call(fake, '/fetch', { task_id: id })).json).toEqual({ task_id: id, status: 'staged' });

    await fake.progress(id, 40);
    expect((await call(fake, '/fetch', { task_id: id })).json).toEqual({
      task_id: id,
      task_type: 'imagine',
      status: 'processing',
      percentage: '40',
    });

    const other = await submit(fake, '/imagine', { prompt: 'second' });
    await fake.finish(id);
    const finished = (await call(fake, '/fetch', { task_id: id })).json;
    expect(finished).toEqual({
      task_id: id,
      task_type: 'imagine',
      status: 'finished',
      original_image_url: `${fake.url}/cdn/${id}/grid.png`,
      image_urls: [0, 1, 2, 3].map((i) => `${fake.url}/cdn/${id}/${i}.png`),
    });
    expect(fake.tasks.get(id)!.result).toEqual(finished);

    const many = await call(fake, '/fetch-many', { task_ids: [other, 'missing', id] });
    expect(many.status).toBe(200);
    expect(many.json).toEqual({ tasks: [{ task_id: other, status: 'staged' }, finished] });

    await fake.fail(other, 'Banned prompt');
    expect((await call(fake, '/fetch', { task_id: other })).json).toEqual({
      task_id: other,
      task_type: 'imagine',
      status: 'failed',
      message: 'Banned prompt',
    });
    await expect(fake.finish(other)).rejects.toThrow(/already failed/);
    await expect(fake.progress('nope', 1)).rejects.toThrow(/unknown task/);
  });

  it('POSTs every change to webhook_url with the secret header', async () => {
    const fake = await startFake();
    const hook = await startReceiver();
    const id = await submit(fake, '/imagine', { prompt: 'p', webhook_url: hook.url, webhook_secret: 's3cret' });
    await fake.progress(id, 10);
    await fake.progress(id, 60);
    await fake.finish(id);
    expect(hook.hits.map((h) => h.body.status)).toEqual(['processing', 'processing', 'finished']);
    expect(hook.hits.map((h) => h.body.percentage)).toEqual(['10', '60', undefined]);
    for (const hit of hook.hits) {
      expect(hit.headers['x-webhook-secret']).toBe('s3cret');
      expect(hit.headers['content-type']).toBe('application/json');
    }
    expect(hook.hits[2]!.body).toEqual(fake.tasks.get(id)!.result);
    expect(fake.webhookDeliveries).toHaveLength(3);
    expect(fake.webhookDeliveries[0]).toEqual({ url: hook.url, taskId: id, body: hook.hits[0]!.body, status: 200 });

    // A failing or unreachable receiver is recorded, never thrown.
    const bad = await startReceiver(500);
    const id2 = await submit(fake, '/imagine', { prompt: 'p', webhook_url: bad.url });
    await fake.fail(id2, 'boom');
    expect(bad.hits[0]!.headers['x-webhook-secret']).toBeUndefined();
    expect(bad.hits[0]!.body).toMatchObject({ status: 'failed', message: 'boom' });
    const id3 = await submit(fake, '/imagine', { prompt: 'p', webhook_url: 'http://127.0.0.1:1/none' });
    await fake.finish(id3);
    expect(fake.webhookDeliveries.slice(3).map((d) => d.status)).toEqual([500, 'error']);
  });

  it('advances tasks by itself in auto mode, including tasks waiting before setMode', async () => {
    const fake = await startFake({ mode: 'auto', stepMs: 5, steps: [0, 50] });
    const hook = await startReceiver();
    const id = await submit(fake, '/imagine', { prompt: 'auto', webhook_url: hook.url });
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const view = (await call(fake, '/fetch', { task_id: id })).json;
      seen.add(view.status);
      if (view.status === 'finished') break;
      await new Promise((r) => setTimeout(r, 2));
    }
    expect(seen.has('finished')).toBe(true);
    await expect.poll(() => fake.webhookDeliveries.length).toBe(3);
    expect(hook.hits.map((h) => [h.body.status, h.body.percentage])).toEqual([
      ['processing', '0'],
      ['processing', '50'],
      ['finished', undefined],
    ]);

    fake.setMode('manual');
    const waiting = await submit(fake, '/imagine', { prompt: 'later' });
    await new Promise((r) => setTimeout(r, 30));
    expect(fake.tasks.get(waiting)!.status).toBe('staged');
    fake.setMode('auto');
    await expect.poll(() => fake.tasks.get(waiting)!.status).toBe('finished');
  });

  it('waitForTask resolves on creation, counts per endpoint, and times out', async () => {
    const fake = await startFake();
    const second = fake.waitForTask('imagine', 2, 2000);
    await submit(fake, '/imagine', { prompt: 'one' });
    const id = await submit(fake, '/imagine', { prompt: 'two' });
    expect((await second).id).toBe(id);
    expect((await fake.waitForTask('imagine')).body.prompt).toBe('one');
    await expect(fake.waitForTask('reroll', 1, 30)).rejects.toThrow(/timed out/);
  });

  it('runs reroll, upscale-1x and variations against a finished grid parent', async () => {
    const fake = await startFake();
    const staged = await submit(fake, '/imagine', { prompt: 'a cat' });
    expect((await call(fake, '/upscale-1x', { parent_task_id: staged, index: '1' })).json.errors[0].msg).toMatch(/not finished/);
    const parent = await finishedImagine(fake);

    const bad: Array<[string, Record<string, unknown>]> = [
      ['/reroll', {}],
      ['/reroll', { parent_task_id: 'missing' }],
      ['/upscale-1x', { parent_task_id: parent }],
      ['/upscale-1x', { parent_task_id: parent, index: '5' }],
      ['/upscale-1x', { parent_task_id: parent, index: 1 }],
      ['/upscale-1x', { parent_task_id: parent, index: 'strong' }],
      ['/variations', { parent_task_id: parent, index: 'medium' }],
      ['/variations', { parent_task_id: 'missing', index: '1' }],
    ];
    for (const [path, body] of bad) expect((await call(fake, path, body)).status, `${path} ${JSON.stringify(body)}`).toBe(400);

    const reroll = await submit(fake, '/reroll', { parent_task_id: parent, prompt: 'a dog' });
    const up = await submit(fake, '/upscale-1x', { parent_task_id: parent, index: '2' });
    const vary = await submit(fake, '/variations', { parent_task_id: parent, index: '3' });
    const strong = await submit(fake, '/variations', { parent_task_id: parent, index: 'strong' });
    await fake.progress(up, 50);
    expect((await call(fake, '/fetch', { task_id: up })).json).toEqual({ task_id: up, task_type: 'upscale#2', status: 'processing', percentage: '50' });
    for (const id of [reroll, up, vary, strong]) await fake.finish(id);

    const views = (await call(fake, '/fetch-many', { task_ids: [reroll, up, vary, strong] })).json.tasks;
    expect(views[0]).toMatchObject({ task_type: 'reroll', status: 'finished', original_image_url: `${fake.url}/cdn/${reroll}/grid.png` });
    expect(views[1]).toEqual({ task_id: up, task_type: 'upscale#2', status: 'finished', image_url: `${fake.url}/cdn/${up}/upscale.png` });
    expect(views[2]).toMatchObject({ task_type: 'variation-3', image_urls: expect.arrayContaining([`${fake.url}/cdn/${vary}/0.png`]) });
    expect(views[3].task_type).toBe('variation-strong');

    // upscale-1x needs a grid parent; a variations grid is fine, an upscale is not.
    expect((await call(fake, '/upscale-1x', { parent_task_id: up, index: '1' })).json.errors[0].msg).toMatch(/imagine, reroll or variations/);
    await submit(fake, '/upscale-1x', { parent_task_id: vary, index: '4' });
  });

  it('validates /blend and /faceswap as documented and runs them to a grid and to one image', async () => {
    const fake = await startFake();
    const url = (n: number) => `https://cdn.example/${n}.png`;
    const bad: Array<[string, Record<string, unknown>]> = [
      ['/blend', {}],
      ['/blend', { image_urls: [url(1)] }],
      ['/blend', { image_urls: [1, 2, 3, 4, 5, 6].map(url) }],
      ['/blend', { image_urls: [url(1), 'not a url'] }],
      ['/blend', { image_urls: [url(1), url(2)], dimension: 'round' }],
      ['/faceswap', { target_image_url: url(1) }],
      ['/faceswap', { swap_image_url: url(2) }],
      ['/faceswap', { target_image_url: 'file:///etc/passwd', swap_image_url: url(2) }],
    ];
    for (const [path, body] of bad) expect((await call(fake, path, body)).status, `${path} ${JSON.stringify(body)}`).toBe(400);

    const blend = await submit(fake, '/blend', { image_urls: [1, 2, 3, 4, 5].map(url), dimension: 'portrait' });
    const swap = await submit(fake, '/faceswap', { target_image_url: url(1), swap_image_url: url(2) });
    await fake.progress(blend, 40);
    expect((await call(fake, '/fetch', { task_id: blend })).json).toEqual({ task_id: blend, task_type: 'blend', status: 'processing', percentage: '40' });
    for (const id of [blend, swap]) await fake.finish(id);
    const [blended, swapped] = (await call(fake, '/fetch-many', { task_ids: [blend, swap] })).json.tasks;
    expect(blended).toEqual({
      task_id: blend,
      task_type: 'blend',
      status: 'finished',
      original_image_url: `${fake.url}/cdn/${blend}/grid.png`,
      image_urls: [0, 1, 2, 3].map((i) => `${fake.url}/cdn/${blend}/${i}.png`),
    });
    expect(swapped).toEqual({ task_id: swap, task_type: 'faceswap', status: 'finished', image_url: `${fake.url}/cdn/${swap}/faceswap.png` });
    expect((await fetch(swapped.image_url)).status).toBe(200);
    // A blend is a grid: its images can be upscaled.
    await submit(fake, '/upscale-1x', { parent_task_id: blend, index: '1' });
  });

  it('runs /blend and /faceswap by itself in auto mode', async () => {
    const fake = await startFake({ mode: 'auto', stepMs: 5, steps: [0, 50] });
    const blend = await submit(fake, '/blend', { image_urls: ['https://a.example/1.png', 'https://a.example/2.png'] });
    const swap = await submit(fake, '/faceswap', { target_image_url: 'https://a.example/1.png', swap_image_url: 'https://a.example/2.png' });
    await expect.poll(() => [fake.tasks.get(blend)!.status, fake.tasks.get(swap)!.status]).toEqual(['finished', 'finished']);
  });

  it('serves valid PNGs from /cdn, streamed, padded to imageBytes', async () => {
    const fake = await startFake({ imageBytes: 300_000 });
    const id = await finishedImagine(fake);
    const grid = (await call(fake, '/fetch', { task_id: id })).json.original_image_url as string;
    const res = await fetch(grid); // no Authorization needed, like a CDN
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    const buf = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get('content-length'))).toBe(buf.length);
    expect(buf.length).toBe(300_000);
    const png = checkPng(buf);
    expect(png).toMatchObject({ width: 64, height: 64, colorType: 2 });
    expect(png.chunkTypes).toContain('tEXt');

    const cell = Buffer.from(await (await fetch(`${fake.url}/cdn/${id}/0.png`)).arrayBuffer());
    expect(checkPng(cell)).toMatchObject({ width: 32, height: 32 });
    expect((await fetch(`${fake.url}/cdn/00000000-0000-0000-0000-000000000000/grid.png`)).status).toBe(404);
    expect((await fetch(`${fake.url}/cdn/${id}/other.png`)).status).toBe(404);

    const small = await startFake();
    const sid = await finishedImagine(small);
    const tiny = Buffer.from(await (await fetch(`${small.url}/cdn/${sid}/grid.png`)).arrayBuffer());
    expect(tiny.length).toBeLessThan(200);
    checkPng(tiny);
  });

  it('accepts multipart /upload and serves the bytes back', async () => {
    const fake = await startFake();
    const image = makePng(8, 8, [1, 2, 3]);
    const upload = async (blob: Blob, field = 'image'): Promise<Reply> => {
      const form = new FormData();
      form.append('note', 'hello');
      form.append(field, blob, 'photo.png');
      const res = await fetch(`${fake.url}/upload`, { method: 'POST', headers: { authorization: fake.apiKey }, body: form });
      return { status: res.status, json: await res.json() };
    };
    const ok = await upload(new Blob([image], { type: 'image/png' }));
    expect(ok.status).toBe(200);
    expect(ok.json.imageURL).toMatch(new RegExp(`^${fake.url}/cdn/uploads/[\\w-]+\\.png$`));
    const served = await fetch(ok.json.imageURL);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(image)).toBe(true);
    expect(fake.requests.at(-2)!.body).toEqual({
      fields: { note: 'hello' },
      files: [{ field: 'image', filename: 'photo.png', contentType: 'image/png', size: image.length }],
    });

    const gif = await upload(new Blob([Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1')]));
    expect(gif.status).toBe(200);
    const big = Buffer.concat([image, Buffer.alloc(2 * 1024 * 1024)]);
    expect(await upload(new Blob([big]))).toEqual({ status: 400, json: { errors: [{ msg: 'File too large' }] } });
    expect((await upload(new Blob(['just text']))).status).toBe(400);
    expect((await upload(new Blob([image]), 'file')).status).toBe(400);
    expect((await call(fake, '/upload', { image: 'x' })).status).toBe(400);
    expect(fake.tasks.size).toBe(0);
  });

  it('runs ai-photo upload -> train -> generate with the trigger word check', async () => {
    const fake = await startFake();
    const images = [...Array(5).fill(pngB64), ...Array(5).fill(jpegB64)];
    const base = { images, gender: 'female', ethnicity: 'middle eastern', age: 30 };
    for (const body of [
      { ...base, images: images.slice(1) },
      { ...base, images: Array(31).fill(pngB64) },
      { ...base, gender: 'other' },
      { ...base, ethnicity: 'martian' },
      { ...base, age: 30.5 },
    ]) {
      expect((await call(fake, '/ai-photo-upload', body)).status).toBe(400);
    }
    const notImage = await call(fake, '/ai-photo-upload', { ...base, images: [...images.slice(1), Buffer.from('hello').toString('base64')] });
    expect(notImage.json).toEqual({ errors: [{ msg: 'Invalid image' }] });

    const uploadId = await submit(fake, '/ai-photo-upload', base);
    expect((await call(fake, '/ai-photo-train', { training_images_id: uploadId })).status).toBe(400); // not ready
    await fake.progress(uploadId, 30);
    expect((await call(fake, '/fetch', { task_id: uploadId })).json).toEqual({
      task_id: uploadId,
      status: 'processing',
      message: 'Training images are being processed',
    });
    await fake.finish(uploadId);
    const prepared = (await call(fake, '/fetch', { task_id: uploadId })).json;
    expect(prepared).toMatchObject({ task_id: uploadId, status: 'finished', message: 'Images ready for training' });
    const expiresIn = Date.parse(prepared.expires_at) - Date.now();
    expect(expiresIn).toBeGreaterThan(6.9 * 86_400_000);
    expect(expiresIn).toBeLessThanOrEqual(7 * 86_400_000);

    expect((await call(fake, '/ai-photo-train', { training_images_id: 'missing' })).status).toBe(400);
    const trainId = await submit(fake, '/ai-photo-train', { training_images_id: uploadId, trigger_word: 'TOKMSN' });
    expect((await call(fake, '/ai-photo-generate', { training_id: trainId, prompt: 'TOKMSN' })).status).toBe(400); // not trained
    await fake.progress(trainId, 40);
    expect((await call(fake, '/fetch', { task_id: trainId })).json).toEqual({
      task_id: trainId,
      message: 'Training is in progress',
      status: 'processing',
      percentage: '40',
    });
    await fake.finish(trainId);
    const trained = (await call(fake, '/fetch', { task_id: trainId })).json;
    expect(trained).toMatchObject({ status: 'finished', percentage: 100, message: 'Training finished, you can generate photos now!' });
    expect(trained.trigger_word).toMatch(/^TOK[A-Z]{3}$/);
    const trigger = trained.trigger_word as string;

    const noWord = await call(fake, '/ai-photo-generate', { training_id: trainId, prompt: 'a portrait' });
    expect(noWord.json).toEqual({ errors: [{ msg: 'Prompt must contain the trigger word' }] });
    for (const extra of [{ number_of_images: '5' }, { number_of_images: 2 }, { aspect_ratio: 'wide' }, { seed: 'x' }]) {
      expect((await call(fake, '/ai-photo-generate', { training_id: trainId, prompt: trigger, ...extra })).status).toBe(400);
    }
    const gen = await call(fake, '/ai-photo-generate', {
      training_id: trainId,
      prompt: `a realistic portrait of ${trigger} woman`,
      number_of_images: '3',
      aspect_ratio: '3:4',
      seed: 7,
    });
    expect(gen.status).toBe(200);
    const genId = gen.json.task_id as string;
    expect(gen.json).toEqual({
      task_id: genId,
      status: 'finished',
      task_type: 'ai-photo-generate',
      image_urls: [0, 1, 2].map((i) => `${fake.url}/cdn/${genId}/${i}.png`),
    });
    expect(fake.tasks.get(genId)).toMatchObject({ endpoint: 'ai-photo-generate', status: 'finished' });
    expect((await call(fake, '/fetch', { task_id: genId })).json).toEqual(gen.json);
    checkPng(Buffer.from(await (await fetch(gen.json.image_urls[2])).arrayBuffer()));
    const one = await call(fake, '/ai-photo-generate', { training_id: trainId, prompt: trigger });
    expect(one.json.image_urls).toHaveLength(1);
  });

  it('validates /describe and /shorten and finishes them with numbered prompts', async () => {
    const fake = await startFake();
    expect((await call(fake, '/describe', {})).json).toEqual({ errors: [{ msg: 'image_url is required' }] });
    expect((await call(fake, '/describe', { image_url: 'file:///etc/passwd' })).json).toEqual({ errors: [{ msg: 'Invalid image_url' }] });
    expect((await call(fake, '/describe', { image_url: 'https://cdn.example/cat.png', process_mode: 'relax' })).status).toBe(400);
    expect((await call(fake, '/shorten', { prompt: '  ' })).json).toEqual({ errors: [{ msg: 'prompt is required' }] });

    const described = await submit(fake, '/describe', { image_url: 'https://cdn.example/cat.png' });
    await fake.progress(described, 50);
    expect((await call(fake, '/fetch', { task_id: described })).json).toMatchObject({ status: 'processing', percentage: '50' });
    await fake.finish(described);
    const describe = (await call(fake, '/fetch', { task_id: described })).json;
    expect(describe).toMatchObject({ task_type: 'describe', status: 'finished', image_url: 'https://cdn.example/cat.png' });
    expect(describe.content).toHaveLength(4);
    describe.content.forEach((line: string, i: number) => expect(line.startsWith(`${i + 1}\uFE0F\u20E3 `)).toBe(true));

    const shortened = await submit(fake, '/shorten', { prompt: 'a very beautiful red fox in the snow' });
    await fake.progress(shortened, 50);
    // The docs show an unfinished /shorten with a status only.
    expect((await call(fake, '/fetch', { task_id: shortened })).json).toEqual({ task_id: shortened, task_type: 'shorten', status: 'starting' });
    await fake.finish(shortened);
    const shorten = (await call(fake, '/fetch', { task_id: shortened })).json;
    expect(shorten.content[0]).toBe('1\uFE0F\u20E3 beautiful red fox snow');
    expect(shorten.full_content).toMatch(/^## Important tokens\n~~a~~ ~~very~~ \*\*beautiful\*\* \*\*red\*\* \*\*fox\*\* ~~in~~ ~~the~~ \*\*snow\*\*\n/);
  });

  it('failNext: canned status, FIFO, times, delay, then back to normal', async () => {
    const fake = await startFake();
    fake.failNext('/imagine', { status: 500, body: {} }, 2);
    fake.failNext('/imagine', { status: 400, body: { errors: [{ msg: 'Insufficient credits' }] }, delayMs: 30 });
    expect(await call(fake, '/imagine', { prompt: 'x' }, { auth: 'bad' })).toEqual({ status: 401, json: {} }); // auth first, not consumed
    expect(await call(fake, '/imagine', { prompt: 'x' })).toEqual({ status: 500, json: {} });
    expect(await call(fake, '/imagine', {})).toEqual({ status: 500, json: {} }); // even an invalid body
    const t0 = Date.now();
    expect((await call(fake, '/imagine', { prompt: 'x' })).json.errors[0].msg).toBe('Insufficient credits');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(25);
    expect((await call(fake, '/imagine', { prompt: 'x' })).status).toBe(200);
    expect(fake.tasks.size).toBe(1);
    fake.failNext('fetch-many', { status: 503 });
    expect(await call(fake, '/fetch-many', { task_ids: ['a', 'b'] })).toEqual({ status: 503, json: undefined });
    expect(fake.callCount('/imagine')).toBe(5);
    expect(fake.callCount('/fetch-many')).toBe(1);
  });

  it("failNext 'timeout' hangs until the client aborts, and close() ends it", async () => {
    const fake = await startFake();
    fake.failNext('/fetch', 'timeout', 2);
    const t0 = Date.now();
    const aborted = call(fake, '/fetch', { task_id: 'x' }, { signal: AbortSignal.timeout(150) });
    await expect(aborted).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);

    const pending = call(fake, '/fetch', { task_id: 'x' });
    pending.catch(() => undefined);
    await expect.poll(() => fake.callCount('/fetch')).toBe(2);
    const c0 = Date.now();
    await fake.close();
    expect(Date.now() - c0).toBeLessThan(1000);
    await expect(pending).rejects.toThrow();
  });

  it("failNext 'reset' destroys the socket", async () => {
    const fake = await startFake();
    fake.failNext('/imagine', 'reset');
    await expect(call(fake, '/imagine', { prompt: 'x' })).rejects.toThrow(/fetch failed/);
    expect((await call(fake, '/imagine', { prompt: 'x' })).status).toBe(200);
  });
});
