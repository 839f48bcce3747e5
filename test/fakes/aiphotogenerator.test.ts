// Self-test of the fake aiphotogenerator.net: drives it with plain fetch.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeAiphotogenerator, type FakeAiphotogeneratorOptions } from './aiphotogenerator.ts';
import { readPngSize } from './png.ts';

const started: FakeAiphotogenerator[] = [];
const receivers: Server[] = [];

async function startFake(opts?: FakeAiphotogeneratorOptions): Promise<FakeAiphotogenerator> {
  const fake = await FakeAiphotogenerator.start(opts);
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
  headers: Headers;
}

async function call(fake: FakeAiphotogenerator, path: string, body?: unknown, token: string | null = fake.token): Promise<Reply> {
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const res = await fetch(`${fake.url}${path}`, { method: body === undefined ? 'GET' : 'POST', headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined, headers: res.headers };
}

const valid = { model: 'flux-2', prompt: 'a lighthouse at dusk', width: 1024, height: 768 };

async function generate(fake: FakeAiphotogenerator, body: Record<string, unknown> = valid): Promise<string[]> {
  const r = await call(fake, '/images/generate', body);
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return (r.json.images as Array<{ id: string }>).map((i) => i.id);
}

/** A loopback server that records what is posted to it. */
async function receiver(): Promise<{ url: string; bodies: Array<{ path: string; body: any }> }> {
  const bodies: Array<{ path: string; body: any }> = [];
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString('utf8')));
    req.on('end', () => {
      bodies.push({ path: req.url ?? '', body: JSON.parse(text) });
      res.writeHead(200).end('{}');
    });
  });
  receivers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, bodies };
}

describe('FakeAiphotogenerator: generate', () => {
  it('queues one image per count and answers as the API page shows', async () => {
    const fake = await startFake();
    const r = await call(fake, '/images/generate', { ...valid, count: 3 });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ success: true, message: '3 image(s) queued for generation' });
    expect(r.json.images).toHaveLength(3);
    expect(r.json.images[0]).toMatchObject({ status: 0, width: 1024, height: 768 });
    expect(r.json.images[0].id).toMatch(/^[a-z0-9]+$/);
    expect(r.json.images[0].created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    expect(fake.images.size).toBe(3);
    expect(fake.callCount('/images/generate')).toBe(1);
  });

  it('refuses a missing or wrong token with 401', async () => {
    const fake = await startFake();
    expect((await call(fake, '/images/generate', valid, null)).status).toBe(401);
    expect((await call(fake, '/images/generate', valid, 'wrong')).json).toEqual({ message: 'Unauthenticated.' });
    expect(fake.images.size).toBe(0);
  });

  it.each([
    ['model', 'The model field is required.', {}],
    ['model', 'The selected model is invalid.', { ...valid, model: 'flux-1' }],
    ['prompt', 'The prompt field must not be greater than 1024 characters.', { ...valid, prompt: 'p'.repeat(1025) }],
    ['width', 'The width field must be at least 512.', { ...valid, width: 511 }],
    ['height', 'The height field must not be greater than 4096.', { ...valid, height: 4097 }],
    ['width', 'The width field must be an integer.', { ...valid, width: 1024.5 }],
    ['count', 'The count field must not be greater than 10.', { ...valid, count: 11 }],
    ['count', 'The count field must be at least 1.', { ...valid, count: 0 }],
    ['input', 'The input field must not have more than 10 items.', { ...valid, input: Array.from({ length: 11 }, (_, i) => `https://x.example/${i}.png`) }],
    ['input.0', 'The input.0 field must be a valid URL.', { ...valid, input: ['not a url'] }],
    ['negative_prompt', 'The negative prompt field must not be greater than 1024 characters.', { ...valid, negative_prompt: 'n'.repeat(1025) }],
  ])('answers 422 with Laravel-style details: %s %s', async (field, msg, body) => {
    const fake = await startFake();
    const r = await call(fake, '/images/generate', body);
    expect(r.status).toBe(422);
    expect(r.json.errors[field]).toEqual([msg]);
    expect(r.json.message).toContain(msg);
    expect(fake.images.size).toBe(0);
  });

  it('counts every complaint in the message', async () => {
    const fake = await startFake();
    const r = await call(fake, '/images/generate', { prompt: '' });
    expect(r.json.message).toBe('The model field is required. (and 3 more errors)');
    expect(Object.keys(r.json.errors)).toEqual(['model', 'prompt', 'width', 'height']);
  });

  it('keeps the optional fields it accepted', async () => {
    const fake = await startFake();
    const [id] = await generate(fake, { ...valid, negative_prompt: 'blur', input: ['https://x.example/a.png'] });
    expect(fake.images.get(id!)?.request).toEqual({ ...valid, count: 1, negative_prompt: 'blur', input: ['https://x.example/a.png'] });
  });

  it('queues fewer images than asked with queueAtMost', async () => {
    const fake = await startFake({ queueAtMost: 2 });
    expect(await generate(fake, { ...valid, count: 4 })).toHaveLength(2);
  });
});

