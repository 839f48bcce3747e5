// Issue 12, parts 1-3 and 8, through the real discord.js client: a provider's concurrency, the fair
// queue with its place in line, and a restart with jobs waiting.
import { afterEach, describe, expect, it } from 'vitest';
import type { DcUser, FakeDiscord } from '../fakes/discord.ts';
import { eventually, startHarness, type Harness } from './harness.ts';

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
});
