// /generate through dispatch, against an in-test aiphotogenerator: every option's way into the job,
// every bad input's message and code (with nothing charged or submitted), each model's price by
// size, and the model picked from a panel when none was named.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, type SqliteStore } from '../../src/store/index.ts';
import { dispatch } from '../../src/core/dispatch.ts';
import type { RawOptions } from '../../src/core/command.ts';
import type { IncomingAttachment, Scope } from '../../src/core/chat.ts';
import { DEFAULT_COSTS, type CostKey } from '../../src/core/costs.ts';
import { IMAGE_MODEL_IDS, type ImageModel } from '../../src/providers/image-models.ts';
import { generate } from '../../commands/generate.ts';
import { GENERATE_ASPECTS } from '../../commands/generate-input.ts';
import { routePayload } from '../../commands/index.ts';
import { makePng } from '../fakes/png.ts';
import { commandContext } from '../support/command-context.ts';
import { fakeGenerator, type FakeGenerator } from '../support/generate-provider.ts';
import { scope } from '../support/memory-chat.ts';
import { memoryLogger } from '../support/silent-log.ts';
import { testServices, type TestServices } from '../support/services.ts';

let store: SqliteStore;
let gen: FakeGenerator;
let services: TestServices;
let logLines: string[];
const ana = scope({ userId: '7', userName: '@ana' });
const bob = scope({ userId: '8', userName: '@bob' });
const WALLET = 'telegram:chat:-100';

function setup(o: { models?: ImageModel[]; credits?: number; costs?: Partial<Record<CostKey, number>> } = {}): void {
  store = createStore(':memory:');
  gen = fakeGenerator({ models: o.models ?? ['flux-2'] });
  const logged = memoryLogger([], 'debug');
  logLines = logged.lines;
  services = testServices(store, gen.provider, { freeCredits: o.credits ?? 1000, costs: o.costs, log: logged.log });
}
beforeEach(() => setup());
afterEach(() => {
  services.cleanup();
  store.close();
});

const run = (raw: RawOptions, s: Scope = ana, origin?: string) => dispatch(generate, raw, commandContext(services, s, { origin }), async () => {});
const press = (payload: string, s: Scope = ana, origin?: string) => {
  const routed = routePayload(payload)!;
  return dispatch(routed.spec, routed.raw, commandContext(services, s, { origin }), async () => {});
};
const balance = async () => (await store.wallets.get(WALLET))?.balance ?? 1000;
const taskCount = () => (store.db.prepare('SELECT COUNT(*) AS n FROM tasks').get() as { n: number }).n;
const lastError = () => services.chat.of('error').at(-1);
/** The code of the last UserError shown (dispatch logs it). */
const lastCode = () => logLines.map((l) => JSON.parse(l) as { msg: string; code?: string }).filter((l) => l.msg === 'user error').at(-1)?.code;

/** A file as Discord gives it: on a public CDN. */
function publicFile(n: number): IncomingAttachment {
  return { name: `ref${n}.png`, contentType: 'image/png', size: 100, publicUrl: `https://cdn.example/ref${n}.png`, download: async () => makePng(8, 8) };
}
/** A file as Telegram gives it: no public URL, only through the platform. */
function privateFile(name = 'photo.png'): IncomingAttachment {
  const bytes = makePng(16, 16);
  return { name, contentType: 'image/png', size: bytes.length, download: async () => bytes };
}

