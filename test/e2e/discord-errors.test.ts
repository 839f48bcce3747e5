// What users see when something is wrong: their own input (ephemeral, nothing submitted), buttons
// that are not theirs to press here, the image service refusing or failing, and jobs that outlive
// the interaction token.
import { afterEach, describe, expect, it } from 'vitest';
import type { DcMessage, FakeDiscord, FakeInteraction } from '../fakes/discord.ts';
import { eventually, startHarness as start, type Harness, type HarnessOptions } from './harness.ts';
import { MENTION_AFTER_MS } from '../../adapters/discord/port.ts';

const GUILD = '200000000000000001';
const CHANNEL = '300000000000000001';
const OTHER_CHANNEL = '300000000000000002';
const ALICE_ID = '400000000000000001';
const EPHEMERAL = 64;

/** Wallets start with enough credits; these tests are about Discord, not billing. */
const startHarness = (opts: HarnessOptions) => start({ ...opts, env: { FREE_CREDITS: '1000', ...opts.env } });

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const imagine = (d: FakeDiscord, prompt: string, more: Array<{ name: string; value: string }> = []) =>
  d.slashCommand({ name: 'imagine', options: [{ name: 'prompt', value: prompt }, ...more] });

/** The private answer of an interaction: an ephemeral first reply or an ephemeral follow-up. */
function privateText(i: FakeInteraction): string | undefined {
  if (i.ephemeral && i.original && !i.original.deleted) return i.original.content;
  return i.followups.find((m) => m.flags & EPHEMERAL && !m.deleted)?.content;
}

async function expectImmediateRefusal(d: FakeDiscord, i: FakeInteraction, text: RegExp): Promise<void> {
  const callback = await d.waitForCallback(i);
  // Refused before anything public was shown: one ephemeral reply, no "thinking…" flash.
  expect(callback.type).toBe(4);
  expect(callback.data.flags & EPHEMERAL).toBe(EPHEMERAL);
  expect(i.callbacks).toHaveLength(1);
  expect(i.original!.content).toMatch(text);
}

/** A finished /imagine grid in `channel`, ready for button presses. */
async function grid(h: Harness, prompt = 'a red fox'): Promise<DcMessage> {
  const d = h.discord!;
  const i = await imagine(d, prompt);
  const n = [...h.apiframe.tasks.values()].filter((t) => t.endpoint === 'imagine').length + 1;
  const task = await h.apiframe.waitForTask('imagine', n);
  await h.apiframe.finish(task.id);
  return d.waitForMessage(CHANNEL, (m) => m.id === i.original?.id && m.embeds.length > 0);
}

function buttonId(m: DcMessage, label: string): string {
  for (const row of m.components) for (const b of row.components) if (b.label === label) return b.custom_id;
  throw new Error(`no ${label} button`);
}

