// /generate through the real discord.js client against the fake Discord, with an in-test
// aiphotogenerator and real images on loopback: registration with the models offered, the private
// model picker, ten images in one message with their buttons, and ⬇️ sending an image as a file.
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, type Store } from '../../src/store/index.ts';
import { offeredCommands } from '../../src/core/command.ts';
import { redactPort } from '../../src/core/redact.ts';
import type { PlatformAdapter } from '../../src/core/chat.ts';
import { commands } from '../../commands/index.ts';
import { createDiscordAdapter } from '../../adapters/discord/index.ts';
import { FakeDiscord, type DcMessage, type FakeInteraction } from '../fakes/discord.ts';
import { makePng } from '../fakes/png.ts';
import { fakeGenerator, settle, type FakeGenerator } from '../support/generate-provider.ts';
import { startImageServer, type ImageServer } from '../support/image-server.ts';
import { memoryLogger } from '../support/silent-log.ts';
import { testServices, type TestServices } from '../support/services.ts';
import { eventually } from './harness.ts';

const CHANNEL = '300000000000000001';
const WALLET = 'discord:guild:200000000000000001';

let d: FakeDiscord;
let images: ImageServer;
let store: Store;
let gen: FakeGenerator;
let services: TestServices;
let adapter: PlatformAdapter;

beforeEach(async () => {
  d = await FakeDiscord.start({ heartbeatIntervalMs: 200 });
  images = await startImageServer();
  store = createStore(':memory:');
  gen = fakeGenerator({ models: ['flux-2', 'seedream-4', 'nano-banana'] });
  services = testServices(store, gen.provider, { freeCredits: 1000 });
  const { log } = memoryLogger([], 'silent');
  adapter = createDiscordAdapter({ token: d.token, applicationId: d.applicationId, apiUrl: d.apiBase, services, commands: offeredCommands(commands, services.providers), log });
  services.tasks.attach(redactPort(adapter.port, services.scrub));
  await adapter.start();
});
afterEach(async () => {
  await adapter.stop(1_000);
  await d.close();
  await images.close();
  services.cleanup();
  store.close();
});

const components = (m: DcMessage) => m.components.flatMap((row) => row.components);
const labels = (m: DcMessage) => m.components.map((row) => row.components.map((c: any) => c.label ?? c.emoji?.name));
const byLabel = (m: DcMessage, label: string) => components(m).find((c: any) => (c.label ?? c.emoji?.name) === label)!;
const original = (i: FakeInteraction, match: (m: DcMessage) => boolean) => d.waitForMessage(CHANNEL, (m) => m.id === i.original?.id && !m.deleted && match(m), 10_000);
const balance = async () => (await store.wallets.get(WALLET))?.balance ?? 1000;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Runs /generate with `options` and settles its images with real ones; returns the result message. */
async function generated(options: Array<{ name: string; value: string | number }>): Promise<{ result: DcMessage; ids: string[] }> {
  const i = await d.slashCommand({ name: 'generate', options });
  await eventually(() => gen.jobs.length === 1, 10_000, 'the job');
  const ids = gen.ids[0]!;
  await settle(services.tasks, ids, 'finished', (id) => images.url(id));
  return { result: await original(i, (m) => m.embeds.length > 0), ids };
}

