// What a Telegram user sees when aiphotogenerator.net says no or does not answer, end to end
// (issue 9, parts 5 and 7): a refused key or an empty account is for the operator, the service's
// own validation words are shown, rate limits are waited out, and a submit that may have reached
// the service is never sent again (it would bill the operator twice).
import { afterEach, describe, expect, it } from 'vitest';
import type { Harness } from './harness.ts';
import type { FakeAiphotogenerator, FakeFailure } from '../fakes/aiphotogenerator.ts';
import type { FakeTelegram } from '../fakes/telegram.ts';
import { alice, balance, FREE_CREDITS, group, ledger, moreSweeps, reply, startGenerateBot } from '../support/telegram-generate.ts';

let h: Harness | undefined;
let tg: FakeTelegram;
let ai: FakeAiphotogenerator;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(opts: Parameters<typeof startGenerateBot>[0] = {}): Promise<void> {
  ({ h, tg, ai } = await startGenerateBot({ withoutApiframe: true, ...opts }));
}

/** Every word the bot wrote to the chat, and every log line. */
const everything = () => [...h!.logs, ...tg.sent.map((m) => `${m.text ?? ''} ${m.caption ?? ''}`)].join('\n');
const logLines = () => h!.logs.map((l) => JSON.parse(l) as Record<string, unknown>);
/** The reference a message gives, found again in the log. */
function referenceOf(text: string): string {
  const ref = /reference:? ([0-9A-F]{8})/.exec(text)?.[1];
  if (!ref) throw new Error(`no reference in: ${text}`);
  expect(logLines().some((l) => l.referenceId === ref)).toBe(true);
  return ref;
}
/** Nothing charged: what was reserved, if anything, came back. */
async function nothingCharged(): Promise<void> {
  expect(await balance(h!)).toBe(FREE_CREDITS);
  expect((await ledger(h!)).reduce((sum, e) => sum + e.amount, 0)).toBe(FREE_CREDITS);
}
const generates = () => ai.callCount('/images/generate');

