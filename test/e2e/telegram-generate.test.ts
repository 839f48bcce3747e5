// /generate on Telegram end to end: the real grammY client against the fake Bot API, the real app
// against the fake aiphotogenerator.net (issue 9, part 7). Which commands are offered, every
// option, the model keyboard, results by polling and by webhook, ⬇️ and 🔄.
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, startHarness, type Harness } from './harness.ts';
import { GENERATE_LIMITS, IMAGE_MODELS } from '../../src/providers/image-models.ts';
import {
  albumPhotos,
  alice,
  balance,
  bob,
  dm,
  FREE_CREDITS,
  generateBodies,
  group,
  images,
  labels,
  moreSweeps,
  press,
  reply,
  resultButtons,
  sendMediaGroups,
  startGenerateBot,
  type GenerateWorld,
} from '../support/telegram-generate.ts';
import type { FakeAiphotogenerator } from '../fakes/aiphotogenerator.ts';
import type { FakeTelegram } from '../fakes/telegram.ts';

let h: Harness | undefined;
let tg: FakeTelegram;
let ai: FakeAiphotogenerator;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(opts: Parameters<typeof startGenerateBot>[0] = {}): Promise<GenerateWorld> {
  const world = await startGenerateBot(opts);
  ({ h, tg, ai } = world);
  return world;
}

async function pressData(messageId: number, data: string) {
  const q = tg.userPresses({ chat: dm, from: alice, message_id: messageId, data });
  return tg.waitForCall('answerCallbackQuery', (c) => String(c.params.callback_query_id) === q.id);
}
const menu = (t: FakeTelegram) => (t.calls.find((c) => c.method === 'setMyCommands')?.params.commands as Array<{ command: string }>).map((c) => c.command);
const MIDJOURNEY_COMMANDS = ['imagine', 'photos', 'describe', 'blend', 'faceswap'];

describe('/generate on Telegram: when it is offered', () => {
  it('with only the aiphotogenerator.net token the bot starts, lists /generate and no Midjourney command, and /generate runs from progress to album to buttons', async () => {
    await start({ withoutApiframe: true });
    expect(h!.env.APIFRAME_API_KEY).toBeUndefined();
    expect(menu(tg)).toContain('generate');
    for (const name of MIDJOURNEY_COMMANDS) expect(menu(tg)).not.toContain(name);

    const cmd = tg.userSends({ chat: group, from: alice, text: '/generate a lighthouse at dawn --model flux-2 --count 2' });
    const progress = await tg.waitForMessage(group.id, (m) => m.reply_to_message_id === cmd.message.message_id && Boolean(m.text));
    expect(progress.text).toBe('⏳ Flux 2 Pro “a lighthouse at dawn” for @alice\nWaiting to start…');
    const [first, second] = await images(ai, 2);
    await ai.progress(first!.id);
    await ai.finish(first!.id);
    // Half of the images are done.
    await tg.waitForMessage(group.id, (m) => m.message_id === progress.message_id && (m.text ?? '').includes('50%'));
    await ai.finish(second!.id);

    const buttons = await resultButtons(tg);
    expect(buttons.text).toBe('✅ Flux 2 Pro “a lighthouse at dawn” for @alice');
    expect(labels(buttons)).toEqual([['🔄'], ['⬇️ 1', '⬇️ 2']]);
    const photos = albumPhotos(tg);
    expect(photos.map((p) => p.photo?.url)).toEqual([first, second].map((i) => `${ai.origin}/files/${i!.id}.png`));
    expect(photos.every((p) => p.reply_to_message_id === cmd.message.message_id)).toBe(true);
    expect(buttons.message_id).toBeGreaterThan(Math.max(...photos.map((p) => p.message_id)));
    // The progress message makes way for the result.
    await eventually(() => tg.messagesIn(group.id).find((m) => m.message_id === progress.message_id)?.deleted, 10_000, 'the progress message to go');
    expect(ai.callCount('/images/generate')).toBe(1);
  });

  it('with only the aiphotogenerator.net token, a private chat is pointed at /generate, not at a command the bot does not have', async () => {
    await start({ withoutApiframe: true });
    const unknown = await reply(tg, '/imagine a red fox', /./, dm);
    expect(unknown.text).toContain("I don't know /imagine.");
    expect(unknown.text).toContain('/generate');
    expect(unknown.text).not.toMatch(/send \/imagine/);
    const chat = await reply(tg, 'hello', /./, dm);
    expect(chat.text).toContain('/generate');
    expect(chat.text).not.toContain('/imagine');
    // A button that names no result of this chat sends people to /generate as well.
    const forged = await pressData(chat.message_id, 'act:AAAAAAAAAAAA');
    expect(forged.params).toMatchObject({ text: "This button doesn't work here: it belongs to another chat or has expired. Start a new one with /generate.", show_alert: true });
  });

  it('with only the Apiframe key the bot starts without /generate, and /generate typed anyway gets a friendly answer', async () => {
    h = await startHarness({ telegram: true });
    tg = h.telegram!;
    expect(h.aiphotogenerator).toBeUndefined();
    expect(menu(tg)).not.toContain('generate');
    expect(menu(tg)).toContain('imagine');
    const answer = await reply(tg, '/generate a lighthouse --model flux-2', /./, dm);
    expect(answer.text).toBe(
      "I don't know /generate. To make images, send /imagine followed by what you want to see, e.g. /imagine a red fox in fresh snow. /help lists everything I can do.",
    );
    expect(h.apiframe.requests).toHaveLength(0);
  });
});

