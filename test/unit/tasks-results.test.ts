// Issue 7, part 6: a "finished" answer without the images its task needs is not a result. The task
// fails with a clear message, the credits come back, and the log keeps the answer.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, type Store } from '../../src/store/index.ts';
import { ApiframeClient } from '../../src/providers/apiframe/client.ts';
import { FakeApiframe } from '../fakes/apiframe.ts';
import { scope } from '../support/memory-chat.ts';
import { memoryLogger } from '../support/silent-log.ts';
import { testServices, type TestServices } from '../support/services.ts';

let fake: FakeApiframe;
let store: Store;
let client: ApiframeClient;
let s: TestServices;
let lines: string[];
const ana = scope();

beforeEach(async () => {
  fake = await FakeApiframe.start();
  store = createStore(':memory:');
  const logger = memoryLogger(['test-apiframe-key'], 'debug');
  lines = logger.lines;
  client = new ApiframeClient({ apiKey: fake.apiKey, baseUrl: fake.url, log: logger.log, retries: 0 });
  s = testServices(store, client, { freeCredits: 100, log: logger.log });
});
afterEach(async () => {
  s.cleanup();
  await client.close();
  await fake.close();
  store.close();
});

const balance = async () => (await store.wallets.get('telegram:chat:-100'))!.balance;

async function imagine(): Promise<string> {
  const task = await s.tasks.start(
    { scope: ana, job: { type: 'mj.imagine' as const, prompt: 'a fox' }, prompt: 'a fox', label: 'Imagine', charge: await s.credits.charge(ana, 'imagine') },
    s.chat.responder(ana),
  );
  return task.id;
}

describe('a finished answer must carry the result its task needs', () => {
  const odd: Array<[string, Record<string, unknown>]> = [
    ['image URLs in camelCase', { status: 'finished', imageUrls: ['https://cdn.example/1.png'], originalImageUrl: 'https://cdn.example/g.png' }],
    ['"completed" with no fields', { status: 'completed' }],
    ['the result nested one level down', { status: 'finished', result: { original_image_url: 'https://cdn.example/g.png', image_urls: ['https://cdn.example/1.png'] } }],
    ['the shape of an upscale', { status: 'finished', image_url: 'https://cdn.example/u.png' }],
    ['a grid with no images', { status: 'finished', original_image_url: 'https://cdn.example/g.png', image_urls: [] }],
  ];

  it.each(odd)('an imagine finished with %s fails, is refunded and says why', async (_what, body) => {
    const id = await imagine();
    expect(await balance()).toBe(96);
    const providerTaskId = (await store.tasks.get(id))!.providerTaskId!;
    await fake.finishWith(providerTaskId, body);
    await s.tasks.sweep();
    await s.tasks.idle();

    expect(await store.tasks.get(id)).toMatchObject({ status: 'failed', delivery: 'sent' });
    expect(await balance()).toBe(100);
    expect(s.chat.of('result')).toHaveLength(0);
    const failure = s.chat.of('failure')[0]!;
    expect(failure.text).toContain('sent no images back');
    const logged = lines.find((l) => l.includes('holds no usable result'));
    expect(logged).toContain(providerTaskId);
    expect(JSON.parse(logged!).body).toContain(JSON.stringify(body).slice(1, 20));
  });

  it('a well-formed grid is still a result', async () => {
    const id = await imagine();
    await fake.finish((await store.tasks.get(id))!.providerTaskId!);
    await s.tasks.sweep();
    await s.tasks.idle();
    expect((await store.tasks.get(id))?.status).toBe('finished');
    expect(s.chat.of('result')).toHaveLength(1);
    expect(await balance()).toBe(96);
  });

  it('an answer through the webhook is held to the same rule', async () => {
    const id = await imagine();
    const providerTaskId = (await store.tasks.get(id))!.providerTaskId!;
    expect(await s.tasks.applyUpdate('apiframe', { providerTaskId, state: 'finished', percentage: 100 })).toBe('failed');
    expect(await s.tasks.applyUpdate('apiframe', { providerTaskId, state: 'finished', result: { kind: 'image', imageUrl: 'https://cdn.example/u.png' } })).toBe('ignored');
    await s.tasks.idle();
    expect(await balance()).toBe(100);
  });
});
