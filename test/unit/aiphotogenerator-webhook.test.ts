import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, type Store } from '../../src/store/index.ts';
import { TaskService } from '../../src/core/tasks.ts';
import { HttpServer } from '../../src/server/http.ts';
import { ProviderRegistry } from '../../src/providers/registry.ts';
import { AiphotogeneratorClient } from '../../src/providers/aiphotogenerator/client.ts';
import { AIPHOTOGENERATOR_WEBHOOK_PATH as WEBHOOK_PATH } from '../../src/providers/aiphotogenerator/webhook.ts';
import type { ProviderTaskView } from '../../src/providers/types.ts';
import type { JobOf } from '../../src/providers/jobs.ts';
import { FakeAiphotogenerator } from '../fakes/aiphotogenerator.ts';
import { MemoryChat, scope } from '../support/memory-chat.ts';
import { memoryLogger } from '../support/silent-log.ts';

const SECRET = 'aiphoto-webhook-secret-0123';
let fake: FakeAiphotogenerator;
let store: Store;
let client: AiphotogeneratorClient;
let tasks: TaskService;
let server: HttpServer;
let base: string;
let chat: MemoryChat;
let lines: string[];
/** Every update the server handed on: the provider it named, the image and its state. */
let updates: Array<[string, string, ProviderTaskView['state']]>;

beforeEach(async () => {
  store = createStore(':memory:');
  const logger = memoryLogger([SECRET]);
  lines = logger.lines;
  chat = new MemoryChat();
  updates = [];
  let providers: ProviderRegistry | undefined;
  server = new HttpServer({
    port: 0,
    host: '127.0.0.1',
    webhookAt: (path) => providers?.webhookAt(path),
    onUpdate: (provider, view) => {
      updates.push([provider, view.providerTaskId, view.state]);
      return tasks.applyUpdate(provider, view);
    },
    log: logger.log,
    health: () => ({}),
  });
  base = `http://127.0.0.1:${await server.listen()}`;
  const webhook = { url: `${base}${WEBHOOK_PATH}`, secret: SECRET };
  // The URL the operator would register with the service: the secret rides in ?token=.
  fake = await FakeAiphotogenerator.start({ webhookUrl: `${webhook.url}?token=${webhook.secret}` });
  client = new AiphotogeneratorClient({ token: fake.token, baseUrl: fake.url, log: logger.log, retries: 0, webhook });
  providers = new ProviderRegistry([client]);
  tasks = new TaskService({ store, providers, log: logger.log, deadlineMs: 600_000 });
  tasks.attach(chat);
});
afterEach(async () => {
  await server.close();
  await client.close();
  await fake.close();
  store.close();
});

const generate = (count: number): JobOf<'gen.image'> => ({ type: 'gen.image', model: 'flux-2', prompt: 'a lighthouse', width: 1024, height: 1024, count });
const start = (count: number) => tasks.start({ scope: scope(), job: generate(count), prompt: 'a lighthouse', label: 'Generate' }, chat.responder(scope()));