describe('/generate on Telegram: the image service says no', () => {
  it('401: the bot says its image service key is not valid and to tell the operator; the key is in no log line or message', async () => {
    const wrong = 'aiphoto-revoked-token-5f2c9a71d3e8';
    await start({ env: { AIPHOTOGENERATOR_API_TOKEN: wrong } });
    const said = await reply(tg, '/generate a lighthouse --model flux-2', /key is not valid/);
    expect(said.text).toMatch(/^The bot's image service key is not valid, so nothing was started\. Please tell the bot operator \(reference [0-9A-F]{8}\)\.$/);
    const ref = referenceOf(said.text!);
    const line = logLines().find((l) => l.referenceId === ref)!;
    expect(line.msg).toBe('the image service refused our API key: check AIPHOTOGENERATOR_API_TOKEN');
    // The fake saw the wrong key; the bot never repeats it.
    expect(ai.requests[0]!.headers.authorization).toBe(`Bearer ${wrong}`);
    expect(everything()).not.toContain(wrong);
    expect(everything()).not.toContain(wrong.slice(0, 16));
    expect(generates()).toBe(1);
    await nothingCharged();
  });

  it('402: the bot says its aiphotogenerator.net account is out of credits and to tell the operator; nothing is charged', async () => {
    await start();
    ai.failNext('/images/generate', 'credits');
    const said = await reply(tg, '/generate a lighthouse --model flux-2 --count 4', /out of credits/);
    expect(said.text).toMatch(
      /^The bot's aiphotogenerator\.net account is out of credits, so nothing was started or charged\. Please tell the bot operator \(reference [0-9A-F]{8}\)\.$/,
    );
    referenceOf(said.text!);
    expect(generates()).toBe(1);
    await nothingCharged();
  });

  it("422: the service's own validation message is shown; nothing is charged", async () => {
    await start();
    ai.failNext('/images/generate', 'validation', { field: 'prompt', message: 'The prompt contains words that are not allowed.' });
    const said = await reply(tg, '/generate something forbidden --model seedream-4', /refused/);
    expect(said.text).toBe('The image service refused this request: The prompt contains words that are not allowed. Nothing was charged.');
    expect(generates()).toBe(1);
    await nothingCharged();
  });

  it('429 once: the submit is sent again after the Retry-After the service asked for, and the images arrive, charged once', async () => {
    await start();
    ai.failNext('/images/generate', 'rate', { retryAfterS: 1 });
    const cmd = tg.userSends({ chat: group, from: alice, text: '/generate a lighthouse --model flux-2' });
    const image = await ai.waitForImage(1);
    expect(generates()).toBe(2);
    // The wait came from Retry-After (1 s), not from the backoff's own steps.
    const waited = logLines().find((l) => l.msg === 'aiphotogenerator.net answered with an error' && l.status === 429);
    expect(waited).toMatchObject({ operation: 'generate', retryable: true, retryInMs: 1000 });
    await ai.finish(image.id);
    const photo = await tg.waitForMessage(group.id, (m) => m.reply_to_message_id === cmd.message.message_id && m.photo !== undefined);
    expect(photo.caption).toBe('✅ Flux 2 Pro “a lighthouse” for @alice');
    expect(await balance(h!)).toBe(FREE_CREDITS - 4);
  });

  it('429 on every try: the bot says the service is busy; nothing is charged', async () => {
    await start();
    // The first try and every retry.
    ai.failNext('/images/generate', 'rate', { retryAfterS: 0, times: 4 });
    const said = await reply(tg, '/generate a lighthouse --model flux-2', /busy/);
    expect(said.text).toBe('aiphotogenerator.net is busy right now, so nothing was started or charged. Please try again in a minute.');
    expect(generates()).toBe(4);
    expect(ai.images.size).toBe(0);
    await nothingCharged();
  });
});

describe('/generate on Telegram: a submit that may have reached the service is never sent again', () => {
  const cases: Array<{ failure: FakeFailure; what: string; env?: Record<string, string> }> = [
    { failure: 'server', what: '500' },
    { failure: 'timeout', what: 'no answer in time', env: { AIPHOTOGENERATOR_TIMEOUT_MS: '500' } },
    { failure: 'reset', what: 'the connection dropped' },
  ];
  for (const { failure, what, env } of cases) {
    it(`${what} on submit: an apology with a reference id, exactly one generate call, nothing charged`, async () => {
      await start({ env });
      ai.failNext('/images/generate', failure);
      const said = await reply(tg, '/generate a lighthouse --model flux-2 --count 2', /Sorry/);
      expect(said.text).toMatch(/^Sorry, something went wrong on our side\. If it keeps happening, tell the bot operator this reference: [0-9A-F]{8}$/);
      referenceOf(said.text!);
      // Neither the client's retries nor the safety net send it again.
      await moreSweeps(h!);
      expect(generates()).toBe(1);
      await nothingCharged();
      expect(tg.messagesIn(group.id).some((m) => m.photo)).toBe(false);
    });
  }

  it('500 on lookups: they are read again, and the images still arrive', async () => {
    await start();
    tg.userSends({ chat: group, from: alice, text: '/generate two lighthouses --model flux-2 --count 2' });
    const [first, second] = [await ai.waitForImage(1), await ai.waitForImage(2)];
    // More failures than one poll's retries: a poll fails whole, and the next one reads them.
    ai.failNext('/images/{id}', 'server', { times: 10 });
    await ai.finish(first!.id);
    await ai.finish(second!.id);
    const buttons = await tg.waitForMessage(group.id, (m) => (m.text ?? '').startsWith('✅'));
    expect(buttons.text).toBe('✅ Flux 2 Pro “two lighthouses” for @alice');
    expect(ai.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/api/images/')).length).toBeGreaterThan(10);
    expect(logLines().some((l) => l.msg === 'polling unfinished tasks failed; will try again')).toBe(true);
    expect(generates()).toBe(1);
    expect(await balance(h!)).toBe(FREE_CREDITS - 8);
  });
});
