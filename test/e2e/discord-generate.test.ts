// /generate end to end on Discord: the real discord.js client against the fake Discord, the app
// against the fake aiphotogenerator.net (polling unless a test says webhooks), with no Apiframe key
// unless a test is about having one. What a user sees, what reaches the service and what the wallet
// holds are checked together.
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { DcMessage, FakeAttachmentInput, FakeDiscord, FakeInteraction } from '../fakes/discord.ts';
import type { FakeAiphotogenerator, FakeImage } from '../fakes/aiphotogenerator.ts';
import { makePng } from '../fakes/png.ts';
import type { SqliteStore } from '../../src/store/index.ts';
import { eventually, startHarness, type Harness, type HarnessOptions } from './harness.ts';

const GUILD = '200000000000000001';
const CHANNEL = '300000000000000001';
const WALLET = `discord:guild:${GUILD}`;
const FREE = 1000;
const EPHEMERAL = 64;
const MODEL_NAMES = ['Flux 2 Pro', 'Flux 2 Flex', 'Nano Banana', 'Nano Banana Pro', 'Nano Banana 2', 'Seedream 4', 'Stable Diffusion XL'];

let h: Harness | undefined;
let restarted: Harness | undefined;
afterEach(async () => {
  await restarted?.close();
  await h?.close();
  h = restarted = undefined;
});

/** The bot with the aiphotogenerator.net token and a Discord token only (no Apiframe key). */
async function start(opts: Omit<HarnessOptions, 'discord'> = {}): Promise<{ d: FakeDiscord; ai: FakeAiphotogenerator }> {
  h = await startHarness({ discord: true, aiphotogenerator: true, withoutApiframe: true, ...opts, env: { FREE_CREDITS: String(FREE), ...opts.env } });
  return { d: h.discord!, ai: h.aiphotogenerator! };
}

type Option = { name: string; value: string | number };
const generate = (d: FakeDiscord, options: Option[], more: { attachments?: FakeAttachmentInput[] } = {}) => d.slashCommand({ name: 'generate', options, ...more });

const labels = (m: DcMessage): string[][] => m.components.map((row) => row.components.map((b: any) => b.label ?? b.emoji?.name));
function customId(m: DcMessage, label: string): string {
  for (const row of m.components) for (const b of row.components) if ((b.label ?? b.emoji?.name) === label) return b.custom_id;
  throw new Error(`no button ${label} on message ${m.id}: ${JSON.stringify(labels(m))}`);
}
const hasImages = (m: DcMessage) => m.embeds.length > 0;
/** The response message of an interaction once it matches. */
const original = (d: FakeDiscord, i: FakeInteraction, match: (m: DcMessage) => boolean) =>
  d.waitForMessage(CHANNEL, (m) => m.id === i.original?.id && !m.deleted && match(m));
/** Every message in the channel that shows images (results), deleted ones excepted. */
const results = (d: FakeDiscord) => d.messagesIn(CHANNEL).filter((m) => !m.deleted && hasImages(m));

const balance = async () => (await h!.app.services.store.wallets.get(WALLET))?.balance ?? FREE;
const ledger = () => h!.app.services.store.wallets.history(WALLET, 100, 0);

/** The images the fake queued for its k-th accepted generate request (1-based), once it has. */
async function batch(ai: FakeAiphotogenerator, k = 1): Promise<FakeImage[]> {
  const of = () => {
    const requests = [...new Set([...ai.images.values()].map((i) => i.request))];
    const request = requests[k - 1];
    return request ? [...ai.images.values()].filter((i) => i.request === request) : undefined;
  };
  return eventually(of, 10_000, `generate request ${k} at the fake`);
}

const fileUrl = (ai: FakeAiphotogenerator, image: FakeImage) => `${ai.origin}/files/${image.id}.png`;
const generateBodies = (ai: FakeAiphotogenerator) => ai.requests.filter((r) => r.method === 'POST' && r.path === '/api/images/generate').map((r) => r.body);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** The text a user sees privately for an interaction: an ephemeral reply or an ephemeral follow-up. */
function privateText(i: FakeInteraction): string | undefined {
  if (i.ephemeral && i.original && !i.original.deleted) return i.original.content;
  return i.followups.find((m) => m.flags & EPHEMERAL && !m.deleted)?.content;
}

