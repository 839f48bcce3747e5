// Issue 8, parts 2 and 5, through the commands and the core with an in-memory chat and the fake
// Apiframe: /describe and /shorten, and the buttons under their prompts.
import { afterEach, beforeEach, describe as group, expect, it, vi } from 'vitest';
import { createStore, type SqliteStore } from '../../src/store/index.ts';
import type { TaskService } from '../../src/core/tasks.ts';
import { ApiframeClient } from '../../src/providers/apiframe/client.ts';
import { dispatch } from '../../src/core/dispatch.ts';
import type { CommandCall, CommandSpec, RawOptions } from '../../src/core/command.ts';
import type { IncomingAttachment, Scope } from '../../src/core/chat.ts';
import { describe } from '../../commands/describe.ts';
import { shorten } from '../../commands/shorten.ts';
import { action } from '../../commands/action.ts';
import { FakeApiframe, type FakeTask } from '../fakes/apiframe.ts';
import { makePng } from '../fakes/png.ts';
import { MemoryChat, scope, type ChatEvent } from '../support/memory-chat.ts';
import { commandContext } from '../support/command-context.ts';
import { memoryLogger } from '../support/silent-log.ts';
import { testServices, type TestServices } from '../support/services.ts';

let fake: FakeApiframe;
let store: SqliteStore;
let client: ApiframeClient;
let services: TestServices;
let tasks: TaskService;
let chat: MemoryChat;
const { log } = memoryLogger([], 'silent');

async function start(freeCredits = 1000): Promise<void> {
  fake = await FakeApiframe.start();
  store = createStore(':memory:');
  client = new ApiframeClient({ apiKey: fake.apiKey, baseUrl: fake.url, log, retries: 0 });
  services = testServices(store, client, { freeCredits });
  ({ tasks, chat } = services);
}
beforeEach(() => start());
afterEach(async () => {
  services.cleanup();
  await client.close();
  await fake.close();
  store.close();
});

const ctx = (s: Scope = scope()): CommandCall => commandContext(services, s);
const run = (spec: CommandSpec, raw: RawOptions, s?: Scope) => dispatch(spec, raw, ctx(s), async () => {});
const lastError = () => chat.of('error').at(-1);
const balance = async () => (await services.credits.wallet('telegram:chat:-100')).balance;
const taskCount = () => (store.db.prepare('SELECT COUNT(*) AS n FROM tasks').get() as { n: number }).n;
const labels = (e: ChatEvent) => e.result!.buttons.map((row) => row.map((b) => b.label));
const button = (e: ChatEvent, label: string) => e.result!.buttons.flat().find((b) => b.label === label)!.id;

function photo(over: Partial<IncomingAttachment> = {}): IncomingAttachment {
  const bytes = makePng(16, 16);
  return { name: 'cat.png', contentType: 'image/png', size: bytes.length, download: async () => bytes, ...over };
}

/** Finishes an Apiframe task and waits for the chat to show its result. */
async function finish(task: FakeTask, shows: (e: ChatEvent) => boolean = () => true): Promise<ChatEvent> {
  await fake.finish(task.id);
  await tasks.sweep();
  await tasks.idle();
  const id = (await store.tasks.byProviderId('apiframe', task.id))?.id;
  return chat.waitFor((e) => e.kind === 'result' && e.key === id && shows(e));
}

/** A finished /describe of a public image: its Apiframe task and its result message. */
async function described(): Promise<{ task: FakeTask; result: ChatEvent; prompts: string[] }> {
  await run(describe, { image: [photo({ publicUrl: 'https://cdn.example/cat.png' })] });
  const task = await fake.waitForTask('describe');
  const result = await finish(task);
  const prompts = (fake.tasks.get(task.id)!.result!.content as string[]).map((p) => p.replace(/^\S+ /, ''));
  return { task, result, prompts };
}

