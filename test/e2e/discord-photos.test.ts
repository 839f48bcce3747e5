// AI Photos on Discord, end to end: the real discord.js client against the fake Discord (slash
// commands with up to ten attachments, photos posted as plain messages, buttons), the app against
// the fake Apiframe (ai-photo-upload → ai-photo-train → ai-photo-generate). Photos are real PNGs
// served at their attachment URLs, so every check the core makes runs on real bytes.
import { afterEach, describe, expect, it } from 'vitest';
import type { DcMessage, DcUser, FakeAttachmentInput, FakeInteraction } from '../fakes/discord.ts';
import type { FakeTask } from '../fakes/apiframe.ts';
import { FakeDiscord } from '../fakes/discord.ts';
import { makePng } from '../fakes/png.ts';
import { decodedColour, jpegDeclaring65535Squared, webpDeclaring16MSquared } from '../support/images.ts';
import { memoryLogger } from '../support/silent-log.ts';
import type { Services } from '../../src/core/command.ts';
import { commands } from '../../commands/index.ts';
import { createDiscordAdapter } from '../../adapters/discord/index.ts';
import { createMetrics } from '../../src/metrics.ts';
import { eventually, startHarness as start, type Harness, type HarnessOptions } from './harness.ts';

const GUILD = '200000000000000001';
const CHANNEL = '300000000000000001';
const ALICE_ID = '400000000000000001';
const BOB: DcUser = { id: '400000000000000002', username: 'bob', global_name: 'Bob', discriminator: '0' };
const EPHEMERAL = 64;
const LOADING = 128;
const WALLET = `discord:guild:${GUILD}`;
/** Every new wallet's credits: these tests are about Discord, and count what AI Photos cost. */
const FREE = 1000;

const startHarness = (opts: HarnessOptions = {}) => start({ discord: true, ...opts, env: { FREE_CREDITS: String(FREE), ...opts.env } });

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

// --- photos ------------------------------------------------------------------------------------

/** A distinct 512×512 PNG per `n` (solid colours differ, so no two are duplicates). */
const png = (n: number, side = 512) => makePng(side, side, [(n * 7) % 256, (n * 13) % 256, (n * 29) % 256]);

/** `count` photo attachments named photo<from>.png … with real PNG bytes. */
function photoFiles(from: number, count: number): FakeAttachmentInput[] {
  return Array.from({ length: count }, (_, i) => ({ filename: `photo${from + i}.png`, content_type: 'image/png', bytes: png(from + i) }));
}


// --- commands ----------------------------------------------------------------------------------

type Where = { user?: DcUser; guildId?: string | null; channelId?: string };
type Opt = { name: string; value: string | number };

const photos = (d: FakeDiscord, sub: string, options: Opt[] = [], more: Where & { attachments?: FakeAttachmentInput[] } = {}) =>
  d.slashCommand({ name: 'photos', options: [{ name: sub, options }], ...more });

const newSet = (d: FakeDiscord, more: Where = {}) =>
  photos(d, 'new', [{ name: 'gender', value: 'female' }, { name: 'ethnicity', value: 'white' }, { name: 'age', value: 30 }], more);

/** /photos add with the files in image, image2 … image10. */
const add = (d: FakeDiscord, files: FakeAttachmentInput[], more: Where = {}) =>
  photos(d, 'add', files.map((f, i) => ({ name: i === 0 ? 'image' : `image${i + 1}`, value: f.filename })), { ...more, attachments: files });

/** What the user ends up seeing for an interaction: its response, or its last follow-up. */
async function shown(d: FakeDiscord, i: FakeInteraction, match: (text: string) => boolean = () => true): Promise<{ text: string; private: boolean; message: DcMessage }> {
  await d.waitForCallback(i);
  const channel = i.payload.channel_id as string;
  const visible = (m: DcMessage) => !m.deleted && m.content !== '' && !(m.flags & LOADING);
  const message = await d.waitForMessage(channel, (m) => {
    const last = i.followups.at(-1) ?? i.original;
    return m.id === last?.id && visible(m) && match(m.content);
  });
  return { text: message.content, private: (message.flags & EPHEMERAL) !== 0, message };
}

