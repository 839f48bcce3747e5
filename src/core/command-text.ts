/**
 * What the slash-command picker and the command menus say, in each language. The English is the
 * command specs' own (commands/*.ts: `description`), so it is written once; the other languages
 * are catalogue messages whose ids derive from the names (README, "Languages"):
 *
 *   cmd-<command>                     a top-level command's description (`cmd-imagine`)
 *   cmd-<group>-<sub>                 a subcommand's (`cmd-credits-history`)
 *   group-<group>                     a group's line, with `$commands` (the English is made from the names)
 *   cmd-<path>-opt-<option>           an option's description; `.name` its localized name
 *   cmd-<path>-opt-<option>-choice-<choice>   a choice's localized name
 *
 * Command names stay as they are in every language (`/imagine`): Telegram cannot localize them,
 * and /help, the README and people moving between the two platforms share one set of names.
 * Option and choice names are localized (Discord shows them as labels). A choice whose name has
 * no letter (`16:9`) or that a provider supplies (a model's name) is the same in every language.
 */
import { SOURCE_LOCALE, translator as sharedTranslator, type Locale, type Translator } from '../i18n/index.ts';
import type { CommandSpec, OptionSpec } from './command.ts';

type Choice = { name: string; value: string };

/** The path of a command in message ids: `imagine`, `credits-history`. */
function path(spec: Pick<CommandSpec, 'name' | 'group'>): string {
  return spec.group ? `${spec.group}-${spec.name}` : spec.name;
}

export const commandMessageId = (spec: Pick<CommandSpec, 'name' | 'group'>): string => `cmd-${path(spec)}`;
export const groupMessageId = (group: string): string => `group-${group}`;
export const optionMessageId = (spec: Pick<CommandSpec, 'name' | 'group'>, option: Pick<OptionSpec, 'name'>): string => `cmd-${path(spec)}-opt-${option.name}`;
/** Fluent ids allow letters, digits, `-` and `_`: anything else in a choice (a space) becomes `_`. */
export const choiceMessageId = (spec: Pick<CommandSpec, 'name' | 'group'>, option: Pick<OptionSpec, 'name'>, choice: Choice): string =>
  `${optionMessageId(spec, option)}-choice-${choice.value.replace(/[^A-Za-z0-9_-]/g, '_')}`;

/** Whether a choice's name is words to translate: fixed by the spec (not a provider's model) and holding a letter. */
export function translatableChoice(option: OptionSpec, choice: Choice): boolean {
  return option.type === 'string' && !option.choicesFor && /\p{L}/u.test(choice.name);
}

/** What the commands are called and described as in each language (English: the specs'). */
export class CommandTexts {
  constructor(private readonly translator: Translator = sharedTranslator()) {}

  description(locale: Locale, spec: CommandSpec): string {
    return this.own(locale, commandMessageId(spec)) ?? spec.description;
  }

  /**
   * A group's line, naming the subcommands `members` (those the reader may use): in English made
   * from the names (`Credits: balance, history`), translated with `$commands` in the list's place.
   */
  groupDescription(locale: Locale, group: string, members: readonly Pick<CommandSpec, 'name'>[]): string {
    const list = members.map((m) => m.name).join(', ');
    const own = locale === SOURCE_LOCALE ? undefined : this.translator.find(locale, groupMessageId(group), { commands: list });
    return own ?? `${group[0]!.toUpperCase()}${group.slice(1)}: ${list}`;
  }

  optionDescription(locale: Locale, spec: CommandSpec, option: OptionSpec): string {
    return this.own(locale, optionMessageId(spec, option)) ?? option.description;
  }

  /** An option's name in `locale` (Discord only; Telegram types options by position and --flag). */
  optionName(locale: Locale, spec: CommandSpec, option: OptionSpec): string {
    return (locale === SOURCE_LOCALE ? undefined : this.translator.find(locale, optionMessageId(spec, option), undefined, 'name')) ?? option.name;
  }

  choiceName(locale: Locale, spec: CommandSpec, option: OptionSpec, choice: Choice): string {
    if (!translatableChoice(option, choice)) return choice.name;
    return this.own(locale, choiceMessageId(spec, option, choice)) ?? choice.name;
  }

  /** A non-English message, or undefined for English (the spec's) and for one not translated yet. */
  private own(locale: Locale, id: string): string | undefined {
    return locale === SOURCE_LOCALE ? undefined : this.translator.find(locale, id);
  }
}
