// Group credits on Discord, end to end: the real discord.js client against the fake Discord, the
// app against the fake Apiframe. "Is this member an admin" comes from the permissions Discord
// puts on the interaction, never from anything the user typed.
import { afterEach, describe, expect, it } from 'vitest';
import type { DcMessage, DcUser, FakeDiscord, FakeInteraction } from '../fakes/discord.ts';
import { startHarness, type Harness } from './harness.ts';

const GUILD = '200000000000000001';
const CHANNEL = '300000000000000001';
const EPHEMERAL = 64;
const MANAGE_GUILD = String(1 << 5);
const OPERATOR: DcUser = { id: '400000000000000077', username: 'op', global_name: 'Operator', discriminator: '0' };
const BOB: DcUser = { id: '400000000000000002', username: 'bob', global_name: 'Bob', discriminator: '0' };

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(freeCredits: number, env: Record<string, string> = {}): Promise<FakeDiscord> {
  h = await startHarness({ discord: true, env: { FREE_CREDITS: String(freeCredits), BOT_ADMINS: `discord:${OPERATOR.id},telegram:5`, ...env } });
  return h.discord!;
}

const command = (name: string) => (d: FakeDiscord, sub: string, options: Array<{ name: string; value: string | number }> = [], user?: DcUser, memberPermissions?: string) =>
  d.slashCommand({ name, user, memberPermissions, options: [{ name: sub, type: 1, options }] });
const credits = command('credits');
/** /admin: Discord offers it to members with Manage Server, and to whom the server allowed it (the operator here). */
const admin = command('admin');

/** The text the user ends up seeing for an interaction (its response or its last follow-up). */
async function shown(d: FakeDiscord, i: FakeInteraction): Promise<{ text: string; private: boolean }> {
  await d.waitForCallback(i);
  const m = await d.waitForMessage(CHANNEL, (x) => (x.id === i.original?.id || i.followups.some((f) => f.id === x.id)) && x.content !== '');
  const last = i.followups.at(-1) ?? m;
  return { text: last.content, private: ((last.flags ?? 0) & EPHEMERAL) !== 0 };
}

async function grid(d: FakeDiscord): Promise<DcMessage> {
  const i = await d.slashCommand({ name: 'imagine', options: [{ name: 'prompt', value: 'a red fox' }] });
  await d.waitForCallback(i);
  const task = await h!.apiframe.waitForTask('imagine');
  await h!.apiframe.finish(task.id);
  return d.waitForMessage(CHANNEL, (m) => m.id === i.original?.id && m.embeds.length > 0);
}

function buttonId(m: DcMessage, label: string): string {
  for (const row of m.components) for (const b of row.components) if ((b.label ?? b.emoji?.name) === label) return b.custom_id;
  throw new Error(`no ${label}`);
}

const balance = async () => (await h!.app.services.store.wallets.get(`discord:guild:${GUILD}`))?.balance;