/** The server's wallet; it is created (with FREE credits) by its first charge. */
const wallet = () => h!.app.services.store.wallets.get(WALLET);
const balance = async () => (await wallet())?.balance ?? FREE;

function customId(m: DcMessage, label: string): string {
  for (const row of m.components) for (const b of row.components) if ((b.label ?? b.emoji?.name) === label) return b.custom_id;
  throw new Error(`no ${label} button on message ${m.id}`);
}

async function ledgerBalanced(): Promise<void> {
  for (const w of await h!.app.services.store.wallets.balancesAgainstLedger()) expect(w.balance).toBe(w.ledgerSum);
}

/** Trains a model from 10 photos (one /photos add) and returns the fake's tasks. */
async function trainModel(d: FakeDiscord, name: string, first = 100): Promise<{ train: FakeTask; ready: DcMessage }> {
  await shown(d, await newSet(d));
  await shown(d, await add(d, photoFiles(first, 10)), (t) => t.includes('10 of 30'));
  const i = await photos(d, 'train', [{ name: 'name', value: name }]);
  const n = [...h!.apiframe.tasks.values()].filter((t) => t.endpoint === 'ai-photo-upload').length + 1;
  const upload = await h!.apiframe.waitForTask('ai-photo-upload', n);
  await h!.apiframe.finish(upload.id);
  const train = await h!.apiframe.waitForTask('ai-photo-train', n);
  await h!.apiframe.finish(train.id);
  const ready = await d.waitForMessage(CHANNEL, (m) => m.id === i.original?.id && m.content.includes('is ready'));
  return { train, ready };
}

