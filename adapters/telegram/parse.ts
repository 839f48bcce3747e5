/**
 * Turns the text after a Telegram command into raw options, derived from the command's declared
 * options (DESIGN rule 1): the `rest` option takes the free text, each `flag` option a
 * `--flag value` (or `--flag=value`) anywhere in it, a `flagText` option every word up to the next
 * `--flag`. Other `--x` flags stay in the free text, so
 * Midjourney parameters (`--stylize 250`, `--no text`) reach the prompt untouched.
 */
import type { CommandSpec, OptionSpec, RawOptions } from '../../src/core/command.ts';
import { UserError } from '../../src/core/errors.ts';
import { msg, type Text } from '../../src/i18n/index.ts';
import { nested } from '../shared/nested-text.ts';

/** The command at the start of a message: `/imagine@framebot a red fox` → name `imagine`, target `framebot`. */
export interface CommandHead {
  name: string;
  /** The bot named after `@`, when there is one. */
  target?: string;
  /** Everything after the command, leading whitespace removed. */
  args: string;
}

interface Entity {
  type: string;
  offset: number;
  length: number;
}

/**
 * Reads the command of a text or caption. Telegram marks a command with a `bot_command` entity at
 * offset 0; without one the message is not a command (as Telegram clients and grammY see it).
 */
export function commandHead(text: string | undefined, entities: readonly Entity[] | undefined): CommandHead | undefined {
  if (!text) return undefined;
  const entity = entities?.find((e) => e.type === 'bot_command' && e.offset === 0);
  if (!entity) return undefined;
  const token = text.slice(1, entity.length);
  const at = token.indexOf('@');
  const name = (at === -1 ? token : token.slice(0, at)).toLowerCase();
  if (!name) return undefined;
  const head: CommandHead = { name, args: text.slice(entity.length).trimStart() };
  if (at !== -1) head.target = token.slice(at + 1);
  return head;
}

/** `--ar`, and `—ar` too: phones often turn a typed `--` into an em dash. */
const DASHES = '(?:--|\\u2014)';

/** The flag a user types for an option: its declared `flag`, else its own name (options with no other way in). */
export function flagName(option: OptionSpec): string | undefined {
  if (option.type === 'attachment') return undefined;
  if (option.flag) return option.flag;
  if (option.rest) return undefined;
  return option.name;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function convert(option: OptionSpec, value: string): string | number {
  // Only plain decimal digits are a number; anything else (`+7`, `-1`, `0x10`) is passed on as typed,
  // so the schema refuses it in its own words.
  if (option.type === 'integer' && /^\d+$/.test(value)) return Number(value);
  return value;
}

/**
 * Parses `args` (the text after the command) for `spec`. Unknown flags are not errors: they stay in
 * the free text. A flag given twice is refused (a UserError): which one was meant cannot be known.
 * A flag with no value gives '' so the schema explains what is expected.
 */
export function parseArgs(spec: Pick<CommandSpec, 'options'>, args: string): RawOptions {
  const raw: RawOptions = {};
  let text = args;
  for (const option of spec.options) {
    const flag = flagName(option);
    if (!flag) continue;
    const values: string[] = [];
    if (option.type === 'string' && option.flagText) {
      // Every word up to the next `--flag` (or the end): `--neg blurry, text --count 4`.
      const words = new RegExp(`(^|\\s)${DASHES}${escapeRegExp(flag)}(?:=|\\s+(?!${DASHES}[A-Za-z])|(?=\\s|$))([\\s\\S]*?)(?=\\s+${DASHES}[A-Za-z]|$)`, 'gi');
      text = text.replace(words, (_m, lead: string, value: string) => {
        values.push(value.trim());
        return lead;
      });
    } else {
      // At the start or after whitespace: `--ar 16:9`, `--ar=16:9`, or a bare `--ar` at the end / before another flag.
      const pattern = new RegExp(`(^|\\s)${DASHES}${escapeRegExp(flag)}(?:=(\\S*)|\\s+(?!${DASHES})(\\S+)|(?=\\s|$))`, 'gi');
      text = text.replace(pattern, (_m, lead: string, eqValue: string | undefined, spacedValue: string | undefined) => {
        values.push(eqValue ?? spacedValue ?? '');
        return lead;
      });
    }
    if (values.length > 1) {
      // "a and b and c", each joined in the reader's language; an empty value is said as "nothing".
      const shown = values
        .map((v): Text | string => (v ? (v.length > 40 ? `${v.slice(0, 39)}…` : v) : msg('error-repeated-flag-nothing')))
        .reduce((first, second) => msg('error-repeated-flag-and', { first: nested(first), second: nested(second) }));
      throw new UserError('repeated_flag', msg('error-repeated-flag', { flag, count: values.length, shown: nested(shown) }), { flag });
    }
    if (values.length === 1) raw[option.name] = option.type === 'string' && option.flagText ? values[0]! : convert(option, values[0]!);
  }
  // What is left fills the `rest` options in order: a number takes one word, a text all the rest.
  let free = text
    .replace(/[ \t]{2,}/g, ' ')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n[ \t]+/g, '\n')
    .trim();
  for (const option of spec.options) {
    if (option.type === 'attachment' || !option.rest || !free) continue;
    if (option.type === 'integer') {
      const [, word = '', after = ''] = /^(\S+)\s*([\s\S]*)$/.exec(free) ?? [];
      raw[option.name] = convert(option, word);
      free = after;
    } else {
      raw[option.name] = free;
      free = '';
    }
  }
  return raw;
}

export type Resolved =
  | { kind: 'command'; spec: CommandSpec; args: string }
  /** `/credits foo`: a group of subcommands, none of them named. */
  | { kind: 'group'; group: string; subcommands: CommandSpec[] };

/**
 * Finds what a command names: a top-level command, or a subcommand read from the next word
 * (`/credits history 2`), or the group's default subcommand when no word follows (`/credits`).
 * An older spelling (`/credits grant 100` for `/admin grant 100`) finds the command it became.
 */
export function resolveCommand(commands: readonly CommandSpec[], name: string, args: string): Resolved | undefined {
  const top = commands.find((c) => !c.hidden && !c.group && c.name === name);
  if (top) return { kind: 'command', spec: top, args };
  const [, word = '', after = ''] = /^(\S+)\s*([\s\S]*)$/.exec(args) ?? [];
  const subcommands = commands.filter((c) => !c.hidden && c.group === name);
  const sub =
    subcommands.find((c) => c.name === word.toLowerCase()) ??
    commands.find((c) => !c.hidden && c.aliases?.some((a) => a.group === name && a.name === word.toLowerCase()));
  if (sub) return { kind: 'command', spec: sub, args: after };
  if (subcommands.length === 0) return undefined;
  const fallback = subcommands.find((c) => c.groupDefault);
  if (fallback && (word === '' || word.startsWith('-'))) return { kind: 'command', spec: fallback, args };
  return { kind: 'group', group: name, subcommands };
}
