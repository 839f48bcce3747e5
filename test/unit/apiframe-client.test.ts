import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiframeClient } from '../../src/providers/apiframe/client.ts';
import { normalizeTaskView } from '../../src/providers/apiframe/normalize.ts';
import { taskView, fetchManyResponse } from '../../src/providers/apiframe/schemas.ts';
import { ProviderError, type WebhookTarget } from '../../src/providers/types.ts';
import type { Job } from '../../src/providers/jobs.ts';
import { FakeApiframe } from '../fakes/apiframe.ts';
import { makePng } from '../fakes/png.ts';
import { memoryLogger } from '../support/silent-log.ts';
import { collectGarbageEvery, settledWithin } from '../support/gc.ts';

let fake: FakeApiframe;
let client: ApiframeClient;
let lines: string[];

beforeEach(async () => {
  fake = await FakeApiframe.start();
  const logger = memoryLogger([fake.apiKey]);
  lines = logger.lines;
  // Generous: a loaded machine can take longer than a short timeout to answer on loopback.
  client = new ApiframeClient({ apiKey: fake.apiKey, baseUrl: fake.url, log: logger.log, retries: 2, backoffMs: 1, timeoutMs: 10_000 });
});
afterEach(async () => {
  await client.close();
  await fake.close();
});

/** Submits through the client under test; the provider's task id. */
const submitted = async (job: Job, webhook?: WebhookTarget) => (await client.submit(job, webhook)).providerTaskId;
const rejection = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as ProviderError);

describe('ApiframeClient', () => {
  it('sends the raw key and returns the task id', async () => {
    const id = await submitted({ type: 'mj.imagine', prompt: 'a fox', aspectRatio: '16:9' });
    expect(fake.tasks.get(id)?.body).toMatchObject({ prompt: 'a fox', aspect_ratio: '16:9' });
    expect(fake.requests[0]?.headers.authorization).toBe(fake.apiKey);
  });

  it('adds webhook_url and webhook_secret when a webhook is configured', async () => {
    const id = await submitted({ type: 'mj.imagine', prompt: 'a fox' }, { url: 'http://127.0.0.1:9/webhooks/apiframe', secret: 's'.repeat(20) });
    expect(fake.tasks.get(id)?.body).toMatchObject({ webhook_url: 'http://127.0.0.1:9/webhooks/apiframe', webhook_secret: 's'.repeat(20) });
  });

  it("turns a 400 into a rejection carrying the API's own message", async () => {
    fake.failNext('/imagine', { status: 400, body: { errors: [{ msg: 'Banned prompt detected' }] } });
    const err = await rejection(submitted({ type: 'mj.imagine', prompt: 'x' }));
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ kind: 'rejected', message: 'Banned prompt detected', status: 400 });
  });

  it('turns a 401 into an auth error without retrying', async () => {
    const bad = new ApiframeClient({ apiKey: 'wrong-key', baseUrl: fake.url, log: memoryLogger().log, retries: 2, backoffMs: 1 });
    const err = await rejection(bad.fetchMany(['a', 'b']));
    await bad.close();
    expect(err).toMatchObject({ kind: 'auth', status: 401 });
    expect(fake.callCount('/fetch-many')).toBe(1);
  });

  it('does not retry a submit that failed with a 5xx (the job may exist)', async () => {
    fake.failNext('/imagine', { status: 500, body: {} }, 5);
    const err = await rejection(submitted({ type: 'mj.imagine', prompt: 'x' }));
    expect(err).toMatchObject({ kind: 'unavailable', status: 500 });
    expect(fake.callCount('/imagine')).toBe(1);
  });

  it('retries a submit refused with 429 (it was not processed)', async () => {
    fake.failNext('/imagine', { status: 429, body: {} }, 1);
    const id = await submitted({ type: 'mj.imagine', prompt: 'x' });
    expect(id).toBeTruthy();
    expect(fake.callCount('/imagine')).toBe(2);
  });

  it('reports a 429 that outlasts its retries as rate limiting, and a 402 as an account out of credits', async () => {
    // Every try the client makes (one and two retries) is refused.
    fake.failNext('/imagine', { status: 429, body: {} }, 3);
    await expect(client.submit({ type: 'mj.imagine', prompt: 'x' })).rejects.toMatchObject({ kind: 'rate_limited', status: 429, service: 'Apiframe' });
    fake.failNext('/imagine', { status: 402, body: { error: 'Insufficient credits' } }, 1);
    await expect(client.submit({ type: 'mj.imagine', prompt: 'y' })).rejects.toMatchObject({ kind: 'out_of_credits', status: 402, keyVariable: 'APIFRAME_API_KEY' });
  });

  it('retries reads on 5xx and dropped connections, then succeeds', async () => {
    const a = await submitted({ type: 'mj.imagine', prompt: 'a' });
    const b = await submitted({ type: 'mj.imagine', prompt: 'b' });
    fake.failNext('/fetch-many', { status: 502, body: {} });
    fake.failNext('/fetch-many', 'reset');
    const views = await client.fetchMany([a, b]);
    expect(views.map((v) => v.state)).toEqual(['queued', 'queued']);
    expect(fake.callCount('/fetch-many')).toBe(3);
  });

  it('gives up on a read after its retries and says it timed out', async () => {
    const a = await submitted({ type: 'mj.imagine', prompt: 'a' });
    fake.failNext('/fetch', 'timeout', 3);
    // A short timeout for the reads that hang (the fake never answers them).
    const hasty = new ApiframeClient({ apiKey: fake.apiKey, baseUrl: fake.url, log: memoryLogger([fake.apiKey]).log, retries: 2, backoffMs: 1, timeoutMs: 300 });
    const err = await rejection(hasty.fetchMany([a])).finally(() => hasty.close());
    expect(err).toMatchObject({ kind: 'unavailable' });
    expect(err?.message).toContain('timed out');
    expect(fake.callCount('/fetch')).toBe(3);
  });

  it('uses /fetch for one id and /fetch-many for up to 20 per call', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 21; i++) ids.push(await submitted({ type: 'mj.imagine', prompt: `p${i}` }));
    await client.fetchMany(ids.slice(0, 1));
    expect(fake.callCount('/fetch')).toBe(1);
    // 21 ids: one /fetch-many of 20, then the last one alone through /fetch
    const views = await client.fetchMany(ids);
    expect(views).toHaveLength(21);
    expect(fake.callCount('/fetch-many')).toBe(1);
    expect(fake.callCount('/fetch')).toBe(2);
  });

  it('reports an answer of the wrong shape as an error, not a crash', async () => {
    fake.failNext('/imagine', { status: 200, body: { unexpected: true } });
    const err = await rejection(submitted({ type: 'mj.imagine', prompt: 'x' }));
    expect(err).toMatchObject({ kind: 'unavailable' });
  });

  it('uploads an image as multipart and returns its public URL', async () => {
    const url = await client.upload({ bytes: makePng(8, 8), filename: 'cat.png', contentType: 'image/png' });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/cdn\/uploads\//);
    const res = await fetch(url);
    expect(res.status).toBe(200);
  });

  it('never writes the API key into a log line', async () => {
    fake.failNext('/imagine', { status: 500, body: { echo: fake.apiKey } });
    await rejection(submitted({ type: 'mj.imagine', prompt: 'x' }));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain(fake.apiKey);
  });
});