describe('Discord AI Photos: the whole path', () => {
  it('new → add 3 → a message with 9 more → train (prepare, then train in the same message) → ready → generate 2 → 🔄', async () => {
    h = await startHarness();
    const { apiframe } = h;
    const d = h.discord!;

    // The derived slash command: ten attachment slots, only the first required.
    const addDef = d.globalCommands.find((c) => c.name === 'photos')!.options.find((o: any) => o.name === 'add');
    expect(addDef.options.map((o: any) => [o.name, o.type, o.required])).toEqual([
      ['image', 11, true],
      ...Array.from({ length: 9 }, (_, i) => [`image${i + 2}`, 11, false]),
    ]);

    const started = await shown(d, await newSet(d));
    expect(started.text).toContain('New photo set started');
    expect(started.private).toBe(false);

    const first = photoFiles(1, 3);
    const added = await shown(d, await add(d, first));
    expect(added.text).toBe('📸 3 of 30 photos — 7 more to train.');

    // Nine more in one message that @mentions the bot: Discord shows it the attachments, and the
    // count in the command's reply goes on (one count message per set, not one per message).
    const more = photoFiles(4, 9);
    const posted = await d.userSendsMessage({ channelId: CHANNEL, content: 'here are more', attachments: more, mentionsBot: true });
    const counted = await d.waitForMessage(CHANNEL, (m) => m.id === added.message.id && m.content.includes('12 of 30'));
    expect(counted.content).toBe('📸 12 of 30 photos — ready to train: /photos train [name].');
    const edit = d.restCalls.find((c) => c.method === 'PATCH' && c.path === `/channels/${CHANNEL}/messages/${added.message.id}`)!;
    expect(edit.body).toMatchObject({ allowed_mentions: { parse: [] } });
    expect(d.repliesTo(posted)).toEqual([]);
    expect(await balance()).toBe(1000);

    // Train: the photos go to Apiframe as decoded (JPEG, same pixels), then training follows in the same message.
    const i = await photos(d, 'train', [{ name: 'name', value: 'ana' }]);
    expect((await d.waitForCallback(i)).type).toBe(5);
    const upload = await apiframe.waitForTask('ai-photo-upload');
    expect(upload.body).toMatchObject({ gender: 'female', ethnicity: 'white', age: 30 });
    const sent = await Promise.all((upload.body.images as string[]).map((b64) => decodedColour(Buffer.from(b64, 'base64'))));
    expect(sent.every((c) => c.format === 'jpeg' && c.width === 512)).toBe(true);
    for (const f of [...first, ...more]) {
      const { rgb } = await decodedColour(f.bytes!);
      // JPEG may move a solid colour by a step or two.
      expect(sent.filter((c) => c.rgb.every((v, k) => Math.abs(v - rgb[k]!) <= 3))).toHaveLength(1);
    }
    const progress = await d.waitForMessage(CHANNEL, (m) => m.id === i.original?.id && /Preparing photos for “ana” for Alice/.test(m.content));
    // Preparing is reserved now; training (4 per photo) when it starts, after the checks up front.
    expect(await balance()).toBe(1000 - 2);

    await apiframe.finish(upload.id);
    const train = await apiframe.waitForTask('ai-photo-train');
    expect(train.body).toMatchObject({ training_images_id: upload.id });
    expect(await balance()).toBe(1000 - 2 - 4 * 12);
    await d.waitForMessage(CHANNEL, (m) => m.id === progress.id && /Training “ana” for Alice/.test(m.content));
    await apiframe.progress(train.id, 40);
    await d.waitForMessage(CHANNEL, (m) => m.id === progress.id && m.content.includes('40%'));
    await apiframe.finish(train.id);
    const ready = await d.waitForMessage(CHANNEL, (m) => m.id === progress.id && m.content.includes('is ready'));
    expect(ready.content).toContain('✅ Your model “ana” is ready, Alice.');
    expect(ready.embeds).toEqual([]);
    expect(ready.components).toEqual([]);
    expect(d.messagesIn(CHANNEL).filter((m) => !m.deleted && m.content.includes('is ready'))).toHaveLength(1);
    expect(await balance()).toBe(950);

    // Generate two: one message, a gallery of two embeds sharing one url, and 🔄.
    const g = await photos(d, 'generate', [{ name: 'prompt', value: 'a portrait in a linen suit' }, { name: 'count', value: 2 }]);
    const result = await d.waitForMessage(CHANNEL, (m) => m.id === g.original?.id && m.embeds.length > 0);
    const gen = await apiframe.waitForTask('ai-photo-generate');
    const trigger = String(train.result!.trigger_word);
    expect(gen.body.prompt).toContain(trigger);
    expect(gen.body.prompt).toContain('a portrait in a linen suit');
    expect(gen.body).toMatchObject({ training_id: train.id, number_of_images: '2' });
    expect(result.embeds).toHaveLength(2);
    expect(result.embeds.map((e) => e.image.url)).toEqual(gen.result!.image_urls);
    expect(new Set(result.embeds.map((e) => e.url)).size).toBe(1);
    expect(result.embeds[0].url).toBeTruthy();
    expect(result.content).toContain('a portrait in a linen suit');
    expect(result.components).toHaveLength(1);
    expect(await balance()).toBe(948);

    const again = await d.pressButton({ message: result, customId: customId(result, '🔄') });
    expect((await d.waitForCallback(again)).type).toBe(5);
    const regen = await apiframe.waitForTask('ai-photo-generate', 2);
    expect(regen.body).toMatchObject({ training_id: train.id, prompt: gen.body.prompt, number_of_images: '2' });
    const second = await d.waitForMessage(CHANNEL, (m) => m.id === again.original?.id && m.embeds.length === 2);
    expect(second.embeds.map((e) => e.image.url)).toEqual(regen.result!.image_urls);
    expect(await balance()).toBe(946);
    await ledgerBalanced();
  });
});