describe('/generate options become the job', () => {
  it('asks for one 1024×1024 image of the only model offered when given a prompt alone, and charges its price once', async () => {
    await run({ prompt: '  a lighthouse\tat dawn ' });
    expect(gen.jobs).toEqual([{ type: 'gen.image', model: 'flux-2', prompt: 'a lighthouse at dawn', width: 1024, height: 1024, count: 1 }]);
    expect(await balance()).toBe(1000 - DEFAULT_COSTS.generate_flux_2);
    expect(services.chat.of('progress')[0]!.text).toContain('Flux 2 Pro “a lighthouse at dawn” for @ana');
  });

  it.each(Object.entries(GENERATE_ASPECTS))('maps --ar %s to %o, at most a megapixel in multiples of 64 and close to the ratio', async (ratio, size) => {
    await run({ prompt: 'a fox', aspect_ratio: ratio });
    expect(gen.jobs[0]).toMatchObject(size);
    const [w, h] = ratio.split(':').map(Number) as [number, number];
    expect(size.width * size.height).toBeLessThanOrEqual(1024 * 1024);
    expect(size.width * size.height).toBeGreaterThan(0.9 * 1024 * 1024);
    expect(size.width % 64 + (size.height % 64)).toBe(0);
    expect(Math.abs(size.width / size.height / (w / h) - 1)).toBeLessThan(0.06);
    // Each preset is one unit of the model's price per image.
    expect(await balance()).toBe(1000 - DEFAULT_COSTS.generate_flux_2);
  });

  it.each([
    ['1536x1024', 1536, 1024],
    ['512×4096', 512, 4096],
    [' 4096 X 4096 ', 4096, 4096],
  ])('takes an explicit size %s as %i×%i', async (size, width, height) => {
    await run({ prompt: 'a fox', size });
    expect(gen.jobs[0]).toMatchObject({ width, height });
  });

  it.each([1, 10])('asks for %i images and waits on one id per image', async (count) => {
    await run({ prompt: 'a fox', count });
    expect(gen.jobs[0]!.count).toBe(count);
    const task = (await store.tasks.byProviderId('aiphotogenerator', gen.ids[0]![0]!))!;
    expect(await store.tasks.parts(task.id)).toHaveLength(count);
  });

  it('takes a count typed as text on Telegram', async () => {
    await run({ prompt: 'a fox', count: '4' });
    expect(gen.jobs[0]!.count).toBe(4);
  });

  it('passes what to avoid, cleaned as a prompt is', async () => {
    await run({ prompt: 'a fox', negative: 'blurry,\n text\u200b, watermark' });
    expect(gen.jobs[0]!.negative).toBe('blurry, text, watermark');
  });

  it.each([
    ['seedream-4', 'seedream-4'],
    ['Flux 2 Pro', 'flux-2'],
    ['SDXL', 'stable-diffusion-xl'],
    ['nano-banana-pro', 'nano-banana-pro'],
  ])('takes the model %s as %s', async (given, model) => {
    setup({ models: [...IMAGE_MODEL_IDS] });
    await run({ prompt: 'a fox', model: given });
    expect(gen.jobs[0]!.model).toBe(model);
  });

  it('passes public reference images as they are and copies the others first, in order, up to ten', async () => {
    const refs = [publicFile(1), privateFile('from-telegram.png'), ...Array.from({ length: 8 }, (_, i) => publicFile(i + 3))];
    await run({ prompt: 'a fox like these', image: refs });
    expect(gen.uploads).toEqual(['https://refs.example/1-from-telegram.png']);
    expect(gen.jobs[0]!.inputUrls).toEqual(['https://cdn.example/ref1.png', 'https://refs.example/1-from-telegram.png', ...refs.slice(2).map((f) => f.publicUrl)]);
  });
});

