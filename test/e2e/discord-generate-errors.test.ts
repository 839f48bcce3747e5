// /generate on Discord when aiphotogenerator.net refuses or fails (issue 9, part 5): the real
// discord.js client against the fake Discord, the app against the fake aiphotogenerator.net with
// no Apiframe key. Each test checks what the user reads, what reached the service (a generate is
// never sent again blindly: it would bill the operator twice) and that the wallet ends untouched.
import { afterEach, describe, expect, it } from 'vitest';
import type { DcMessage, FakeDiscord, FakeInteraction } from '../fakes/discord.ts';
import type { FakeAiphotogenerator } from '../fakes/aiphotogenerator.ts';
import { eventually, startHarness, type Harness, type HarnessOptions } from './harness.ts';

const GUILD = '200000000000000001';
const CHANNEL = '300000000000000001';
const WALLET = `discord:guild:${GUILD}`;
const FREE = 1000;
const EPHEMERAL = 64;
const GENERATE = '/images/generate';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(opts: Omit<HarnessOptions, 'discord'> = {}): Promise<{ d: FakeDiscord; ai: FakeAiphotogenerator }> {
  h = await startHarness({ discord: true, aiphotogenerator: true, withoutApiframe: true, ...opts, env: { FREE_CREDITS: String(FREE), ...opts.env } });
  return { d: h.discord!, ai: h.aiphotogenerator! };
}

/** /generate with Flux 2 Pro, two images: 8 credits reserved while it runs. */
const generate = (d: FakeDiscord, prompt = 'a lighthouse at dawn') =>
  d.slashCommand({ name: 'generate', options: [{ name: 'prompt', value: prompt }, { name: 'model', value: 'flux-2' }, { name: 'count', value: 2 }] });

const balance = async () => (await h!.app.services.store.wallets.get(WALLET))?.balance ?? FREE;
const lines = () => h!.logs.map((l) => JSON.parse(l) as Record<string, any>);
const hasImages = (m: DcMessage) => m.embeds.length > 0;

/** What the interaction's public message says once it matches (the deferred reply, edited). */
const publicAnswer = (d: FakeDiscord, i: FakeInteraction, match: (m: DcMessage) => boolean) =>
  d.waitForMessage(CHANNEL, (m) => m.id === i.original?.id && !m.deleted && match(m));

/** The ephemeral follow-up of an interaction, once there is one. */
const privateAnswer = (d: FakeDiscord, i: FakeInteraction) =>
  d.waitForMessage(CHANNEL, (m) => i.followups.some((f) => f.id === m.id) && (m.flags & EPHEMERAL) !== 0 && !m.deleted);

/** Nothing was charged: the reservation made with the task was given back whole. */
async function expectNothingCharged(): Promise<void> {
  await h!.app.services.tasks.idle();
  expect(await balance()).toBe(FREE);
  const ledger = await h!.app.services.store.wallets.history(WALLET, 100, 0);
  expect(ledger.filter((e) => e.kind === 'capture')).toEqual([]);
  expect(ledger.reduce((sum, e) => sum + (e.kind === 'grant' ? 0 : e.amount), 0)).toBe(0);
}

/** Neither the log nor anything sent to Discord holds the service token. */
function expectTokenNowhere(ai: FakeAiphotogenerator): void {
  expect(h!.logs.join('\n')).not.toContain(ai.token);
  expect(JSON.stringify(h!.discord!.restCalls)).not.toContain(ai.token);
  expect(JSON.stringify(h!.discord!.messagesIn(CHANNEL))).not.toContain(ai.token);
}