describe('/generate on Discord', () => {
  it('is registered with the models the provider offers as choices', () => {
    const generate = d.globalCommands.find((c) => c.name === 'generate')!;
    // A model keeps its name in every language (name_localizations say so); compared here without them.
    expect(generate.options.find((o: any) => o.name === 'model').choices.map(({ name, value }: any) => ({ name, value }))).toEqual([
      { name: 'Flux 2 Pro', value: 'flux-2' },
      { name: 'Nano Banana', value: 'nano-banana' },
      { name: 'Seedream 4', value: 'seedream-4' },
    ]);
  });

  it('posts ten images in one message, galleries of four, with 🔄 and ⬇️ 1–10', async () => {
    const { result, ids } = await generated([
      { name: 'prompt', value: 'a lighthouse' },
      { name: 'model', value: 'flux-2' },
      { name: 'count', value: 10 },
      { name: 'aspect_ratio', value: '9:16' },
    ]);
    expect(gen.jobs[0]).toMatchObject({ model: 'flux-2', count: 10, width: 768, height: 1344 });
    expect(result.content).toBe('✅ Flux 2 Pro “a lighthouse” for Alice');
    expect(result.embeds.map((e: any) => e.image.url)).toEqual(ids.map((id) => images.url(id)));
    // Embeds that share a url show as one gallery: 4, 4 and 2.
    const galleries = result.embeds.map((e: any) => e.url);
    expect(new Set(galleries.slice(0, 4)).size).toBe(1);
    expect(new Set(galleries).size).toBe(3);
    expect(labels(result)).toEqual([
      ['🔄'],
      ['⬇️ 1', '⬇️ 2', '⬇️ 3', '⬇️ 4', '⬇️ 5'],
      ['⬇️ 6', '⬇️ 7', '⬇️ 8', '⬇️ 9', '⬇️ 10'],
    ]);
    expect(await balance()).toBe(1000 - 10 * 4);
  });

  it('sends ⬇️ 2 as a file of that image’s own bytes, free', async () => {
    const { result, ids } = await generated([
      { name: 'prompt', value: 'a lighthouse' },
      { name: 'model', value: 'seedream-4' },
      { name: 'count', value: 3 },
    ]);
    const before = await balance();
    const pressed = await d.pressButton({ message: result, customId: byLabel(result, '⬇️ 2').custom_id });
    const file = await original(pressed, (m) => m.attachments.length > 0);
    expect(file.content).toBe('⬇️ Image 2 of 3, full resolution');
    expect(file.attachments).toEqual([expect.objectContaining({ filename: expect.stringMatching(/-2\.png$/), size: images.bytes(ids[1]!).length, sha256: sha256(images.bytes(ids[1]!)) })]);
    expect(pressed.ephemeral).toBe(false);
    expect(await balance()).toBe(before);
  });

  it('gives the link of an image larger than the bot may upload here', async () => {
    const i = await d.slashCommand({ name: 'generate', options: [{ name: 'prompt', value: 'a lighthouse' }, { name: 'model', value: 'flux-2' }, { name: 'count', value: 2 }] });
    await eventually(() => gen.jobs.length === 1, 10_000, 'the job');
    const [first, second] = gen.ids[0]!;
    images.enlarge(second!, 10 * 1024 * 1024 + 1);
    await settle(services.tasks, [first!, second!], 'finished', (id) => images.url(id));
    const result = await original(i, (m) => m.embeds.length > 0);
    const pressed = await d.pressButton({ message: result, customId: byLabel(result, '⬇️ 2').custom_id });
    const link = await original(pressed, (m) => m.content.startsWith('⬇️ Image 2 of 2'));
    expect(link.content).toBe(`⬇️ Image 2 of 2, full resolution: it is larger than Discord lets me upload here, so here is its link: ${images.url(second!)}`);
    expect(link.attachments).toEqual([]);
  });

  it('tells the presser privately when the image is gone from the service', async () => {
    const { result, ids } = await generated([
      { name: 'prompt', value: 'a lighthouse' },
      { name: 'model', value: 'flux-2' },
      { name: 'count', value: 2 },
    ]);
    images.forget(ids[0]!);
    await d.pressButton({ message: result, customId: byLabel(result, '⬇️ 1').custom_id });
    const told = await d.waitForMessage(CHANNEL, (m) => m.content.startsWith('I could not fetch that image'));
    expect(told.flags & 64).toBe(64);
    expect(d.messagesIn(CHANNEL).filter((m) => m.attachments.length > 0 && !m.deleted)).toEqual([]);
  });

  it('asks privately which model when none is given, and the pick starts the request publicly', async () => {
    const ask = await d.slashCommand({ name: 'generate', options: [{ name: 'prompt', value: 'a red fox' }, { name: 'size', value: '1536x1024' }] });
    expect((await d.waitForCallback(ask)).type).toBe(4);
    expect(ask.ephemeral).toBe(true);
    const panel = ask.original!;
    expect(panel.content.split('\n')).toEqual([
      '🎨 Which model should make “a red fox”? (1 image, 1536×1024)',
      '• Flux 2 Pro — 8 credits',
      '• Nano Banana — 4 credits',
      '• Seedream 4 — 4 credits',
    ]);
    const select = components(panel).find((c: any) => c.type === 3)!;
    expect(select.options.map((o: any) => o.label)).toEqual(['Flux 2 Pro', 'Nano Banana', 'Seedream 4']);
    expect(gen.jobs).toEqual([]);

    const pick = await d.chooseOption({ message: panel, customId: select.custom_id, values: ['nano-banana'] });
    await eventually(() => gen.jobs.length === 1, 10_000, 'the job');
    expect(gen.jobs[0]).toEqual({ type: 'gen.image', model: 'nano-banana', prompt: 'a red fox', width: 1536, height: 1024, count: 1 });
    expect((await d.waitForCallback(pick)).type).toBe(5);
    expect(pick.ephemeral).toBe(false);
    expect((await original(pick, (m) => m.content.includes('Nano Banana'))).content).toContain('Nano Banana “a red fox” for Alice');
    expect(await balance()).toBe(1000 - 4);
  });

  it('passes attached reference images by their Discord URLs, copying nothing', async () => {
    const i = await d.slashCommand({
      name: 'generate',
      options: [{ name: 'prompt', value: 'these two, together' }, { name: 'model', value: 'flux-2' }, { name: 'image', value: 'a.png' }, { name: 'image2', value: 'b.png' }],
      attachments: [
        { filename: 'a.png', content_type: 'image/png', bytes: makePng(64, 64) },
        { filename: 'b.png', content_type: 'image/png', bytes: makePng(80, 64) },
      ],
    });
    await eventually(() => gen.jobs.length === 1, 10_000, 'the job');
    const resolved = Object.values(i.payload.data.resolved.attachments as Record<string, { url: string; filename: string }>);
    expect(gen.jobs[0]!.inputUrls).toEqual(['a.png', 'b.png'].map((name) => resolved.find((a) => a.filename === name)!.url));
    expect(gen.uploads).toEqual([]);
  });
});
