import { z } from 'zod';
import type { CommandContext, CommandSpec } from '../src/core/command.ts';
import { onPlatform, type AccessList, type EffectiveLists } from '../src/core/access.ts';
import { UserError } from '../src/core/errors.ts';
import { msg } from '../src/i18n/index.ts';

/**
 * Allow and deny lists at run time, for the bot's operators: /admin block, unblock, allow,
 * disallow and access. Changes are kept in the store, so every instance applies them at once.
 */
const GROUP = 'admin';

function requireOperator(ctx: CommandContext): void {
  if (!ctx.services.credits.isOperator(ctx.scope)) throw new UserError('not_operator', msg('error-not-operator'));
}

const PLATFORM_NAME = { discord: 'Discord', telegram: 'Telegram' } as const;

/** `user:<id>`, `<@id>` (a Discord mention), `telegram:<id>`/`discord:<id>`, or a bare id of this platform. */
function userTarget(ctx: CommandContext, given: string): string {
  const prefixed = /^(discord|telegram):(\d+)$/.exec(given);
  if (prefixed) return `${prefixed[1]}:${prefixed[2]}`;
  const own = /^(?:user:|<@!?)?(\d+)>?$/.exec(given);
  if (own) return `${ctx.scope.platform}:${own[1]}`;
  throw new UserError('bad_target', msg('error-bad-target-user'));
}

/**
 * A place: nothing means here (this Discord server, or this Telegram group); `guild:<id>` a
 * Discord server; `chat:<id>` a chat of this platform (a Discord channel, a Telegram group);
 * `telegram:<id>`/`discord:<id>` a chat of that platform.
 */
function placeTarget(ctx: CommandContext, given: string | undefined): { list: Exclude<AccessList, 'blocked_users'>; target: string } {
  const { platform, guildId, chatId, isPrivate } = ctx.scope;
  if (!given) {
    if (isPrivate) throw new UserError('not_group', msg('error-not-group-access'));
    return platform === 'discord' && guildId ? { list: 'allowed_guilds', target: `discord:${guildId}` } : { list: 'allowed_chats', target: `${platform}:${chatId}` };
  }
  const guild = /^guild:(?:discord:)?(\d{5,25})$/.exec(given);
  if (guild) return { list: 'allowed_guilds', target: `discord:${guild[1]}` };
  const chat = /^chat:(-?\d+)$/.exec(given);
  if (chat) return { list: 'allowed_chats', target: `${platform}:${chat[1]}` };
  const prefixed = /^(discord|telegram):(-?\d+)$/.exec(given);
  if (prefixed) return { list: 'allowed_chats', target: `${prefixed[1]}:${prefixed[2]}` };
  throw new UserError('bad_target', msg('error-bad-target-place'));
}

/** What an allow-list means now, for a place of `target`'s platform. */
function allowListState(ctx: CommandContext, lists: EffectiveLists, list: Exclude<AccessList, 'blocked_users'>, target: string): string {
  const platform = target.slice(0, target.indexOf(':')) as keyof typeof PLATFORM_NAME;
  const entries = list === 'allowed_guilds' ? lists.allowed_guilds : onPlatform(lists.allowed_chats, platform);
  // `places`: Discord servers, or one platform's chats (its name is not translated).
  const args = { places: list === 'allowed_guilds' ? 'servers' : 'chats', platform: PLATFORM_NAME[platform], count: entries.length };
  return ctx.t(entries.length === 0 ? 'reply-access-list-open' : 'reply-access-list-only', args);
}

const userInput = z.object({ user: z.string({ message: 'input-access-user' }).trim().min(1, 'input-access-user') });
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
    if (blocked && ctx.services.credits.isOperator({ platform, userId })) throw new UserError('operator_target', msg('error-operator-target'));
    await ctx.services.access.change('blocked_users', target, blocked, ctx.scope);
    await ctx.respond.text(ctx.t(blocked ? 'reply-access-blocked' : 'reply-access-unblocked', { target }));
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
    const kind = list === 'allowed_guilds' ? 'server' : 'chat';
    const done = ctx.t(allowed ? 'reply-access-allowed' : 'reply-access-disallowed', { place: kind, target });
    await ctx.respond.text(`${done} ${allowListState(ctx, await access.lists(), list, target)}`);
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
    const show = (list: AccessList) => {
      const items = lists[list].map((l) => (l.from === 'config' ? ctx.t('reply-access-from-config', { target: l.target }) : l.target));
      return ctx.t('reply-access-show-line', { list, items: items.join(', '), count: items.length });
    };
    await ctx.respond.text(
      [show('blocked_users'), show('allowed_guilds'), show('allowed_chats'), ctx.t('reply-access-show-private')].join('\n'),
      { private: true },
    );
  },
};

export const accessCommands = [accessBlock, accessUnblock, accessAllow, accessDisallow, accessShow];
