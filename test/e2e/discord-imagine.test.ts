// /imagine and its buttons end to end: the real discord.js client against the fake Discord, the
// app against the fake Apiframe (polling by default, webhooks in the last test).
import { afterEach, describe, expect, it } from 'vitest';
import type { DcMessage, DcUser, FakeDiscord, FakeInteraction } from '../fakes/discord.ts';
import { commands } from '../../commands/index.ts';
import { buildSlashCommands } from '../../adapters/discord/slash-commands.ts';
import { offeredCommands } from '../../src/core/command.ts';
import { startHarness as start, type Harness, type HarnessOptions } from './harness.ts';
import { UPSCALE_BUTTONS } from '../support/keyboards.ts';

const GUILD = '200000000000000001';
const CHANNEL = '300000000000000001';
const BOB: DcUser = { id: '400000000000000002', username: 'bob', global_name: 'Bob', discriminator: '0' };

/** What each button shows: its label, or its emoji for emoji-only buttons. */
function labels(m: DcMessage): string[][] {
  return m.components.map((row) => row.components.map((b: any) => b.label ?? b.emoji?.name));
}

function customId(m: DcMessage, label: string): string {
  for (const row of m.components) for (const b of row.components) if ((b.label ?? b.emoji?.name) === label) return b.custom_id;
  throw new Error(`no button ${label} on message ${m.id}: ${JSON.stringify(labels(m))}`);
}

/** The response message of an interaction once it matches. */
function original(d: FakeDiscord, i: FakeInteraction, match: (m: DcMessage) => boolean): Promise<DcMessage> {
  return d.waitForMessage(CHANNEL, (m) => m.id === i.original?.id && !m.deleted && match(m));
}

const hasImage = (m: DcMessage) => m.embeds.length > 0;

/** Wallets start with enough credits; these tests are about Discord, not billing. */
const startHarness = (opts: HarnessOptions) => start({ ...opts, env: { FREE_CREDITS: '1000', ...opts.env } });

let h: Harness | undefined;
let restarted: Harness | undefined;
afterEach(async () => {
  await restarted?.close();
  await h?.close();
  h = restarted = undefined;
});

