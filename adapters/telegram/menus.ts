/**
 * The bot's command menus, one per Bot API scope, so members never see the admin commands:
 * private and group chats get the members' commands, group admins (`all_chat_administrators`)
 * those plus /admin, and each operator's private chat (`chat`) everything. Telegram shows the most
 * specific list that applies; the commands still check who is asking when they run.
 */
import type { Api } from 'grammy';
import type { BotCommand, BotCommandScope } from 'grammy/types';
import type { CommandSpec } from '../../src/core/command.ts';
import type { Logger } from '../../src/logger.ts';

/** The bot's command menu: every visible top-level command, and each group of subcommands once. */
export function menuCommands(commands: readonly CommandSpec[], log?: Logger): BotCommand[] {
  const menu: BotCommand[] = [];
  const seen = new Set<string>();
  for (const c of commands) {
    if (c.hidden) continue;
    const name = c.group ?? c.name;
    if (seen.has(name)) continue;
    seen.add(name);
    if (!/^[a-z0-9_]{1,32}$/.test(name)) {
      log?.warn({ command: name }, 'command name not allowed by Telegram; left out of the menu');
      continue;
    }
    const description = c.group
      ? `${c.group.replace(/^./, (ch) => ch.toUpperCase())}: ${commands.filter((s) => s.group === c.group && !s.hidden).map((s) => s.name).join(', ')}`
      : c.description;
    menu.push({ command: name, description: description.slice(0, 256) || name });
  }
  return menu;
}

export interface ScopedMenu {
  scope: BotCommandScope;
  commands: BotCommand[];
}

/**
 * Every menu to set: members' in private chats, in groups and by default; group admins' (members'
 * plus the admin commands they may use); each operator's private chat (operators are
 * `platform:userId`, and a private chat's id is its user's id).
 */
export function scopedMenus(commands: readonly CommandSpec[], operatorIds: readonly string[], log?: Logger): ScopedMenu[] {
  const members = menuCommands(commands.filter((c) => !c.audience), log);
  const admins = menuCommands(commands.filter((c) => c.audience !== 'operators'), log);
  const operators = menuCommands(commands, log);
  return [
    { scope: { type: 'default' }, commands: members },
    { scope: { type: 'all_private_chats' }, commands: members },
    { scope: { type: 'all_group_chats' }, commands: members },
    { scope: { type: 'all_chat_administrators' }, commands: admins },
    ...operatorIds.filter((id) => /^\d+$/.test(id)).map((id) => ({ scope: { type: 'chat', chat_id: Number(id) } as BotCommandScope, commands: operators })),
  ];
}

/**
 * Sets every menu; one that fails (an operator who never opened a private chat with the bot:
 * "chat not found") is logged and the rest still apply. The commands work without a menu.
 */
export async function setMenus(
  api: Pick<Api, 'setMyCommands'>,
  commands: readonly CommandSpec[],
  operatorIds: readonly string[],
  log: Logger,
  signal?: Parameters<Api['setMyCommands']>[2],
): Promise<void> {
  const menus = scopedMenus(commands, operatorIds, log);
  const results = await Promise.allSettled(menus.map((m) => api.setMyCommands(m.commands, { scope: m.scope }, signal)));
  results.forEach((r, i) => {
    if (r.status === 'fulfilled') return;
    const { scope } = menus[i]!;
    const hint = scope.type === 'chat' ? ': an operator sees their menu once they have opened a private chat with the bot and it restarts' : '; commands still work';
    log.warn({ err: r.reason, scope: scope.type }, `could not set the Telegram command menu${hint}`);
  });
}