describe('Discord /generate: the service refuses', () => {
  it('401: says the bot’s image service key is not valid and to tell the operator; the token is in no log line or message', async () => {
    const { d, ai } = await start();
    ai.failNext(GENERATE, 'auth');
    const i = await generate(d);
    expect((await d.waitForCallback(i)).type).toBe(5);
    const told = await publicAnswer(d, i, (m) => m.content.includes('key is not valid'));
    const reference = /\(reference ([0-9A-F]{8})\)/.exec(told.content)?.[1];
    expect(told.content).toBe(`The bot's image service key is not valid, so nothing was started. Please tell the bot operator (reference ${reference}).`);
    expect(told.embeds).toEqual([]);

    // The operator finds the details under the same reference, naming the setting to fix.
    const logged = lines().find((l) => l.referenceId === reference)!;
    expect(logged.level).toBe(50);
    expect(logged.msg).toBe('the image service refused our API key: check AIPHOTOGENERATOR_API_TOKEN');
    expect(ai.callCount(GENERATE)).toBe(1);
    expect(ai.images.size).toBe(0);
    await expectNothingCharged();
    expectTokenNowhere(ai);
  });

  it('402: says the bot’s aiphotogenerator account is out of credits and to tell the operator; nothing charged', async () => {
    const { d, ai } = await start();
    ai.failNext(GENERATE, 'credits');
    const i = await generate(d);
    const told = await publicAnswer(d, i, (m) => m.content.includes('out of credits'));
    expect(told.content).toMatch(
      /^The bot's aiphotogenerator\.net account is out of credits, so nothing was started or charged\. Please tell the bot operator \(reference [0-9A-F]{8}\)\.$/,
    );
    expect(lines().some((l) => l.level === 50 && l.msg === 'the image service account is out of credits: top it up')).toBe(true);
    expect(ai.callCount(GENERATE)).toBe(1);
    await expectNothingCharged();
    expectTokenNowhere(ai);
  });

  it('422: shows the service’s own validation message privately; nothing charged', async () => {
    const { d, ai } = await start();
    ai.failNext(GENERATE, 'validation', { field: 'prompt', message: 'The prompt contains blocked words.' });
    const i = await generate(d, 'something the service will not draw');
    expect((await d.waitForCallback(i)).type).toBe(5);
    const told = await privateAnswer(d, i);
    expect(told.content).toBe('The image service refused this request: The prompt contains blocked words. Nothing was charged.');
    // The public "thinking…" is taken away: the refusal is between the bot and the user.
    await eventually(() => i.original?.deleted, 10_000, 'the public reply to be removed');
    expect(d.messagesIn(CHANNEL).filter((m) => !m.deleted && !(m.flags & EPHEMERAL))).toEqual([]);
    expect(ai.callCount(GENERATE)).toBe(1);
    await expectNothingCharged();
  });
});

describe('Discord /generate: the service is busy', () => {
  it('429 once: waits the Retry-After, sends again, and the images arrive, charged once', async () => {
    const { d, ai } = await start();
    ai.failNext(GENERATE, 'rate', { retryAfterS: 1 });
    const i = await generate(d);
    const images = await eventually(() => (ai.images.size === 2 ? [...ai.images.values()] : undefined), 10_000, 'the images to be queued');
    // A 429 was not processed by the service, so sending the generate again is safe.
    expect(ai.callCount(GENERATE)).toBe(2);
    const waited = lines().find((l) => l.msg === 'aiphotogenerator.net answered with an error' && l.status === 429)!;
    expect(waited).toMatchObject({ operation: 'generate', retryable: true, retryInMs: 1000 });

    for (const image of images) await ai.finish(image.id);
    const result = await publicAnswer(d, i, hasImages);
    expect(result.embeds).toHaveLength(2);
    await h!.app.services.tasks.idle();
    expect(await balance()).toBe(FREE - 8);
  });

  it('429 that does not stop: a clear busy message, nothing charged', async () => {
    const { d, ai } = await start();
    // The first attempt and every retry the client allows (3).
    ai.failNext(GENERATE, 'rate', { retryAfterS: 0, times: 4 });
    const i = await generate(d);
    const told = await publicAnswer(d, i, (m) => m.content.includes('busy'));
    expect(told.content).toBe('aiphotogenerator.net is busy right now, so nothing was started or charged. Please try again in a minute.');
    expect(ai.callCount(GENERATE)).toBe(4);
    expect(ai.images.size).toBe(0);
    await expectNothingCharged();
  });
});