describe('Discord /generate: which commands the bot offers', () => {
  it('starts with only the aiphotogenerator.net token and registers /generate with every option, and no Midjourney command', async () => {
    const { d } = await start();
    const names = d.globalCommands.map((c) => c.name);
    expect(names).toContain('generate');
    for (const midjourney of ['imagine', 'photos', 'describe', 'blend', 'faceswap', 'shorten', 'settings']) expect(names).not.toContain(midjourney);
    expect(h!.app.services.providers.all().map((p) => p.id)).toEqual(['aiphotogenerator']);

    const generate = d.globalCommands.find((c) => c.name === 'generate')!;
    const option = (name: string) => generate.options.find((o: any) => o.name === name);
    expect(generate.options.map((o: any) => o.name)).toEqual([
      'prompt',
      'model',
      'negative',
      'aspect_ratio',
      'size',
      'count',
      'image',
      ...Array.from({ length: 9 }, (_, n) => `image${n + 2}`),
    ]);
    expect(option('prompt')).toMatchObject({ type: 3, required: true, max_length: 1024 });
    expect(option('model').choices.map((c: any) => c.name)).toEqual(MODEL_NAMES);
    expect(option('model').choices[0]).toMatchObject({ name: 'Flux 2 Pro', value: 'flux-2' });
    expect(option('negative')).toMatchObject({ type: 3, required: false, max_length: 1024 });
    expect(option('aspect_ratio').choices.map((c: any) => c.value)).toEqual(['1:1', '16:9', '9:16', '4:3', '3:4', '3:2', '2:3', '21:9']);
    expect(option('size')).toMatchObject({ type: 3, required: false });
    expect(option('count')).toMatchObject({ type: 4, required: false, min_value: 1, max_value: 10 });
    for (const o of generate.options.filter((x: any) => x.name.startsWith('image'))) expect(o).toMatchObject({ type: 11, required: false });
  });

  it('offers exactly the models AIPHOTOGENERATOR_MODELS names, and refuses another typed by an old client', async () => {
    const { d, ai } = await start({ env: { AIPHOTOGENERATOR_MODELS: 'flux-2,seedream-4' } });
    const generate = d.globalCommands.find((c) => c.name === 'generate')!;
    // A model keeps its name in every language (name_localizations say so); compared here without them.
    expect(generate.options.find((o: any) => o.name === 'model').choices.map(({ name, value }: any) => ({ name, value }))).toEqual([
      { name: 'Flux 2 Pro', value: 'flux-2' },
      { name: 'Seedream 4', value: 'seedream-4' },
    ]);

    const stale = await d.slashCommand({ name: 'generate', options: [{ name: 'prompt', value: 'a fox' }, { name: 'model', value: 'nano-banana' }] });
    expect((await d.waitForCallback(stale)).type).toBe(4);
    expect(stale.ephemeral).toBe(true);
    expect(stale.original!.content).toBe('Nano Banana is not offered here. Choose one of: flux-2 (Flux 2 Pro), seedream-4 (Seedream 4).');
    expect(ai.requests).toEqual([]);
    expect(await balance()).toBe(FREE);
  });

  it('with only the Apiframe key, /generate is not registered', async () => {
    h = await startHarness({ discord: true });
    const names = h.discord!.globalCommands.map((c) => c.name);
    expect(names).toContain('imagine');
    expect(names).not.toContain('generate');
    expect(h.aiphotogenerator).toBeUndefined();
  });
});