const post = (body: unknown, query = `?token=${SECRET}`) =>
  fetch(`${base}${WEBHOOK_PATH}${query}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('aiphotogenerator.net webhook', () => {
  it('takes each image from webhooks with the right token and delivers the task once, as one album', async () => {
    const task = await start(2);
    const [a, b] = [...fake.images.keys()] as [string, string];
    await fake.progress(a);
    await fake.finish(a);
    expect((await store.tasks.get(task.id))?.status).toBe('submitted');
    await fake.finish(b);
    const result = await chat.waitFor((e) => e.kind === 'result');
    expect(fake.webhookDeliveries.map((d) => d.status)).toEqual([200, 200, 200]);
    expect(updates).toEqual([
      ['aiphotogenerator', a, 'running'],
      ['aiphotogenerator', a, 'finished'],
      ['aiphotogenerator', b, 'finished'],
    ]);
    expect(await store.tasks.get(task.id)).toMatchObject({ status: 'finished', result: { kind: 'photos', imageUrls: [`${fake.origin}/files/${a}.png`, `${fake.origin}/files/${b}.png`] } });
    expect(result).toBeDefined();
    // A replay of the last call changes nothing.
    expect((await post(fake.webhookDeliveries.at(-1)!.body)).status).toBe(200);
    expect(chat.of('result')).toHaveLength(1);
  });

  it('finishes a one-image task from its webhook', async () => {
    const task = await start(1);
    await fake.finish(task.providerTaskId!);
    await chat.waitFor((e) => e.kind === 'result');
    expect(await store.tasks.get(task.id)).toMatchObject({ status: 'finished', result: { kind: 'photos', imageUrls: [`${fake.origin}/files/${task.providerTaskId}.png`] } });
  });

  it('refuses a wrong or missing token with 401 and changes nothing', async () => {
    const task = await start(1);
    const forged = { id: task.providerTaskId, status: 2, url: 'https://evil.example/x.png' };
    expect((await post(forged, '?token=wrong-token')).status).toBe(401);
    expect((await post(forged, '')).status).toBe(401);
    const inHeader = await fetch(`${base}${WEBHOOK_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-webhook-secret': SECRET }, body: JSON.stringify(forged) });
    expect(inHeader.status).toBe(401);
    expect(updates).toEqual([]);
    expect((await store.tasks.get(task.id))?.status).toBe('submitted');
    expect(lines.join('')).not.toContain(SECRET);
  });

  it('answers 401 before reading the body', async () => {
    // Headers promise a body that never comes: a server that read it would wait instead of answering.
    const socket = connect(Number(new URL(base).port), '127.0.0.1');
    const answer = new Promise<string>((resolve) => socket.once('data', (d: Buffer) => resolve(d.toString('utf8'))));
    socket.write(`POST ${WEBHOOK_PATH}?token=wrong HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{"id":`);
    expect(await answer).toMatch(/^HTTP\/1\.1 401 /);
    socket.destroy();
  });

  it('answers 400 to a body that is not an image update', async () => {
    expect((await post({ hello: 'world' })).status).toBe(400);
    const res = await fetch(`${base}${WEBHOOK_PATH}?token=${SECRET}`, { method: 'POST', body: '{not json' });
    expect(res.status).toBe(400);
  });

  it('reads a list of images and a wrapped image', async () => {
    const task = await start(2);
    const [a, b] = [...fake.images.keys()] as [string, string];
    expect((await post({ images: [{ id: a, status: 1 }, { id: b, status: 1 }] })).status).toBe(200);
    expect((await post({ data: { id: a, status: 3, error: 'Blocked by the safety filter' } })).status).toBe(200);
    expect(updates).toEqual([
      ['aiphotogenerator', a, 'running'],
      ['aiphotogenerator', b, 'running'],
      ['aiphotogenerator', a, 'failed'],
    ]);
    expect((await store.tasks.get(task.id))?.status).toBe('submitted');
  });
});

describe('aiphotogenerator.net polling, the safety net', () => {
  it('finishes a task whose webhooks were lost, through lookups', async () => {
    const task = await start(2);
    const [a, b] = [...fake.images.keys()] as [string, string];
    // The service finished both, but no webhook reached us (say the URL was never registered).
    fake.images.get(a)!.status = 'finished';
    fake.images.get(b)!.status = 'finished';
    await tasks.sweep({ force: true });
    await chat.waitFor((e) => e.kind === 'result');
    expect(updates).toEqual([]);
    expect(fake.callCount('/images/{id}')).toBe(2);
    expect(await store.tasks.get(task.id)).toMatchObject({ status: 'finished', result: { kind: 'photos', imageUrls: [`${fake.origin}/files/${a}.png`, `${fake.origin}/files/${b}.png`] } });
  });
});
