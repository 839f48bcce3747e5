// The provider clients report every HTTP attempt (for /metrics) and whether the service answered
// recently (for /readyz), against their fakes; the rule itself with a clock we move by hand.
import { afterEach, describe, expect, it } from 'vitest';
import { ApiframeClient } from '../../src/providers/apiframe/client.ts';
import { AiphotogeneratorClient } from '../../src/providers/aiphotogenerator/client.ts';
import { CallHealth, FAILURES_IN_A_ROW, RECENT_MS } from '../../src/providers/call-health.ts';
import { ProviderError, type ProviderCallObserver } from '../../src/providers/types.ts';
import { FakeApiframe } from '../fakes/apiframe.ts';
import { FakeAiphotogenerator } from '../fakes/aiphotogenerator.ts';
import { memoryLogger } from '../support/silent-log.ts';

type Attempt = Parameters<ProviderCallObserver['call']>[0];
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

function recorder(): { calls: Attempt[]; observer: ProviderCallObserver } {
  const calls: Attempt[] = [];
  return { calls, observer: { call: (a) => calls.push(a) } };
}

const failing = (kind: ProviderError['kind'], status?: number) => Promise.reject(new ProviderError(kind, 'x', 'the service said something', status));

describe('CallHealth', () => {
  it('is ready with no calls, and after calls that were answered or refused for what they asked', async () => {
    const health = new CallHealth(() => 0);
    expect(health.status()).toEqual({ ready: true });
    await health.track('imagine', Promise.resolve(1));
    await health.track('imagine', failing('rejected', 422)).catch(() => undefined);
    expect(health.status()).toEqual({ ready: true });
  });

  it('is not ready when every call in the last five minutes failed, and says what failed without the service’s words', async () => {
    let now = 0;
    const health = new CallHealth(() => now);
    await health.track('imagine', Promise.resolve(1));
    now = RECENT_MS + 1; // the success is no longer recent
    await health.track('fetch-many', failing('unavailable', 502)).catch(() => undefined);
    const status = health.status();
    expect(status).toEqual({ ready: false, detail: 'every call in the last 5 minutes failed (last: fetch-many: unavailable (HTTP 502))' });
    expect(status.detail).not.toContain('said something');
    // Nothing called for five minutes: nothing says it is down.
    now += RECENT_MS + 1;
    expect(health.status()).toEqual({ ready: true });
  });

  it(`is not ready after ${FAILURES_IN_A_ROW} failures in a row even after a recent success, and ready again at the next answer`, async () => {
    const health = new CallHealth(() => 0);
    await health.track('fetch', Promise.resolve(1));
    for (let i = 1; i < FAILURES_IN_A_ROW; i++) await health.track('fetch', failing('auth', 401)).catch(() => undefined);
    expect(health.status().ready).toBe(true);
    await health.track('fetch', failing('auth', 401)).catch(() => undefined);
    expect(health.status()).toEqual({ ready: false, detail: `the last ${FAILURES_IN_A_ROW} calls failed (last: fetch: auth (HTTP 401))` });
    await health.track('fetch', Promise.resolve(1));
    expect(health.status()).toEqual({ ready: true });
  });

  it('passes values and errors through unchanged', async () => {
    const health = new CallHealth();
    expect(await health.track('a', Promise.resolve('v'))).toBe('v');
    const err = new ProviderError('unavailable', 'a', 'm');
    await expect(health.track('a', Promise.reject(err))).rejects.toBe(err);
  });
});

describe('ApiframeClient reports its calls', () => {
  async function client(observer: ProviderCallObserver) {
    const fake = await FakeApiframe.start();
    const c = new ApiframeClient({ apiKey: fake.apiKey, baseUrl: fake.url, log: memoryLogger([fake.apiKey]).log, retries: 2, backoffMs: 1, timeoutMs: 300, calls: observer });
    closers.push(() => fake.close(), () => c.close());
    return { fake, c };
  }

  it('each attempt by endpoint and status, a retried read included; a read that got through keeps it ready', async () => {
    const { calls, observer } = recorder();
    const { fake, c } = await client(observer);
    const { providerTaskId } = await c.submit({ type: 'mj.imagine', prompt: 'a fox' });
    fake.failNext('/fetch', { status: 503, body: {} });
    await c.fetchMany([providerTaskId]);
    expect(calls.map((a) => [a.provider, a.endpoint, a.status])).toEqual([
      ['apiframe', 'imagine', 200],
      ['apiframe', 'fetch', 503],
      ['apiframe', 'fetch', 200],
    ]);
    expect(calls.every((a) => a.seconds >= 0 && a.seconds < 60)).toBe(true);
    expect(c.status()).toEqual({ ready: true });
  });

  it('a dropped connection as network and a submit that failed as not ready', async () => {
    const { calls, observer } = recorder();
    const { fake, c } = await client(observer);
    fake.failNext('/imagine', 'reset');
    await expect(c.submit({ type: 'mj.imagine', prompt: 'a fox' })).rejects.toBeInstanceOf(ProviderError);
    expect(calls.map((a) => a.status)).toEqual(['network']);
    expect(c.status()).toMatchObject({ ready: false, detail: expect.stringContaining('imagine: unavailable') });
  });

  it('a timeout as timeout', async () => {
    const { calls, observer } = recorder();
    const { fake, c } = await client(observer);
    fake.failNext('/imagine', 'timeout');
    await expect(c.submit({ type: 'mj.imagine', prompt: 'a fox' })).rejects.toBeInstanceOf(ProviderError);
    expect(calls.map((a) => a.status)).toEqual(['timeout']);
  });
});

describe('AiphotogeneratorClient reports its calls', () => {
  it('by operation, never by the lookup path that holds the image id; a refused prompt keeps it ready, a refused token does not', async () => {
    const { calls, observer } = recorder();
    const fake = await FakeAiphotogenerator.start();
    const c = new AiphotogeneratorClient({ token: fake.token, baseUrl: fake.url, log: memoryLogger().log, retries: 1, backoffMs: 1, timeoutMs: 2_000, sleep: async () => undefined, calls: observer });
    closers.push(() => fake.close(), () => c.close());
    const { providerTaskId } = await c.submit({ type: 'gen.image', model: 'flux-2', prompt: 'a lighthouse', width: 1024, height: 1024, count: 1 });
    await c.fetchMany([providerTaskId]);
    fake.failNext('/images/generate', 'validation');
    await expect(c.submit({ type: 'gen.image', model: 'flux-2', prompt: 'a lighthouse', width: 1024, height: 1024, count: 1 })).rejects.toMatchObject({ kind: 'rejected' });
    expect(c.status()).toEqual({ ready: true });
    fake.failNext('/images/generate', 'auth');
    await expect(c.submit({ type: 'gen.image', model: 'flux-2', prompt: 'a lighthouse', width: 1024, height: 1024, count: 1 })).rejects.toMatchObject({ kind: 'auth' });
    expect(calls.map((a) => [a.provider, a.endpoint, a.status])).toEqual([
      ['aiphotogenerator', 'generate', 200],
      ['aiphotogenerator', 'lookup', 200],
      ['aiphotogenerator', 'generate', 422],
      ['aiphotogenerator', 'generate', 401],
    ]);
    expect(calls.some((a) => a.endpoint.includes(providerTaskId))).toBe(false);
    // One refused token after a recent success: not yet three in a row.
    expect(c.status().ready).toBe(true);
  });
});
