/**
 * The bot's command menus, one per Bot API scope, so members never see the admin commands:
 * private and group chats get the members' commands, group admins (`all_chat_administrators`)
 * those plus /admin, and each operator's private chat (`chat`) everything. Telegram shows the most
 * specific list that applies; the commands still check who is asking when they run.
 */
import type { Api } from 'grammy';
import type { BotCommand, BotCommandScope, LanguageCode } from 'grammy/types';
import type { CommandSpec } from '../../src/core/command.ts';
import { CommandTexts } from '../../src/core/command-text.ts';
import type { Locale } from '../../src/i18n/index.ts';
import type { Logger } from '../../src/logger.ts';

/**
 * The Telegram `language_code` each of ours is set for (Telegram's menus are chosen by a two-letter
 * ISO 639-1 code: `pt` covers Brazilian and European Portuguese, `zh` every Chinese). The menu
 * without a code, English, is what every other language sees.
 */
export const TELEGRAM_LANGUAGES: ReadonlyArray<readonly [Locale, LanguageCode]> = [
  ['es', 'es'],
  ['pt-BR', 'pt'],
  ['ru', 'ru'],
  ['zh-CN', 'zh'],
];

/** The bot's command menu in one language: every visible top-level command, and each group of subcommands once. */
export function menuCommands(commands: readonly CommandSpec[], log?: Logger, locale: Locale = 'en', texts: CommandTexts = new CommandTexts()): BotCommand[] {
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
      ? texts.groupDescription(locale, c.group, commands.filter((s) => s.group === c.group && !s.hidden))
      : texts.description(locale, c);
    menu.push({ command: name, description: description.slice(0, 256) || name });
  }
  return menu;
}

export interface ScopedMenu {
  scope: BotCommandScope;
  /** Telegram's language_code for this menu; none for the default (English) one. */
  languageCode?: LanguageCode;
  commands: BotCommand[];
}

/**
 * Every menu to set: members' in private chats, in groups and by default; group admins' (members'
 * plus the admin commands they may use); each operator's private chat (operators are
 * `platform:userId`, and a private chat's id is its user's id). Each once in English, without a
 * language_code, and once per TELEGRAM_LANGUAGES code in that language.
 */
export function scopedMenus(commands: readonly CommandSpec[], operatorIds: readonly string[], log?: Logger, texts: CommandTexts = new CommandTexts()): ScopedMenu[] {
  const inLanguage = (locale: Locale, languageCode?: LanguageCode): ScopedMenu[] => {
    // Names Telegram refuses are reported once, with the English menus.
    const warn = languageCode ? undefined : log;
    const members = menuCommands(commands.filter((c) => !c.audience), warn, locale, texts);
    const admins = menuCommands(commands.filter((c) => c.audience !== 'operators'), warn, locale, texts);
    const operators = menuCommands(commands, warn, locale, texts);
    const code = languageCode ? { languageCode } : {};
    return [
      { scope: { type: 'default' }, ...code, commands: members },
      { scope: { type: 'all_private_chats' }, ...code, commands: members },
      { scope: { type: 'all_group_chats' }, ...code, commands: members },
      { scope: { type: 'all_chat_administrators' }, ...code, commands: admins },
      ...operatorIds.filter((id) => /^\d+$/.test(id)).map((id) => ({ scope: { type: 'chat', chat_id: Number(id) } as BotCommandScope, ...code, commands: operators })),
    ];
  };
  return [...inLanguage('en'), ...TELEGRAM_LANGUAGES.flatMap(([locale, code]) => inLanguage(locale, code))];
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
  // One language at a time (its scopes together): all of them at once would hang two dozen
  // listeners on the one start-up signal, which Node reports as a leak.
  for (const language of new Set(menus.map((m) => m.languageCode))) {
    const batch = menus.filter((m) => m.languageCode === language);
    const results = await Promise.allSettled(
      batch.map((m) => api.setMyCommands(m.commands, { scope: m.scope, ...(m.languageCode ? { language_code: m.languageCode } : {}) }, signal)),
    );
    results.forEach((r, i) => {
      if (r.status === 'fulfilled') return;
      const { scope, languageCode } = batch[i]!;
      // An operator's chat unknown to Telegram fails once per language: said once, with the English menu.
      if (scope.type === 'chat' && languageCode) return;
      const hint = scope.type === 'chat' ? ': an operator sees their menu once they have opened a private chat with the bot and it restarts' : '; commands still work';
      log.warn({ err: r.reason, scope: scope.type, ...(languageCode ? { languageCode } : {}) }, `could not set the Telegram command menu${hint}`);
    });
  }
}
