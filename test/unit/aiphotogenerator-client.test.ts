import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AiphotogeneratorClient, type AiphotogeneratorClientOptions } from '../../src/providers/aiphotogenerator/client.ts';
import { retryAfterMs, validationMessage } from '../../src/providers/aiphotogenerator/errors.ts';
import { DEFAULT_LOOKUP } from '../../src/providers/aiphotogenerator/lookup.ts';
import { ImageReader } from '../../src/providers/aiphotogenerator/view.ts';
import { loadConfig } from '../../src/config.ts';
import { ProviderError, type ProviderTaskView } from '../../src/providers/types.ts';
import type { JobOf } from '../../src/providers/jobs.ts';
import { FakeAiphotogenerator, type FakeAiphotogeneratorOptions } from '../fakes/aiphotogenerator.ts';
import { memoryLogger } from '../support/silent-log.ts';
import { collectGarbageEvery, settledWithin } from '../support/gc.ts';

type GenImage = JobOf<'gen.image'>;
const job = (over: Partial<GenImage> = {}): GenImage => ({ type: 'gen.image', model: 'flux-2', prompt: 'a lighthouse at dusk', width: 1024, height: 768, count: 1, ...over });

let fake: FakeAiphotogenerator;
/** This logger knows no secrets: what it writes proves the client itself keeps the token out. */
let logger: ReturnType<typeof memoryLogger>['log'];
let lines: string[];
/** Every wait the clients asked for, in ms: retries are checked by these, never by the clock. */
let sleeps: number[];
const clients: AiphotogeneratorClient[] = [];
const fakes: FakeAiphotogenerator[] = [];

async function startFake(opts: FakeAiphotogeneratorOptions = {}): Promise<FakeAiphotogenerator> {
  const f = await FakeAiphotogenerator.start(opts);
  fakes.push(f);
  return f;
}

/** A client of `on` (the test's fake by default) whose waits are recorded, not slept. */
function clientOf(over: Partial<AiphotogeneratorClientOptions> = {}, on: FakeAiphotogenerator = fake): AiphotogeneratorClient {
  const c = new AiphotogeneratorClient({
    token: on.token,
    baseUrl: on.url,
    log: logger,
    retries: 2,
    backoffMs: 10,
    timeoutMs: 2_000,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...over,
  });
  clients.push(c);
  return c;
}

beforeEach(async () => {
  fake = await startFake();
  const mem = memoryLogger();
  logger = mem.log;
  lines = mem.lines;
  sleeps = [];
});
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await Promise.all(fakes.splice(0).map((f) => f.close()));
});

const rejection = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as ProviderError);
const logged = () => lines.map((l) => JSON.parse(l) as Record<string, unknown> & { level: number; msg: string });
const byId = (views: ProviderTaskView[]) => Object.fromEntries(views.map((v) => [v.providerTaskId, v]));

