// Issue 10 part 8 on Discord, end to end: the real discord.js client registers /admin with Manage
// Server as its default permission, so Discord hides it from members; the bot still checks who
// asks. Registering in one server removes the global copies, and switching back removes the
// server's.
import { afterEach, describe, expect, it } from 'vitest';
import type { DcUser, FakeDiscord, FakeInteraction } from '../fakes/discord.ts';
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

async function start(env: Record<string, string> = {}): Promise<FakeDiscord> {
  h = await startHarness({ discord: true, env: { FREE_CREDITS: '0', BOT_ADMINS: `discord:${OPERATOR.id}`, ...env } });
  return h.discord!;
}

const admin = (d: FakeDiscord, sub: string, options: Array<{ name: string; value: string | number }>, user: DcUser, memberPermissions?: string, guildId?: string | null) =>
  d.slashCommand({ name: 'admin', user, memberPermissions, guildId, options: [{ name: sub, type: 1, options }] });

async function shown(d: FakeDiscord, i: FakeInteraction, channelId = CHANNEL): Promise<{ text: string; private: boolean }> {
  await d.waitForCallback(i);
  const m = await d.waitForMessage(channelId, (x) => (x.id === i.original?.id || i.followups.some((f) => f.id === x.id)) && x.content !== '');
  const last = i.followups.at(-1) ?? m;
  return { text: last.content, private: ((last.flags ?? 0) & EPHEMERAL) !== 0 };
}

const puts = (d: FakeDiscord, path: string) => d.restCalls.filter((c) => c.method === 'PUT' && c.path === path);
const globalPath = (d: FakeDiscord) => `/applications/${d.applicationId}/commands`;
const guildPath = (d: FakeDiscord) => `/applications/${d.applicationId}/guilds/${GUILD}/commands`;

describe('Discord: /admin is hidden from members', () => {
  it('registers /admin with Manage Server as its default permission, for servers only, and nothing admin-only elsewhere', async () => {
    const d = await start();
    const [registration] = puts(d, globalPath(d));
    const body = registration!.body as Array<Record<string, any>>;
    const admin = body.find((c) => c.name === 'admin')!;
    expect(admin).toMatchObject({ default_member_permissions: MANAGE_GUILD, contexts: [0] });
    expect(admin.options.map((o: { name: string }) => o.name)).toEqual(['grant', 'take', 'limit', 'share', 'unshare', 'block', 'unblock', 'allow', 'disallow', 'access']);
    for (const c of body.filter((x) => x.name !== 'admin')) expect(c.default_member_permissions).toBeUndefined();
    expect(body.find((c) => c.name === 'credits')!.options.map((o: { name: string }) => o.name)).toEqual(['balance', 'history']);
    // What Discord stored, as it answers the client.
    expect(d.globalCommands.find((c) => c.name === 'admin')).toMatchObject({ default_member_permissions: MANAGE_GUILD, contexts: [0] });
    // No server held a list of ours, so none was rewritten.
    expect(puts(d, guildPath(d))).toEqual([]);
  });

  it('is not offered to a member without Manage Server nor in DMs; when a server gives it to one anyway, the bot still refuses', async () => {
    const d = await start();
    await expect(admin(d, 'grant', [{ name: 'amount', value: 50 }], BOB)).rejects.toThrow(/may not use \/admin/);
    await expect(admin(d, 'grant', [{ name: 'amount', value: 50 }], OPERATOR, undefined, null)).rejects.toThrow(/not offered in DMs/);

    // A server admin sees it, but granting is for the bot's operators.
    const manager = await shown(d, await admin(d, 'grant', [{ name: 'amount', value: 50 }], BOB, MANAGE_GUILD));
    expect(manager).toEqual({ text: 'Only the bot operator can do that.', private: true });

    // Given /admin through Server Settings → Integrations, a member still may not set the limit or share.
    const carol: DcUser = { id: '400000000000000003', username: 'carol', global_name: 'Carol', discriminator: '0' };
    d.allowCommand({ name: 'admin', user: carol });
    const limit = await shown(d, await admin(d, 'limit', [{ name: 'cap', value: '4' }], carol, '0'));
    expect(limit).toEqual({ text: 'Only admins of this server can set the daily limit.', private: true });
    const share = await shown(d, await admin(d, 'share', [{ name: 'name', value: 'Ana' }], carol, '0'));
    expect(share).toEqual({ text: 'Only group admins can share a model with the group.', private: true });
    expect((await h!.app.services.store.wallets.get(`discord:guild:${GUILD}`))?.memberDailyCap ?? null).toBeNull();

    // The operator, given /admin the same way, grants.
    d.allowCommand({ name: 'admin', user: OPERATOR });
    const granted = await shown(d, await admin(d, 'grant', [{ name: 'amount', value: 50 }], OPERATOR));
    expect(granted.text).toContain('Balance: 50.');
  });

  it('registered in one server, it empties the global list; switched back, it empties the server list', async () => {
    // Global first: the commands live in the global list.
    const d = await start();
    expect(d.globalCommands.map((c) => c.name)).toContain('admin');
    await h!.stopApp();

    // DISCORD_GUILD_ID: the server gets them, and the global copies (which would show twice there) go.
    h = await startHarness({ reuse: h, env: { FREE_CREDITS: '0', DISCORD_GUILD_ID: GUILD } });
    expect(d.guildCommands.get(GUILD)!.map((c) => c.name)).toContain('admin');
    expect(d.guildCommands.get(GUILD)!.find((c) => c.name === 'admin')).toMatchObject({ default_member_permissions: MANAGE_GUILD });
    expect(puts(d, guildPath(d)).at(-1)!.body.find((c: { name: string }) => c.name === 'admin')).not.toHaveProperty('contexts');
    expect(puts(d, globalPath(d)).at(-1)!.body).toEqual([]);
    expect(d.globalCommands).toEqual([]);
    await h!.stopApp();

    // And back to global: the server's list goes, so nothing shows twice.
    h = await startHarness({ reuse: h, env: { FREE_CREDITS: '0' } });
    expect(d.globalCommands.map((c) => c.name)).toContain('admin');
    expect(puts(d, guildPath(d)).at(-1)!.body).toEqual([]);
    expect(d.guildCommands.get(GUILD)).toEqual([]);
    expect(h.logs.some((l) => l.includes('removed slash commands left in a server from DISCORD_GUILD_ID'))).toBe(true);
  });
});
