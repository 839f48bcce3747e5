// /generate through the real grammY client against the fake Bot API, with an in-test
// aiphotogenerator and real images on loopback: the model keyboard, reference photos, the album of
// ten with its buttons after it, and ⬇️ sending one image as a document.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, type Store } from '../../src/store/index.ts';
import { offeredCommands } from '../../src/core/command.ts';
import { redactPort } from '../../src/core/redact.ts';
import type { PlatformAdapter } from '../../src/core/chat.ts';
import { commands } from '../../commands/index.ts';
import { createTelegramAdapter } from '../../adapters/telegram/index.ts';
import { updateKey } from '../../adapters/telegram/inbox.ts';
import { FakeTelegram, type SentMessage, type TgChat, type TgUser } from '../fakes/telegram.ts';
import { makePng } from '../fakes/png.ts';
import { fakeGenerator, settle, type FakeGenerator } from '../support/generate-provider.ts';
import { startImageServer, type ImageServer } from '../support/image-server.ts';
import { memoryLogger } from '../support/silent-log.ts';
import { testServices, type TestServices } from '../support/services.ts';
import { eventually } from './harness.ts';

const alice: TgUser = { id: 1001, is_bot: false, first_name: 'Alice', username: 'alice' };
const group: TgChat = { id: -1001234567890, type: 'supergroup', title: 'Frame fans' };
const WALLET = `telegram:chat:${group.id}`;

let tg: FakeTelegram;
let images: ImageServer;
let store: Store;
let gen: FakeGenerator;
let services: TestServices;
let adapter: PlatformAdapter;

beforeEach(async () => {
  // Real Telegram fetches a document by URL only for GIF, PDF and ZIP: so does this fake.
  tg = await FakeTelegram.start({ strictDocumentUrls: true });
  images = await startImageServer();
  store = createStore(':memory:');
  gen = fakeGenerator({ models: ['flux-2', 'seedream-4'] });
  services = testServices(store, gen.provider, { freeCredits: 1000 });
  const { log } = memoryLogger([], 'silent');
  adapter = createTelegramAdapter({ token: tg.token, apiRoot: tg.apiRoot, services, commands: offeredCommands(commands, services.providers), log });
  services.tasks.attach(redactPort(adapter.port, services.scrub));
  await adapter.start();
});
afterEach(async () => {
  await adapter.stop(1_000);
  await tg.close();
  await images.close();
  services.cleanup();
  store.close();
});

const labels = (m: SentMessage) => (m.reply_markup?.inline_keyboard ?? []).map((row) => row.map((b) => b.text));
function press(m: SentMessage, label: string) {
  const data = m.reply_markup?.inline_keyboard.flat().find((b) => b.text === label)?.callback_data;
  if (!data) throw new Error(`no button ${label} on message ${m.message_id}`);
  return tg.userPresses({ chat: group, from: alice, message_id: m.message_id, data });
}
const balance = async () => (await store.wallets.get(WALLET))?.balance ?? 1000;

/** Runs `/generate …` and settles every image it asked for with a real image; returns the buttons' message. */
async function generated(text: string): Promise<{ buttons: SentMessage; ids: string[] }> {
  tg.userSends({ chat: group, from: alice, text });
  await eventually(() => gen.jobs.length === 1, 10_000, 'the job');
  const ids = gen.ids[0]!;
  await settle(services.tasks, ids, 'finished', (id) => images.url(id));
  const buttons = await tg.waitForMessage(group.id, (m) => labels(m)[0]?.[0] === '🔄');
  return { buttons, ids };
}

