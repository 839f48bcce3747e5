// Issue 10 part 8: the admin commands live under /admin, which each platform hides from members.
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { help } from '../../commands/help.ts';
import { inLocale, type CommandCall, type CommandSpec } from '../../src/core/command.ts';
import { ADMIN_PERMISSION, buildSlashCommands } from '../../adapters/discord/slash-commands.ts';
import { scopedMenus } from '../../adapters/telegram/menus.ts';
import { telegramUsage } from '../../adapters/telegram/usage.ts';
import { discordUsage } from '../../adapters/discord/slash-commands.ts';

const ADMIN = ['grant', 'take', 'limit', 'share', 'unshare', 'block', 'unblock', 'allow', 'disallow', 'access'];

describe('the admin commands in the registry', () => {
  it('are exactly the /admin group, each saying who may use it, each older one with its old spelling', () => {
    const restricted = commands.filter((c) => c.audience);
    expect(restricted.map((c) => `${c.group} ${c.name}`)).toEqual(ADMIN.map((n) => `admin ${n}`));
    expect(commands.filter((c) => c.group === 'admin' && !c.audience)).toEqual([]);
    expect(restricted.map((c) => c.audience)).toEqual(['operators', 'operators', 'admins', 'admins', 'admins', 'operators', 'operators', 'operators', 'operators', 'operators']);
    for (const c of restricted) expect(c.description).toMatch(/\((bot operators|server or group admins|group admins|its owner)\)$/);
    expect(restricted.map((c) => c.aliases)).toEqual([
      [{ group: 'credits', name: 'grant' }],
      [{ group: 'credits', name: 'take' }],
      [{ group: 'credits', name: 'limit' }],
      [{ group: 'photos', name: 'share' }],
      [{ group: 'photos', name: 'unshare' }],
      // The allow and deny lists came with /admin: they never had another spelling.
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('no old spelling shadows a command of its own', () => {
    for (const c of commands) {
      for (const a of c.aliases ?? []) expect(commands.some((o) => o.group === a.group && o.name === a.name)).toBe(false);
    }
  });
});

describe('Discord: /admin is registered for Manage Server only', () => {
  const names = (json: ReturnType<typeof buildSlashCommands>) => json.map((c) => c.name);

  it('globally: a top-level /admin with Manage Server as its default permission, kept out of DMs', () => {
    const json = buildSlashCommands(commands, { global: true });
    const admin = json.find((c) => c.name === 'admin')!;
    expect(admin).toMatchObject({ default_member_permissions: '32', contexts: [0] });
    expect(ADMIN_PERMISSION).toBe(String(1 << 5));
    expect(admin.options!.map((o) => o.name)).toEqual(ADMIN);
    // Nothing else is restricted, and the old places no longer hold them.
    for (const c of json.filter((x) => x.name !== 'admin')) {
      expect(c.default_member_permissions).toBeUndefined();
      expect(c.contexts).toBeUndefined();
    }
    expect(json.find((c) => c.name === 'credits')!.options!.map((o) => o.name)).toEqual(['balance', 'history']);
    expect(json.find((c) => c.name === 'photos')!.options!.map((o) => o.name)).not.toContain('share');
    expect(names(json)).toContain('admin');
  });

  it('in one server: the same permission, no contexts (they apply to global commands only)', () => {
    const admin = buildSlashCommands(commands).find((c) => c.name === 'admin')!;
    expect(admin.default_member_permissions).toBe('32');
    expect(admin).not.toHaveProperty('contexts');
  });
});

describe('Telegram: a command menu per scope', () => {
  const menus = scopedMenus(commands, ['5', 'not-a-number']);
  const of = (type: string, chatId?: number, languageCode?: string) =>
    menus.find((m) => m.scope.type === type && m.languageCode === languageCode && (chatId === undefined || ('chat_id' in m.scope && m.scope.chat_id === chatId)))!.commands;
  const adminEntry = (list: Array<{ command: string; description: string }>) => list.find((c) => c.command === 'admin');

  it('members see no /admin, in private chats, in groups and by default', () => {
    for (const type of ['default', 'all_private_chats', 'all_group_chats']) {
      expect(of(type).map((c) => c.command)).toEqual(['imagine', 'generate', 'describe', 'blend', 'faceswap', 'shorten', 'photos', 'credits', 'settings', 'jobs', 'help']);
    }
    expect(of('all_group_chats').find((c) => c.command === 'credits')!.description).toBe('Credits: balance, history');
    expect(of('all_group_chats').find((c) => c.command === 'photos')!.description).not.toContain('share');
  });

  it('group admins see /admin with what they may do; operators in their private chat see all of it', () => {
    expect(adminEntry(of('all_chat_administrators'))!.description).toBe('Admin: limit, share, unshare');
    expect(of('all_chat_administrators').slice(0, -1)).toEqual(of('all_group_chats'));
    expect(adminEntry(of('chat', 5))!.description).toBe('Admin: grant, take, limit, share, unshare, block, unblock, allow, disallow, access');
    // An operator id that cannot be a Telegram chat gets no menu; each menu is set once in English
    // (no language_code) and once per translated language, with the same commands.
    expect(menus.filter((m) => m.languageCode === undefined)).toHaveLength(5);
    for (const code of ['es', 'pt', 'ru', 'zh']) {
      expect(menus.filter((m) => m.languageCode === code)).toHaveLength(5);
      expect(of('chat', 5, code).map((c) => c.command)).toEqual(of('chat', 5).map((c) => c.command));
    }
    expect(adminEntry(of('all_chat_administrators', undefined, 'es'))!.description).toBe('Administración: limit, share, unshare');
  });
});

describe('/help admin', () => {
  async function helpText(usage: (spec: CommandSpec) => string, topic?: 'admin' | 'credits' | 'photos'): Promise<string> {
    let shown = '';
    const ctx = inLocale({ commands, usage, respond: { text: async (t: string) => void (shown = t) } } as unknown as CommandCall, 'en');
    await help.run(ctx, { topic });
    return shown;
  }

  it.each([
    ['Discord', discordUsage],
    ['Telegram', telegramUsage],
  ] as const)('on %s lists each admin command, as it is typed there, with who may use it', async (_platform, usage) => {
    const text = await helpText(usage, 'admin');
    for (const spec of commands.filter((c) => c.audience)) expect(text).toContain(`• ${usage(spec)} — ${spec.description}`);
    expect(text).toContain('each checks again who is asking');
  });

  it('the overview keeps them out and points admins to /help admin; /help credits says where grant went', async () => {
    const overview = await helpText(telegramUsage);
    expect(overview).not.toContain('/admin grant');
    expect(overview).not.toMatch(/\bgrant\b/);
    expect(overview).toContain('Server and group admins, and the bot’s operators: /help admin.');
    expect(await helpText(telegramUsage, 'credits')).toContain('For admins: /admin grant, /admin take, /admin limit — see /help admin.');
    expect(await helpText(telegramUsage, 'photos')).toContain('For admins: /admin share, /admin unshare — see /help admin.');
  });
});