describe('normalizeTaskView', () => {
  const norm = (v: unknown) => normalizeTaskView(taskView.parse(v));

  it('reads a staged task without task_type as queued', () => {
    expect(norm({ task_id: 't', status: 'staged' })).toMatchObject({ state: 'queued', percentage: 0 });
  });
  it('reads percentage given as a string or a number', () => {
    expect(norm({ task_id: 't', task_type: 'imagine', status: 'processing', percentage: '40' }).percentage).toBe(40);
    expect(norm({ task_id: 't', status: 'processing', percentage: 100 }).percentage).toBe(100);
  });
  it('counts result fields without a status as finished', () => {
    expect(norm({ task_id: 't', task_type: 'upscale#2', image_url: 'https://cdn.example/u.png' })).toMatchObject({
      state: 'finished',
      result: { kind: 'image', imageUrl: 'https://cdn.example/u.png' },
    });
  });
  it('reads a grid, a failure and a training result', () => {
    expect(norm({ task_id: 't', status: 'finished', original_image_url: 'https://c/g.png', image_urls: ['https://c/1.png'] }).result).toEqual({
      kind: 'grid',
      gridUrl: 'https://c/g.png',
      imageUrls: ['https://c/1.png'],
    });
    expect(norm({ task_id: 't', status: 'failed', message: 'Banned' })).toMatchObject({ state: 'failed', message: 'Banned' });
    expect(norm({ task_id: 't', status: 'finished', percentage: 100, trigger_word: 'TOKIKD' }).result).toEqual({ kind: 'trained', triggerWord: 'TOKIKD' });
  });
  it('accepts /fetch-many as { tasks } or as a bare array', () => {
    expect(fetchManyResponse.parse({ tasks: [1] })).toEqual([1]);
    expect(fetchManyResponse.parse([1, 2])).toEqual([1, 2]);
  });
});

describe('ApiframeClient keeps its secrets out of the errors it raises', () => {
  const SECRET = 'hook-secret-0123456789abcdef';

  it('scrubs the webhook secret it sent and its API key from a refusal that echoes them', async () => {
    fake.failNext('/imagine', { status: 400, body: { errors: [{ msg: `Invalid webhook_secret "${SECRET}" for key ${fake.apiKey}` }] } });
    const err = await rejection(submitted({ type: 'mj.imagine', prompt: 'x' }, { url: 'http://127.0.0.1:9/webhooks/apiframe', secret: SECRET }));
    expect(err).toMatchObject({ kind: 'rejected', status: 400 });
    expect(err?.message).toBe('Invalid webhook_secret "[redacted]" for key [redacted]');
  });

  it("scrubs them from a failed task's message too", async () => {
    const id = await submitted({ type: 'mj.imagine', prompt: 'x' }, { url: 'http://127.0.0.1:9/webhooks/apiframe', secret: SECRET });
    await fake.fail(id, `callback with secret ${SECRET} was refused`);
    const [view] = await client.fetchMany([id]);
    expect(view?.message).toBe('callback with secret [redacted] was refused');
  });
});

