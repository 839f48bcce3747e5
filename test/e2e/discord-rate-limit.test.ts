// USER_RATE_LIMIT through the real discord.js client (issue 12, part 5): a press counts like a
// command, and the one past the limit is told ephemerally with the seconds to wait, nothing charged.
import { afterEach, describe, expect, it } from 'vitest';
import type { DcMessage, FakeDiscord, FakeInteraction } from '../fakes/discord.ts';
import { startHarness, type Harness } from './harness.ts';

const GUILD = '200000000000000001';
const CHANNEL = '300000000000000001';
const EPHEMERAL = 64;

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The text the user ends up seeing for an interaction (its response or its last follow-up). */
async function shown(d: FakeDiscord, i: FakeInteraction): Promise<{ text: string; private: boolean }> {
  await d.waitForCallback(i);
  const m = await d.waitForMessage(CHANNEL, (x) => (x.id === i.original?.id || i.followups.some((f) => f.id === x.id)) && x.content !== '');
  const last = i.followups.at(-1) ?? m;
  return { text: last.content, private: ((last.flags ?? 0) & EPHEMERAL) !== 0 };
}

function buttonId(m: DcMessage, label: string): string {
  for (const row of m.components) for (const b of row.components) if ((b.label ?? b.emoji?.name) === label) return b.custom_id;
  throw new Error(`no ${label}`);
}

describe('USER_RATE_LIMIT on Discord', () => {
  it('counts a press like a command and refuses the one past the limit ephemerally, with the seconds to wait and nothing charged', async () => {
    h = await startHarness({ discord: true, env: { USER_RATE_LIMIT: '2/1m', FREE_CREDITS: '100' } });
    const d = h.discord!;
    const i = await d.slashCommand({ name: 'imagine', options: [{ name: 'prompt', value: 'a red fox' }] });
    await d.waitForCallback(i);
    const task = await h.apiframe.waitForTask('imagine');
    await h.apiframe.finish(task.id);
    const grid = await d.waitForMessage(CHANNEL, (m) => m.id === i.original?.id && m.embeds.length > 0);
    await d.pressButton({ message: grid, customId: buttonId(grid, 'U1') });
    await h.apiframe.waitForTask('upscale-1x');
    const wallet = () => h!.app.services.store.wallets.get(`discord:guild:${GUILD}`);
    const before = (await wallet())!.balance;

    const refused = await shown(d, await d.slashCommand({ name: 'imagine', options: [{ name: 'prompt', value: 'another fox' }] }));
    expect(refused.private).toBe(true);
    expect(refused.text).toMatch(/^You are sending commands faster than this bot takes them: at most 2 commands in a minute each\. Please wait (\d+) seconds? and try again\. Nothing was charged\.$/);
    expect(h.apiframe.callCount('/imagine')).toBe(1);
    expect((await wallet())!.balance).toBe(before);
  }, 30_000);
});