describe('/generate refuses bad input with a clear message and a stable code, charging and submitting nothing', () => {
  const long = 'x'.repeat(1025);
  it.each<[string, RawOptions, string, string]>([
    ['no prompt', {}, 'missing_prompt', 'Tell me what to generate'],
    ['an invisible prompt', { prompt: '\u200b \u200d ' }, 'missing_prompt', 'Tell me what to generate'],
    ['a prompt over 1024 characters', { prompt: long }, 'prompt_too_long', 'keep it within 1,024 characters'],
    ['what to avoid over 1024 characters', { prompt: 'a fox', negative: long }, 'negative_too_long', 'within 1,024 characters'],
    ['--neg with nothing after it', { prompt: 'a fox', negative: '' }, 'empty_negative', 'Say what to avoid after --neg'],
    ['a model that does not exist', { prompt: 'a fox', model: 'dall-e' }, 'unknown_model', 'Model must be one of: flux-2, flux-2-flex'],
    ['a model this bot does not offer', { prompt: 'a fox', model: 'seedream-4' }, 'model_not_offered', 'Seedream 4 is not offered here. Choose one of: flux-2 (Flux 2 Pro).'],
    ['an aspect ratio without a preset', { prompt: 'a fox', aspect_ratio: '5:4' }, 'bad_aspect_ratio', 'Aspect ratio must be one of 1:1, 16:9, 9:16'],
    ['a side under 512', { prompt: 'a fox', size: '511x1024' }, 'bad_size', 'each from 512 to 4096, e.g. 1536x1024'],
    ['a side over 4096', { prompt: 'a fox', size: '1024x4097' }, 'bad_size', 'each from 512 to 4096'],
    ['a size that is not width x height', { prompt: 'a fox', size: 'large' }, 'bad_size', 'Size is width x height in pixels'],
    ['a size and an aspect ratio together', { prompt: 'a fox', size: '1536x1024', aspect_ratio: '16:9' }, 'size_and_aspect', 'Give an aspect ratio or a size, not both'],
    ['a count of 0', { prompt: 'a fox', count: 0 }, 'bad_count', 'Count must be a whole number from 1 to 10.'],
    ['a count of 11', { prompt: 'a fox', count: '11' }, 'bad_count', 'from 1 to 10'],
    ['a count that is not a number', { prompt: 'a fox', count: 'four' }, 'bad_count', 'from 1 to 10'],
    ['eleven reference images', { prompt: 'a fox', image: Array.from({ length: 11 }, (_, i) => publicFile(i)) }, 'image_count', 'Up to 10 reference images'],
    ['a reference that is not an image', { prompt: 'a fox', image: [{ ...publicFile(1), name: 'notes.txt', contentType: 'text/plain' }] }, 'not_an_image', '“notes.txt” is not an image'],
  ])('refuses %s', async (_what, raw, code, message) => {
    await run(raw);
    expect(lastError()).toMatchObject({ userFault: true, text: expect.stringContaining(message) });
    expect(lastCode()).toBe(code);
    expect(gen.jobs).toEqual([]);
    expect(gen.uploads).toEqual([]);
    expect(taskCount()).toBe(0);
    expect(await balance()).toBe(1000);
  });

  it('refuses a request the wallet cannot pay, before copying any reference image', async () => {
    setup({ credits: 3 });
    await run({ prompt: 'a fox', image: [privateFile()] });
    expect(lastError()!.text).toContain('That costs 4 credits');
    expect(lastCode()).toBe('insufficient_credits');
    expect(gen.uploads).toEqual([]);
    expect(gen.jobs).toEqual([]);
    expect(await balance()).toBe(3);
  });
});

describe('/generate costs', () => {
  it.each(IMAGE_MODEL_IDS.map((m) => [m]))('charges %s its own price for each image of up to a megapixel', async (model) => {
    setup({ models: [model] });
    await run({ prompt: 'a fox', count: 3 });
    const key = `generate_${model.replace(/-/g, '_')}` as CostKey;
    expect(await balance()).toBe(1000 - 3 * DEFAULT_COSTS[key]);
  });

  it('prices Stable Diffusion XL lowest and the Pro models highest', () => {
    const price = (m: ImageModel) => DEFAULT_COSTS[`generate_${m.replace(/-/g, '_')}` as CostKey];
    const others = IMAGE_MODEL_IDS.filter((m) => m !== 'stable-diffusion-xl' && !m.endsWith('pro') && m !== 'flux-2');
    for (const m of others) {
      expect(price(m)).toBeGreaterThan(price('stable-diffusion-xl'));
      expect(price(m)).toBeLessThan(Math.min(price('flux-2'), price('nano-banana-pro')));
    }
  });

  it.each([
    ['1024x1024', 1],
    ['1024x1025', 2],
    ['1536x1024', 2],
    ['2048x2048', 4],
    ['4096x4096', 16],
  ])('charges a %s image %i times its model’s price', async (size, units) => {
    await run({ prompt: 'a fox', size, count: 2 });
    expect(await balance()).toBe(1000 - 2 * units * DEFAULT_COSTS.generate_flux_2);
  });

  it('follows the operator’s CREDIT_COSTS for a model', async () => {
    setup({ costs: { generate_flux_2: 7 } });
    await run({ prompt: 'a fox', count: 10 });
    expect(await balance()).toBe(930);
  });

  it('charges nothing when the service refuses the submit', async () => {
    gen.provider.submit = async () => {
      throw new Error('connection reset');
    };
    await run({ prompt: 'a fox', count: 4 });
    expect(lastError()!.userFault).toBe(false);
    expect(await balance()).toBe(1000);
  });
});

