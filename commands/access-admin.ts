import { z } from 'zod';
import type { CommandContext, CommandSpec } from '../src/core/command.ts';
import { onPlatform, type AccessList, type EffectiveLists } from '../src/core/access.ts';
import { UserError } from '../src/core/errors.ts';

/**
 * Allow and deny lists at run time, for the bot's operators: /admin block, unblock, allow,
 * disallow and access. Changes are kept in the store, so every instance applies them at once.
 */
const GROUP = 'admin';

function requireOperator(ctx: CommandContext): void {
  if (!ctx.services.credits.isOperator(ctx.scope)) throw new UserError('not_operator', 'Only the bot operator can do that.');
}

const PLATFORM_NAME = { discord: 'Discord', telegram: 'Telegram' } as const;
const PLACE_NAME = { allowed_guilds: 'Discord servers', allowed_chats: 'chats' } as const;

/** `user:<id>`, `<@id>` (a Discord mention), `telegram:<id>`/`discord:<id>`, or a bare id of this platform. */
function userTarget(ctx: CommandContext, given: string): string {
  const prefixed = /^(discord|telegram):(\d+)$/.exec(given);
  if (prefixed) return `${prefixed[1]}:${prefixed[2]}`;
  const own = /^(?:user:|<@!?)?(\d+)>?$/.exec(given);
  if (own) return `${ctx.scope.platform}:${own[1]}`;
  throw new UserError('bad_target', 'Name the user as user:<id>, @mention (Discord) or telegram:<id> / discord:<id>.');
}

/**
 * A place: nothing means here (this Discord server, or this Telegram group); `guild:<id>` a
 * Discord server; `chat:<id>` a chat of this platform (a Discord channel, a Telegram group);
 * `telegram:<id>`/`discord:<id>` a chat of that platform.
 */
function placeTarget(ctx: CommandContext, given: string | undefined): { list: Exclude<AccessList, 'blocked_users'>; target: string } {
  const { platform, guildId, chatId, isPrivate } = ctx.scope;
  if (!given) {
    if (isPrivate) throw new UserError('not_group', 'Private chats are always open (block a user instead): use this in a server or group, or name one as guild:<id> or chat:<id>.');
    return platform === 'discord' && guildId ? { list: 'allowed_guilds', target: `discord:${guildId}` } : { list: 'allowed_chats', target: `${platform}:${chatId}` };
  }
  const guild = /^guild:(?:discord:)?(\d{5,25})$/.exec(given);
  if (guild) return { list: 'allowed_guilds', target: `discord:${guild[1]}` };
  const chat = /^chat:(-?\d+)$/.exec(given);
  if (chat) return { list: 'allowed_chats', target: `${platform}:${chat[1]}` };
  const prefixed = /^(discord|telegram):(-?\d+)$/.exec(given);
  if (prefixed) return { list: 'allowed_chats', target: `${prefixed[1]}:${prefixed[2]}` };
  throw new UserError('bad_target', 'Name the place as guild:<id> (a Discord server), chat:<id>, or telegram:<id> / discord:<id>; or leave it out for here.');
}

/** What an allow-list means now, for a place of `target`'s platform. */
function allowListState(lists: EffectiveLists, list: Exclude<AccessList, 'blocked_users'>, target: string): string {
  const platform = target.slice(0, target.indexOf(':')) as keyof typeof PLATFORM_NAME;
  const entries = list === 'allowed_guilds' ? lists.allowed_guilds : onPlatform(lists.allowed_chats, platform);
  const what = list === 'allowed_guilds' ? PLACE_NAME.allowed_guilds : `${PLATFORM_NAME[platform]} ${PLACE_NAME.allowed_chats}`;
  return entries.length === 0 ? `No ${what} are listed now, so the bot answers in every one.` : `The bot answers only in the ${entries.length} listed ${what} (and in private chats).`;
}