describe('/generate on Telegram: every option', () => {
  it('--model, a several-word --neg that stops at the next flag, and --ar 16:9 reach the service as model, negative_prompt and 1344×768', async () => {
    await start();
    tg.userSends({ chat: group, from: alice, text: '/generate a misty harbour at night --neg blurry, low quality text --ar 16:9 --model seedream-4' });
    const image = await ai.waitForImage(1);
    expect(image.request).toEqual({ model: 'seedream-4', prompt: 'a misty harbour at night', negative_prompt: 'blurry, low quality text', width: 1344, height: 768, count: 1 });
    // The model may be named as people know it, too; --neg runs to the end of the text.
    tg.userSends({ chat: group, from: alice, text: '/generate boats --model Flux-2-Flex --neg fog and rain' });
    const named = await ai.waitForImage(2);
    expect(named.request).toMatchObject({ model: 'flux-2-flex', prompt: 'boats', negative_prompt: 'fog and rain', width: 1024, height: 1024 });
    expect(generateBodies(ai)[0]).not.toHaveProperty('input');
  });

  it('--size 1536x1024 is sent as typed and costs its model twice (two started megapixels)', async () => {
    await start();
    tg.userSends({ chat: group, from: alice, text: '/generate a wide valley --size 1536x1024 --model flux-2' });
    const image = await ai.waitForImage(1);
    expect(image.request).toMatchObject({ width: 1536, height: 1024, count: 1 });
    expect(await balance(h!)).toBe(FREE_CREDITS - 2 * 4);
  });

  it('--count 1 turns the progress message into the photo, with 🔄 and no ⬇️', async () => {
    await start();
    const cmd = tg.userSends({ chat: group, from: alice, text: '/generate a single pear --model stable-diffusion-xl --count 1' });
    const progress = await tg.waitForMessage(group.id, (m) => m.reply_to_message_id === cmd.message.message_id);
    const image = await ai.waitForImage(1);
    expect(image.request.count).toBe(1);
    await ai.finish(image.id);
    const photo = await tg.waitForMessage(group.id, (m) => m.message_id === progress.message_id && m.photo !== undefined);
    expect(photo.photo?.url).toBe(`${ai.origin}/files/${image.id}.png`);
    expect(photo.caption).toBe('✅ Stable Diffusion XL “a single pear” for @alice');
    expect(labels(photo)).toEqual([['🔄']]);
    expect(sendMediaGroups(tg)).toHaveLength(0);
  });

  it('--count 10 gives ten images as one album, then one message with 🔄 and ⬇️ 1–10', async () => {
    await start();
    tg.userSends({ chat: group, from: alice, text: '/generate ten little boats --model flux-2 --count 10' });
    const ten = await images(ai, 10);
    expect(ten[0]!.request.count).toBe(10);
    expect(ai.callCount('/images/generate')).toBe(1);
    expect(await balance(h!)).toBe(FREE_CREDITS - 10 * 4);
    for (const image of ten) await ai.finish(image.id);

    const buttons = await resultButtons(tg);
    expect(labels(buttons)).toEqual([
      ['🔄'],
      ['⬇️ 1', '⬇️ 2', '⬇️ 3', '⬇️ 4', '⬇️ 5'],
      ['⬇️ 6', '⬇️ 7', '⬇️ 8', '⬇️ 9', '⬇️ 10'],
    ]);
    const albums = sendMediaGroups(tg);
    expect(albums).toHaveLength(1);
    expect((albums[0]!.params.media as Array<{ media: string }>).map((m) => m.media)).toEqual(ten.map((i) => `${ai.origin}/files/${i.id}.png`));
    expect(albumPhotos(tg)).toHaveLength(10);
    expect(new Set(albumPhotos(tg).map((p) => p.media_group_id)).size).toBe(1);
  });

  it('without --model a keyboard offers every model with its price, and the pick runs the request as typed', async () => {
    await start();
    const cmd = tg.userSends({ chat: group, from: alice, text: '/generate a fox in snow --neg people --size 2048x1024 --count 2' });
    const picker = await tg.waitForMessage(group.id, (m) => m.reply_to_message_id === cmd.message.message_id && m.reply_markup !== undefined);
    expect(picker.text!.split('\n')[0]).toBe('🎨 Which model should make “a fox in snow”? (2 images, 2048×1024)');
    // Two images of two megapixels each: four times each model's price.
    expect(picker.text).toContain('• Flux 2 Pro — 16 credits');
    expect(picker.text).toContain('• Stable Diffusion XL — 4 credits');
    expect(labels(picker).flat()).toEqual(IMAGE_MODELS.map((m) => m.name));
    expect(ai.requests).toHaveLength(0);
    expect(await balance(h!)).toBe(FREE_CREDITS);

    // Someone else cannot pick for Alice.
    const other = await press(tg, picker, 'Flux 2 Pro', bob);
    expect(other.params).toMatchObject({ show_alert: true });
    expect(ai.requests).toHaveLength(0);

    await press(tg, picker, 'Nano Banana');
    const image = await ai.waitForImage(1);
    expect(image.request).toEqual({ model: 'nano-banana', prompt: 'a fox in snow', negative_prompt: 'people', width: 2048, height: 1024, count: 2 });
    expect(await balance(h!)).toBe(FREE_CREDITS - 2 * 2 * 2);
  });

  it('AIPHOTOGENERATOR_MODELS narrows the keyboard, and a model left out is refused by name', async () => {
    await start({ env: { AIPHOTOGENERATOR_MODELS: 'stable-diffusion-xl,seedream-4,flux-2' } });
    const picker = await reply(tg, '/generate a quiet street', /Which model/);
    // In the catalog's order, whatever order the operator listed them in.
    expect(labels(picker).flat()).toEqual(['Flux 2 Pro', 'Seedream 4', 'Stable Diffusion XL']);
    expect(picker.text!.split('\n').slice(1)).toEqual(['• Flux 2 Pro — 4 credits', '• Seedream 4 — 2 credits', '• Stable Diffusion XL — 1 credit']);
    const refused = await reply(tg, '/generate a quiet street --model nano-banana');
    expect(refused.text).toBe('Nano Banana is not offered here. Choose one of: flux-2 (Flux 2 Pro), seedream-4 (Seedream 4), stable-diffusion-xl (Stable Diffusion XL).');
    expect(ai.requests).toHaveLength(0);
    expect(await balance(h!)).toBe(FREE_CREDITS);
  });

  it('with one model offered there is no keyboard: /generate runs with it', async () => {
    await start({ env: { AIPHOTOGENERATOR_MODELS: 'stable-diffusion-xl' } });
    const cmd = tg.userSends({ chat: group, from: alice, text: '/generate a paper crane' });
    const image = await ai.waitForImage(1);
    expect(image.request.model).toBe('stable-diffusion-xl');
    const progress = await tg.waitForMessage(group.id, (m) => m.reply_to_message_id === cmd.message.message_id);
    expect(progress.text).toContain('Stable Diffusion XL “a paper crane”');
    expect(tg.messagesIn(group.id).some((m) => m.reply_markup !== undefined)).toBe(false);
  });

  it('bad input is answered with what to fix, and nothing is charged or sent to the service', async () => {
    await start();
    const cases: Array<[string, RegExp]> = [
      ['/generate a cat --model flux-2 --size 1536x1024 --ar 16:9', /^Give an aspect ratio or a size, not both/],
      ['/generate a cat --model flux-2 --size 4097x1024', /^Size is width x height in pixels, each from 512 to 4096, e\.g\. 1536x1024\.$/],
      ['/generate a cat --model flux-2 --size 511x600', /^Size is width x height in pixels, each from 512 to 4096/],
      ['/generate a cat --model flux-2 --size big', /^Size is width x height/],
      ['/generate a cat --model flux-2 --count 11', /^Count must be a whole number from 1 to 10\.$/],
      ['/generate a cat --model flux-2 --count 0', /^Count must be a whole number from 1 to 10\.$/],
      ['/generate a cat --model dall-e', /^Model must be one of: flux-2, flux-2-flex, nano-banana, nano-banana-pro, nano-banana-2, seedream-4, stable-diffusion-xl\.$/],
      ['/generate a cat --model flux-2 --ar 5:4', /^Aspect ratio must be one of 1:1, 16:9/],
      [`/generate ${'a'.repeat(GENERATE_LIMITS.promptMax + 1)} --model flux-2`, /^That prompt is too long: keep it within 1,024 characters\.$/],
      [`/generate a cat --model flux-2 --neg ${'b'.repeat(GENERATE_LIMITS.negativeMax + 1)}`, /^Keep what to avoid within 1,024 characters\.$/],
      ['/generate --model flux-2', /^Tell me what to generate/],
      // Without a model the keyboard is not offered for a request that cannot run either.
      ['/generate a cat --count 11', /^Count must be a whole number/],
    ];
    for (const [text, answer] of cases) {
      const said = await reply(tg, text);
      expect(said.text, text.slice(0, 80)).toMatch(answer);
    }
    // A prompt of exactly 1024 characters is fine.
    tg.userSends({ chat: group, from: alice, text: `/generate ${'a'.repeat(GENERATE_LIMITS.promptMax)} --model flux-2` });
    expect((await ai.waitForImage(1)).request.prompt).toHaveLength(GENERATE_LIMITS.promptMax);
    expect(ai.callCount('/images/generate')).toBe(1);
    expect(await balance(h!)).toBe(FREE_CREDITS - 4);
  });
});