describe('FakeAiphotogenerator: lookup and files', () => {
  it('reports the states by number and serves the finished PNG with the requested shape', async () => {
    const fake = await startFake();
    const [id] = await generate(fake);
    expect((await call(fake, `/images/${id}`)).json).toMatchObject({ id, status: 0 });
    await fake.progress(id!);
    expect((await call(fake, `/images/${id}`)).json.status).toBe(1);
    const png = await fetch(`${fake.origin}/files/${id}.png`);
    expect(png.status).toBe(404);
    await fake.finish(id!);
    const done = (await call(fake, `/images/${id}`)).json;
    expect(done).toMatchObject({ id, status: 2, url: `${fake.origin}/files/${id}.png` });
    const file = await fetch(done.url);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(readPngSize(new Uint8Array(await file.arrayBuffer()))).toEqual({ width: 64, height: 48 });
    expect(fake.callCount('/images/{id}')).toBe(3);
    expect(fake.callCount(`/images/${id}`)).toBe(3);
  });

  it('answers 404 for an unknown id and reports a failure with its reason', async () => {
    const fake = await startFake();
    expect((await call(fake, '/images/nope')).status).toBe(404);
    const [id] = await generate(fake);
    await fake.fail(id!, 'NSFW content detected');
    expect((await call(fake, `/images/${id}`)).json).toMatchObject({ status: 3, error: 'NSFW content detected' });
    await expect(fake.finish(id!)).rejects.toThrow(/already failed/);
  });

  it('answers in another shape when told: path, statuses, URL field and wrapper', async () => {
    const fake = await startFake({
      shape: { lookupPath: '/v2/image?id={id}', statuses: { finished: 'done' }, urlField: 'result.src', wrap: 'data' },
    });
    const [id] = await generate(fake);
    await fake.finish(id!);
    expect((await call(fake, `/images/${id}`)).status).toBe(404);
    const r = await call(fake, `/v2/image?id=${id}`);
    expect(r.json).toMatchObject({ success: true, data: { id, status: 'done', result: { src: `${fake.origin}/files/${id}.png` } } });
    expect(r.json.data.url).toBeUndefined();
    expect(fake.callCount('/images/{id}')).toBe(1);
  });
});