const userInput = z.object({ user: z.string({ message: 'Name the user, e.g. user:123456.' }).trim().min(1, 'Name the user, e.g. user:123456.') });
const userOptions = [{ type: 'string', name: 'user', description: 'user:<id>, @mention (Discord), or telegram:<id> / discord:<id>', required: true, maxLength: 60, rest: true }] as const;

const blockSpec = (blocked: boolean): CommandSpec<z.infer<typeof userInput>> => ({
  name: blocked ? 'block' : 'unblock',
  group: GROUP,
  audience: 'operators',
  description: blocked ? 'Stop a user from using the bot (bot operators)' : 'Let a blocked user use the bot again (bot operators)',
  options: userOptions,
  input: userInput,
  slow: false,
  authorize: (ctx) => requireOperator(ctx),
  async run(ctx, { user }) {
    const target = userTarget(ctx, user);
    const [platform, userId] = target.split(':') as ['discord' | 'telegram', string];
    if (blocked && ctx.services.credits.isOperator({ platform, userId })) throw new UserError('operator_target', 'Operators cannot be blocked (BOT_ADMINS).');
    await ctx.services.access.change('blocked_users', target, blocked, ctx.scope);
    await ctx.respond.text(blocked ? `⛔ Blocked ${target}: they get one polite refusal, then silence, and are never charged.` : `✅ Unblocked ${target}.`);
  },
});
export const accessBlock = blockSpec(true);
export const accessUnblock = blockSpec(false);

const placeInput = z.object({ place: z.string().trim().optional().transform((v) => (v === '' ? undefined : v)) });
const placeOptions = [{ type: 'string', name: 'place', description: 'guild:<id>, chat:<id> or telegram:<id>; default: here', maxLength: 60, rest: true }] as const;

const allowSpec = (allowed: boolean): CommandSpec<z.infer<typeof placeInput>> => ({
  name: allowed ? 'allow' : 'disallow',
  group: GROUP,
  audience: 'operators',
  description: allowed ? 'Add a server or chat to the allow-list (bot operators)' : 'Take a server or chat off the allow-list (bot operators)',
  options: placeOptions,
  input: placeInput,
  slow: false,
  authorize: (ctx) => requireOperator(ctx),
  async run(ctx, { place }) {
    const { list, target } = placeTarget(ctx, place);
    const { access } = ctx.services;
    await access.change(list, target, allowed, ctx.scope);
    const what = list === 'allowed_guilds' ? `server ${target}` : `chat ${target}`;
    await ctx.respond.text(`${allowed ? '✅ Allowed' : '🚫 Took off the allow-list:'} ${what}. ${allowListState(await access.lists(), list, target)}`);
  },
});
export const accessAllow = allowSpec(true);
export const accessDisallow = allowSpec(false);

const empty = z.object({});
/** The lists as they apply now, each entry with where it comes from. */
export const accessShow: CommandSpec<z.infer<typeof empty>> = {
  name: 'access',
  group: GROUP,
  audience: 'operators',
  description: 'Show the allow and deny lists (bot operators)',
  options: [],
  input: empty,
  slow: false,
  authorize: (ctx) => requireOperator(ctx),
  async run(ctx) {
    const lists = await ctx.services.access.lists();
    const show = (title: string, list: AccessList, none: string) => {
      const items = lists[list].map((l) => `${l.target}${l.from === 'config' ? ' (config)' : ''}`);
      return `${title}: ${items.length ? items.join(', ') : none}`;
    };
    await ctx.respond.text(
      [
        show('⛔ Blocked users', 'blocked_users', 'none'),
        show('🏠 Allowed Discord servers', 'allowed_guilds', 'all'),
        show('💬 Allowed chats', 'allowed_chats', 'all'),
        'Private chats are open to everyone not blocked; operators are never refused.',
      ].join('\n'),
      { private: true },
    );
  },
};

export const accessCommands = [accessBlock, accessUnblock, accessAllow, accessDisallow, accessShow];