describe('Discord AI Photos: photos posted as messages', () => {
  it('without DISCORD_MESSAGE_CONTENT: a plain guild message shows no attachments; an @mention and a DM do', async () => {
    h = await startHarness();
    const d = h.discord!;
    await shown(d, await newSet(d));

    const plain = await d.userSendsMessage({ channelId: CHANNEL, content: 'look', attachments: photoFiles(1, 2) });
    // Discord blanked it for the bot (no Message Content intent)…
    const seen = d.messageDispatches.filter((x) => x.messageId === plain.id);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.payload).toMatchObject({ content: '', attachments: [] });
    // …so the next batch counts from zero, and the plain message got no answer.
    const mention = await d.userSendsMessage({ channelId: CHANNEL, attachments: photoFiles(3, 1), mentionsBot: true });
    const count = await d.waitForReply(mention);
    expect(count.content).toBe('📸 1 of 30 photos — 9 more to train.');
    expect(d.repliesTo(plain)).toEqual([]);

    // Others' photos, bots and text-only messages are ignored silently.
    const bobs = await d.userSendsMessage({ channelId: CHANNEL, user: BOB, attachments: photoFiles(4, 1), mentionsBot: true });
    const chatter = await d.userSendsMessage({ channelId: CHANNEL, content: 'nice', mentionsBot: true });
    const last = await d.userSendsMessage({ channelId: CHANNEL, attachments: photoFiles(5, 1), mentionsBot: true });
    // The count message is edited, not answered again.
    await d.waitForMessage(CHANNEL, (m) => m.id === count.id && m.content.includes('2 of 30'));
    expect(d.repliesTo(last)).toEqual([]);
    expect(d.repliesTo(bobs)).toEqual([]);
    expect(d.repliesTo(chatter)).toEqual([]);

    // A DM arrives whole: a set opened in the DM takes photos sent there without any mention.
    const dmNew = await newSet(d, { guildId: null });
    await shown(d, dmNew);
    const dm = await d.userSendsMessage({ guildId: null, attachments: photoFiles(10, 3) });
    expect(dm.channel_id).toBe(dmNew.payload.channel_id);
    expect((await d.waitForReply(dm)).content).toBe('📸 3 of 30 photos — 7 more to train.');
  });

  it('a photo in a DM with no set open gets a hint naming what is offered, once for a burst; a server channel hears nothing', async () => {
    h = await startHarness({ aiphotogenerator: true, env: { DISCORD_MESSAGE_CONTENT: 'true' } });
    const d = h.discord!;
    const first = await d.userSendsMessage({ guildId: null, attachments: photoFiles(1, 1) });
    const hint = await d.waitForReply(first);
    expect(hint.content).toBe(
      [
        '📷 You have no photo set open, so I did nothing with that photo.',
        '• To train a model of this person, start a photo set with /photos new, then send 10–30 photos.',
        '• For prompts that describe it, send /describe with it attached.',
        '• To make images with it as a reference, send /generate <prompt> with it attached.',
      ].join('\n'),
    );
    expect(d.restCalls.find((c) => c.method === 'POST' && c.body?.content === hint.content)!.body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    const again = await d.userSendsMessage({ guildId: null, attachments: photoFiles(2, 1) });
    const inServer = await d.userSendsMessage({ channelId: CHANNEL, attachments: photoFiles(3, 1) });
    // A set opened after them takes the next photo: its count means the earlier messages were handled.
    await shown(d, await newSet(d, { guildId: null }));
    const counted = await d.userSendsMessage({ guildId: null, attachments: photoFiles(4, 1) });
    await d.waitForReply(counted, (m) => m.content.startsWith('📸 1 of 30'));
    expect(d.repliesTo(again)).toEqual([]);
    expect(d.repliesTo(inServer)).toEqual([]);
  });

  it('ten photos sent one at a time make one count message, edited as they arrive; far up the channel, a new one', async () => {
    h = await startHarness({ env: { DISCORD_MESSAGE_CONTENT: 'true' } });
    const d = h.discord!;
    await shown(d, await newSet(d, { guildId: null }));
    const first = await d.userSendsMessage({ guildId: null, attachments: photoFiles(1, 1) });
    const count = await d.waitForReply(first);
    expect(count.content).toBe('📸 1 of 30 photos — 9 more to train.');
    const set = async () => (await h!.app.services.store.photos.open('discord', first.channel_id, ALICE_ID))!;
    for (let n = 2; n <= 10; n++) {
      await d.userSendsMessage({ guildId: null, attachments: photoFiles(n, 1) });
      await eventually(async () => (await h!.app.services.store.photos.countFiles((await set()).id)) === n, 10_000, `${n} photos`);
    }
    const shownCount = await d.waitForMessage(first.channel_id, (m) => m.id === count.id && m.content.includes('10 of 30'), 10_000);
    expect(shownCount.content).toBe('📸 10 of 30 photos — ready to train: /photos train [name].');
    expect(d.messagesIn(first.channel_id).filter((m) => !m.deleted && /^📸 \d+ of 30/.test(m.content))).toHaveLength(1);

    // In a server channel that talks on, a count far up is posted again below.
    await shown(d, await newSet(d));
    const one = await d.userSendsMessage({ channelId: CHANNEL, attachments: photoFiles(20, 1) });
    const up = await d.waitForReply(one);
    for (let i = 0; i < 21; i++) await d.userSendsMessage({ channelId: CHANNEL, user: BOB, content: `chatter ${i}` });
    const two = await d.userSendsMessage({ channelId: CHANNEL, attachments: photoFiles(21, 1) });
    const below = await d.waitForReply(two);
    expect(below.id).not.toBe(up.id);
    expect(below.content).toBe('📸 2 of 30 photos — 8 more to train.');
    expect(up.content).toBe('📸 1 of 30 photos — 9 more to train.');
  });

  it('with DISCORD_MESSAGE_CONTENT=true: any message of the set owner is taken', async () => {
    h = await startHarness({ env: { DISCORD_MESSAGE_CONTENT: 'true' } });
    const d = h.discord!;
    await shown(d, await newSet(d));
    const plain = await d.userSendsMessage({ channelId: CHANNEL, content: 'look', attachments: photoFiles(1, 2) });
    expect((await d.waitForReply(plain)).content).toBe('📸 2 of 30 photos — 8 more to train.');
    expect(d.messageDispatches.find((x) => x.messageId === plain.id)!.payload.attachments).toHaveLength(2);
    const ready = h.logs.map((l) => JSON.parse(l)).find((l) => l.msg === 'discord ready');
    expect(ready).toMatchObject({ messageContent: true });
  });
});