describe('Discord: the user’s own mistakes are answered privately and nothing is submitted', () => {
  it('refuses an empty, an over-long prompt, an unknown aspect ratio and a non-image attachment', async () => {
    h = await startHarness({ discord: true });
    const d = h.discord!;

    await expectImmediateRefusal(d, await imagine(d, '   '), /Tell me what to imagine/);
    await expectImmediateRefusal(d, await imagine(d, 'x'.repeat(6001)), /too long: keep it under 6,000/);
    await expectImmediateRefusal(d, await imagine(d, 'a fox', [{ name: 'aspect_ratio', value: '7:3' }]), /Aspect ratio must be one of 1:1, 16:9/);
    const withText = await d.slashCommand({
      name: 'imagine',
      options: [{ name: 'prompt', value: 'a fox' }, { name: 'image', value: 'notes.txt' }],
      attachments: [{ filename: 'notes.txt', content_type: 'text/plain', size: 120 }],
    });
    await expectImmediateRefusal(d, withText, /“notes\.txt” is not an image/);

    expect(h.apiframe.requests).toEqual([]);
  });

  it('checks an --ar typed inside the prompt like the option, and refuses an aspect ratio given twice', async () => {
    h = await startHarness({ discord: true });
    const d = h.discord!;
    // Discord passes the prompt as typed: its --ar is checked against the same list as the option.
    await expectImmediateRefusal(d, await imagine(d, 'a fox --ar 7:3'), /^Aspect ratio must be one of 1:1, 16:9, 9:16/);
    await expectImmediateRefusal(d, await imagine(d, 'a fox —aspect 2:7'), /^Aspect ratio must be one of 1:1, 16:9/);
    await expectImmediateRefusal(
      d,
      await imagine(d, 'a fox --ar 3:2', [{ name: 'aspect_ratio', value: '16:9' }]),
      /^The aspect ratio is given twice \(16:9 and 3:2\): give it once\.$/,
    );
    await expectImmediateRefusal(d, await imagine(d, 'a fox --ar 3:2 in snow --ar=1:1'), /^The aspect ratio is given twice \(3:2 and 1:1\): give it once\.$/);
    await expectImmediateRefusal(d, await imagine(d, '--ar 3:2'), /Tell me what to imagine/);
    expect(h.apiframe.requests).toEqual([]);

    // One that fits goes to Apiframe as the aspect ratio, out of the prompt.
    await imagine(d, 'a fox --ar 3:2 in snow --stylize 250');
    const task = await h.apiframe.waitForTask('imagine');
    expect(task.body).toMatchObject({ prompt: 'a fox in snow --stylize 250', aspect_ratio: '3:2' });
  });

  it('refuses forged buttons and buttons pressed in another channel', async () => {
    h = await startHarness({
      discord: { guilds: [{ id: GUILD, name: 'Test Guild', channels: [{ id: CHANNEL, name: 'general' }, { id: OTHER_CHANNEL, name: 'random' }] }] },
    });
    const d = h.discord!;

    // A message carrying made-up custom ids (what a modified client could send).
    const res = await fetch(`${d.apiBase}/v10/channels/${CHANNEL}/messages`, {
      method: 'POST',
      headers: { authorization: `Bot ${d.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        content: 'forged',
        components: [{ type: 1, components: [{ type: 2, style: 2, label: 'U1', custom_id: 'act:zzzzzzzz' }, { type: 2, style: 2, label: 'X', custom_id: 'hello' }] }],
      }),
    });
    const { id: forgedId } = (await res.json()) as { id: string };
    const forged = d.messagesIn(CHANNEL).find((m) => m.id === forgedId)!;
    await expectImmediateRefusal(d, await d.pressButton({ message: forged, customId: 'act:zzzzzzzz' }), /doesn't work here/);
    await expectImmediateRefusal(d, await d.pressButton({ message: forged, customId: 'hello' }), /not one of mine/);

    const result = await grid(h);
    const elsewhere = await d.pressButton({ message: result, customId: buttonId(result, 'U1'), channelId: OTHER_CHANNEL });
    await expectImmediateRefusal(d, elsewhere, /belongs to another chat/);

    expect(h.apiframe.callCount('/upscale-1x')).toBe(0);
  });

  it('starts one upscale when U2 is pressed twice', async () => {
    h = await startHarness({ discord: true });
    const d = h.discord!;
    const result = await grid(h);
    const id = buttonId(result, 'U2');

    const first = await d.pressButton({ message: result, customId: id });
    const second = await d.pressButton({ message: result, customId: id });
    await Promise.all([d.waitForCallback(first), d.waitForCallback(second)]);
    const refused = await eventually(() => [first, second].find((i) => privateText(i)), 5000, 'a private refusal');
    expect(privateText(refused)).toMatch(/already|Already on it/);
    const started = refused === first ? second : first;
    await d.waitForMessage(CHANNEL, (m) => m.id === started.original?.id && /Upscale #2/.test(m.content));
    // The refused press leaves nothing public behind.
    expect(refused.ephemeral || !refused.original || refused.original.deleted).toBe(true);

    await eventually(() => h!.apiframe.callCount('/upscale-1x') === 1, 2000, 'the upscale');
    expect([...h.apiframe.tasks.values()].filter((t) => t.endpoint === 'upscale-1x')).toHaveLength(1);
  });
});

describe('Discord: the image service refusing or failing', () => {
  it('shows the service’s own words privately on a 400', async () => {
    h = await startHarness({ discord: true });
    const d = h.discord!;
    h.apiframe.failNext('/imagine', { status: 400, body: { errors: [{ msg: 'Banned prompt: cannot draw that' }] } });

    const i = await imagine(d, 'something forbidden');
    expect((await d.waitForCallback(i)).type).toBe(5);
    await eventually(() => privateText(i), 5000, 'the private error');
    expect(privateText(i)).toBe('The image service refused this request: Banned prompt: cannot draw that. Nothing was charged.');
    // The public "thinking…" is gone.
    expect(i.original!.deleted).toBe(true);
  });

  it('tells the user to contact the operator on a 401, logging details but no secret', async () => {
    h = await startHarness({ discord: true });
    const d = h.discord!;
    h.apiframe.failNext('/imagine', { status: 401, body: { message: 'Invalid API key' } });

    const i = await imagine(d, 'a red fox');
    const shown = await d.waitForMessage(CHANNEL, (m) => m.id === i.original?.id && /key is not valid/.test(m.content));
    expect(shown.content).toMatch(/Please tell the bot operator \(reference [0-9A-F]{8}\)/);
    expect(shown.flags & EPHEMERAL).toBe(0);

    const logs = h.logs.join('\n');
    expect(logs).toMatch(/refused our API key: check APIFRAME_API_KEY/);
    for (const secret of [h.apiframe.apiKey, d.token, i.token]) expect(logs).not.toContain(secret);
    expect(logs).not.toContain(i.token.split(':').pop());
  });

  it.each([
    ['a 500', { status: 500, body: { message: 'internal' } }],
    ['a timeout', 'timeout'],
  ] as const)('apologises with a reference id on %s', async (_name, failure) => {
    h = await startHarness({ discord: true, env: { APIFRAME_TIMEOUT_MS: '300' } });
    const d = h.discord!;
    h.apiframe.failNext('/imagine', failure);

    const i = await imagine(d, 'a red fox');
    const shown = await d.waitForMessage(CHANNEL, (m) => m.id === i.original?.id && /Sorry, something went wrong/.test(m.content));
    const ref = /reference: ([0-9A-F]{8})/.exec(shown.content)?.[1];
    expect(ref).toBeDefined();
    expect(h.logs.some((l) => l.includes(ref!) && l.includes('"level":50'))).toBe(true);
    expect(h.logs.join('\n')).not.toContain(i.token.split(':').pop());
  });
});

describe('Discord: long jobs notify the user', () => {
  it('a result or failure over a minute after the command is a new message that @mentions the user; a quick one replaces its progress', async () => {
    h = await startHarness({ discord: true });
    const d = h.discord!;
    const quick = await imagine(d, 'a quick fox');
    await h.apiframe.finish((await h.apiframe.waitForTask('imagine')).id);
    const replaced = await d.waitForMessage(CHANNEL, (m) => m.id === quick.original?.id && m.embeds.length > 0);
    expect(replaced.content.startsWith('✅ Imagine “a quick fox”')).toBe(true);

    // The command's id says it was given over a minute ago: Discord would notify nobody of an edit.
    const aMinuteAgo = (prompt: string) => d.slashCommand({ name: 'imagine', options: [{ name: 'prompt', value: prompt }], ageMs: MENTION_AFTER_MS + 1_000 });
    const slow = await aMinuteAgo('a slow fox');
    const task = await h.apiframe.waitForTask('imagine', 2);
    const progress = await d.waitForMessage(CHANNEL, (m) => m.id === slow.original?.id && /Waiting to start/.test(m.content));
    await h.apiframe.finish(task.id);
    const posted = await d.waitForMessage(CHANNEL, (m) => m.id !== progress.id && m.content.includes('a slow fox') && m.embeds.length > 0);
    expect(posted.content.startsWith(`<@${ALICE_ID}> ✅ Imagine “a slow fox”`)).toBe(true);
    expect(posted.components).toHaveLength(2);
    const post = d.restCalls.find((c) => c.method === 'POST' && c.path === `/channels/${CHANNEL}/messages` && c.body?.content?.includes('a slow fox'))!;
    expect(post.body).toMatchObject({ allowed_mentions: { parse: [], users: [ALICE_ID] }, enforce_nonce: true });
    await eventually(() => progress.deleted, 2000, 'the old progress message to go');

    const failing = await aMinuteAgo('a failing fox');
    const doomed = await h.apiframe.waitForTask('imagine', 3);
    const progress2 = await d.waitForMessage(CHANNEL, (m) => m.id === failing.original?.id && /Waiting to start/.test(m.content));
    await h.apiframe.fail(doomed.id, 'Job action restricted');
    const told = await d.waitForMessage(CHANNEL, (m) => m.id !== progress2.id && m.content.includes('a failing fox') && !m.deleted);
    expect(told.content).toMatch(new RegExp(`^<@${ALICE_ID}> ❌ Imagine “a failing fox” did not finish: Job action restricted\\. The \\d+ credits? (was|were) refunded to this server's wallet\\.$`));

    // Where the bot may not post in the channel, the result still replaces the progress message.
    const locked = await aMinuteAgo('a locked fox');
    const third = await h.apiframe.waitForTask('imagine', 4);
    const progress3 = await d.waitForMessage(CHANNEL, (m) => m.id === locked.original?.id && /Waiting to start/.test(m.content));
    d.failNext({ method: 'POST', pathIncludes: `/channels/${CHANNEL}/messages` }, { status: 403, body: { code: 50013, message: 'Missing Permissions' } });
    await h.apiframe.finish(third.id);
    const inPlace = await d.waitForMessage(CHANNEL, (m) => m.id === progress3.id && m.embeds.length > 0);
    expect(inPlace.content.startsWith('✅ Imagine “a locked fox”')).toBe(true);
  });
});

describe('Discord: jobs that outlive the interaction token', () => {
  it('edits progress through the channel and posts the result as a new message mentioning the user', async () => {
    h = await startHarness({ discord: { tokenLifetimeMs: 1500 } });
    const d = h.discord!;
    const i = await imagine(d, 'a very slow fox');
    const task = await h.apiframe.waitForTask('imagine');
    const progress = await d.waitForMessage(CHANNEL, (m) => m.id === i.original?.id && /Waiting to start/.test(m.content));

    // Nothing to wait on: the token simply has to age past its (shortened) lifetime.
    await new Promise((r) => setTimeout(r, Math.max(0, i.createdAt + 1600 - Date.now())));
    await h.apiframe.progress(task.id, 50);
    await d.waitForMessage(CHANNEL, (m) => m.id === progress.id && m.content.includes('50%'));
    expect(d.restCalls.some((c) => c.method === 'PATCH' && c.path === `/channels/${CHANNEL}/messages/${progress.id}` && c.status === 200)).toBe(true);

    await h.apiframe.finish(task.id);
    const posted = await d.waitForMessage(CHANNEL, (m) => m.id !== progress.id && m.embeds.length > 0);
    expect(posted.content.startsWith(`<@${ALICE_ID}> ✅ Imagine “a very slow fox”`)).toBe(true);
    expect(posted.embeds[0].image.url).toBe(task.result!.original_image_url);
    expect(posted.components).toHaveLength(2);
    const post = d.restCalls.find((c) => c.method === 'POST' && c.path === `/channels/${CHANNEL}/messages` && c.status === 200)!;
    expect(post.body).toMatchObject({ allowed_mentions: { parse: [], users: [ALICE_ID] }, enforce_nonce: true });
    expect(post.body.nonce).toMatch(/^[0-9a-f]{1,25}$/);
    // The stale progress message is replaced; the result went out once.
    await eventually(() => progress.deleted, 2000, 'the old progress message to go');
    await eventually(async () => (await h!.app.services.store.tasks.byProviderId('apiframe', task.id))!.delivery === 'sent', 2000, 'the delivery mark');
    expect(d.messagesIn(CHANNEL).filter((m) => m.embeds.length > 0)).toHaveLength(1);

    // A delivery retried after a crash reuses the nonce, so Discord hands back the same message.
    const port = h.app.adapters.find((a) => a.platform === 'discord')!.port;
    const dest = { platform: 'discord' as const, chatId: CHANNEL, userId: ALICE_ID, userName: 'Alice' };
    const taskId = (await h.app.services.store.tasks.byProviderId('apiframe', task.id))!.id;
    const again = await port.deliverResult(dest, undefined, { text: 'again', images: [{ url: task.result!.original_image_url as string, filename: 'x.png' }], buttons: [] }, taskId);
    expect(again.messageId).toBe(posted.id);
    expect(d.messagesIn(CHANNEL).filter((m) => m.embeds.length > 0)).toHaveLength(1);
  });
});
