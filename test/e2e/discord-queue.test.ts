// Issue 12, parts 1-3 and 8, through the real discord.js client: a provider's concurrency, the fair
// queue with its place in line, and a restart with jobs waiting.
import { afterEach, describe, expect, it } from 'vitest';
import type { DcUser, FakeDiscord } from '../fakes/discord.ts';
import { eventually, startHarness, type Harness } from './harness.ts';
import { walletIdFor } from '../../src/core/credits.ts';

const GUILD = '200000000000000001';

const CHANNEL = '300000000000000001';
const user = (n: number, name: string): DcUser => ({ id: `40000000000000001${n}`, username: name, global_name: name, discriminator: '0' });
const ANA = user(1, 'ana');
const BO = user(2, 'bo');
const CY = user(3, 'cy');

let h: Harness | undefined;
let restarted: Harness | undefined;
afterEach(async () => {
  await restarted?.close();
  await h?.close();
  h = restarted = undefined;
});

/** Jobs submitted to the fake and not finished there: what Apiframe runs at once. */
const inFlight = (x: Harness) => [...x.apiframe.tasks.values()].filter((t) => t.status !== 'finished' && t.status !== 'failed');
/** Whose job each submit at the fake was, in order ("ana fox 3" → ana). */
const submitOrder = (x: Harness) => [...x.apiframe.tasks.values()].map((t) => String(t.body.prompt).split(' ')[0]);

/** Each user sends `count` /imagine in the channel, one user after the other, each burst written before the next. */
async function burst(x: Harness, d: FakeDiscord, users: DcUser[], count: number): Promise<void> {
  let sent = 0;
  for (const u of users) {
    for (let n = 1; n <= count; n++) await d.slashCommand({ name: 'imagine', user: u, options: [{ name: 'prompt', value: `${u.username} fox ${n}` }] });
    sent += count;
    await eventually(async () => (await x.app.services.store.tasks.countUnfinished()) === sent, 10_000, `${sent} jobs written`);
  }
}

/** The places in line a job's message showed, in the order its edits were sent. */
function placesShown(d: FakeDiscord, prompt: string): number[] {
  return d.restCalls
    .filter((c) => c.status < 300 && typeof c.body?.content === 'string' && c.body.content.includes(prompt))
    .map((c) => /(\d+)(st|nd|rd|th) in line/.exec(c.body.content as string)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number);
}

