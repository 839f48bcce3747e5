import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, type SqliteStore } from '../../src/store/index.ts';
import type { TaskService } from '../../src/core/tasks.ts';
import { ApiframeClient } from '../../src/providers/apiframe/client.ts';
import { dispatch } from '../../src/core/dispatch.ts';
import type { CommandCall, RawOptions } from '../../src/core/command.ts';
import type { IncomingAttachment, Scope } from '../../src/core/chat.ts';
import { imagine, PROMPT_MAX_LENGTH } from '../../commands/imagine.ts';
import { action } from '../../commands/action.ts';
import { FakeApiframe } from '../fakes/apiframe.ts';
import { makePng } from '../fakes/png.ts';
import { GRID_BUTTONS, UPSCALE_BUTTONS, UPSCALE_PRESSES } from '../support/keyboards.ts';
import { MemoryChat, scope } from '../support/memory-chat.ts';
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

beforeEach(async () => {
  fake = await FakeApiframe.start();
  store = createStore(':memory:');
  client = new ApiframeClient({ apiKey: fake.apiKey, baseUrl: fake.url, log, retries: 0 });
  services = testServices(store, client, { freeCredits: 1000 });
  ({ tasks, chat } = services);
});
afterEach(async () => {
  services.cleanup();
  await client.close();
  await fake.close();
  store.close();
});

const ctx = (s: Scope = scope()): CommandCall => commandContext(services, s);
const run = (spec: typeof imagine | typeof action, raw: RawOptions, s?: Scope) => dispatch(spec, raw, ctx(s), async () => {});
const lastError = () => chat.of('error').at(-1);

function file(over: Partial<IncomingAttachment> = {}): IncomingAttachment {
  const bytes = makePng(16, 16);
  return { name: 'cat.png', contentType: 'image/png', size: bytes.length, download: async () => bytes, ...over };
}

async function finishedGrid(s: Scope = scope()): Promise<string[]> {
  await run(imagine, { prompt: 'a red fox', aspect_ratio: '16:9' }, s);
  const task = await fake.waitForTask('imagine');
  await fake.finish(task.id);
  await tasks.sweep();
  await tasks.idle();
  const result = await chat.waitFor((e) => e.kind === 'result');
  return result.result!.buttons.flat().map((b) => b.id);
}

describe('/imagine input', () => {
  it.each([
    ['an empty prompt', { prompt: '   ' }, 'Tell me what to imagine'],
    ['no prompt at all', {}, 'Tell me what to imagine'],
    ['a prompt over the limit', { prompt: 'x'.repeat(PROMPT_MAX_LENGTH + 1) }, 'too long'],
    ['an unknown aspect ratio', { prompt: 'fox', aspect_ratio: '7:3' }, 'Aspect ratio must be one of 1:1, 16:9'],
    ['a non-image attachment', { prompt: 'fox', image: [file({ name: 'notes.txt', contentType: 'text/plain' })] }, '“notes.txt” is not an image'],
  ])('refuses %s with a clear message and submits nothing', async (_name, raw, message) => {
    await run(imagine, raw as RawOptions);
    expect(lastError()).toMatchObject({ userFault: true });
    expect(lastError()!.text).toContain(message);
    expect(fake.requests).toHaveLength(0);
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM tasks').get()).toEqual({ n: 0 });
  });

  it('uses a public attachment URL as an image prompt as it is', async () => {
    await run(imagine, { prompt: 'in watercolor', image: [file({ publicUrl: 'https://cdn.example/cat.png' })] });
    expect((await fake.waitForTask('imagine')).body.prompt).toBe('https://cdn.example/cat.png in watercolor');
  });

  it('uploads an attachment that has no public URL and prompts with the uploaded copy', async () => {
    await run(imagine, { prompt: 'in watercolor', image: [file()] });
    const prompt = String((await fake.waitForTask('imagine')).body.prompt);
    expect(prompt).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/cdn\/uploads\/\S+ in watercolor$/);
  });

  it('refuses an image over the upload limit before downloading it', async () => {
    await run(imagine, { prompt: 'fox', image: [file({ size: 3 * 1024 * 1024, download: async () => { throw new Error('should not download'); } })] });
    expect(lastError()!.text).toContain('larger than 2 MB');
    expect(fake.requests).toHaveLength(0);
  });
});

