// Issue 8, parts 3, 4 and 9 on Discord, through the real discord.js client: /blend with image1…
// image5 and a dimension, /faceswap with a target and a face. Discord attachment URLs are public,
// so Apiframe gets them as they are and nothing is uploaded.
import { afterEach, describe, expect, it } from 'vitest';
import type { DcMessage, FakeDiscord, FakeInteraction } from '../fakes/discord.ts';
import { eventually, startHarness, type Harness } from './harness.ts';
import { GRID_BUTTONS } from '../support/keyboards.ts';

const GUILD = '200000000000000001';
const CHANNEL = '300000000000000001';
const WALLET = `discord:guild:${GUILD}`;
const EPHEMERAL = 64;

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(): Promise<FakeDiscord> {
  h = await startHarness({ discord: true, env: { FREE_CREDITS: '100' } });
  return h.discord!;
}

const balance = async () => (await h!.app.services.store.wallets.get(WALLET))?.balance ?? 100;
const labels = (m: DcMessage) => m.components.map((row) => row.components.map((b: any) => b.label ?? b.emoji?.name));
const original = (d: FakeDiscord, i: FakeInteraction, match: (m: DcMessage) => boolean) =>
  d.waitForMessage(CHANNEL, (m) => m.id === i.original?.id && !m.deleted && match(m));
const file = (filename: string) => ({ filename, content_type: 'image/png', size: 2048, width: 64, height: 64 });
/** The URL Discord gave the bot for an attachment of this interaction. */
function urlOf(i: FakeInteraction, filename: string): string {
  return Object.values(i.payload.data.resolved.attachments as Record<string, { url: string; filename: string }>).find((a) => a.filename === filename)!.url;
}

/** /blend with `count` images named a1.png…; `dimension` when given. */
function blend(d: FakeDiscord, count: number, dimension?: string): Promise<FakeInteraction> {
  const names = Array.from({ length: count }, (_, n) => `a${n + 1}.png`);
  return d.slashCommand({
    name: 'blend',
    options: [...names.map((value, n) => ({ name: `image${n + 1}`, value })), ...(dimension ? [{ name: 'dimension', value: dimension }] : [])],
    attachments: names.map(file),
  });
}

describe('Discord /blend', () => {
  it.each([
    [2, undefined, 'square'],
    [5, 'portrait', 'portrait'],
    [3, 'landscape', 'landscape'],
  ])('%i images with dimension %s: Apiframe /blend gets their Discord URLs in order and %s; 4 credits', async (count, dimension, sent) => {
    const d = await start();
    const i = await blend(d, count, dimension);
    expect((await d.waitForCallback(i)).type).toBe(5);
    const task = await h!.apiframe.waitForTask('blend');
    expect(task.body).toEqual({ image_urls: Array.from({ length: count }, (_, n) => urlOf(i, `a${n + 1}.png`)), dimension: sent });
    expect(h!.apiframe.callCount('/upload')).toBe(0);
    expect(await balance()).toBe(96);
  });

  it('delivers the grid with U/V/🔄, and U1 upscales the blend', async () => {
    const d = await start();
    const i = await blend(d, 2);
    const task = await h!.apiframe.waitForTask('blend');
    await original(d, i, (m) => /Waiting to start/.test(m.content));
    await h!.apiframe.finish(task.id);
    const grid = await original(d, i, (m) => m.embeds.length > 0);
    expect(grid.embeds[0].image.url).toBe(task.result!.original_image_url);
    expect(grid.content).toContain('Blend “2 images, square”');
    expect(labels(grid)).toEqual(GRID_BUTTONS);

    const u1 = grid.components[0]!.components[0]!.custom_id;
    const up = await d.pressButton({ message: grid, customId: u1 });
    expect((await d.waitForCallback(up)).type).toBe(5);
    const upscale = await h!.apiframe.waitForTask('upscale-1x');
    expect(upscale.body).toMatchObject({ parent_task_id: task.id, index: '1' });
    await h!.apiframe.finish(upscale.id);
    const image = await original(d, up, (m) => m.embeds.length > 0);
    expect(image.embeds[0].image.url).toBe(upscale.result!.image_url);
  });

  it('refuses a single image privately (Discord itself asks for two) and submits and charges nothing', async () => {
    const d = await start();
    const i = await blend(d, 1);
    const callback = await d.waitForCallback(i);
    expect(callback.type).toBe(4);
    expect(callback.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(i.original!.content).toMatch(/^Blend mixes 2 to 5 images, and I got 1\./);
    expect(h!.apiframe.requests).toEqual([]);
    expect(await balance()).toBe(100);
  });

  it('refuses a file that is not an image by its name', async () => {
    const d = await start();
    const i = await d.slashCommand({
      name: 'blend',
      options: [
        { name: 'image1', value: 'a.png' },
        { name: 'image2', value: 'notes.txt' },
      ],
      attachments: [file('a.png'), { filename: 'notes.txt', content_type: 'text/plain', size: 12 }],
    });
    await eventually(() => i.original?.content, 5000, 'the refusal');
    expect(i.original!.content).toContain('“notes.txt” is not an image. Attach a PNG, JPEG, WebP or GIF to blend it.');
    expect(h!.apiframe.requests).toEqual([]);
  });
});

describe('Discord /faceswap', () => {
  it('sends the target and the face by their Discord URLs, charges 2 and posts one image without buttons', async () => {
    const d = await start();
    const i = await d.slashCommand({
      name: 'faceswap',
      options: [
        { name: 'target', value: 'beach.png' },
        { name: 'face', value: 'me.png' },
      ],
      attachments: [file('beach.png'), file('me.png')],
    });
    expect((await d.waitForCallback(i)).type).toBe(5);
    const task = await h!.apiframe.waitForTask('faceswap');
    expect(task.body).toEqual({ target_image_url: urlOf(i, 'beach.png'), swap_image_url: urlOf(i, 'me.png') });
    expect(await balance()).toBe(98);
    await h!.apiframe.finish(task.id);
    const result = await original(d, i, (m) => m.embeds.length > 0);
    expect(result.embeds[0].image.url).toBe(task.result!.image_url);
    expect(result.components).toEqual([]);
  });

  it('refuses a face swap without the face, and charges nothing', async () => {
    const d = await start();
    const i = await d.slashCommand({ name: 'faceswap', options: [{ name: 'target', value: 'beach.png' }], attachments: [file('beach.png')] });
    await eventually(() => i.original?.content, 5000, 'the refusal');
    expect(i.original!.content).toMatch(/^Face swap takes exactly two images/);
    expect(i.ephemeral).toBe(true);
    expect(h!.apiframe.requests).toEqual([]);
    expect(await balance()).toBe(100);
  });
});