describe('Discord /generate: the service fails', () => {
  it('500 on submit: an apology with a reference id, nothing charged, and exactly one generate call', async () => {
    const { d, ai } = await start();
    ai.failNext(GENERATE, 'server');
    const i = await generate(d);
    const told = await publicAnswer(d, i, (m) => m.content.startsWith('Sorry'));
    const reference = /reference: ([0-9A-F]{8})$/.exec(told.content)?.[1];
    expect(told.content).toBe(`Sorry, something went wrong on our side. If it keeps happening, tell the bot operator this reference: ${reference}`);
    expect(lines().some((l) => l.referenceId === reference && l.level === 50)).toBe(true);
    await expectNothingCharged();
    // Even after the sweeps that follow, the generate (which may have queued billed images) is not sent again.
    await h!.app.services.tasks.sweep({ force: true });
    await h!.app.services.tasks.idle();
    expect(ai.callCount(GENERATE)).toBe(1);
    const task = (await h!.app.services.store.tasks.byOrigin(`discord:interaction:${i.id}`))!;
    expect(task.status).toBe('failed');
  });

  it('a submit that times out: an apology with a reference id, nothing charged, one generate call', async () => {
    const { d, ai } = await start({ env: { AIPHOTOGENERATOR_TIMEOUT_MS: '300' } });
    ai.failNext(GENERATE, 'timeout');
    const i = await generate(d);
    const told = await publicAnswer(d, i, (m) => m.content.startsWith('Sorry'));
    expect(told.content).toMatch(/^Sorry, something went wrong on our side\. If it keeps happening, tell the bot operator this reference: [0-9A-F]{8}$/);
    expect(lines().find((l) => l.msg === 'aiphotogenerator.net request failed')).toMatchObject({ operation: 'generate', reason: 'timed out', retryable: false });
    await expectNothingCharged();
    await h!.app.services.tasks.sweep({ force: true });
    expect(ai.callCount(GENERATE)).toBe(1);
  });

  it('a connection dropped after the submit was sent: an apology, nothing charged, one generate call', async () => {
    const { d, ai } = await start();
    ai.failNext(GENERATE, 'reset');
    const i = await generate(d);
    const told = await publicAnswer(d, i, (m) => m.content.startsWith('Sorry'));
    expect(told.content).toMatch(/reference: [0-9A-F]{8}$/);
    expect(lines().find((l) => l.msg === 'aiphotogenerator.net request failed')).toMatchObject({ operation: 'generate', retryable: false });
    await expectNothingCharged();
    expect(ai.callCount(GENERATE)).toBe(1);
  });

  it('500 on a lookup: read again, and the images arrive without the user seeing an error', async () => {
    const { d, ai } = await start();
    const i = await generate(d);
    const images = await eventually(() => (ai.images.size === 2 ? [...ai.images.values()] : undefined), 10_000, 'the images to be queued');
    const before = ai.callCount('/images/{id}');
    ai.failNext('/images/{id}', 'server', { times: 3 });
    for (const image of images) await ai.finish(image.id);
    const result = await publicAnswer(d, i, hasImages);
    expect(result.content).toBe('✅ Flux 2 Pro “a lighthouse at dawn” for Alice');
    expect(result.embeds.map((e: any) => e.image.url)).toEqual(images.map((x) => `${ai.origin}/files/${x.id}.png`));
    const failed = lines().filter((l) => l.msg === 'aiphotogenerator.net answered with an error' && l.operation === 'lookup');
    expect(failed.map((l) => [l.status, l.retryable])).toEqual([
      [500, true],
      [500, true],
      [500, true],
    ]);
    expect(ai.callCount('/images/{id}') - before).toBeGreaterThanOrEqual(3 + images.length);
    expect(ai.callCount(GENERATE)).toBe(1);
    expect(d.messagesIn(CHANNEL).filter((m) => /Sorry|❌/.test(m.content))).toEqual([]);
    await h!.app.services.tasks.idle();
    expect(await balance()).toBe(FREE - 8);
  });
});