describe('AiphotogeneratorClient: submit', () => {
  it('maps every field of a gen.image job onto POST /images/generate, with the Bearer token', async () => {
    const client = clientOf();
    await client.submit(job({ model: 'seedream-4', prompt: 'a fox', negative: 'blur', width: 2048, height: 512, count: 3, inputUrls: ['https://x.example/a.png', 'https://x.example/b.png'] }));
    const sent = fake.requests.find((r) => r.path === '/api/images/generate')!;
    expect(sent.method).toBe('POST');
    expect(sent.headers.authorization).toBe(`Bearer ${fake.token}`);
    expect(sent.headers['content-type']).toBe('application/json');
    expect(sent.body).toEqual({
      model: 'seedream-4',
      prompt: 'a fox',
      negative_prompt: 'blur',
      width: 2048,
      height: 512,
      count: 3,
      input: ['https://x.example/a.png', 'https://x.example/b.png'],
    });
  });

  it('leaves out the optional fields a job does not have', async () => {
    await clientOf().submit(job());
    expect(fake.requests[0]?.body).toEqual({ model: 'flux-2', prompt: 'a lighthouse at dusk', width: 1024, height: 768, count: 1 });
  });

  it('answers with one id per image: the first as the task id, the rest as more, in order', async () => {
    const submitted = await clientOf().submit(job({ count: 3 }));
    const ids = [...fake.images.keys()];
    expect(submitted).toEqual({ providerTaskId: ids[0], more: [ids[1], ids[2]] });
    expect(await clientOf().submit(job())).toEqual({ providerTaskId: [...fake.images.keys()][3] });
  });

  it('goes on with fewer ids than asked, counts the images not queued, and says so in the log', async () => {
    const few = await startFake({ queueAtMost: 2 });
    const submitted = await clientOf({}, few).submit(job({ count: 4 }));
    expect(submitted.more).toHaveLength(1);
    expect(submitted.unqueued).toBe(2);
    expect(logged().find((l) => l.asked === 4)).toMatchObject({ level: 40, got: 2 });
  });

  it('refuses a model the operator does not offer without calling the service', async () => {
    const client = clientOf({ models: ['flux-2', 'nano-banana'] });
    expect(client.models).toEqual(['flux-2', 'nano-banana']);
    const err = await rejection(client.submit(job({ model: 'seedream-4' })));
    expect(err).toMatchObject({ kind: 'rejected' });
    expect(err?.message).toContain('seedream-4');
    expect(fake.requests).toHaveLength(0);
  });

  it('runs gen.image jobs only, offering all seven models by default', () => {
    const client = clientOf();
    expect([client.id, client.keyVariable, client.pushesUpdates]).toEqual(['aiphotogenerator', 'AIPHOTOGENERATOR_API_TOKEN', false]);
    expect(client.handles('gen.image')).toBe(true);
    expect(client.handles('mj.imagine')).toBe(false);
    expect(client.models).toHaveLength(7);
    expect(client.webhook).toBeUndefined();
    expect('upload' in client).toBe(false);
  });
});