describe('Discord AI Photos: the Message Content intent', () => {
  it('says how to fix it when DISCORD_MESSAGE_CONTENT=true but the portal has not switched the intent on', async () => {
    const fake = await FakeDiscord.start({ heartbeatIntervalMs: 200, privilegedIntents: 0 });
    const { log } = memoryLogger();
    const adapter = createDiscordAdapter({
      token: fake.token,
      applicationId: fake.applicationId,
      apiUrl: fake.apiBase,
      messageContent: true,
      // start() fails before anything but the metrics (REST calls are counted from the first) would use the services.
      services: { metrics: createMetrics() } as Services,
      commands,
      log,
    });
    try {
      await expect(adapter.start()).rejects.toThrow(/switch on "Message Content Intent" under Bot in the Developer Portal, or unset DISCORD_MESSAGE_CONTENT/);
    } finally {
      await adapter.stop();
      await fake.close();
    }
  });
});

describe('Discord AI Photos: refusals', () => {
  it('names each photo /photos add refuses and leaves the count unchanged', async () => {
    h = await startHarness();
    const d = h.discord!;
    await shown(d, await newSet(d));
    const good = photoFiles(1, 2);
    expect((await shown(d, await add(d, good))).text).toBe('📸 2 of 30 photos — 8 more to train.');

    const bad: FakeAttachmentInput[] = [
      { filename: 'notes.txt', content_type: 'text/plain', bytes: Buffer.from('not a photo') },
      { filename: 'tiny.png', content_type: 'image/png', bytes: png(50, 100) },
      { filename: 'again.png', content_type: 'image/png', bytes: good[0]!.bytes! },
      { filename: 'huge.jpg', content_type: 'image/jpeg', bytes: jpegDeclaring65535Squared() },
      { filename: 'huge.webp', content_type: 'image/webp', bytes: webpDeclaring16MSquared() },
      // A real photo declared as text is still a photo.
      { filename: 'scan.txt', content_type: 'text/plain', bytes: png(60, 600) },
    ];
    // The command's reply is the count; the refusals follow it, to be read.
    const i = await add(d, bad);
    const refused = await shown(d, i, (t) => t.startsWith('•'));
    expect(i.original!.content).toBe('📸 3 of 30 photos — 7 more to train.');
    expect(refused.text.split('\n')).toEqual([
      '• notes.txt is not a JPEG, PNG or WebP photo.',
      '• tiny.png is too small (100×100; at least 512 px on each side).',
      '• again.png is a duplicate of a photo already in the set.',
      '• huge.jpg could not be read as an image.',
      '• huge.webp could not be read as an image.',
    ]);
  });

  it('refuses bad input privately and charges nothing', async () => {
    h = await startHarness();
    const d = h.discord!;

    const noModel = await shown(d, await photos(d, 'generate', [{ name: 'prompt', value: 'a portrait' }]));
    expect(noModel).toMatchObject({ private: true, text: expect.stringContaining('You have no trained model yet') });

    await shown(d, await newSet(d));
    const twice = await shown(d, await newSet(d));
    expect(twice).toMatchObject({ private: true, text: expect.stringContaining('already have a photo set open here with 0 photos') });

    await shown(d, await add(d, photoFiles(1, 3)));
    const tooFew = await shown(d, await photos(d, 'train', [{ name: 'name', value: 'ana' }]));
    expect(tooFew).toMatchObject({ private: true, text: 'Your set has 3 photos; training needs at least 10. Send 7 more.' });
    // Nothing was ever charged: the wallet does not even exist yet.
    expect(await wallet()).toBeUndefined();
    expect(h.apiframe.requests.filter((r) => r.path.startsWith('/ai-photo'))).toEqual([]);

    // An unknown model name, once there is a model.
    await shown(d, await photos(d, 'cancel'));
    await trainModel(d, 'ana');
    const afterTraining = await balance();
    const unknown = await shown(d, await photos(d, 'generate', [{ name: 'prompt', value: 'a portrait' }, { name: 'model', value: 'bea' }]));
    expect(unknown).toMatchObject({ private: true, text: 'There is no model called “bea” here. Your models: ana.' });
    expect(await balance()).toBe(afterTraining);
    expect(h.apiframe.callCount('/ai-photo-generate')).toBe(0);
    await ledgerBalanced();
  });
});

