// Reference images for /generate on Telegram end to end: a Telegram file URL carries the bot token,
// so the photos reach aiphotogenerator.net by another URL — the bot's own (PUBLIC_URL/files/…)
// when no provider takes uploads, Apiframe's storage when it runs beside it — or the user is told
// why they cannot be used (issue 9, parts 2 and 7).
import { afterEach, describe, expect, it } from 'vitest';
import type { Harness } from './harness.ts';
import { eventually } from './harness.ts';
import { makePng } from '../fakes/png.ts';
import type { FakeAiphotogenerator } from '../fakes/aiphotogenerator.ts';
import type { FakeTelegram } from '../fakes/telegram.ts';
import { updateKey } from '../../adapters/telegram/inbox.ts';
import { alice, balance, FREE_CREDITS, group, press, startGenerateBot } from '../support/telegram-generate.ts';

let h: Harness | undefined;
let tg: FakeTelegram;
let ai: FakeAiphotogenerator;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(opts: Parameters<typeof startGenerateBot>[0] = {}): Promise<void> {
  ({ h, tg, ai } = await startGenerateBot(opts));
}

async function fetchBytes(url: string): Promise<{ status: number; bytes: Buffer; type: string | null }> {
  const res = await fetch(url);
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()), type: res.headers.get('content-type') };
}

/** Waits until the bot has handled every one of these updates (an album is gathered before it is used). */
async function handled(updates: Array<{ update_id: number }>): Promise<void> {
  const inbox = h!.app.services.store.inbox;
  await eventually(async () => (await Promise.all(updates.map((u) => inbox.status(updateKey(tg.bot.id, u.update_id))))).every((s) => s === 'done'), 10_000, 'the updates to be handled');
}

describe('/generate on Telegram: reference images', () => {
  it("with PUBLIC_URL and no Apiframe, a photo captioned /generate reaches the service by the bot's own URL, which serves that photo", async () => {
    await start({ withoutApiframe: true, webhooks: true });
    const photo = makePng(640, 480, [200, 40, 40]);
    tg.userSendsPhoto({ chat: group, from: alice, bytes: photo, caption: '/generate a cat just like this one --model flux-2' });
    const image = await ai.waitForImage(1);
    const input = image.request.input!;
    expect(input).toHaveLength(1);
    expect(input[0]).toMatch(new RegExp(`^${h!.env.PUBLIC_URL}/files/[A-Za-z0-9_-]{22}\\.png$`));
    expect(input[0]).not.toContain(tg.token);
    expect(input[0]).not.toContain(tg.apiRoot);
    // The service can fetch it: the very bytes the user sent.
    const served = await fetchBytes(input[0]!);
    expect(served).toMatchObject({ status: 200, type: 'image/png' });
    expect(served.bytes.equals(photo)).toBe(true);
    expect(image.request).toMatchObject({ model: 'flux-2', prompt: 'a cat just like this one' });
  });

  it('the photo of a /generate without a model is kept while the model is picked, and passed with the pick', async () => {
    await start({ withoutApiframe: true, webhooks: true });
    const photo = makePng(500, 500, [10, 200, 10]);
    const sent = tg.userSendsPhoto({ chat: group, from: alice, bytes: photo, caption: '/generate the same in winter --count 2' });
    const picker = await tg.waitForMessage(group.id, (m) => m.reply_to_message_id === sent.message.message_id && m.reply_markup !== undefined);
    expect(ai.requests).toHaveLength(0);
    await press(tg, picker, 'Seedream 4');
    const image = await ai.waitForImage(1);
    expect(image.request).toMatchObject({ model: 'seedream-4', prompt: 'the same in winter', count: 2 });
    expect(image.request.input).toHaveLength(1);
    expect(image.request.input![0]).not.toContain(tg.token);
    expect((await fetchBytes(image.request.input![0]!)).bytes.equals(photo)).toBe(true);
  });

  it('/generate replying to an album passes every photo of it, in order, each by a URL the service can fetch', async () => {
    await start({ withoutApiframe: true, webhooks: true });
    const photos = [0, 1, 2].map((i) => makePng(520 + i * 10, 600, [i * 80, 100, 200 - i * 60]));
    const album = photos.map((bytes) => tg.userSendsPhoto({ chat: group, from: alice, bytes, media_group_id: 'refs-1' }));
    await handled(album);
    tg.userSends({ chat: group, from: alice, text: '/generate the three of them at a picnic --model nano-banana', reply_to_message_id: album[1]!.message.message_id });
    const image = await ai.waitForImage(1);
    const input = image.request.input!;
    expect(input).toHaveLength(3);
    expect(new Set(input).size).toBe(3);
    for (const [i, url] of input.entries()) {
      expect(url.startsWith(`${h!.env.PUBLIC_URL}/files/`)).toBe(true);
      expect(url).not.toContain(tg.token);
      expect((await fetchBytes(url)).bytes.equals(photos[i]!)).toBe(true);
    }
  });

  it("with Apiframe beside it, the photo is copied to Apiframe's storage and passed by that URL", async () => {
    await start();
    const photo = makePng(300, 300, [1, 2, 3]);
    tg.userSendsPhoto({ chat: group, from: alice, bytes: photo, caption: '/generate like this but blue --model flux-2' });
    const image = await ai.waitForImage(1);
    const input = image.request.input!;
    expect(input).toHaveLength(1);
    expect(input[0]!.startsWith(`${h!.apiframe.url}/`)).toBe(true);
    expect(input[0]).not.toContain(tg.token);
    expect(h!.apiframe.callCount('/upload')).toBe(1);
    expect((await fetchBytes(input[0]!)).bytes.equals(photo)).toBe(true);
  });

  it('with nowhere to put the photo for the service, the user is told why and what to do; nothing is charged or sent', async () => {
    await start({ withoutApiframe: true });
    const sent = tg.userSendsPhoto({ chat: group, from: alice, bytes: makePng(400, 400), caption: '/generate a cat like this --model flux-2' });
    const answer = await tg.waitForMessage(group.id, (m) => m.reply_to_message_id === sent.message.message_id);
    expect(answer.text).toBe(
      "This bot can't pass images sent here on to the image service: it has nowhere to put them for the service to fetch. Send the command without images, or ask the bot operator to set PUBLIC_URL.",
    );
    // Without a model too: no keyboard is offered for a request that cannot run.
    const again = tg.userSendsPhoto({ chat: group, from: alice, bytes: makePng(400, 400), caption: '/generate a cat like this' });
    const second = await tg.waitForMessage(group.id, (m) => m.reply_to_message_id === again.message.message_id);
    expect(second.text).toBe(answer.text);
    expect(second.reply_markup).toBeUndefined();
    expect(ai.requests).toHaveLength(0);
    expect(await balance(h!)).toBe(FREE_CREDITS);
  });
});