describe('Discord: a server shares one wallet', () => {
  it('/credits balance shows the server wallet, your spending and the costs', async () => {
    const d = await start(25);
    const i = await credits(d, 'balance');
    const { text } = await shown(d, i);
    expect(text).toContain("This server's wallet: 25 credits.");
    expect(text).toContain('You spent 0 today and 0 this month.');
    expect(text).toContain('imagine 4');
  });

  it('refuses /imagine with the balance and the cost when the wallet is short, submitting nothing', async () => {
    const d = await start(3);
    const i = await d.slashCommand({ name: 'imagine', options: [{ name: 'prompt', value: 'a red fox' }] });
    const { text, private: isPrivate } = await shown(d, i);
    expect(text).toBe("That costs 4 credits, but this server's wallet has 3. An operator can add more with /admin grant.");
    expect(isPrivate).toBe(true);
    expect(h!.apiframe.requests).toHaveLength(0);
    expect(await balance()).toBe(3);
  });

  it('lets the operator grant and take, and refuses everyone else politely', async () => {
    const d = await start(0);
    d.allowCommand({ name: 'admin', user: OPERATOR });
    const refused = await shown(d, await admin(d, 'grant', [{ name: 'amount', value: 50 }], BOB, MANAGE_GUILD));
    expect(refused).toEqual({ text: 'Only the bot operator can do that.', private: true });
    expect((await balance()) ?? 0).toBe(0);
    const granted = await shown(d, await admin(d, 'grant', [{ name: 'amount', value: 50 }], OPERATOR));
    expect(granted.text).toBe("✅ Added 50 credits to this server's wallet. Balance: 50.");
    const taken = await shown(d, await admin(d, 'take', [{ name: 'amount', value: 20 }], OPERATOR));
    expect(taken.text).toContain('Balance: 30.');
    const tooMuch = await shown(d, await admin(d, 'take', [{ name: 'amount', value: 99 }], OPERATOR));
    expect(tooMuch).toEqual({ text: 'That wallet has only 30 credits; take at most that.', private: true });
    // A personal wallet, named by mention: only once Bob has one (his first use of the bot in a DM).
    const early = await shown(d, await admin(d, 'grant', [{ name: 'amount', value: 7 }, { name: 'wallet', value: `<@${BOB.id}>` }], OPERATOR));
    expect(early.text).toMatch(/^There is no wallet for user:\d+ yet/);
    expect(await h!.app.services.store.wallets.get(`discord:user:${BOB.id}`)).toBeUndefined();
    await h!.app.services.credits.wallet(`discord:user:${BOB.id}`);
    const toBob = await shown(d, await admin(d, 'grant', [{ name: 'amount', value: 7 }, { name: 'wallet', value: `<@${BOB.id}>` }], OPERATOR));
    // Discord shows the mention as Bob's name (without pinging him: the bot allows no mentions here).
    expect(toBob.text).toBe(`✅ Added 7 credits to <@${BOB.id}>'s wallet. Balance: 7.`);
    expect((await h!.app.services.store.wallets.get(`discord:user:${BOB.id}`))?.balance).toBe(7);
  });

  it('lets only members with Manage Server cap daily spending, and the cap holds', async () => {
    const d = await start(100);
    // Discord does not offer /admin to a member without Manage Server…
    await expect(admin(d, 'limit', [{ name: 'cap', value: '4' }], BOB, '0')).rejects.toThrow(/may not use \/admin/);
    // …and when the server gives it to one anyway (Integrations), the bot still asks Discord's permissions.
    d.allowCommand({ name: 'admin', user: BOB });
    const refused = await shown(d, await admin(d, 'limit', [{ name: 'cap', value: '4' }], BOB, '0'));
    expect(refused).toEqual({ text: 'Only admins of this server can set the daily limit.', private: true });
    expect((await h!.app.services.store.wallets.get(`discord:guild:${GUILD}`))?.memberDailyCap ?? null).toBeNull();
    const set = await shown(d, await admin(d, 'limit', [{ name: 'cap', value: '4' }], BOB, MANAGE_GUILD));
    expect(set.text).toBe('✅ Each member may now spend up to 4 credits per day here.');

    await grid(d); // Alice spends 4: her cap for today
    const second = await d.slashCommand({ name: 'imagine', options: [{ name: 'prompt', value: 'another fox' }] });
    expect((await shown(d, second)).text).toContain('you have 0 of your 4 daily credits left here');
    expect(h!.apiframe.callCount('/imagine')).toBe(1);
  });

  it('charges a button once when it is pressed twice quickly, and lists who spent what', async () => {
    const d = await start(100);
    const m = await grid(d);
    const u2 = buttonId(m, 'U2');
    await Promise.all([d.pressButton({ message: m, customId: u2, user: BOB }), d.pressButton({ message: m, customId: u2, user: BOB })]);
    await h!.apiframe.waitForTask('upscale-1x');
    await new Promise((r) => setTimeout(r, 200));
    expect(h!.apiframe.callCount('/upscale-1x')).toBe(1);
    expect(await balance()).toBe(100 - 4 - 2);

    // One line per job, newest first: the upscale still running, the grid charged.
    const history = await shown(d, await credits(d, 'history'));
    expect(history.private).toBe(true);
    expect(history.text.split('\n').map((l) => l.replace(/ · \d{4}-\d\d-\d\d \d\d:\d\d UTC$/, ''))).toEqual([
      "🧾 This server's wallet, newest first:",
      'Upscale #2 “a red fox” · Bob · 2 credits · in progress',
      'Imagine “a red fox” · Alice · 4 credits · charged',
      'Granted 100 credits · welcome credits',
    ]);
  });

  it('pages /credits history with a button that redraws the private reply in place', async () => {
    const d = await start(0);
    const by = { platform: 'discord' as const, guildId: GUILD, chatId: CHANNEL, userId: OPERATOR.id, userName: 'Operator', isPrivate: false };
    for (let i = 1; i <= 11; i++) await h!.app.services.credits.grant(`discord:guild:${GUILD}`, i, by);
    const i = await credits(d, 'history');
    const first = await shown(d, i);
    expect(first.private).toBe(true);
    expect(first.text.split('\n')[0]).toBe("🧾 This server's wallet, page 1 of 2, newest first:");
    expect(first.text).toContain('Granted 11 credits · by Operator');
    const reply = i.original!;
    expect(reply.components[0].components.map((b: { label: string; custom_id: string }) => [b.label, b.custom_id])).toEqual([['Page 2 ▶', 'hist:2']]);

    const press = await d.pressButton({ message: reply, customId: 'hist:2' });
    expect((await d.waitForCallback(press)).type).toBe(7); // UPDATE_MESSAGE: the same message, redrawn
    const page2 = await d.waitForMessage(CHANNEL, (m) => m.id === reply.id && m.content.includes('page 2 of 2'));
    expect(page2.content.split('\n')).toEqual(["🧾 This server's wallet, page 2 of 2, newest first:", expect.stringMatching(/^Granted 1 credit · by Operator · /)]);
    expect(page2.components[0].components.map((b: { label: string }) => b.label)).toEqual(['◀ Page 1']);
  });

  it("answers a Brazilian Portuguese client in Portuguese: the history page, its buttons and the page it redraws", async () => {
    const d = await start(0);
    const by = { platform: 'discord' as const, guildId: GUILD, chatId: CHANNEL, userId: OPERATOR.id, userName: 'Operator', isPrivate: false };
    for (let i = 1; i <= 11; i++) await h!.app.services.credits.grant(`discord:guild:${GUILD}`, i * 1000, by);
    const i = await d.slashCommand({ name: 'credits', locale: 'pt-BR', options: [{ name: 'history', type: 1, options: [] }] });
    const first = await shown(d, i);
    expect(first.text.split('\n')[0]).toBe('🧾 A carteira deste servidor, página 1 de 2, mais recentes primeiro:');
    expect(first.text.split('\n')[1]).toMatch(/^Concedidos 11\.000 créditos · por Operator · /);
    const reply = i.original!;
    expect(reply.components[0].components.map((b: { label: string }) => b.label)).toEqual(['Página 2 ▶']);
    const press = await d.pressButton({ message: reply, customId: 'hist:2', locale: 'pt-BR' });
    expect((await d.waitForCallback(press)).type).toBe(7);
    const page2 = await d.waitForMessage(CHANNEL, (m) => m.id === reply.id && m.content.includes('página 2 de 2'));
    expect(page2.components[0].components.map((b: { label: string }) => b.label)).toEqual(['◀ Página 1']);
  });

  it('refunds a job Apiframe fails and tells the channel why', async () => {
    const d = await start(10);
    const i = await d.slashCommand({ name: 'imagine', options: [{ name: 'prompt', value: 'a red fox' }] });
    await d.waitForCallback(i);
    const task = await h!.apiframe.waitForTask('imagine');
    expect(await balance()).toBe(6);
    await h!.apiframe.fail(task.id, 'Job action restricted');
    await d.waitForMessage(CHANNEL, (m) => m.id === i.original?.id && m.content.includes('Job action restricted'));
    expect(await balance()).toBe(10);
    const sums = await h!.app.services.store.wallets.balancesAgainstLedger();
    for (const w of sums) expect(w.balance).toBe(w.ledgerSum);
  });
});