describe('Discord /generate: a request end to end', () => {
  it('defers, shows progress, then one message with every image and 🔄 and ⬇️ 1–2 (polling)', async () => {
    const { d, ai } = await start();
    const i = await generate(d, [
      { name: 'prompt', value: 'a lighthouse at dawn' },
      { name: 'model', value: 'flux-2' },
      { name: 'count', value: 2 },
    ]);
    const callback = await d.waitForCallback(i);
    expect(callback.type).toBe(5);
    expect(i.ephemeral).toBe(false);

    const [a, b] = await batch(ai);
    expect(generateBodies(ai)).toEqual([{ model: 'flux-2', prompt: 'a lighthouse at dawn', width: 1024, height: 1024, count: 2 }]);
    expect(ai.requests[0]!.headers.authorization).toBe(`Bearer ${ai.token}`);
    const waiting = await original(d, i, (m) => /Waiting to start/.test(m.content));
    expect(waiting.content).toContain('Flux 2 Pro “a lighthouse at dawn” for Alice');

    await ai.finish(a!.id);
    await original(d, i, (m) => m.content.includes('50%'));
    expect(results(d)).toEqual([]);

    await ai.finish(b!.id);
    const result = await original(d, i, hasImages);
    expect(result.content).toBe('✅ Flux 2 Pro “a lighthouse at dawn” for Alice');
    expect(result.embeds.map((e: any) => e.image.url)).toEqual([fileUrl(ai, a!), fileUrl(ai, b!)]);
    expect(labels(result)).toEqual([['🔄'], ['⬇️ 1', '⬇️ 2']]);
    for (const row of result.components) for (const button of row.components) expect(button.custom_id).toMatch(/^act:[\w-]{6,32}$/);
    expect(ai.callCount('/images/{id}')).toBeGreaterThan(0);
    expect(ai.webhookDeliveries).toEqual([]);

    // Polling goes on for other tasks; this one is delivered once and never read again.
    const lookups = ai.callCount('/images/{id}');
    await h!.app.services.tasks.sweep({ force: true });
    await h!.app.services.tasks.idle();
    expect(ai.callCount('/images/{id}')).toBe(lookups);
    expect(results(d)).toHaveLength(1);
    expect(ai.callCount('/images/generate')).toBe(1);
  });

  it('delivers once through the webhook, without a lookup', async () => {
    // The sweep is far away: only the webhook can bring the images.
    const { d, ai } = await start({ webhooks: true, env: { POLL_INTERVAL_MS: '600000' } });
    const i = await generate(d, [
      { name: 'prompt', value: 'a harbour at night' },
      { name: 'model', value: 'seedream-4' },
      { name: 'count', value: 3 },
    ]);
    expect((await d.waitForCallback(i)).type).toBe(5);
    const images = await batch(ai);
    await original(d, i, (m) => /Waiting to start/.test(m.content));
    await ai.progress(images[0]!.id);
    await ai.finish(images[0]!.id);
    await original(d, i, (m) => m.content.includes('33%'));
    for (const image of images.slice(1)) await ai.finish(image.id);
    const result = await original(d, i, hasImages);
    expect(result.embeds.map((e: any) => e.image.url)).toEqual(images.map((x) => fileUrl(ai, x)));
    expect(labels(result)).toEqual([['🔄'], ['⬇️ 1', '⬇️ 2', '⬇️ 3']]);
    expect(ai.webhookDeliveries.map((w) => w.status)).toEqual([200, 200, 200, 200]);
    expect(ai.webhookDeliveries[0]!.url).toMatch(/\/webhooks\/aiphotogenerator\?token=/);
    expect(ai.callCount('/images/{id}')).toBe(0);

    // The service posting the last image again changes nothing.
    const last = await fetch(ai.webhookDeliveries.at(-1)!.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ai.webhookDeliveries.at(-1)!.body) });
    expect(last.status).toBe(200);
    await h!.app.services.tasks.idle();
    expect(results(d)).toHaveLength(1);
    expect(h!.logs.filter((l) => JSON.parse(l).msg === 'task delivered')).toHaveLength(1);
  });
});