describe('Discord /imagine', () => {
  it('registers the slash commands globally at start, with one bulk PUT and one ready line', async () => {
    h = await startHarness({ discord: true });
    const d = h.discord!;
    const expected = buildSlashCommands(offeredCommands(commands, h.app.services.providers)).map((c) => c.name);
    expect(d.globalCommands.map((c) => c.name)).toEqual(expected);
    expect(expected).toEqual(expect.arrayContaining(['imagine', 'help']));
    expect(expected).not.toContain('action');
    const puts = d.restCalls.filter((c) => c.method === 'PUT' && c.path.endsWith('/commands'));
    expect(puts).toHaveLength(1);
    expect(puts[0]!.path).toBe(`/applications/${d.applicationId}/commands`);
    const ready = h.logs.filter((l) => JSON.parse(l).msg === 'discord ready');
    expect(ready).toHaveLength(1);
    expect(JSON.parse(ready[0]!)).toMatchObject({ level: 30, tag: 'framebot', commands: expected });
  });

  it('registers in the guild when DISCORD_GUILD_ID is set', async () => {
    h = await startHarness({ discord: true, env: { DISCORD_GUILD_ID: GUILD } });
    const d = h.discord!;
    expect(d.guildCommands.get(GUILD)!.map((c) => c.name)).toEqual(buildSlashCommands(offeredCommands(commands, h.app.services.providers)).map((c) => c.name));
    expect(d.globalCommands).toEqual([]);
  });

  it('defers, shows progress, delivers the grid with buttons, and runs U2, V3 and 🔄', async () => {
    h = await startHarness({ discord: true });
    const { apiframe } = h;
    const d = h.discord!;

    const i = await d.slashCommand({ name: 'imagine', options: [{ name: 'prompt', value: 'a red fox' }, { name: 'aspect_ratio', value: '16:9' }] });
    const callback = await d.waitForCallback(i);
    expect(callback.type).toBe(5);
    expect(i.ephemeral).toBe(false);
    // The fake refuses a first callback after Discord's 3-second deadline (10062), so an accepted
    // deferral proves the deadline was met without timing the test itself.

    const task = await apiframe.waitForTask('imagine');
    expect(task.body).toMatchObject({ prompt: 'a red fox', aspect_ratio: '16:9' });
    const waiting = await original(d, i, (m) => /Waiting to start/.test(m.content));
    expect(waiting.content).toContain('“a red fox” for Alice');

    await apiframe.progress(task.id, 50);
    await original(d, i, (m) => m.content.includes('50%'));

    await apiframe.finish(task.id);
    const grid = await original(d, i, hasImage);
    expect(grid.embeds[0].image.url).toBe(task.result!.original_image_url);
    expect(grid.content).toContain('a red fox');
    expect(labels(grid)).toEqual([
      ['U1', 'U2', 'U3', 'U4', '🔄'],
      ['V1', 'V2', 'V3', 'V4'],
    ]);
    for (const row of grid.components) for (const b of row.components) expect(b.custom_id).toMatch(/^act:[\w-]{6,32}$/);

    // Anyone in the channel may press: Bob upscales Alice's second image.
    const up = await d.pressButton({ message: grid, customId: customId(grid, 'U2'), user: BOB });
    expect((await d.waitForCallback(up)).type).toBe(5);
    const upTask = await apiframe.waitForTask('upscale-1x');
    expect(upTask.body).toMatchObject({ parent_task_id: task.id, index: '2' });
    await apiframe.finish(upTask.id);
    const upscaled = await original(d, up, hasImage);
    expect(upscaled.embeds[0].image.url).toBe(upTask.result!.image_url);
    expect(upscaled.content).toContain('for Bob');
    expect(labels(upscaled)).toEqual(UPSCALE_BUTTONS);

    const vary = await d.pressButton({ message: grid, customId: customId(grid, 'V3') });
    expect((await d.waitForCallback(vary)).type).toBe(5);
    const varyTask = await apiframe.waitForTask('variations');
    expect(varyTask.body).toMatchObject({ parent_task_id: task.id, index: '3' });
    await apiframe.finish(varyTask.id);
    const varied = await original(d, vary, hasImage);
    expect(varied.embeds[0].image.url).toBe(varyTask.result!.original_image_url);
    expect(labels(varied)).toEqual([
      ['U1', 'U2', 'U3', 'U4', '🔄'],
      ['V1', 'V2', 'V3', 'V4'],
    ]);
    expect(customId(varied, 'U1')).not.toBe(customId(grid, 'U1'));

    const reroll = await d.pressButton({ message: grid, customId: customId(grid, '🔄') });
    expect((await d.waitForCallback(reroll)).type).toBe(5);
    const rerollTask = await apiframe.waitForTask('reroll');
    expect(rerollTask.body).toMatchObject({ parent_task_id: task.id, prompt: 'a red fox', aspect_ratio: '16:9' });
    await apiframe.finish(rerollTask.id);
    await original(d, reroll, hasImage);
  });

  it('after a restart, finishes the job from the stored ref and old buttons still work', async () => {
    h = await startHarness({ discord: true });
    const d = h.discord!;
    const i = await d.slashCommand({ name: 'imagine', options: [{ name: 'prompt', value: 'a lighthouse' }] });
    const task = await h.apiframe.waitForTask('imagine');
    await original(d, i, (m) => /Waiting to start/.test(m.content));
    await h.stopApp();

    await h.apiframe.finish(task.id);
    restarted = await startHarness({ reuse: h });
    const grid = await original(d, i, hasImage);
    expect(labels(grid)[0]).toEqual(['U1', 'U2', 'U3', 'U4', '🔄']);
    expect(d.messagesIn(CHANNEL).filter(hasImage)).toHaveLength(1);

    const up = await d.pressButton({ message: grid, customId: customId(grid, 'U4') });
    expect((await d.waitForCallback(up)).type).toBe(5);
    expect((await h.apiframe.waitForTask('upscale-1x')).body).toMatchObject({ parent_task_id: task.id, index: '4' });
  });

  it('uses an attached image as an image prompt by its Discord URL', async () => {
    h = await startHarness({ discord: true });
    const d = h.discord!;
    const i = await d.slashCommand({
      name: 'imagine',
      options: [{ name: 'prompt', value: 'in the style of this' }, { name: 'image', value: 'cat.png' }],
      attachments: [{ filename: 'cat.png', content_type: 'image/png', size: 2048, width: 64, height: 64 }],
    });
    expect((await d.waitForCallback(i)).type).toBe(5);
    const task = await h.apiframe.waitForTask('imagine');
    const url = Object.values(i.payload.data.resolved.attachments as Record<string, { url: string }>)[0]!.url;
    expect(task.body.prompt).toBe(`${url} in the style of this`);
    expect(h.apiframe.callCount('/upload')).toBe(0);
  });

  it('works in a DM: the result lands in the DM channel', async () => {
    h = await startHarness({ discord: true });
    const d = h.discord!;
    const i = await d.slashCommand({ name: 'imagine', guildId: null, options: [{ name: 'prompt', value: 'a quiet fox' }] });
    expect((await d.waitForCallback(i)).type).toBe(5);
    const task = await h.apiframe.waitForTask('imagine');
    await h.apiframe.finish(task.id);
    const dm = i.payload.channel_id as string;
    const result = await d.waitForMessage(dm, (m) => m.id === i.original?.id && hasImage(m));
    expect(labels(result)[0]).toContain('U1');
    const row = (await h.app.services.store.tasks.byProviderId('apiframe', task.id))!;
    expect(row).toMatchObject({ chatId: dm, guildId: null, userName: 'Alice' });
  });

  it('answers /help privately with the Discord way of typing each command', async () => {
    h = await startHarness({ discord: true });
    const d = h.discord!;
    const i = await d.slashCommand({ name: 'help' });
    const callback = await d.waitForCallback(i);
    expect(callback.type).toBe(4);
    expect(i.ephemeral).toBe(true);
    expect(i.original!.content).toContain('• /imagine prompt:… [aspect\\_ratio] [image] — Create four images');
    expect(i.original!.content).not.toContain('action');
  });

  it('works through Apiframe webhooks, escapes markdown and never pings from a prompt', async () => {
    h = await startHarness({ discord: true, webhooks: true });
    const { apiframe } = h;
    const d = h.discord!;

    const i = await d.slashCommand({ name: 'imagine', options: [{ name: 'prompt', value: 'a **bold** fox @everyone' }] });
    expect((await d.waitForCallback(i)).type).toBe(5);
    const task = await apiframe.waitForTask('imagine');
    expect(task.webhookUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    await original(d, i, (m) => /Waiting to start/.test(m.content));

    await apiframe.progress(task.id, 75);
    await original(d, i, (m) => m.content.includes('75%'));
    await apiframe.finish(task.id);
    const grid = await original(d, i, hasImage);
    expect(apiframe.webhookDeliveries.filter((w) => w.taskId === task.id).map((w) => w.status)).toEqual([200, 200]);
    expect(apiframe.callCount('/fetch') + apiframe.callCount('/fetch-many')).toBe(0);

    expect(grid.content).toContain('\\*\\*bold\\*\\* fox @everyone');
    const edits = d.restCalls.filter((c) => c.method === 'PATCH' && c.path.includes(`/webhooks/${d.applicationId}/`));
    expect(edits.length).toBeGreaterThanOrEqual(3);
    for (const call of edits) expect(call.body.allowed_mentions).toEqual({ parse: [] });
  });
});