describe('result buttons', () => {
  it('upscales the pressed image of the right parent', async () => {
    const ids = await finishedGrid();
    await run(action, { id: ids[1]! });
    const up = await fake.waitForTask('upscale-1x');
    const parent = await fake.waitForTask('imagine');
    expect(up.body).toMatchObject({ parent_task_id: parent.id, index: '2' });
  });

  it('rerolls with the parent prompt and aspect ratio', async () => {
    const ids = await finishedGrid();
    await run(action, { id: ids[4]! });
    const reroll = await fake.waitForTask('reroll');
    expect(reroll.body).toMatchObject({ prompt: 'a red fox', aspect_ratio: '16:9' });
  });

  it('refuses a forged button politely and submits nothing', async () => {
    await run(action, { id: 'act:zzzzzzzzzzzz' });
    expect(lastError()).toMatchObject({ userFault: true });
    expect(lastError()!.text).toContain("doesn't work here");
    await run(action, { id: 'drop table tasks' });
    expect(lastError()!.text).toContain('not one of mine');
    expect(fake.requests).toHaveLength(0);
  });

  it('refuses a button pressed in another chat', async () => {
    const ids = await finishedGrid(scope({ chatId: '-100' }));
    const before = fake.requests.length;
    await run(action, { id: ids[5]! }, scope({ chatId: '-200' }));
    expect(lastError()!.text).toContain("doesn't work here");
    expect(fake.requests).toHaveLength(before);
  });

  it('submits one task when a button is pressed twice quickly', async () => {
    const ids = await finishedGrid();
    await Promise.all([run(action, { id: ids[6]! }), run(action, { id: ids[6]! })]);
    expect(fake.callCount('/variations')).toBe(1);
    expect(lastError()!.text).toContain('Already on it');
  });

  it('says an image is already upscaled instead of upscaling it again', async () => {
    const ids = await finishedGrid();
    await run(action, { id: ids[0]! });
    await fake.waitForTask('upscale-1x');
    await run(action, { id: ids[0]! });
    expect(lastError()!.text).toContain('is being upscaled already');
    expect(fake.callCount('/upscale-1x')).toBe(1);
  });

  it("lays out the upscale buttons in Midjourney's rows under an upscale", async () => {
    const ids = await finishedGrid();
    await run(action, { id: ids[2]! });
    const up = await fake.waitForTask('upscale-1x');
    await fake.finish(up.id);
    await tasks.sweep();
    await tasks.idle();
    const result = await chat.waitFor((e) => e.kind === 'result' && e.text.includes('Upscale #3'));
    // The grid was 16:9, so Make Square is offered.
    expect(result.result!.buttons.map((row) => row.map((b) => b.label))).toEqual(UPSCALE_BUTTONS);
  });
});

