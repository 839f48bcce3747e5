/**
 * Slash-command definitions derived from the command registry (DESIGN rule 1): nothing here names
 * a particular command, so adding one to commands/ is enough to see it in Discord.
 */
import { ApplicationCommandOptionType, ApplicationCommandType, InteractionContextType, Locale as DiscordLocale, PermissionFlagsBits } from 'discord.js';
import type {
  APIApplicationCommandBasicOption,
  APIApplicationCommandSubcommandOption,
  LocalizationMap,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { requiredFiles, type AttachmentOption, type CommandSpec, type OptionSpec } from '../../src/core/command.ts';
import { CommandTexts } from '../../src/core/command-text.ts';
import { SOURCE_LOCALE, type Locale } from '../../src/i18n/index.ts';

/** Discord's limits for command and option descriptions, choices and string lengths. */
const DESCRIPTION_MAX = 100;
const CHOICES_MAX = 25;
const STRING_LENGTH_MAX = 6000;

/**
 * The Discord client languages each of ours is shown in (Discord's own codes): Spanish for Spain
 * and for Latin America alike. English is the default name and description, so it has no entry.
 */
export const DISCORD_LOCALES: ReadonlyArray<readonly [Locale, DiscordLocale]> = [
  ['es', DiscordLocale.SpanishES],
  ['es', DiscordLocale.SpanishLATAM],
  ['pt-BR', DiscordLocale.PortugueseBR],
  ['ru', DiscordLocale.Russian],
  ['zh-CN', DiscordLocale.ChineseCN],
];

/** Discord's rule for a chat-input command's or option's name, in any language: lowercase where the script has case. */
export const DISCORD_NAME = /^[-_\p{Ll}\p{Lm}\p{Lo}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

/** One text per Discord locale, each fitted (`fit`) to Discord's limits. */
function localized(text: (locale: Locale) => string, fit: (text: string) => string): LocalizationMap {
  return Object.fromEntries(DISCORD_LOCALES.map(([ours, theirs]) => [theirs, fit(text(ours))]));
}

/** A localized name Discord would refuse (the catalogue's tests keep them valid) is left as the default. */
function nameIn(fallback: string): (name: string) => string {
  return (name) => (DISCORD_NAME.test(name) ? name : fallback);
}

function description(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim() || '…';
  return oneLine.length > DESCRIPTION_MAX ? `${oneLine.slice(0, DESCRIPTION_MAX - 1)}…` : oneLine;
}

/**
 * The Discord option names of an attachment option: `image`, then `image2`, `image3`… when `max`
 * > 1; `image1`, `image2`… when it is `numbered`.
 */
export function attachmentOptionNames(option: Pick<AttachmentOption, 'name' | 'max' | 'numbered'>): string[] {
  const count = Math.max(1, option.max ?? 1);
  return Array.from({ length: count }, (_, i) => (i === 0 && !option.numbered ? option.name : `${option.name}${i + 1}`));
}

function toDiscordOptions(spec: CommandSpec, option: OptionSpec, texts: CommandTexts): APIApplicationCommandBasicOption[] {
  const base = {
    name: option.name,
    name_localizations: localized((l) => texts.optionName(l, spec, option), nameIn(option.name)),
    description: description(option.description),
    description_localizations: localized((l) => texts.optionDescription(l, spec, option), description),
    required: Boolean(option.required),
  };
  switch (option.type) {
    case 'string': {
      const out: APIApplicationCommandBasicOption = { ...base, type: ApplicationCommandOptionType.String };
      if (option.choices?.length) {
        out.choices = option.choices.slice(0, CHOICES_MAX).map((c) => ({
          name: c.name,
          name_localizations: localized((l) => texts.choiceName(l, spec, option, c), choiceName),
          value: c.value,
        }));
      } else {
        if (option.minLength !== undefined) out.min_length = Math.min(option.minLength, STRING_LENGTH_MAX);
        if (option.maxLength !== undefined) out.max_length = Math.min(option.maxLength, STRING_LENGTH_MAX);
      }
      return [out];
    }
    case 'integer': {
      const out: APIApplicationCommandBasicOption = { ...base, type: ApplicationCommandOptionType.Integer };
      if (option.min !== undefined) out.min_value = option.min;
      if (option.max !== undefined) out.max_value = option.max;
      return [out];
    }
    case 'attachment': {
      // The first `min` slots are required (the first alone for a required option); the rest optional.
      const needed = requiredFiles(option);
      // Each slot's localized name follows the default's pattern: `imagen`, `imagen2`…
      const suffix = (name: string) => name.slice(option.name.length);
      return attachmentOptionNames(option).map((name, i) => ({
        type: ApplicationCommandOptionType.Attachment,
        name,
        name_localizations: localized((l) => `${texts.optionName(l, spec, option)}${suffix(name)}`, nameIn(name)),
        description: description(slot(option.description, i)),
        description_localizations: localized((l) => slot(texts.optionDescription(l, spec, option), i), description),
        required: i < needed,
      }));
    }
  }
}

/** The second and later slots of an attachment option say which they are: `An image to blend (2)`. */
function slot(text: string, i: number): string {
  return i === 0 ? text : `${text} (${i + 1})`;
}

/** Discord's bound on a choice's name (and each of its localizations). */
function choiceName(text: string): string {
  const oneLine = text.trim() || '…';
  return oneLine.length > DESCRIPTION_MAX ? `${oneLine.slice(0, DESCRIPTION_MAX - 1)}…` : oneLine;
}

function orderedOptions(spec: CommandSpec, texts: CommandTexts): APIApplicationCommandBasicOption[] {
  const options = spec.options.flatMap((o) => toDiscordOptions(spec, o, texts));
  return [...options.filter((o) => o.required), ...options.filter((o) => !o.required)];
}


/** Manage Server: the permission that shows a restricted command to a member. */
export const ADMIN_PERMISSION = PermissionFlagsBits.ManageGuild.toString();

/**
 * What hides a command whose specs all have an audience: Discord shows it only to members with
 * Manage Server (a server may give it to others, such as an operator, under Server Settings →
 * Integrations). Globally it is kept out of DMs too, where Discord applies no permissions and so
 * would show it to everyone. Permissions exist only on top-level commands, hence the /admin group.
 */
function restriction(specs: readonly CommandSpec[], global: boolean): Partial<RESTPostAPIChatInputApplicationCommandsJSONBody> {
  if (!specs.every((s) => s.audience)) return {};
  return { default_member_permissions: ADMIN_PERMISSION, ...(global ? { contexts: [InteractionContextType.Guild] } : {}) };
}

/**
 * One chat-input command per visible CommandSpec, in registry order; specs that share a `group`
 * become subcommands of one command (`/credits balance`). Required options come first, as Discord
 * demands. `global`: registered for every server rather than one (contexts apply only then).
 */
export function buildSlashCommands(
  commands: readonly CommandSpec[],
  opts: { global?: boolean; texts?: CommandTexts } = {},
): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const texts = opts.texts ?? new CommandTexts();
  const visible = commands.filter((spec) => !spec.hidden);
  // Command names are the same in every language (src/core/command-text.ts says why); Discord
  // still sends the default name in an interaction, so findSpec needs nothing from this.
  const sameName = (name: string) => Object.fromEntries(DISCORD_LOCALES.map(([, theirs]) => [theirs, name])) as LocalizationMap;
  const global = opts.global ?? false;
  const out: RESTPostAPIChatInputApplicationCommandsJSONBody[] = [];
  const seenGroups = new Set<string>();
  for (const spec of visible) {
    if (spec.group) {
      if (seenGroups.has(spec.group)) continue;
      seenGroups.add(spec.group);
      const members = visible.filter((c) => c.group === spec.group);
      out.push({
        type: ApplicationCommandType.ChatInput,
        name: spec.group,
        name_localizations: sameName(spec.group),
        description: description(texts.groupDescription('en', spec.group, members)),
        description_localizations: localized((l) => texts.groupDescription(l, spec.group!, members), description),
        ...restriction(members, global),
        options: members.map((m) => {
          const sub: APIApplicationCommandSubcommandOption = {
            type: ApplicationCommandOptionType.Subcommand,
            name: m.name,
            name_localizations: sameName(m.name),
            description: description(m.description),
            description_localizations: localized((l) => texts.description(l, m), description),
          };
          const options = orderedOptions(m, texts);
          if (options.length) sub.options = options;
          return sub;
        }),
      });
      continue;
    }
    const json: RESTPostAPIChatInputApplicationCommandsJSONBody = {
      type: ApplicationCommandType.ChatInput,
      name: spec.name,
      name_localizations: sameName(spec.name),
      description: description(spec.description),
      description_localizations: localized((l) => texts.description(l, spec), description),
      ...restriction([spec], global),
    };
    const options = orderedOptions(spec, texts);
    if (options.length) json.options = options;
    out.push(json);
  }
  return out;
}

/** The spec a slash command names: `/imagine`, or a subcommand such as `/credits balance`. */
export function findSpec(commands: readonly CommandSpec[], name: string, subcommand: string | null): CommandSpec | undefined {
  return commands.find((c) => !c.hidden && (subcommand ? c.group === name && c.name === subcommand : !c.group && c.name === name));
}

/**
 * How a command is typed in Discord, for /help: `/imagine prompt:… [aspect_ratio] [image]`; the
 * slots of an attachment option that needs several files by their names (`image1:… image2:… [image3…5]`).
 */
export function discordUsage(spec: CommandSpec, locale: Locale = SOURCE_LOCALE, texts: CommandTexts = new CommandTexts()): string {
  const parts = [spec.group ? `/${spec.group} ${spec.name}` : `/${spec.name}`];
  const optional: string[] = [];
  for (const o of spec.options) {
    // Each option by the name the reader's picker shows (registered with name_localizations).
    const own = nameIn(o.name)(texts.optionName(locale, spec, o));
    if (o.type !== 'attachment' || requiredFiles(o) <= 1) {
      if (o.required) parts.push(`${own}:…`);
      else optional.push(`[${own}]`);
      continue;
    }
    const names = attachmentOptionNames(o).map((name) => `${own}${name.slice(o.name.length)}`);
    const needed = requiredFiles(o);
    parts.push(...names.slice(0, needed).map((n) => `${n}:…`));
    if (names.length > needed) optional.push(`[${names[needed]}${names.length > needed + 1 ? `…${names.length}` : ''}]`);
  }
  return [...parts, ...optional].join(' ');
}