describe('AiphotogeneratorClient: lookups', () => {
  it('reads each image with its own lookup and maps the status numbers', async () => {
    const client = clientOf();
    const { providerTaskId, more = [] } = await client.submit(job({ count: 4 }));
    const [queued, running, finished, failed] = [providerTaskId, ...more] as [string, string, string, string];
    await fake.progress(running);
    await fake.finish(finished);
    await fake.fail(failed, 'The prompt was flagged by the safety filter');
    const views = byId(await client.fetchMany([queued, running, finished, failed]));
    expect(views[queued]).toMatchObject({ state: 'queued', percentage: 0 });
    expect(views[running]).toMatchObject({ state: 'running' });
    expect(views[finished]).toMatchObject({ state: 'finished', percentage: 100, result: { kind: 'photos', imageUrls: [`${fake.origin}/files/${finished}.png`] } });
    expect(views[failed]).toMatchObject({ state: 'failed', message: 'The prompt was flagged by the safety filter' });
    expect(fake.callCount('/images/{id}')).toBe(4);
    expect(fake.requests.filter((r) => r.method === 'GET').every((r) => r.headers.authorization === `Bearer ${fake.token}`)).toBe(true);
  });

  it('leaves out ids the service answers 404 for, warning once per id', async () => {
    const client = clientOf();
    const { providerTaskId } = await client.submit(job());
    for (let i = 0; i < 2; i++) expect((await client.fetchMany([providerTaskId, 'ghost'])).map((v) => v.providerTaskId)).toEqual([providerTaskId]);
    expect(logged().filter((l) => l.providerTaskId === 'ghost' && l.level === 40)).toHaveLength(1);
    expect(fake.callCount('/images/ghost')).toBe(2);
  });

  it('keeps at most lookupConcurrency lookups open at once', async () => {
    const slow = await startFake({ latencyMs: 150 });
    const client = clientOf({ lookupConcurrency: 3 }, slow);
    const { providerTaskId, more = [] } = await client.submit(job({ count: 10 }));
    const views = await client.fetchMany([providerTaskId, ...more]);
    expect(views.map((v) => v.providerTaskId)).toEqual([providerTaskId, ...more]);
    expect(slow.maxInFlight).toBe(3);
  });

  it('reads a status the table does not know as running and logs it once per value', async () => {
    const odd = await startFake({ shape: { statuses: { queued: 'waiting', processing: 7 } } });
    const client = clientOf({}, odd);
    const { providerTaskId, more = [] } = await client.submit(job({ count: 3 }));
    await odd.progress(more[0]!);
    await odd.progress(more[1]!);
    for (let i = 0; i < 2; i++) {
      const views = await client.fetchMany([providerTaskId, ...more]);
      expect(views.map((v) => v.state)).toEqual(['running', 'running', 'running']);
    }
    const unknown = logged().filter((l) => l.msg.includes('does not know'));
    expect(unknown.map((l) => l.status).sort()).toEqual(['7', 'waiting']);
    expect(unknown.every((l) => l.level === 40)).toBe(true);
  });

  it('takes the URL from the configured fields in order', () => {
    const reader = new ImageReader(DEFAULT_LOOKUP, 'https://www.aiphotogenerator.net', logger, (t) => t);
    const url = (image: Record<string, unknown>) => {
      const v = reader.view('i', { status: 2, ...image });
      return v.result?.kind === 'photos' ? v.result.imageUrls[0] : undefined;
    };
    expect(url({ output_url: 'https://c.example/o.png', image_url: 'https://c.example/i.png' })).toBe('https://c.example/i.png');
    expect(url({ url: 'https://c.example/u.png', image_url: 'https://c.example/i.png' })).toBe('https://c.example/u.png');
    expect(url({ url: '', output_url: 'https://c.example/o.png' })).toBe('https://c.example/o.png');
    // A path is read against the service's own address.
    expect(url({ url: '/storage/images/x.png' })).toBe('https://www.aiphotogenerator.net/storage/images/x.png');
  });

  it('follows a lookup table overridden in the environment (another path, status names, URL field and wrapper)', async () => {
    const shaped = await startFake({
      shape: { lookupPath: '/v2/image?id={id}', statuses: { queued: 'pending', processing: 'working', finished: 'done', failed: 'error' }, urlField: 'result.src', wrap: 'data' },
    });
    const config = loadConfig({
      AIPHOTOGENERATOR_API_TOKEN: shaped.token,
      AIPHOTOGENERATOR_BASE_URL: shaped.url,
      TELEGRAM_BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghi',
      AIPHOTOGENERATOR_LOOKUP_PATH: '/v2/image?id={id}',
      AIPHOTOGENERATOR_STATUS_MAP: 'pending=queued,working=running,done=finished,error=failed',
      AIPHOTOGENERATOR_URL_FIELDS: 'result.src',
    });
    const client = clientOf({ baseUrl: config.aiphotogenerator!.baseUrl, lookup: config.aiphotogenerator!.lookup }, shaped);
    const { providerTaskId: a, more = [] } = await client.submit(job({ count: 3 }));
    const [b, c] = more as [string, string];
    await shaped.progress(b);
    await shaped.finish(c);
    const views = byId(await client.fetchMany([a, b, c]));
    expect([views[a]?.state, views[b]?.state, views[c]?.state]).toEqual(['queued', 'running', 'finished']);
    expect(views[c]?.result).toEqual({ kind: 'photos', imageUrls: [`${shaped.origin}/files/${c}.png`] });
    expect(shaped.callCount(`/v2/image?id=${c}`)).toBe(1);
  });

  it('reads a lookup wrapped in { image }', async () => {
    const wrapped = await startFake({ shape: { wrap: 'image' } });
    const client = clientOf({}, wrapped);
    const { providerTaskId } = await client.submit(job());
    await wrapped.finish(providerTaskId);
    expect((await client.fetchMany([providerTaskId]))[0]).toMatchObject({ state: 'finished' });
  });

  it('fails a finished image that has no URL in any configured field, logging its answer', async () => {
    const elsewhere = await startFake({ shape: { urlField: 'src' } });
    const client = clientOf({}, elsewhere);
    const { providerTaskId } = await client.submit(job());
    await elsewhere.finish(providerTaskId);
    const [view] = await client.fetchMany([providerTaskId]);
    expect(view).toMatchObject({ state: 'failed', message: 'the image service finished the image but sent no address to fetch it from' });
    const line = logged().find((l) => l.msg.includes('none of the URL fields'));
    expect(line).toMatchObject({ level: 50, providerTaskId, urlFields: ['url', 'image_url', 'output_url'] });
    expect(String(line?.answer)).toContain(`"src":"${elsewhere.origin}/files/${providerTaskId}.png"`);
  });
});