describe('Discord /generate: every option', () => {
  it('sends the model, what to avoid, and 16:9 as 1344×768', async () => {
    const { d, ai } = await start();
    const i = await generate(d, [
      { name: 'prompt', value: 'a desert road' },
      { name: 'model', value: 'nano-banana' },
      { name: 'negative', value: 'blurry, text, watermark' },
      { name: 'aspect_ratio', value: '16:9' },
    ]);
    expect((await d.waitForCallback(i)).type).toBe(5);
    const [image] = await batch(ai);
    expect(image!.request).toEqual({ model: 'nano-banana', prompt: 'a desert road', negative_prompt: 'blurry, text, watermark', width: 1344, height: 768, count: 1 });
    // About one megapixel: one unit of Nano Banana's price.
    expect(await balance()).toBe(FREE - 2);
    await ai.finish(image!.id);
    const result = await original(d, i, hasImages);
    expect(result.content).toBe('✅ Nano Banana “a desert road” for Alice');
  });

  it('sends an explicit size 1536x1024 as it is, at two units of the price', async () => {
    const { d, ai } = await start();
    const i = await generate(d, [
      { name: 'prompt', value: 'a wide valley' },
      { name: 'model', value: 'flux-2' },
      { name: 'size', value: '1536x1024' },
    ]);
    expect((await d.waitForCallback(i)).type).toBe(5);
    const [image] = await batch(ai);
    expect(image!.request).toMatchObject({ model: 'flux-2', width: 1536, height: 1024, count: 1 });
    expect(await balance()).toBe(FREE - 4 * 2);
  });

  it('count 1: one image with 🔄 and no ⬇️', async () => {
    const { d, ai } = await start();
    const i = await generate(d, [{ name: 'prompt', value: 'a single pear' }, { name: 'model', value: 'stable-diffusion-xl' }, { name: 'count', value: 1 }]);
    const [image] = await batch(ai);
    expect(image!.request.count).toBe(1);
    await ai.finish(image!.id);
    const result = await original(d, i, hasImages);
    expect(result.embeds.map((e: any) => e.image.url)).toEqual([fileUrl(ai, image!)]);
    expect(labels(result)).toEqual([['🔄']]);
    expect(await balance()).toBe(FREE - 1);
  });

  it('count 10: ten images in one message, galleries of four, with 🔄 and ⬇️ 1–10', async () => {
    const { d, ai } = await start({ aiphotogenerator: { mode: 'auto', stepMs: 5 } });
    const i = await generate(d, [
      { name: 'prompt', value: 'ten lighthouses' },
      { name: 'model', value: 'flux-2' },
      { name: 'count', value: 10 },
    ]);
    const images = await batch(ai);
    expect(images).toHaveLength(10);
    expect(generateBodies(ai)).toEqual([{ model: 'flux-2', prompt: 'ten lighthouses', width: 1024, height: 1024, count: 10 }]);
    const result = await original(d, i, hasImages);
    expect(result.embeds.map((e: any) => e.image.url)).toEqual(images.map((x) => fileUrl(ai, x)));
    const galleries = result.embeds.map((e: any) => e.url);
    expect(galleries).toEqual([...Array(4).fill(galleries[0]), ...Array(4).fill(galleries[4]), ...Array(2).fill(galleries[8])]);
    expect(new Set(galleries).size).toBe(3);
    expect(labels(result)).toEqual([
      ['🔄'],
      ['⬇️ 1', '⬇️ 2', '⬇️ 3', '⬇️ 4', '⬇️ 5'],
      ['⬇️ 6', '⬇️ 7', '⬇️ 8', '⬇️ 9', '⬇️ 10'],
    ]);
    expect(results(d)).toHaveLength(1);
    expect(await balance()).toBe(FREE - 10 * 4);

    // ⬇️ 10 is the tenth image.
    const pressed = await d.pressButton({ message: result, customId: customId(result, '⬇️ 10') });
    const file = await original(d, pressed, (m) => m.attachments.length > 0);
    expect(file.content).toBe('⬇️ Image 10 of 10, full resolution');
    const tenth = new Uint8Array(await (await fetch(fileUrl(ai, images[9]!))).arrayBuffer());
    expect(file.attachments[0]!.sha256).toBe(sha256(tenth));
  });

  it('asks privately which model when none is given; nothing is sent until the pick, which starts the request publicly', async () => {
    const { d, ai } = await start();
    const ask = await generate(d, [
      { name: 'prompt', value: 'a red fox' },
      { name: 'count', value: 2 },
    ]);
    expect((await d.waitForCallback(ask)).type).toBe(4);
    expect(ask.ephemeral).toBe(true);
    const panel = ask.original!;
    expect(panel.content.split('\n')[0]).toBe('🎨 Which model should make “a red fox”? (2 images, 1024×1024)');
    expect(panel.content).toContain('• Flux 2 Pro — 8 credits');
    expect(panel.content).toContain('• Stable Diffusion XL — 2 credits');
    const select = panel.components.flatMap((row) => row.components).find((c: any) => c.type === 3)!;
    expect(select.options.map((o: any) => o.label)).toEqual(MODEL_NAMES);
    expect(ai.requests).toEqual([]);
    expect(await balance()).toBe(FREE);

    const pick = await d.chooseOption({ message: panel, customId: select.custom_id, values: ['seedream-4'] });
    expect((await d.waitForCallback(pick)).type).toBe(5);
    expect(pick.ephemeral).toBe(false);
    const images = await batch(ai);
    expect(generateBodies(ai)).toEqual([{ model: 'seedream-4', prompt: 'a red fox', width: 1024, height: 1024, count: 2 }]);
    expect(await balance()).toBe(FREE - 2 * 2);
    for (const image of images) await ai.finish(image.id);
    const result = await original(d, pick, hasImages);
    expect(result.content).toBe('✅ Seedream 4 “a red fox” for Alice');
    expect(result.flags & EPHEMERAL).toBe(0);

    // The panel's pick is spent: picking again starts nothing.
    const again = await d.chooseOption({ message: panel, customId: select.custom_id, values: ['flux-2'] });
    expect((await d.waitForCallback(again)).type).toBe(4);
    expect(privateText(again)).toBe('That request has already started or has expired. Send /generate again.');
    expect(ai.callCount('/images/generate')).toBe(1);
    expect(await balance()).toBe(FREE - 2 * 2);
  });

  it('passes reference attachments by their Discord CDN URLs, copying nothing', async () => {
    // With a public URL the bot could host copies; it must not need to.
    const { d, ai } = await start({ webhooks: true });
    const i = await generate(d, [
      { name: 'prompt', value: 'these two, together' },
      { name: 'model', value: 'nano-banana-pro' },
      { name: 'image', value: 'a.png' },
      { name: 'image2', value: 'b.png' },
    ], {
      attachments: [
        { filename: 'a.png', content_type: 'image/png', bytes: makePng(64, 64) },
        { filename: 'b.png', content_type: 'image/png', bytes: makePng(80, 64) },
      ],
    });
    expect((await d.waitForCallback(i)).type).toBe(5);
    const [image] = await batch(ai);
    const resolved = Object.values(i.payload.data.resolved.attachments as Record<string, { url: string; filename: string }>);
    const urls = ['a.png', 'b.png'].map((name) => resolved.find((a) => a.filename === name)!.url);
    expect(urls.every((u) => u.startsWith(`${d.apiBase.replace(/\/api$/, '')}/ephemeral-attachments/`))).toBe(true);
    expect(image!.request.input).toEqual(urls);
    // Public attachment URLs are passed on as they are: the bot hosted nothing.
    expect((h!.app.services.store as SqliteStore).db.prepare('SELECT COUNT(*) AS n FROM hosted_files').get()).toEqual({ n: 0 });
  });

  it('refuses bad input privately and at once, charging nothing and sending nothing', async () => {
    const { d, ai } = await start();
    const refused = async (options: Option[], text: string) => {
      const i = await generate(d, [{ name: 'prompt', value: 'a fox' }, { name: 'model', value: 'flux-2' }, ...options]);
      const callback = await d.waitForCallback(i);
      // No public "thinking…" first: one ephemeral reply.
      expect(callback.type).toBe(4);
      expect(callback.data.flags & EPHEMERAL).toBe(EPHEMERAL);
      expect(i.callbacks).toHaveLength(1);
      expect(i.original!.content).toBe(text);
    };
    await refused([{ name: 'aspect_ratio', value: '16:9' }, { name: 'size', value: '1536x1024' }], 'Give an aspect ratio or a size, not both: 16:9 and 1536x1024 ask for different images.');
    await refused([{ name: 'size', value: '5000x1024' }], 'Size is width x height in pixels, each from 512 to 4096, e.g. 1536x1024.');
    await refused([{ name: 'size', value: '256x256' }], 'Size is width x height in pixels, each from 512 to 4096, e.g. 1536x1024.');
    await refused([{ name: 'size', value: 'large' }], 'Size is width x height in pixels, each from 512 to 4096, e.g. 1536x1024.');
    // Discord's client keeps count within 1–10; the fake lets an out-of-date or modified client send 11.
    await refused([{ name: 'count', value: 11 }], 'Count must be a whole number from 1 to 10.');
    await refused([{ name: 'count', value: 0 }], 'Count must be a whole number from 1 to 10.');

    // A model name typed by a client that ignores the choices.
    const typed = await d.slashCommand({ name: 'generate', options: [{ name: 'prompt', value: 'a fox' }, { name: 'model', value: 'flux-9' }] });
    expect((await d.waitForCallback(typed)).type).toBe(4);
    expect(typed.ephemeral).toBe(true);
    expect(typed.original!.content).toMatch(/^Model must be one of: flux-2, flux-2-flex, /);

    expect(ai.requests).toEqual([]);
    expect(await balance()).toBe(FREE);
    expect((await ledger()).filter((e) => e.kind !== 'grant')).toEqual([]);
    expect(results(d)).toEqual([]);
  });
});