describe('ApiframeClient: one unknown id does not stall its batch', () => {
  let strict: FakeApiframe;
  let reader: ApiframeClient;
  let log: string[];

  beforeEach(async () => {
    // Whether Apiframe refuses a whole /fetch-many for one unknown id is not documented; assume it may.
    strict = await FakeApiframe.start({ fetchManyRefusesUnknown: true });
    const logger = memoryLogger();
    log = logger.lines;
    reader = new ApiframeClient({ apiKey: strict.apiKey, baseUrl: strict.url, log: logger.log, retries: 0 });
  });
  afterEach(async () => {
    await reader.close();
    await strict.close();
  });

  const unknownWarnings = () => log.map((l) => JSON.parse(l) as { level: number; providerTaskId?: string }).filter((l) => l.level === 40 && l.providerTaskId === 'ghost');

  it('splits a refused batch, reads every known id and leaves the unknown one out, warning once', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push((await reader.submit({ type: 'mj.imagine', prompt: `p${i}` })).providerTaskId);
    await strict.finish(ids[5]!);
    const asked = [...ids.slice(0, 3), 'ghost', ...ids.slice(3)];
    const views = await reader.fetchMany(asked);
    expect(views.map((v) => v.providerTaskId).sort()).toEqual([...ids].sort());
    expect(views.find((v) => v.providerTaskId === ids[5])?.state).toBe('finished');
    expect(unknownWarnings()).toHaveLength(1);

    // The next read asks for the unknown id on its own, so the batch is not refused again.
    const before = strict.requests.length;
    expect(await reader.fetchMany(asked)).toHaveLength(7);
    expect(strict.requests.slice(before).map((r) => r.path).sort()).toEqual(['/fetch', '/fetch-many']);
    expect(unknownWarnings()).toHaveLength(1);
  });

  it('still fails a batch the service could not answer at all', async () => {
    const a = (await reader.submit({ type: 'mj.imagine', prompt: 'a' })).providerTaskId;
    const b = (await reader.submit({ type: 'mj.imagine', prompt: 'b' })).providerTaskId;
    strict.failNext('/fetch-many', { status: 503, body: {} });
    await expect(reader.fetchMany([a, b])).rejects.toMatchObject({ kind: 'unavailable' });
  });
});

describe('ApiframeClient.account (issue 10, part 2)', () => {
  it('times out a read that hangs under a caller\'s signal, even when the garbage collector runs while it waits', async () => {
    fake.failNext('/account', 'timeout');
    const hasty = new ApiframeClient({ apiKey: fake.apiKey, baseUrl: fake.url, log: memoryLogger().log, retries: 0, timeoutMs: 300 });
    const stopGc = collectGarbageEvery(20);
    try {
      const err = await settledWithin(rejection(hasty.account({ signal: new AbortController().signal })), 10_000);
      expect(err).toMatchObject({ kind: 'unavailable', message: expect.stringContaining('timed out') });
    } finally {
      stopGc();
      await hasty.close();
    }
  });

  it('reads the credits and plan from GET /account with the raw key, and keeps no email', async () => {
    fake.setCredits(345);
    expect(await client.account()).toEqual({ credits: 345, detail: 'plan starter' });
    const asked = fake.requests.find((r) => r.path === '/account')!;
    expect(asked).toMatchObject({ method: 'GET', headers: { authorization: fake.apiKey } });
  });

  it('reads credits sent as a string, and an answer without them as unknown', async () => {
    fake.failNext('/account', { status: 200, body: { credits: '12.5', plan: 'pro' } });
    expect(await client.account()).toEqual({ credits: 12.5, detail: 'plan pro' });
    fake.failNext('/account', { status: 200, body: { email: 'x@example.test' } });
    expect(await client.account()).toEqual({ credits: undefined });
  });

  it('a refused key is an auth error naming APIFRAME_API_KEY', async () => {
    const wrong = new ApiframeClient({ apiKey: 'not-the-key', baseUrl: fake.url, log: memoryLogger().log, retries: 0 });
    try {
      await expect(wrong.account()).rejects.toMatchObject({ kind: 'auth', status: 401, keyVariable: 'APIFRAME_API_KEY' });
    } finally {
      await wrong.close();
    }
  });

  it('stops retrying when its signal is aborted, and says where it is', async () => {
    fake.failNext('/account', 'timeout', 5);
    const patient = new ApiframeClient({ apiKey: fake.apiKey, baseUrl: fake.url, log: memoryLogger().log, retries: 5, timeoutMs: 60_000 });
    try {
      const stop = new AbortController();
      const asked = rejection(patient.account({ signal: stop.signal }));
      await new Promise((r) => setTimeout(r, 100));
      stop.abort();
      expect(await asked).toMatchObject({ kind: 'unavailable' });
      expect(fake.callCount('/account')).toBe(1);
      expect(patient.location).toEqual({ url: fake.url, variable: 'APIFRAME_BASE_URL' });
    } finally {
      await patient.close();
    }
  });
});