describe('AiphotogeneratorClient: errors', () => {
  it('turns a refused token into an auth error naming the service and its setting, without retrying', async () => {
    const wrong = clientOf({ token: 'not-the-token-123' });
    const err = await rejection(wrong.submit(job()));
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({ kind: 'auth', status: 401, service: 'aiphotogenerator.net', keyVariable: 'AIPHOTOGENERATOR_API_TOKEN' });
    const { providerTaskId } = await clientOf().submit(job());
    await expect(wrong.fetchMany([providerTaskId])).rejects.toMatchObject({ kind: 'auth' });
    expect(fake.callCount('/images/generate')).toBe(2);
    expect(fake.callCount('/images/{id}')).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('turns 402 into out_of_credits without retrying', async () => {
    fake.failNext('/images/generate', 'credits');
    expect(await rejection(clientOf().submit(job()))).toMatchObject({ kind: 'out_of_credits', status: 402, service: 'aiphotogenerator.net' });
    expect(fake.callCount('/images/generate')).toBe(1);
  });

  it("turns a 422 into a rejection carrying the service's own validation message", async () => {
    fake.failNext('/images/generate', 'validation', { field: 'prompt', message: 'The prompt contains words that are not allowed.' });
    const err = await rejection(clientOf().submit(job()));
    expect(err).toMatchObject({ kind: 'rejected', status: 422, message: 'The prompt contains words that are not allowed.' });
    expect(fake.callCount('/images/generate')).toBe(1);
  });

  it('reads each field of a Laravel error body, else its message', () => {
    expect(validationMessage({ message: 'x (and 1 more error)', errors: { width: ['The width field must be at least 512.'], count: ['The count field must be at least 1.'] } })).toBe(
      'The width field must be at least 512. The count field must be at least 1.',
    );
    expect(validationMessage({ message: 'Prompt rejected.' })).toBe('Prompt rejected.');
    expect(validationMessage({ error: 'Bad input' })).toBe('Bad input');
    expect(validationMessage('<html>')).toBeUndefined();
  });

  it('retries a submit refused with 429 after the Retry-After it names', async () => {
    fake.failNext('/images/generate', 'rate', { retryAfterS: 7 });
    const submitted = await clientOf().submit(job());
    expect(submitted.providerTaskId).toBe([...fake.images.keys()][0]);
    expect(sleeps).toEqual([7_000]);
    expect(fake.callCount('/images/generate')).toBe(2);
  });

  it('reads Retry-After as an HTTP date and caps a long one', async () => {
    fake.failNext('/images/{id}', 'rate', { retryAfterDate: new Date(Date.now() + 20_000) });
    fake.failNext('/images/{id}', 'rate', { retryAfterS: 3_600 });
    const client = clientOf({ maxRetryAfterMs: 45_000 });
    const { providerTaskId } = await client.submit(job());
    expect(await client.fetchMany([providerTaskId])).toHaveLength(1);
    expect(sleeps).toHaveLength(2);
    // The date has whole seconds: the wait asked for is within a second or two of 20 s.
    expect(sleeps[0]).toBeGreaterThan(17_000);
    expect(sleeps[0]).toBeLessThanOrEqual(20_000);
    expect(sleeps[1]).toBe(45_000);
  });

  it('gives up with rate_limited once its retries are spent', async () => {
    fake.failNext('/images/generate', 'rate', { retryAfterS: 1, times: 3 });
    expect(await rejection(clientOf().submit(job()))).toMatchObject({ kind: 'rate_limited', status: 429, service: 'aiphotogenerator.net' });
    expect(fake.callCount('/images/generate')).toBe(3);
    expect(sleeps).toEqual([1_000, 1_000]);
  });

  it('never repeats a submit that failed with a 500: it may have queued paid images', async () => {
    fake.failNext('/images/generate', 'server', { times: 3 });
    expect(await rejection(clientOf().submit(job()))).toMatchObject({ kind: 'unavailable', status: 500 });
    expect(fake.callCount('/images/generate')).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('retries a lookup that failed with a 500', async () => {
    const client = clientOf();
    const { providerTaskId } = await client.submit(job());
    fake.failNext('/images/{id}', 'server');
    expect(await client.fetchMany([providerTaskId])).toHaveLength(1);
    expect(fake.callCount('/images/{id}')).toBe(2);
    expect(sleeps).toHaveLength(1);
  });

  it('never repeats a submit that timed out; retries a lookup that did, then says it timed out', async () => {
    const client = clientOf({ timeoutMs: 200 });
    fake.failNext('/images/generate', 'timeout');
    expect(await rejection(client.submit(job()))).toMatchObject({ kind: 'unavailable' });
    expect(fake.callCount('/images/generate')).toBe(1);
    const { providerTaskId } = await client.submit(job());
    fake.failNext('/images/{id}', 'timeout', { times: 3 });
    const err = await rejection(client.fetchMany([providerTaskId]));
    expect(err).toMatchObject({ kind: 'unavailable' });
    expect(err?.message).toContain('timed out');
    expect(fake.callCount('/images/{id}')).toBe(3);
  });

  it('never repeats a submit whose connection dropped after it was sent', async () => {
    fake.failNext('/images/generate', 'reset');
    expect(await rejection(clientOf().submit(job()))).toMatchObject({ kind: 'unavailable' });
    expect(fake.callCount('/images/generate')).toBe(1);
    expect(sleeps).toEqual([]);
  });

  it('repeats a submit that could not connect at all (it never left)', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer();
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const client = new AiphotogeneratorClient({ token: 'tok-123456', baseUrl: `http://127.0.0.1:${closedPort}/api`, log: logger, retries: 2, sleep: async (ms) => void sleeps.push(ms) });
    clients.push(client);
    const err = await rejection(client.submit(job()));
    expect(err).toMatchObject({ kind: 'unavailable' });
    expect(err?.message).toContain('ECONNREFUSED');
    expect(sleeps).toHaveLength(2);
  });

  it('reports answers of the wrong shape as errors, not crashes', async () => {
    const client = clientOf();
    fake.answerNext('/images/generate', 200, { success: true, images: 'queued' });
    expect(await rejection(client.submit(job()))).toMatchObject({ kind: 'unavailable', message: 'aiphotogenerator.net generate answered in an unexpected shape' });
    fake.answerNext('/images/generate', 200, { unexpected: true });
    expect(await rejection(client.submit(job()))).toMatchObject({ kind: 'unavailable', message: 'aiphotogenerator.net answered without image ids' });
    fake.answerNext('/images/generate', 200, { success: true, images: [], message: '0 image(s) queued for generation' });
    expect(await rejection(client.submit(job()))).toMatchObject({ kind: 'unavailable' });
    const { providerTaskId } = await client.submit(job());
    fake.answerNext('/images/{id}', 200, ['not', 'an', 'image']);
    await expect(client.fetchMany([providerTaskId])).rejects.toMatchObject({ kind: 'unavailable', operation: 'lookup' });
  });

  it("reads success: false as the service's refusal of a submit and as an unknown image on a lookup", async () => {
    const client = clientOf();
    fake.answerNext('/images/generate', 200, { success: false, message: 'Insufficient balance for this model' });
    expect(await rejection(client.submit(job()))).toMatchObject({ kind: 'rejected', message: 'Insufficient balance for this model' });
    const { providerTaskId } = await client.submit(job());
    fake.answerNext('/images/{id}', 200, { success: false, message: 'Image not found' });
    expect(await client.fetchMany([providerTaskId])).toEqual([]);
  });

  it('returns the lookups that worked when others failed, and logs the rest for the next poll', async () => {
    const client = clientOf({ retries: 0, lookupConcurrency: 1 });
    const { providerTaskId, more = [] } = await client.submit(job({ count: 2 }));
    fake.failNext(`/images/${more[0]}`, 'server');
    const views = await client.fetchMany([providerTaskId, more[0]!]);
    expect(views.map((v) => v.providerTaskId)).toEqual([providerTaskId]);
    expect(logged().find((l) => l.msg.includes('read again at the next poll'))).toMatchObject({ level: 40, asked: 2, read: 1, failed: 1 });
  });

  it('stops a round of lookups at a 429 it could not wait out', async () => {
    const client = clientOf({ retries: 0, lookupConcurrency: 1 });
    const { providerTaskId, more = [] } = await client.submit(job({ count: 3 }));
    fake.failNext('/images/{id}', 'rate', { retryAfterS: 5 });
    await expect(client.fetchMany([providerTaskId, ...more])).rejects.toMatchObject({ kind: 'rate_limited' });
    expect(fake.callCount('/images/{id}')).toBe(1);
  });
});

describe('AiphotogeneratorClient.checkKey (issue 10, part 3: npm run doctor)', () => {
  it('proves the token with a lookup of an image that cannot exist, answered 404', async () => {
    expect(await clientOf().checkKey()).toBe('token accepted (a lookup of an image that cannot exist answered 404)');
    expect(fake.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /api/images/0']);
    expect(clientOf().location).toEqual({ url: fake.url, variable: 'AIPHOTOGENERATOR_BASE_URL' });
  });

  it('a refused token is an auth error naming AIPHOTOGENERATOR_API_TOKEN', async () => {
    await expect(clientOf({ token: 'wrong-token' }).checkKey()).rejects.toMatchObject({ kind: 'auth', status: 401, keyVariable: 'AIPHOTOGENERATOR_API_TOKEN' });
  });

  it('times out a lookup that hangs under a caller\'s signal, even when the garbage collector runs while it waits', async () => {
    fake.failNext('/api/images/0', 'timeout');
    const stopGc = collectGarbageEvery(20);
    try {
      const outcome = await settledWithin(clientOf({ retries: 0, timeoutMs: 300 }).checkKey({ signal: new AbortController().signal }).catch((e: unknown) => e), 10_000);
      expect(outcome).toMatchObject({ kind: 'unavailable', message: expect.stringContaining('timed out') });
    } finally {
      stopGc();
    }
  });

  it('stops retrying once its signal is aborted', async () => {
    fake.failNext('/api/images/0', 'server', { times: 10 });
    const stop = new AbortController();
    stop.abort();
    await expect(clientOf({ retries: 5 }).checkKey({ signal: stop.signal })).rejects.toMatchObject({ kind: 'unavailable' });
    expect(fake.requests).toHaveLength(0);
  });
});

describe('AiphotogeneratorClient keeps its token out of logs and errors', () => {
  it('scrubs it from the service words it shows or logs, and never logs it otherwise', async () => {
    const t = fake.token;
    const client = clientOf();
    fake.failNext('/images/generate', 'validation', { message: `Token ${t} may not generate this.` });
    const refused = await rejection(client.submit(job()));
    expect(refused?.message).toBe('Token [redacted] may not generate this.');
    fake.failNext('/images/generate', 'server', { message: `crash for ${t}` });
    const crashed = await rejection(client.submit(job()));
    expect(crashed?.message).not.toContain(t);

    const { providerTaskId, more = [] } = await client.submit(job({ count: 2, prompt: `prompt quoting ${t}` }));
    await fake.fail(providerTaskId, `failed for token ${t}`);
    const [failed] = await client.fetchMany([providerTaskId]);
    expect(failed?.message).toBe('failed for token [redacted]');

    // Answers logged whole (a finished image without a URL) are scrubbed too.
    const noUrl = await startFake({ token: t, shape: { urlField: 'src', statuses: { processing: 9 } } });
    const other = clientOf({}, noUrl);
    const second = await other.submit(job({ count: 2, prompt: `prompt quoting ${t}` }));
    await noUrl.finish(second.providerTaskId);
    await noUrl.progress(second.more![0]!);
    await other.fetchMany([second.providerTaskId, ...second.more!]);
    await other.fetchMany(more);

    const quoted = logged().filter((l) => String(l.answer ?? '').includes('prompt quoting [redacted]'));
    expect(quoted.map((l) => l.level).sort()).toEqual([40, 50]);
    expect(lines.join('\n')).not.toContain(t);
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it('reads seconds and HTTP dates, and ignores what it cannot read', () => {
    expect(retryAfterMs('12', now)).toBe(12_000);
    expect(retryAfterMs('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(undefined, now)).toBeUndefined();
  });
});