describe('Discord /generate: result buttons', () => {
  it('⬇️ 2 sends that image as a file, free', async () => {
    const { d, ai } = await start({ aiphotogenerator: { mode: 'auto', stepMs: 5 } });
    const i = await generate(d, [{ name: 'prompt', value: 'three pears' }, { name: 'model', value: 'seedream-4' }, { name: 'count', value: 3 }]);
    const images = await batch(ai);
    const result = await original(d, i, hasImages);
    const before = await balance();

    const pressed = await d.pressButton({ message: result, customId: customId(result, '⬇️ 2') });
    const file = await original(d, pressed, (m) => m.attachments.length > 0);
    expect(file.content).toBe('⬇️ Image 2 of 3, full resolution');
    const second = new Uint8Array(await (await fetch(fileUrl(ai, images[1]!))).arrayBuffer());
    expect(file.attachments).toEqual([expect.objectContaining({ filename: expect.stringMatching(/-2\.png$/), size: second.length, sha256: sha256(second) })]);
    expect(pressed.ephemeral).toBe(false);
    expect(await balance()).toBe(before);
    expect(ai.callCount('/images/generate')).toBe(1);
  });

  it('🔄 submits the same request again and charges again', async () => {
    const { d, ai } = await start({ aiphotogenerator: { mode: 'auto', stepMs: 5 } });
    const i = await generate(d, [
      { name: 'prompt', value: 'a lighthouse' },
      { name: 'model', value: 'flux-2-flex' },
      { name: 'negative', value: 'fog' },
      { name: 'size', value: '1536x1024' },
      { name: 'count', value: 2 },
    ]);
    const result = await original(d, i, hasImages);
    const price = 3 * 2 * 2;
    expect(await balance()).toBe(FREE - price);

    const again = await d.pressButton({ message: result, customId: customId(result, '🔄') });
    expect((await d.waitForCallback(again)).type).toBe(5);
    const second = await batch(ai, 2);
    const [first, repeat] = generateBodies(ai);
    expect(repeat).toEqual(first);
    expect(repeat).toEqual({ model: 'flux-2-flex', prompt: 'a lighthouse', negative_prompt: 'fog', width: 1536, height: 1024, count: 2 });
    const next = await original(d, again, hasImages);
    expect(next.id).not.toBe(result.id);
    expect(next.embeds.map((e: any) => e.image.url)).toEqual(second.map((x) => fileUrl(ai, x)));
    expect(await balance()).toBe(FREE - 2 * price);
    expect(results(d)).toHaveLength(2);
  });
});