describe('FakeAiphotogenerator: controls', () => {
  it('auto mode moves images queued → processing → finished, failing the first failImages', async () => {
    const fake = await startFake({ mode: 'auto', stepMs: 5, failImages: 1 });
    const [a, b] = await generate(fake, { ...valid, count: 2 });
    await expect.poll(() => [fake.images.get(a!)?.status, fake.images.get(b!)?.status], { timeout: 10_000 }).toEqual(['failed', 'finished']);
  });

  it('hold keeps an image processing in auto mode until it is finished by hand', async () => {
    const fake = await startFake({ mode: 'auto', stepMs: 5 });
    const [a, b] = await generate(fake, { ...valid, count: 2 });
    fake.hold(a!);
    // Auto mode may have moved it on (5 ms steps) before the hold: it stays wherever the hold found it.
    const held = fake.images.get(a!)?.status;
    expect(['queued', 'processing']).toContain(held);
    await expect.poll(() => fake.images.get(b!)?.status, { timeout: 10_000 }).toBe('finished');
    expect(fake.images.get(a!)?.status).toBe(held);
    await fake.finish(a!);
    expect(fake.images.get(a!)?.status).toBe('finished');
  });

  it('failNext answers each kind once, then behaves again', async () => {
    const fake = await startFake();
    fake.failNext('/images/generate', 'credits');
    fake.failNext('/images/generate', 'validation', { field: 'prompt', message: 'The prompt contains blocked words.' });
    fake.failNext('/images/generate', 'rate', { retryAfterS: 7 });
    fake.failNext('/api/images/generate', 'server');
    expect((await call(fake, '/images/generate', valid)).status).toBe(402);
    expect((await call(fake, '/images/generate', valid)).json).toEqual({ message: 'The prompt contains blocked words.', errors: { prompt: ['The prompt contains blocked words.'] } });
    const rate = await call(fake, '/images/generate', valid);
    expect([rate.status, rate.headers.get('retry-after')]).toEqual([429, '7']);
    expect((await call(fake, '/images/generate', valid)).status).toBe(500);
    expect(fake.images.size).toBe(0);
    expect((await call(fake, '/images/generate', valid)).status).toBe(200);
  });

  it('failNext on /images/{id} hits any lookup; auth answers 401 even with the right token', async () => {
    const fake = await startFake();
    const [id] = await generate(fake);
    fake.failNext('/images/{id}', 'auth', { times: 2 });
    fake.failNext('/images/{id}', 'rate', { retryAfterDate: new Date(Date.now() + 60_000) });
    expect((await call(fake, `/images/${id}`)).status).toBe(401);
    expect((await call(fake, '/images/other')).status).toBe(401);
    const rate = await call(fake, `/images/${id}`);
    expect(rate.status).toBe(429);
    expect(Date.parse(rate.headers.get('retry-after')!)).toBeGreaterThan(Date.now());
    expect((await call(fake, `/images/${id}`)).status).toBe(200);
  });

  it('answerNext answers exactly as told, once', async () => {
    const fake = await startFake();
    fake.answerNext('/images/generate', 200, { success: false, message: 'Insufficient balance' });
    expect(await call(fake, '/images/generate', valid)).toMatchObject({ status: 200, json: { success: false, message: 'Insufficient balance' } });
    expect(fake.images.size).toBe(0);
    expect((await call(fake, '/images/generate', valid)).json.success).toBe(true);
  });

  it('timeout holds the request open and reset drops the connection', async () => {
    const fake = await startFake();
    fake.failNext('/images/generate', 'timeout');
    fake.failNext('/images/generate', 'reset');
    await expect(fetch(`${fake.url}/images/generate`, { method: 'POST', headers: { authorization: `Bearer ${fake.token}` }, signal: AbortSignal.timeout(200) })).rejects.toThrow();
    await expect(fetch(`${fake.url}/images/generate`, { method: 'POST', headers: { authorization: `Bearer ${fake.token}` } })).rejects.toThrow();
    expect(fake.callCount('/images/generate')).toBe(2);
  });

  it('posts every change to the webhook URL, in order, with the URL as configured', async () => {
    const hook = await receiver();
    const fake = await startFake({ webhookUrl: `${hook.url}/webhooks/aiphotogenerator?token=abc` });
    const [id] = await generate(fake);
    await fake.progress(id!);
    await fake.finish(id!);
    expect(hook.bodies.map((b) => b.path)).toEqual(['/webhooks/aiphotogenerator?token=abc', '/webhooks/aiphotogenerator?token=abc']);
    expect(hook.bodies.map((b) => b.body.status)).toEqual([1, 2]);
    expect(hook.bodies[1]!.body.url).toBe(`${fake.origin}/files/${id}.png`);
    expect(fake.webhookDeliveries.map((d) => d.status)).toEqual([200, 200]);
  });

  it('waitForImage resolves once the n-th image is queued', async () => {
    const fake = await startFake();
    const waiting = fake.waitForImage(2);
    await generate(fake, { ...valid, count: 2 });
    expect((await waiting).id).toBe([...fake.images.keys()][1]);
  });

  it('latencyMs holds every API answer, so parallel requests are open together (maxInFlight)', async () => {
    const fake = await startFake({ latencyMs: 100 });
    await Promise.all([generate(fake), generate(fake), generate(fake)]);
    expect(fake.maxInFlight).toBe(3);
    await generate(fake);
    expect(fake.maxInFlight).toBe(3);
  });

  it('slowImage serves the PNG slowly but whole', async () => {
    const fake = await startFake({ imageBytes: 600 });
    const [id] = await generate(fake);
    await fake.finish(id!);
    fake.slowImage(id!, 3000);
    const bytes = new Uint8Array(await (await fetch(`${fake.origin}/files/${id}.png`)).arrayBuffer());
    expect(bytes.length).toBeGreaterThanOrEqual(600);
    expect(readPngSize(bytes)).toEqual({ width: 64, height: 48 });
  });
});