group('/describe', () => {
  it('sends a public image URL as it is, and charges 2 credits', async () => {
    await run(describe, { image: [photo({ publicUrl: 'https://cdn.example/cat.png', download: async () => { throw new Error('must not download'); } })] });
    const task = await fake.waitForTask('describe');
    expect(task.body).toEqual({ image_url: 'https://cdn.example/cat.png' });
    expect(fake.callCount('/upload')).toBe(0);
    expect(await balance()).toBe(998);
  });

  it('uploads an image that has no public URL and describes the uploaded copy', async () => {
    await run(describe, { image: [photo()] });
    const task = await fake.waitForTask('describe');
    expect(fake.callCount('/upload')).toBe(1);
    expect(String(task.body.image_url)).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/cdn\/uploads\/[\w-]+\.png$/);
  });

  it('shows the four prompts numbered in one text message, with 1–4 and 🎉 Imagine all', async () => {
    const { result, prompts } = await described();
    expect(result.result!.images).toEqual([]);
    expect(result.text).toContain('✅ Describe “cat.png” for @ana');
    prompts.forEach((p, i) => expect(result.text).toContain(`${i + 1}\uFE0F\u20E3 ${p}`));
    expect(labels(result)).toEqual([['1', '2', '3', '4'], ['🎉 Imagine all']]);
  });

  it.each([
    ['no image at all', {}, 'Send /describe with an image'],
    ['a file that is not an image', { image: [photo({ name: 'notes.txt', contentType: 'text/plain' })] }, '“notes.txt” is not an image'],
    ['two images', { image: [photo(), photo({ name: 'dog.png' })] }, 'one image at a time'],
    ['an image over the upload limit', { image: [photo({ size: 3 * 1024 * 1024 })] }, 'larger than 2 MB'],
  ])('refuses %s, uploads and submits nothing and charges nothing', async (_name, raw, message) => {
    await run(describe, raw as RawOptions);
    expect(lastError()).toMatchObject({ userFault: true });
    expect(lastError()!.text).toContain(message);
    expect(fake.requests).toHaveLength(0);
    expect(taskCount()).toBe(0);
    expect(await balance()).toBe(1000);
  });

  it('refuses a wallet that cannot pay before uploading anything', async () => {
    await fake.close();
    await start(1);
    await run(describe, { image: [photo()] });
    expect(lastError()!.text).toContain('That costs 2 credits');
    expect(fake.requests).toHaveLength(0);
    expect(taskCount()).toBe(0);
  });
});