describe('the buttons under an upscale', () => {
  it.each(UPSCALE_PRESSES)('$label asks Apiframe /$endpoint with its parent, charges its cost and shows its result', async (press) => {
    const ids = await finishedGrid();
    const grid = await fake.waitForTask('imagine');
    await run(action, { id: ids[0]! });
    const up = await fake.waitForTask('upscale-1x');
    await fake.finish(up.id);
    await tasks.sweep();
    await tasks.idle();
    const upscaled = await chat.waitFor((e) => e.kind === 'result' && e.text.includes('Upscale #1'));
    const button = upscaled.result!.buttons.flat().find((b) => b.label === press.label)!;
    const wallet = async () => (await store.wallets.get('telegram:chat:-100'))!.balance;
    const before = await wallet();

    await run(action, { id: button.id });
    const job = await fake.waitForTask(press.endpoint);
    const parentField = press.endpoint === 'seed' ? { task_id: grid.id } : { parent_task_id: up.id };
    expect(job.body).toMatchObject({ ...parentField, ...press.body });
    expect(await wallet()).toBe(before - press.cost);

    await fake.finish(job.id);
    await tasks.sweep();
    await tasks.idle();
    const result = chat.of('result').at(-1)!;
    if (press.result === 'grid') expect(result.result!.buttons.map((row) => row.map((b) => b.label))).toEqual(GRID_BUTTONS);
    if (press.result === 'image') expect(result.result).toMatchObject({ images: [{ url: expect.stringContaining('/upscale.png') }], buttons: [] });
    if (press.result === 'seed') expect(result.text).toMatch(/^🌱 The seed of “a red fox” is \d+: add --seed \d+/);
  });

  it('offers no Make Square under a square image', async () => {
    await run(imagine, { prompt: 'a square fox' });
    const task = await fake.waitForTask('imagine');
    await fake.finish(task.id);
    await tasks.sweep();
    await tasks.idle();
    const grid = await chat.waitFor((e) => e.kind === 'result');
    await run(action, { id: grid.result!.buttons[0]![0]!.id });
    const up = await fake.waitForTask('upscale-1x');
    await fake.finish(up.id);
    await tasks.sweep();
    await tasks.idle();
    const upscaled = await chat.waitFor((e) => e.kind === 'result' && e.text.includes('Upscale #1'));
    expect(upscaled.result!.buttons.flat().map((b) => b.label)).not.toContain('Make Square');
    expect(upscaled.result!.buttons.flat().map((b) => b.label)).toContain('Zoom Out 2x');
  });
});

describe('subtle V1–V4 (/settings)', () => {
  it('upscales the image, varies the upscale subtly in the same message, and charges both steps', async () => {
    await services.settings.update(scope(), { variation: 'subtle' });
    const ids = await finishedGrid();
    const grid = await fake.waitForTask('imagine');
    const wallet = async () => (await store.wallets.get('telegram:chat:-100'))!.balance;
    const before = await wallet();
    const results = chat.of('result').length;

    await run(action, { id: ids[6]! }); // V2
    const step = await fake.waitForTask('upscale-1x');
    expect(step.body).toMatchObject({ parent_task_id: grid.id, index: '2' });
    expect(await wallet()).toBe(before - 2);
    await fake.finish(step.id);
    await tasks.sweep();
    await tasks.idle();
    const vary = await fake.waitForTask('variations');
    expect(vary.body).toMatchObject({ parent_task_id: step.id, index: 'subtle' });
    expect(await wallet()).toBe(before - 2 - 4);
    // The upscale was a step: nobody was shown it.
    expect(chat.of('result')).toHaveLength(results);

    await fake.finish(vary.id);
    await tasks.sweep();
    await tasks.idle();
    const result = chat.of('result').at(-1)!;
    expect(result.text).toContain('Variations of #2');
    expect(result.result!.buttons.map((row) => row.map((b) => b.label))).toEqual(GRID_BUTTONS);
    // U2 of the grid is still an upscale of its own.
    await run(action, { id: ids[1]! });
    expect(fake.callCount('/upscale-1x')).toBe(2);
  });

  it('starts nothing when the wallet cannot pay for both steps', async () => {
    await services.settings.update(scope(), { variation: 'subtle' });
    const ids = await finishedGrid();
    // 5 left: the upscale (2) but not the variation after it (4).
    await services.credits.take('telegram:chat:-100', (await store.wallets.get('telegram:chat:-100'))!.balance - 5, scope());
    await run(action, { id: ids[6]! });
    expect(lastError()!.text).toMatch(/costs 6 credits/);
    expect(fake.callCount('/upscale-1x')).toBe(0);
  });
});