describe('the queue', () => {
  it('30 jobs of 3 users with concurrency 4: never more than 4 at Apiframe, the users served in turns, places counting down, all delivered once', async () => {
    h = await startHarness({ discord: true, env: { APIFRAME_CONCURRENCY: '4', FREE_CREDITS: '1000' } });
    const d = h.discord!;
    await burst(h, d, [ANA, BO, CY], 10);
    await eventually(() => inFlight(h!).length === 4, 10_000, 'the first 4 jobs at Apiframe');
    // The others wait, and their messages say where they are in line.
    await eventually(() => placesShown(d, 'cy fox 10').length > 0, 10_000, 'the last job to show its place');

    for (let finished = 0; finished < 30; finished++) {
      const expected = Math.min(4, 30 - finished);
      await eventually(() => inFlight(h!).length === expected, 10_000, `${expected} jobs in flight after ${finished} finished`);
      expect(h.apiframe.tasks.size).toBe(finished + expected);
      await h.apiframe.finish(inFlight(h)[0]!.id);
      expect(inFlight(h).length).toBeLessThanOrEqual(4);
    }

    // ana sent first and took the 4 free slots; then bo, cy and ana take turns, not first come first served.
    expect(submitOrder(h)).toEqual([
      ...['ana', 'ana', 'ana', 'ana'],
      ...Array.from({ length: 6 }, () => ['bo', 'cy', 'ana']).flat(),
      ...Array.from({ length: 4 }, () => ['bo', 'cy']).flat(),
    ]);
    const places = placesShown(d, 'cy fox 10');
    expect(places.length).toBeGreaterThan(1);
    expect(places).toEqual([...places].sort((a, b) => b - a));
    expect(places.at(-1)).toBeLessThan(places[0]!);

    for (const u of [ANA, BO, CY]) {
      for (let n = 1; n <= 10; n++) {
        const prompt = `${u.username} fox ${n}`;
        await d.waitForMessage(CHANNEL, (m) => !m.deleted && m.embeds.length > 0 && m.content.includes(`“${prompt}”`), 10_000);
      }
    }
    const results = d.messagesIn(CHANNEL).filter((m) => !m.deleted && m.embeds.length > 0);
    expect(results).toHaveLength(30);
  }, 120_000);

  it('❌ Cancel on /jobs takes back a waiting job: never submitted, refunded in full; a job that has started cannot be cancelled, and says so', async () => {
    h = await startHarness({ discord: true, env: { APIFRAME_CONCURRENCY: '1', FREE_CREDITS: '1000' } });
    const d = h.discord!;
    const { store } = h.app.services;
    const wallet = walletIdFor({ platform: 'discord', guildId: GUILD, chatId: CHANNEL, userId: ANA.id, userName: 'ana', isPrivate: false });
    await burst(h, d, [ANA], 3);
    await eventually(() => inFlight(h!).length === 1, 10_000, 'the first job at Apiframe');
    const balance = (await store.wallets.get(wallet))!.balance;

    await d.slashCommand({ name: 'jobs', user: ANA });
    const panel = await d.waitForMessage(CHANNEL, (m) => !m.deleted && m.content.includes('🧾 Your jobs here'), 10_000);
    expect(panel.content).toContain('🎨 Imagine “ana fox 1”: running');
    expect(panel.content).toContain('⏳ Imagine “ana fox 2”: 1st in line');
    expect(panel.content).toContain('⏳ Imagine “ana fox 3”: 2nd in line');
    const buttons = panel.components.flatMap((row) => row.components) as Array<{ label: string; custom_id: string }>;
    expect(buttons.map((b) => b.label)).toEqual(['❌ Cancel “ana fox 2”', '❌ Cancel “ana fox 3”']);

    // Cancel the last one while it waits.
    await d.pressButton({ message: panel, customId: buttons[1]!.custom_id, user: ANA });
    await eventually(async () => (await store.tasks.openInChat('discord', CHANNEL, ANA.id, 10)).length === 2, 10_000, 'the job cancelled');
    const all = await store.tasks.listUnfinished(10);
    expect(all.map((t) => t.prompt)).toEqual(['ana fox 1', 'ana fox 2']);
    const cost = all[1]!.cost;
    expect(cost).toBeGreaterThan(0);
    expect((await store.wallets.get(wallet))!.balance).toBe(balance + cost);
    await d.waitForMessage(CHANNEL, (m) => !m.deleted && m.content.includes('“ana fox 3” was cancelled before it started'), 10_000);

    // The job ahead finishes: the next waiting one starts, and the cancelled one never does.
    await h.apiframe.finish(inFlight(h)[0]!.id);
    await eventually(() => inFlight(h!).length === 1 && h!.apiframe.tasks.size === 2, 10_000, 'the second job submitted');
    // Its old ❌ Cancel comes too late: it is running.
    await d.pressButton({ message: panel, customId: buttons[0]!.custom_id, user: ANA });
    const refusal = await d.waitForMessage(CHANNEL, (m) => m.content.includes('cannot stop it'), 10_000);
    expect(refusal.content).toContain('“ana fox 2” has already started at the image service, which cannot stop it');
    await h.apiframe.finish(inFlight(h)[0]!.id);
    await h.app.services.tasks.sweep({ force: true });
    await h.app.services.tasks.sweep({ force: true });
    expect([...h.apiframe.tasks.values()].map((t) => t.body.prompt)).toEqual(['ana fox 1', 'ana fox 2']);
  }, 60_000);

  it('jobs waiting at a restart are submitted after it, in the same fair order', async () => {
    h = await startHarness({ discord: true, env: { APIFRAME_CONCURRENCY: '1', FREE_CREDITS: '1000' } });
    const d = h.discord!;
    await burst(h, d, [ANA, BO], 3);
    await eventually(() => inFlight(h!).length === 1, 10_000, 'the first job at Apiframe');
    const before = (await h.app.services.store.tasks.waitingInOrder('apiframe', 10)).map((t) => t.prompt);
    expect(before).toEqual(['bo fox 1', 'ana fox 2', 'bo fox 2', 'ana fox 3', 'bo fox 3']);
    await h.stopApp();
    // The running job finishes while the bot is down.
    await h.apiframe.finish(inFlight(h)[0]!.id);

    restarted = await startHarness({ reuse: h, env: { APIFRAME_CONCURRENCY: '1', FREE_CREDITS: '1000' } });
    for (let n = 1; n <= before.length; n++) {
      await eventually(() => restarted!.apiframe.tasks.size === 1 + n && inFlight(restarted!).length === 1, 10_000, `waiting job ${n} submitted`);
      await restarted.apiframe.finish(inFlight(restarted)[0]!.id);
    }
    expect([...restarted.apiframe.tasks.values()].slice(1).map((t) => t.body.prompt)).toEqual(before);
  }, 60_000);

  it('refuses a job over MAX_JOBS_PER_USER or MAX_JOBS_PER_GROUP with the number, charging nothing', async () => {
    h = await startHarness({ discord: true, env: { APIFRAME_CONCURRENCY: '1', MAX_JOBS_PER_USER: '2', MAX_JOBS_PER_GROUP: '3', FREE_CREDITS: '1000' } });
    const d = h.discord!;
    const { store } = h.app.services;
    const wallet = walletIdFor({ platform: 'discord', guildId: GUILD, chatId: CHANNEL, userId: ANA.id, userName: 'ana', isPrivate: false });
    await burst(h, d, [ANA], 2);
    const balance = (await store.wallets.get(wallet))!.balance;
    await d.slashCommand({ name: 'imagine', user: ANA, options: [{ name: 'prompt', value: 'ana fox 3' }] });
    const refusedUser = await d.waitForMessage(CHANNEL, (m) => m.content.includes('most one person'), 10_000);
    expect(refusedUser.content).toContain('You already have 2 jobs running or waiting, and 2 is the most one person may have at once');

    await d.slashCommand({ name: 'imagine', user: BO, options: [{ name: 'prompt', value: 'bo fox 1' }] });
    await eventually(async () => (await store.tasks.countUnfinished()) === 3, 10_000, "bo's job written");
    await d.slashCommand({ name: 'imagine', user: BO, options: [{ name: 'prompt', value: 'bo fox 2' }] });
    const refusedGroup = await d.waitForMessage(CHANNEL, (m) => m.content.includes('most one group'), 10_000);
    expect(refusedGroup.content).toContain('This group already has 3 jobs running or waiting, and 3 is the most one group may have at once');

    const cost = (await store.tasks.listUnfinished(10))[0]!.cost;
    expect((await store.wallets.get(wallet))!.balance).toBe(balance - cost);
    expect(await store.tasks.countUnfinished()).toBe(3);
    expect((await store.tasks.listUnfinished(10)).map((t) => t.prompt)).toEqual(['ana fox 1', 'ana fox 2', 'bo fox 1']);
  }, 60_000);
});
