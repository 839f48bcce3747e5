// Issue 12 parts 6 and 7 on Discord, end to end: a banned word is refused privately before the
// command is even acknowledged; a server outside ALLOWED_GUILDS gets one private refusal, then
// silence, until an operator allows it from inside; nothing is charged.
import { afterEach, describe, expect, it } from 'vitest';
import type { DcUser, FakeDiscord, FakeInteraction } from '../fakes/discord.ts';
import { eventually, startHarness, type Harness } from './harness.ts';
import { GUILD_NOT_ALLOWED_TEXT } from '../../src/core/access.ts';

const GUILD = '200000000000000001';
const EPHEMERAL = 64;
const OPERATOR: DcUser = { id: '400000000000000077', username: 'op', global_name: 'Operator', discriminator: '0' };
const BOB: DcUser = { id: '400000000000000002', username: 'bob', global_name: 'Bob', discriminator: '0' };

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(env: Record<string, string> = {}): Promise<FakeDiscord> {
  h = await startHarness({ discord: true, env: { FREE_CREDITS: '12', BOT_ADMINS: `discord:${OPERATOR.id}`, ...env } });
  const d = h.discord!;
  d.allowCommand({ name: 'admin', user: OPERATOR });
  return d;
}

const imagine = (d: FakeDiscord, prompt: string, user = BOB) => d.slashCommand({ name: 'imagine', user, options: [{ name: 'prompt', value: prompt }] });

/** The interaction's one immediate answer: private, before any "thinking…". */
async function privateReply(d: FakeDiscord, i: FakeInteraction): Promise<string> {
  const callback = await d.waitForCallback(i);
  expect(callback.type).toBe(4);
  expect(callback.data.flags & EPHEMERAL).toBe(EPHEMERAL);
  return i.original!.content;
}

describe('Discord: moderation and the allow-list of servers', () => {
  it('refuses a banned word privately, naming it, before anything is charged or submitted', async () => {
    const d = await start();
    expect(await privateReply(d, await imagine(d, 'a nude statue'))).toBe('“nude” is not allowed in prompts here, so nothing was started or charged. Please change the prompt.');
    expect(h!.apiframe.callCount('/imagine')).toBe(0);
    expect(await h!.app.services.store.wallets.history(`discord:guild:${GUILD}`, 10, 0)).toEqual([]);
  });

  it('refuses a server outside ALLOWED_GUILDS once, then in silence; the operator allows it from inside', async () => {
    const d = await start({ ALLOWED_GUILDS: '200000000000000999' });
    expect(await privateReply(d, await imagine(d, 'a red fox'))).toBe(GUILD_NOT_ALLOWED_TEXT);
    const quiet = await imagine(d, 'a red fox');
    await eventually(() => h!.logs.some((l) => l.includes('refused by the allow and deny lists') && l.includes('"silent":true')), 5000, 'the silent refusal');
    expect(quiet.callbacks).toEqual([]);
    expect(h!.apiframe.callCount('/imagine')).toBe(0);

    const allow = await d.slashCommand({ name: 'admin', user: OPERATOR, options: [{ name: 'allow', type: 1, options: [] }] });
    await d.waitForCallback(allow);
    await eventually(() => allow.original?.content, 5000, 'the answer');
    expect(allow.original!.content).toBe(`✅ Allowed server discord:${GUILD}. The bot answers only in the 2 listed Discord servers (and in private chats).`);
    const served = await imagine(d, 'a red fox');
    await h!.apiframe.waitForTask('imagine');
    expect(served.callbacks.length).toBeGreaterThan(0);
  });
});