group('the buttons under suggested prompts', () => {
  it('2 imagines the second prompt, shows that prompt and charges an imagine', async () => {
    const { result, prompts } = await described();
    const before = await balance();
    await run(action, { id: button(result, '2') });
    const imagine = await fake.waitForTask('imagine');
    expect(imagine.body).toEqual({ prompt: prompts[1] });
    expect(await balance()).toBe(before - 4);
    const grid = await finish(imagine);
    expect(grid.text).toContain(`Imagine “${prompts[1]}”`);
    expect(labels(grid)[0]).toContain('U1');
  });

  it('🎉 Imagine all starts four imagines, each charged, shown and delivered on its own', async () => {
    const { result, prompts } = await described();
    const before = await balance();
    const progressBefore = chat.of('progress').length;
    await run(action, { id: button(result, '🎉 Imagine all') });
    const started = await Promise.all([1, 2, 3, 4].map((n) => fake.waitForTask('imagine', n)));
    expect(started.map((t) => t.body.prompt)).toEqual(prompts);
    expect(await balance()).toBe(before - 16);
    // One progress message per imagine, not one message edited four times.
    expect(chat.of('progress').slice(progressBefore).map((e) => e.messageId)).toHaveLength(4);
    for (const [i, task] of started.entries()) expect((await finish(task)).text).toContain(`Imagine “${prompts[i]}”`);
    expect(new Set(chat.of('result').slice(-4).map((e) => e.key)).size).toBe(4);
  });

  it('🎉 Imagine all starts none when the wallet cannot pay for all four', async () => {
    const { result } = await described();
    await store.wallets.move('telegram:chat:-100', -((await balance()) - 12), { kind: 'adjust', note: 'test' }, Date.now());
    await run(action, { id: button(result, '🎉 Imagine all') });
    expect(lastError()!.text).toContain('That starts 4 jobs and costs 16 credits');
    expect(fake.callCount('/imagine')).toBe(0);
    expect(await balance()).toBe(12);
  });

  it('🎉 Imagine all pressed twice quickly starts four imagines, not eight', async () => {
    const { result } = await described();
    const id = button(result, '🎉 Imagine all');
    await Promise.all([run(action, { id }), run(action, { id })]);
    expect(fake.callCount('/imagine')).toBe(4);
    expect(lastError()!.text).toContain('Already on it');
  });

  it('🎉 Imagine all handled again (a replayed update) starts and charges nothing twice', async () => {
    const { result } = await described();
    const before = await balance();
    const press = () => dispatch(action, { id: button(result, '🎉 Imagine all') }, { ...ctx(), origin: 'telegram:update:77' }, async () => {});
    await press();
    // Long after the double-press window: only the event's record keeps it from running again.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.now() + 60_000);
      await press();
    } finally {
      vi.useRealTimers();
    }
    expect(fake.callCount('/imagine')).toBe(4);
    expect(await balance()).toBe(before - 16);
  });

  it('an imagine the image service refuses is told in its own message, and the others still start', async () => {
    const { result } = await described();
    fake.failNext('/imagine', { status: 400, body: { errors: [{ msg: 'Banned prompt' }] } });
    await run(action, { id: button(result, '🎉 Imagine all') });
    expect(fake.callCount('/imagine')).toBe(4);
    expect([...fake.tasks.values()].filter((t) => t.endpoint === 'imagine')).toHaveLength(3);
    expect(chat.of('error').map((e) => e.text)).toEqual(['The image service refused this request: Banned prompt. Nothing was charged.']);
    // The refused one was refunded: three imagines are charged.
    expect(await balance()).toBe(1000 - 2 - 12);
  });
});

group('/shorten', () => {
  const long = 'a very beautiful red fox standing in the fresh snow at dawn';

  it('shows the important tokens and the shortened prompts, each a button that imagines it', async () => {
    await run(shorten, { prompt: long });
    const task = await fake.waitForTask('shorten');
    expect(task.body).toEqual({ prompt: long });
    expect(await balance()).toBe(998);
    const result = await finish(task);
    expect(result.text).toContain('Important tokens: beautiful · red · fox · standing · fresh · snow · dawn');
    expect(result.text).toContain('1\uFE0F\u20E3 beautiful red fox standing fresh snow dawn');
    expect(labels(result)).toEqual([['1', '2', '3', '4', '5']]);
    await run(action, { id: button(result, '3') });
    expect((await fake.waitForTask('imagine')).body.prompt).toBe('beautiful red fox standing fresh');
  });

  it('refuses an empty prompt and submits nothing', async () => {
    await run(shorten, { prompt: ' \u200B ' });
    expect(lastError()!.text).toContain('Tell me the prompt to shorten');
    expect(fake.requests).toHaveLength(0);
  });

  it('clips long prompts to fit one message, while the button imagines the whole prompt', async () => {
    const huge = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');
    await run(shorten, { prompt: huge });
    const result = await finish(await fake.waitForTask('shorten'));
    expect(result.text.length).toBeLessThanOrEqual(1800);
    expect(result.text.split('\n').filter((l) => /^\d\uFE0F\u20E3 .*…$/u.test(l))).toHaveLength(5);
    await run(action, { id: button(result, '1') });
    expect((await fake.waitForTask('imagine')).body.prompt).toBe(huge);
  });

  it('fails and refunds a finished answer without prompts', async () => {
    await run(shorten, { prompt: long });
    const task = await fake.waitForTask('shorten');
    await fake.finishWith(task.id, { task_type: 'shorten', status: 'finished', content: [] });
    await tasks.sweep();
    await tasks.idle();
    await chat.waitFor((e) => e.kind === 'failure');
    expect(await balance()).toBe(1000);
  });
});