describe('/generate on Telegram: results', () => {
  it('by polling: the album is delivered once, however often the bot looks again', async () => {
    await start({ withoutApiframe: true });
    tg.userSends({ chat: group, from: alice, text: '/generate three apples --model seedream-4 --count 3' });
    const three = await images(ai, 3);
    for (const image of three) await ai.finish(image.id);
    await resultButtons(tg);
    expect(ai.webhookDeliveries).toHaveLength(0);
    await moreSweeps(h!);
    expect(sendMediaGroups(tg)).toHaveLength(1);
    expect(albumPhotos(tg)).toHaveLength(3);
    expect(tg.messagesIn(group.id).filter((m) => labels(m)[0]?.[0] === '🔄')).toHaveLength(1);
  });

  it("by webhook: with every lookup failing, the service's posts alone deliver the album, once even when posted again", async () => {
    await start({ withoutApiframe: true, webhooks: true });
    // Polling cannot see the images finish: only the webhook can.
    ai.failNext('/images/{id}', 'server', { times: 100_000 });
    tg.userSends({ chat: group, from: alice, text: '/generate two pears --model flux-2 --count 2' });
    const two = await images(ai, 2);
    for (const image of two) await ai.finish(image.id);
    const buttons = await resultButtons(tg);
    expect(labels(buttons)).toEqual([['🔄'], ['⬇️ 1', '⬇️ 2']]);
    expect(ai.webhookDeliveries.map((d) => d.status)).toEqual([200, 200]);
    expect(ai.webhookDeliveries[0]!.url).toBe(`${h!.env.PUBLIC_URL}/webhooks/aiphotogenerator?token=test-webhook-secret-0123456789`);

    // The service posts the same news again: nothing is sent twice.
    for (const d of ai.webhookDeliveries.slice()) {
      const res = await fetch(d.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(d.body) });
      expect(res.status).toBe(200);
    }
    await moreSweeps(h!);
    expect(sendMediaGroups(tg)).toHaveLength(1);
    expect(albumPhotos(tg)).toHaveLength(2);
    expect(tg.messagesIn(group.id).filter((m) => labels(m)[0]?.[0] === '🔄')).toHaveLength(1);
  });

  it('⬇️ 2 sends that image as a document, uploaded whole and free', async () => {
    await start();
    tg.userSends({ chat: group, from: alice, text: '/generate three plums --model flux-2 --count 3' });
    const three = await images(ai, 3);
    for (const image of three) await ai.finish(image.id);
    const buttons = await resultButtons(tg);
    const before = await balance(h!);
    const answer = await press(tg, buttons, '⬇️ 2');
    expect(answer.response.ok).toBe(true);
    const doc = await tg.waitForMessage(group.id, (m) => m.document !== undefined);
    const png = Buffer.from(await (await fetch(`${ai.origin}/files/${three[1]!.id}.png`)).arrayBuffer());
    expect(doc.document).toMatchObject({ source: 'upload', bytes: png.length, file_name: expect.stringMatching(/-2\.png$/) });
    expect(doc.caption).toBe('⬇️ Image 2 of 3, full resolution');
    expect(doc.reply_to_message_id).toBe(buttons.message_id);
    expect(await balance(h!)).toBe(before);
    expect(ai.callCount('/images/generate')).toBe(1);
  });

  it('🔄 submits the same request again and charges it again', async () => {
    await start();
    tg.userSends({ chat: group, from: alice, text: '/generate two figs --model nano-banana-pro --neg leaves --ar 3:2 --count 2' });
    const two = await images(ai, 2);
    for (const image of two) await ai.finish(image.id);
    const buttons = await resultButtons(tg);
    expect(await balance(h!)).toBe(FREE_CREDITS - 2 * 4);

    const answer = await press(tg, buttons, '🔄', bob);
    expect(answer.response.ok).toBe(true);
    const again = await images(ai, 2, 3);
    const [first, second] = generateBodies(ai);
    expect(second).toEqual(first);
    expect(first).toEqual({ model: 'nano-banana-pro', prompt: 'two figs', negative_prompt: 'leaves', width: 1216, height: 832, count: 2 });
    expect(await balance(h!)).toBe(FREE_CREDITS - 2 * 2 * 4);
    for (const image of again) await ai.finish(image.id);
    const rerolled = await resultButtons(tg, group, buttons.message_id);
    expect(rerolled.text).toBe('✅ Nano Banana Pro “two figs” for Bob');
    expect(sendMediaGroups(tg)).toHaveLength(2);
  });
});