describe('Discord /generate: credits', () => {
  it('reserves model × size × count up front, as /credits shows, and keeps it when every image comes back', async () => {
    const { d, ai } = await start();
    const i = await generate(d, [
      { name: 'prompt', value: 'a castle' },
      { name: 'model', value: 'nano-banana-2' },
      { name: 'size', value: '2048x1024' },
      { name: 'count', value: 3 },
    ]);
    const images = await batch(ai);
    // Nano Banana 2: 3 a unit; 2048×1024 is two units; three images.
    const price = 3 * 2 * 3;
    expect(await balance()).toBe(FREE - price);

    const asked = await d.slashCommand({ name: 'credits', options: [{ name: 'balance', type: 1, options: [] }] });
    await d.waitForCallback(asked);
    const shown = await eventually(() => privateText(asked) ?? asked.original?.content, 10_000, 'the /credits answer');
    expect(shown).toContain(`This server's wallet: ${FREE - price} credits.`);

    for (const image of images) await ai.finish(image.id);
    await original(d, i, hasImages);
    await h!.app.services.tasks.idle();
    expect(await balance()).toBe(FREE - price);
    expect((await ledger()).map((e) => [e.kind, e.amount])).toContainEqual(['reserve', -price]);
    expect((await ledger()).filter((e) => e.kind === 'refund')).toEqual([]);
  });

  it('shows the images that came back and refunds the share of those that failed', async () => {
    const { d, ai } = await start({ aiphotogenerator: { mode: 'auto', stepMs: 5, failImages: 1 } });
    const i = await generate(d, [{ name: 'prompt', value: 'four apples' }, { name: 'model', value: 'seedream-4' }, { name: 'count', value: 4 }]);
    const images = await batch(ai);
    const result = await original(d, i, hasImages);
    expect(images[0]!.status).toBe('failed');
    expect(result.embeds.map((e: any) => e.image.url)).toEqual(images.slice(1).map((x) => fileUrl(ai, x)));
    expect(result.content).toBe('✅ Seedream 4 “four apples” for Alice\n3 of 4 images came back; 2 credits for the missing one were refunded.');
    expect(labels(result)).toEqual([['🔄'], ['⬇️ 1', '⬇️ 2', '⬇️ 3']]);
    await h!.app.services.tasks.idle();
    // 4 images × 2 reserved, one image's 2 refunded.
    expect(await balance()).toBe(FREE - 6);
    expect((await ledger()).filter((e) => e.kind === 'refund').map((e) => e.amount)).toEqual([2]);
  });

  it('refunds a failed image’s share rounded up when the service fails it by hand', async () => {
    const { d, ai } = await start();
    const i = await generate(d, [
      { name: 'prompt', value: 'three plums' },
      { name: 'model', value: 'flux-2' },
      { name: 'count', value: 3 },
    ]);
    const [a, b, c] = await batch(ai);
    await ai.finish(a!.id);
    await ai.fail(b!.id, 'NSFW content detected');
    await ai.fail(c!.id);
    const result = await original(d, i, hasImages);
    expect(result.embeds.map((e: any) => e.image.url)).toEqual([fileUrl(ai, a!)]);
    expect(result.content).toContain('1 of 3 images came back; 8 credits for the 2 missing ones were refunded.');
    // One image left: no ⬇️ buttons.
    expect(labels(result)).toEqual([['🔄']]);
    await h!.app.services.tasks.idle();
    expect(await balance()).toBe(FREE - 4);
  });

  it('all images failing: a failure message and a full refund', async () => {
    const { d, ai } = await start();
    const i = await generate(d, [{ name: 'prompt', value: 'two ghosts' }, { name: 'model', value: 'flux-2' }, { name: 'count', value: 2 }]);
    const [a, b] = await batch(ai);
    expect(await balance()).toBe(FREE - 8);
    await ai.fail(a!.id, 'NSFW content detected');
    await ai.fail(b!.id, 'NSFW content detected');
    const failed = await original(d, i, (m) => m.content.startsWith('❌'));
    expect(failed.content).toBe("❌ Flux 2 Pro “two ghosts” did not finish: NSFW content detected. The 8 credits were refunded to this server's wallet.");
    expect(failed.embeds).toEqual([]);
    expect(failed.components).toEqual([]);
    await h!.app.services.tasks.idle();
    expect(await balance()).toBe(FREE);
    expect((await ledger()).filter((e) => e.kind === 'refund').map((e) => e.amount)).toEqual([8]);
  });
});