describe('/generate without a model', () => {
  beforeEach(() => setup({ models: ['seedream-4', 'flux-2', 'stable-diffusion-xl'] }));

  it('offers the models the provider offers, in the catalog’s order and with their price, and charges nothing yet', async () => {
    await run({ prompt: 'a fox', count: 2, aspect_ratio: '16:9' });
    const panel = services.chat.of('panel')[0]!.panel!;
    expect(panel.text.split('\n')).toEqual([
      '🎨 Which model should make “a fox”? (2 images, 1344×768)',
      '• Flux 2 Pro — 8 credits',
      '• Seedream 4 — 4 credits',
      '• Stable Diffusion XL — 2 credits',
    ]);
    const [row] = panel.rows;
    const choice = 'choice' in row! ? row.choice : undefined;
    expect(choice?.options.map((o) => [o.value, o.label])).toEqual([
      ['flux-2', 'Flux 2 Pro'],
      ['seedream-4', 'Seedream 4'],
      ['stable-diffusion-xl', 'Stable Diffusion XL'],
    ]);
    // Every pick fits Telegram's 64 bytes of callback data.
    for (const o of choice!.options) expect(Buffer.byteLength(`${choice!.id}=${o.value}`)).toBeLessThanOrEqual(64);
    expect(gen.jobs).toEqual([]);
    expect(await balance()).toBe(1000);
  });

  it('starts the same request with the model picked, charged then, and only once', async () => {
    await run({ prompt: 'a fox', count: 2, aspect_ratio: '16:9', negative: 'text' });
    const { id } = (services.chat.of('panel')[0]!.panel!.rows[0] as { choice: { id: string } }).choice;
    await press(`${id}=seedream-4`, ana, 'press-1');
    expect(gen.jobs).toEqual([{ type: 'gen.image', model: 'seedream-4', prompt: 'a fox', negative: 'text', width: 1344, height: 768, count: 2 }]);
    expect(await balance()).toBe(1000 - 2 * DEFAULT_COSTS.generate_seedream_4);
    await press(`${id}=flux-2`, ana, 'press-2');
    expect(lastError()!.text).toBe('That request has already started or has expired. Send /generate again.');
    expect(lastCode()).toBe('draft_gone');
    expect(gen.jobs).toHaveLength(1);
  });

  it('lets only the person who asked pick, and only a model offered', async () => {
    await run({ prompt: 'a fox' });
    const { id } = (services.chat.of('panel')[0]!.panel!.rows[0] as { choice: { id: string } }).choice;
    await press(`${id}=flux-2`, bob);
    expect(lastCode()).toBe('not_your_request');
    await press(`${id}=nano-banana`, ana);
    expect(lastCode()).toBe('model_not_offered');
    await press(`${id}=dall-e`, ana);
    expect(lastCode()).toBe('unknown_button');
    expect(gen.jobs).toEqual([]);
    await press(`${id}=flux-2`, ana);
    expect(gen.jobs[0]!.model).toBe('flux-2');
  });

  it('keeps the request when the pick cannot be paid, so it can be picked again', async () => {
    setup({ models: ['flux-2', 'stable-diffusion-xl'], credits: 2 });
    await run({ prompt: 'a fox', count: 2 });
    const { id } = (services.chat.of('panel')[0]!.panel!.rows[0] as { choice: { id: string } }).choice;
    await press(`${id}=flux-2`);
    expect(lastCode()).toBe('insufficient_credits');
    await press(`${id}=stable-diffusion-xl`);
    expect(gen.jobs.map((j) => j.model)).toEqual(['stable-diffusion-xl']);
    expect(await balance()).toBe(0);
  });

  it('copies a reference image from the chat before asking, and the pick passes its copy', async () => {
    await run({ prompt: 'a fox like this', image: [privateFile('cat.png')] });
    expect(gen.uploads).toEqual(['https://refs.example/1-cat.png']);
    const { id } = (services.chat.of('panel')[0]!.panel!.rows[0] as { choice: { id: string } }).choice;
    await press(`${id}=flux-2`);
    expect(gen.jobs[0]!.inputUrls).toEqual(['https://refs.example/1-cat.png']);
    expect(gen.uploads).toHaveLength(1);
  });

  it('copies nothing for a request not even the cheapest model could be paid for', async () => {
    setup({ models: ['flux-2', 'stable-diffusion-xl'], credits: 1 });
    await run({ prompt: 'a fox', count: 2, image: [privateFile()] });
    expect(lastCode()).toBe('insufficient_credits');
    expect(services.chat.of('panel')).toEqual([]);
    expect(gen.uploads).toEqual([]);
  });
});