describe('Discord AI Photos: daily caps', () => {
  it('refuses training up front when the whole cost is over the member’s daily cap, keeping the set', async () => {
    h = await startHarness();
    const d = h.discord!;
    const MANAGE_GUILD = String(1 << 5);
    const cap = await d.slashCommand({ name: 'admin', memberPermissions: MANAGE_GUILD, options: [{ name: 'limit', options: [{ name: 'cap', value: '20' }] }] });
    expect((await shown(d, cap)).text).toContain('up to 20 credits per day');
    await shown(d, await newSet(d));
    await shown(d, await add(d, photoFiles(1, 10)), (t) => t.includes('10 of 30'));

    const refused = await shown(d, await photos(d, 'train', [{ name: 'name', value: 'ana' }]));
    expect(refused).toMatchObject({ private: true, text: expect.stringContaining('Training 10 photos costs 42 credits, but you have 20 of your daily credits left here') });
    expect(await balance()).toBe(FREE);
    expect(h.apiframe.requests.filter((r) => r.path.startsWith('/ai-photo'))).toEqual([]);
    const list = await shown(d, await photos(d, 'list'));
    expect(list.text).toContain('Open set: 10 of 30 photos');
  });
});

describe('Discord AI Photos: failures and long jobs', () => {
  it('a failed training shows the reason in the progress message and refunds the training', async () => {
    h = await startHarness();
    const d = h.discord!;
    await shown(d, await newSet(d));
    await shown(d, await add(d, photoFiles(1, 10)), (t) => t.includes('10 of 30'));
    const i = await photos(d, 'train', [{ name: 'name', value: 'ana' }]);
    const upload = await h.apiframe.waitForTask('ai-photo-upload');
    await h.apiframe.finish(upload.id);
    const train = await h.apiframe.waitForTask('ai-photo-train');
    await d.waitForMessage(CHANNEL, (m) => m.id === i.original?.id && /Training “ana”/.test(m.content));
    expect(await balance()).toBe(1000 - 2 - 40);

    await h.apiframe.fail(train.id, 'Training failed: no face found');
    const failed = await d.waitForMessage(CHANNEL, (m) => m.id === i.original?.id && m.content.includes('no face found'));
    expect(failed.content).toBe("❌ Training “ana” did not finish: Training failed: no face found. The 40 credits were refunded to this server's wallet.");
    await eventually(async () => (await balance()) === 1000 - 2, 2000, 'the training refund');
    await ledgerBalanced();

    // The failed model cannot be used, and says so privately.
    const g = await shown(d, await photos(d, 'generate', [{ name: 'prompt', value: 'a portrait' }, { name: 'model', value: 'ana' }]));
    expect(g).toMatchObject({ private: true, text: 'Training “ana” failed. Start again with /photos new.' });
  });

  it('a training that outlives the interaction token still ends with a ready message in the channel', async () => {
    h = await startHarness({ discord: { tokenLifetimeMs: 1500 } });
    const d = h.discord!;
    await shown(d, await newSet(d));
    await shown(d, await add(d, photoFiles(1, 10)), (t) => t.includes('10 of 30'));
    const i = await photos(d, 'train', [{ name: 'name', value: 'ana' }]);
    const upload = await h.apiframe.waitForTask('ai-photo-upload');
    const progress = await d.waitForMessage(CHANNEL, (m) => m.id === i.original?.id && /Preparing photos/.test(m.content));

    // Nothing to wait on: the token simply has to age past its (shortened) lifetime.
    await new Promise((r) => setTimeout(r, Math.max(0, i.createdAt + 1600 - Date.now())));
    await h.apiframe.finish(upload.id);
    const train = await h.apiframe.waitForTask('ai-photo-train');
    await h.apiframe.progress(train.id, 60);
    await d.waitForMessage(CHANNEL, (m) => m.id === progress.id && m.content.includes('60%'));
    expect(d.restCalls.some((c) => c.method === 'PATCH' && c.path === `/channels/${CHANNEL}/messages/${progress.id}` && c.status === 200)).toBe(true);

    await h.apiframe.finish(train.id);
    const ready = await d.waitForMessage(CHANNEL, (m) => m.id !== progress.id && m.content.includes('is ready'));
    expect(ready.content.startsWith(`<@${ALICE_ID}> ✅ Your model “ana” is ready, Alice.`)).toBe(true);
    expect(ready.interaction_id).toBeUndefined();
    const post = d.restCalls.find((c) => c.method === 'POST' && c.path === `/channels/${CHANNEL}/messages` && c.body?.content?.includes('is ready'))!;
    expect(post.body.allowed_mentions).toEqual({ parse: [], users: [ALICE_ID] });
    await eventually(() => progress.deleted, 2000, 'the old progress message to go');
    expect((await h.app.services.store.photos.modelsFor('discord', ALICE_ID, CHANNEL))[0]).toMatchObject({ name: 'ana', status: 'ready' });
  });
});