describe('Discord /generate: a restart with images half done', () => {
  it('delivers once after the restart, with one generate call at the service', async () => {
    const { d, ai } = await start();
    const i = await generate(d, [{ name: 'prompt', value: 'four towers' }, { name: 'model', value: 'flux-2' }, { name: 'count', value: 4 }]);
    const images = await batch(ai);
    await ai.finish(images[0]!.id);
    await ai.finish(images[1]!.id);
    await original(d, i, (m) => m.content.includes('50%'));
    await h!.stopApp();

    await ai.finish(images[2]!.id);
    await ai.finish(images[3]!.id);
    restarted = await startHarness({ reuse: h, withoutApiframe: true });
    const result = await original(d, i, hasImages);
    expect(result.embeds.map((e: any) => e.image.url)).toEqual(images.map((x) => fileUrl(ai, x)));
    await restarted.app.services.tasks.sweep({ force: true });
    await restarted.app.services.tasks.idle();
    expect(results(d)).toHaveLength(1);
    expect(ai.callCount('/images/generate')).toBe(1);
    expect((await restarted.app.services.store.wallets.get(WALLET))!.balance).toBe(FREE - 4 * 4);

    // The buttons of the result work in the new process.
    const pressed = await d.pressButton({ message: result, customId: customId(result, '⬇️ 4') });
    const file = await original(d, pressed, (m) => m.attachments.length > 0);
    expect(file.content).toBe('⬇️ Image 4 of 4, full resolution');
  });
});