describe('/generate on Telegram', () => {
  it('asks which model with an inline keyboard, and the pick starts the same request without retyping it', async () => {
    tg.userSends({ chat: group, from: alice, text: '/generate a lighthouse at dawn --count 3 --ar 16:9 --neg fog, boats' });
    const picker = await tg.waitForMessage(group.id, (m) => m.reply_markup !== undefined);
    expect(picker.text!.split('\n')).toEqual(['🎨 Which model should make “a lighthouse at dawn”? (3 images, 1344×768)', '• Flux 2 Pro — 12 credits', '• Seedream 4 — 6 credits']);
    expect(labels(picker)).toEqual([['Flux 2 Pro', 'Seedream 4']]);
    expect(gen.jobs).toEqual([]);

    const pick = press(picker, 'Seedream 4');
    await eventually(() => gen.jobs.length === 1, 10_000, 'the job');
    expect(gen.jobs[0]).toEqual({ type: 'gen.image', model: 'seedream-4', prompt: 'a lighthouse at dawn', negative: 'fog, boats', width: 1344, height: 768, count: 3 });
    expect(await balance()).toBe(1000 - 6);
    // The press is answered once the job shows its progress, which comes after the submit.
    await tg.waitForCall('answerCallbackQuery', (c) => String(c.params.callback_query_id) === pick.id);
    expect(tg.callbackAnswer(pick.id)?.response.ok).toBe(true);
    // The progress answers the picker, naming the model.
    const progress = await tg.waitForMessage(group.id, (m) => m.reply_to_message_id === picker.message_id);
    expect(progress.text).toContain('Seedream 4 “a lighthouse at dawn” for @alice');

    // A second pick of the same keyboard starts nothing: the presser is told privately.
    const again = press(picker, 'Flux 2 Pro');
    const answer = await tg.waitForCall('answerCallbackQuery', (c) => String(c.params.callback_query_id) === again.id);
    expect(answer.params).toMatchObject({ text: 'That request has already started or has expired. Send /generate again.', show_alert: true });
    expect(gen.jobs).toHaveLength(1);
  });

  it('posts ten images as one album, with 🔄 and ⬇️ 1–10 in the message after it', async () => {
    const { buttons, ids } = await generated('/generate a lighthouse --model flux-2 --count 10');
    const album = tg.calls.filter((c) => c.method === 'sendMediaGroup');
    expect(album).toHaveLength(1);
    expect((album[0]!.params.media as Array<{ type: string; media: string }>).map((m) => m.media)).toEqual(ids.map((id) => images.url(id)));
    const photos = tg.messagesIn(group.id).filter((m) => m.media_group_id !== undefined);
    expect(photos).toHaveLength(10);
    expect(buttons.text).toBe('✅ Flux 2 Pro “a lighthouse” for @alice');
    expect(labels(buttons)).toEqual([
      ['🔄'],
      ['⬇️ 1', '⬇️ 2', '⬇️ 3', '⬇️ 4', '⬇️ 5'],
      ['⬇️ 6', '⬇️ 7', '⬇️ 8', '⬇️ 9', '⬇️ 10'],
    ]);
    expect(buttons.message_id).toBeGreaterThan(Math.max(...photos.map((p) => p.message_id)));
  });

  it('sends ⬇️ 3 as a document uploaded whole, free', async () => {
    const { buttons, ids } = await generated('/generate a lighthouse --model flux-2 --count 4');
    const before = await balance();
    press(buttons, '⬇️ 3');
    const doc = await tg.waitForMessage(group.id, (m) => m.document !== undefined);
    expect(doc.document).toMatchObject({ source: 'upload', bytes: images.bytes(ids[2]!).length, file_name: expect.stringMatching(/-3\.png$/) });
    expect(doc.caption).toBe('⬇️ Image 3 of 4, full resolution');
    expect(doc.reply_to_message_id).toBe(buttons.message_id);
    expect(await balance()).toBe(before);
  });

  it('tells the presser privately when the image is gone from the service', async () => {
    const { buttons, ids } = await generated('/generate a lighthouse --model flux-2 --count 2');
    images.forget(ids[0]!);
    const q = press(buttons, '⬇️ 1');
    const answer = await tg.waitForCall('answerCallbackQuery', (c) => String(c.params.callback_query_id) === q.id);
    expect(answer.params).toMatchObject({ text: 'I could not fetch that image from the image service any more: its link may have expired.', show_alert: true });
    expect(tg.messagesIn(group.id).filter((m) => m.document)).toEqual([]);
  });

  it('takes the photo a /generate caption comes with as a reference, by a URL without the bot token', async () => {
    tg.userSendsPhoto({ chat: group, from: alice, bytes: makePng(600, 400), caption: '/generate a cat like this --model flux-2' });
    await eventually(() => gen.jobs.length === 1, 10_000, 'the job');
    expect(gen.jobs[0]!.inputUrls).toEqual(gen.uploads);
    expect(gen.uploads).toHaveLength(1);
    expect(JSON.stringify(gen.jobs)).not.toContain(tg.token);
  });

  it('takes a whole album as references when /generate replies to one of its photos', async () => {
    const media_group_id = 'refs-1';
    const sent = [0, 1, 2].map((i) => tg.userSendsPhoto({ chat: group, from: alice, bytes: makePng(500 + i, 500), media_group_id }));
    await eventually(async () => (await Promise.all(sent.map((u) => services.store.inbox.status(updateKey(tg.bot.id, u.update_id))))).every((s) => s === 'done'), 10_000, 'the album');
    tg.userSends({ chat: group, from: alice, text: '/generate the three of them together --model seedream-4', reply_to_message_id: sent[1]!.message.message_id });
    await eventually(() => gen.jobs.length === 1, 10_000, 'the job');
    expect(gen.jobs[0]!.inputUrls).toHaveLength(3);
    expect(gen.jobs[0]!.inputUrls).toEqual(gen.uploads);
  });
});
