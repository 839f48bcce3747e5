import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, type Store } from '../../src/store/index.ts';
import { TaskService } from '../../src/core/tasks.ts';
import { HttpServer } from '../../src/server/http.ts';
import { APIFRAME_WEBHOOK_PATH as WEBHOOK_PATH } from '../../src/providers/apiframe/webhook.ts';
import { ProviderRegistry } from '../../src/providers/registry.ts';
import { ApiframeClient } from '../../src/providers/apiframe/client.ts';
import { FakeApiframe } from '../fakes/apiframe.ts';
import { MemoryChat, scope } from '../support/memory-chat.ts';
import { memoryLogger } from '../support/silent-log.ts';

const SECRET = 'webhook-secret-abcdefghijkl';
let fake: FakeApiframe;
let store: Store;
let client: ApiframeClient;
let tasks: TaskService;
let server: HttpServer;
let base: string;
let chat: MemoryChat;
let lines: string[];

beforeEach(async () => {
  fake = await FakeApiframe.start();
  store = createStore(':memory:');
  const logger = memoryLogger([SECRET]);
  lines = logger.lines;
  chat = new MemoryChat();
  let providers: ProviderRegistry | undefined;
  server = new HttpServer({ port: 0, host: '127.0.0.1', webhookAt: (path) => providers?.webhookAt(path), onUpdate: (p, v) => tasks.applyUpdate(p, v), log: logger.log, health: async () => ({ unfinishedTasks: await store.tasks.countUnfinished() }) });
  base = `http://127.0.0.1:${await server.listen()}`;
  client = new ApiframeClient({ apiKey: fake.apiKey, baseUrl: fake.url, log: logger.log, retries: 0, webhook: { url: `${base}${WEBHOOK_PATH}`, secret: SECRET } });
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

const post = (body: unknown, secret?: string) =>
  fetch(`${base}${WEBHOOK_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret ? { 'x-webhook-secret': secret } : {}) },
    body: JSON.stringify(body),
  });

describe('webhook endpoint', () => {
  it('takes progress and the final result from Apiframe webhooks and delivers once', async () => {
    const task = await tasks.start({ scope: scope(), job: { type: 'mj.imagine' as const, prompt: 'fox' }, prompt: 'fox', label: 'Imagine' }, chat.responder(scope()));
    await fake.progress(task.providerTaskId!, 50);
    await fake.finish(task.providerTaskId!);
    await chat.waitFor((e) => e.kind === 'result');
    expect(fake.webhookDeliveries.map((d) => d.status)).toEqual([200, 200]);
    expect(chat.of('edit').some((e) => e.text.includes('50%'))).toBe(true);
    // A replay of the final call changes nothing.
    const replay = await post(fake.webhookDeliveries[1]!.body, SECRET);
    expect(replay.status).toBe(200);
    expect(chat.of('result')).toHaveLength(1);
  });

  it('refuses a wrong or missing secret with 401 and changes nothing', async () => {
    const task = await tasks.start({ scope: scope(), job: { type: 'mj.imagine' as const, prompt: 'fox' }, prompt: 'fox', label: 'Imagine' }, chat.responder(scope()));
    const forged = { task_id: task.providerTaskId, status: 'finished', original_image_url: 'https://evil.example/g.png', image_urls: ['https://evil.example/1.png'] };
    expect((await post(forged, 'wrong-secret')).status).toBe(401);
    expect((await post(forged)).status).toBe(401);
    expect((await store.tasks.get(task.id))?.status).toBe('submitted');
    expect(chat.of('result')).toHaveLength(0);
    expect(lines.join('')).not.toContain(SECRET);
  });

  it('answers 400 to a body that is not a task update', async () => {
    expect((await post({ hello: 'world' }, SECRET)).status).toBe(400);
    const res = await fetch(`${base}${WEBHOOK_PATH}`, { method: 'POST', headers: { 'x-webhook-secret': SECRET }, body: '{not json' });
    expect(res.status).toBe(400);
  });

  it('serves /healthz', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, unfinishedTasks: 0 });
  });
});

describe('webhook endpoint under attack', () => {
  const levels = () => lines.map((l) => JSON.parse(l) as { level: number; msg: string; suppressed?: number; stack?: unknown; err?: unknown });

  it('200 forged webhooks write a bounded number of warn lines, then say how many were left out', async () => {
    for (let i = 0; i < 200; i++) expect((await post({ task_id: `t${i}`, status: 'finished' }, 'forged-secret')).status).toBe(401);
    const forged = levels().filter((l) => l.msg.includes('wrong or missing secret'));
    expect(forged.length).toBeGreaterThan(0);
    expect(forged.length).toBeLessThanOrEqual(20);
    await server.close();
    const summary = levels().find((l) => l.suppressed !== undefined);
    expect(summary).toMatchObject({ level: 40, suppressed: 200 - forged.length });
  });

  it('a client that stops mid-body is a client problem: no error line, no stack', async () => {
    const { connect } = await import('node:net');
    const socket = connect(Number(new URL(base).port), '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    // "Expect: 100-continue" makes the server say when its handler is reading the body.
    const reading = new Promise<void>((resolve) => socket.once('data', () => resolve()));
    socket.write(`POST ${WEBHOOK_PATH} HTTP/1.1\r\nHost: x\r\nx-webhook-secret: ${SECRET}\r\ncontent-type: application/json\r\ncontent-length: 1000\r\nexpect: 100-continue\r\n\r\n`);
    await reading;
    socket.write('{"task_id":');
    socket.destroy();
    for (let i = 0; i < 250 && !levels().some((l) => l.level >= 40); i++) await new Promise((r) => setTimeout(r, 20));
    const noisy = levels().filter((l) => l.level >= 40);
    expect(noisy).toHaveLength(1);
    expect(noisy[0]).toMatchObject({ level: 40 });
    expect(noisy[0]!.err).toBeUndefined();
    expect(JSON.stringify(noisy[0])).not.toContain('stack');
  });
});
