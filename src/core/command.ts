import { FluentType } from '@fluent/bundle';
import type { z } from 'zod';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/index.ts';
import type { ProviderRegistry } from '../providers/registry.ts';
import type { JobType } from '../providers/jobs.ts';
import type { IncomingAttachment, Panel, Question, Responder, Scope } from './chat.ts';
import type { TaskService } from './tasks.ts';
import type { CreditService } from './credits.ts';
import type { PhotoService } from './photos.ts';
import type { Inbox } from './inbox.ts';
import type { InstanceLeases } from './instance-leases.ts';
import type { SettingsService } from './settings.ts';
import type { UserRateLimiter } from './rate-limit.ts';
import type { Metrics } from '../metrics.ts';
import type { Scrub } from './redact.ts';
import { UserError } from './errors.ts';
import type { AccessService } from './access.ts';
import type { BannedWords } from './banned-words.ts';
import { msg, t, type Locale, type MessageArgs, type Text } from '../i18n/index.ts';

/**
 * A command is declared once (commands/*.ts); both adapters derive their interface from this:
 * Discord builds slash-command options, Telegram its parser and /help text.
 */
interface OptionBase {
  name: string;
  description: string;
  required?: boolean;
}
export interface StringOption extends OptionBase {
  type: 'string';
  minLength?: number;
  maxLength?: number;
  choices?: ReadonlyArray<{ name: string; value: string }>;
  /**
   * Choices that depend on what this bot runs (the models a provider offers): they replace
   * `choices` when the commands are offered (offeredCommands), before either platform reads them.
   */
  choicesFor?(providers: ProviderRegistry): ReadonlyArray<{ name: string; value: string }>;
  /** On Telegram: the free text after the command fills this option. */
  rest?: boolean;
  /** On Telegram: a `--flag value` inside the text fills this option (e.g. `--ar 16:9`). */
  flag?: string;
  /** On Telegram: the flag's value is every word up to the next `--flag` (a negative prompt), not one word. */
  flagText?: boolean;
}
export interface IntegerOption extends OptionBase {
  type: 'integer';
  min?: number;
  max?: number;
  /** On Telegram: the first word after the command fills this option. */
  rest?: boolean;
  flag?: string;
}
export interface AttachmentOption extends OptionBase {
  type: 'attachment';
  /** How many files Discord offers (name, name2, …); Telegram takes the photos of the message. */
  max?: number;
  /** How many files the command needs (default: 1 when required, else 0): Discord makes that many slots required. */
  min?: number;
  /** Discord numbers every slot (image1, image2, …) instead of leaving the first bare (image, image2, …). */
  numbered?: boolean;
}

/** How many files an attachment option needs. */
export function requiredFiles(option: AttachmentOption): number {
  return option.min ?? (option.required ? 1 : 0);
}
export type OptionSpec = StringOption | IntegerOption | AttachmentOption;

/** What handlers may use; built once in main.ts. */
export interface Services {
  store: Store;
  tasks: TaskService;
  credits: CreditService;
  photos: PhotoService;
  inbox: Inbox;
  /** This instance's hold on the work it has taken (renewed while it runs, let go at a stop). */
  leases: InstanceLeases;
  settings: SettingsService;
  /** USER_RATE_LIMIT: every command and press passes it first (dispatch). */
  rateLimiter: UserRateLimiter;
  metrics: Metrics;
  /** The image services this bot runs (commands ask it for an image host, and whether a service is on). */
  providers: ProviderRegistry;
  log: Logger;
  /** Removes the configured secrets from a text before it is shown in a chat. */
  scrub: Scrub;
  /** Who may use the bot: allow and deny lists, checked before every command. */
  access: AccessService;
  /** Words refused in prompts, checked before anything is charged. */
  bannedWords: BannedWords;
}

export interface CommandContext {
  scope: Scope;
  respond: Responder;
  services: Services;
  /** The commands of this bot, for /help. */
  commands: readonly CommandSpec[];
  /** How the user types `spec` on this platform (e.g. "/imagine <prompt> [--ar 16:9]"). */
  usage(spec: CommandSpec, locale?: Locale): string;
  /** Asks the platform (never the message) whether the user administers this group. */
  isGroupAdmin(): Promise<boolean>;
  /**
   * The platform event this command came from (`telegram:update:42`): what it starts carries it,
   * so the same event handled twice (a replay after a crash) starts nothing twice.
   */
  origin?: string;
  /** The language to answer in (the scope's, resolved by dispatch). */
  locale: Locale;
  /** A catalogue message in that language. */
  t(id: string, args?: MessageArgs): string;
}

/** What an adapter hands dispatch: the context before the reader's language is known. */
export type CommandCall = Omit<CommandContext, 'locale' | 't'>;

/** The context of a command answered in `locale` (its scope carries it, for the tasks it starts). */
export function inLocale(call: CommandCall, locale: Locale): CommandContext {
  return { ...call, scope: { ...call.scope, locale }, locale, t: (id, args) => t(locale, id, args) };
}

/** Raw option values as an adapter collected them; attachments arrive as lists. */
export type RawOptions = Record<string, string | number | boolean | IncomingAttachment[] | undefined>;

/** Who a restricted command is for (see CommandSpec.audience). */
export type Audience = 'operators' | 'admins';

export interface CommandSpec<I = any> {
  /** For a subcommand, its own name (`history` in `/credits history`). */
  name: string;
  /** The command this one is a subcommand of (`credits`); Discord nests it, Telegram reads the next word. */
  group?: string;
  /** The subcommand Telegram runs when the group's name is typed alone (`/credits`). */
  groupDefault?: boolean;
  description: string;
  /** How the arguments are typed on Telegram when the options alone would mislead (free-form words). */
  telegramArgs?: string;
  options: readonly OptionSpec[];
  /** Validates raw options; its messages are written for the user. */
  input: z.ZodType<I>;
  /** True when run() waits on the network: Discord defers at once, Telegram shows "typing". */
  slow: boolean;
  /** Hidden commands (button actions) have no slash command and no help line. */
  hidden?: boolean;
  /** False for what is not typed as a command (photos sent to an open set): USER_RATE_LIMIT does not count it. */
  rateLimited?: boolean;
  /**
   * Who may run it, when not everyone: the bot's operators (BOT_ADMINS), or admins of the server or
   * group (operators too). Platforms hide it from everyone else where they can (Discord's
   * default_member_permissions, Telegram's menu per scope); run() or authorize() still checks.
   */
  audience?: Audience;
  /** Older spellings Telegram still accepts (`/credits grant` for `/admin grant`), so muscle memory keeps working. */
  aliases?: ReadonlyArray<{ group: string; name: string }>;
  /** The job it starts: the command is offered only when a configured provider runs it. */
  requires?: JobType;
  /**
   * What the user typed that goes to an image service as (part of) a prompt: dispatch refuses it
   * when it holds a banned word, before anything else runs, so nothing is charged.
   */
  prompts?(input: I): ReadonlyArray<string | undefined>;
  /** Quick checks (the input, the store; nothing sent) that may refuse before anything is shown publicly. */
  authorize?(ctx: CommandContext, input: I): void | Promise<void>;
  /**
   * What must be asked before the command can run (a remix prompt, a zoom factor): asked instead
   * of running, as the interaction's first answer; the answer comes back as a new command.
   */
  ask?(ctx: CommandContext, input: I): Promise<Question | undefined>;
  /**
   * A choice to make before the command can run (the model, when /generate names none): shown as a
   * panel instead of running, as the interaction's first answer. The panel's payload names what the
   * command stored to go on with, so the pick continues the same request.
   */
  choose?(ctx: CommandContext, input: I): Promise<Panel | undefined>;
  run(ctx: CommandContext, input: I): Promise<void>;
}

/**
 * The commands this bot offers: those whose job a configured provider runs, each option's choices
 * fitted to it (only the models the provider offers). Both adapters and /help read this list.
 */
export function offeredCommands(commands: readonly CommandSpec[], providers: ProviderRegistry): CommandSpec[] {
  return commands
    .filter((c) => !c.requires || providers.forJob(c.requires))
    .map((c) =>
      c.options.some((o) => o.type === 'string' && o.choicesFor)
        ? { ...c, options: c.options.map((o) => (o.type === 'string' && o.choicesFor ? { ...o, choices: o.choicesFor(providers) } : o)) }
        : c,
    );
}

/** What zod's issue says when the schema wrote no message for it. */
const UNWRITTEN = '\u0000unwritten';

/** The fixed arguments of schema messages, by id (schemaMessage). */
const schemaArgs = new Map<string, MessageArgs>();

/**
 * A zod message naming catalogue message `id`, with arguments fixed when the schema is built (a
 * list of choices): zod carries only the message's text, so the arguments are kept here, by id.
 * An id names one set of fixed arguments; what varies per input comes from the issue (issueArgs).
 */
export function schemaMessage(id: string, args: MessageArgs): string {
  schemaArgs.set(id, args);
  return id;
}

/**
 * A schema message that names a catalogue message (`input-page-whole`) rather than being English:
 * one lowercase word with dashes (no English sentence is). One the catalogue lacks is still taken
 * for an id, so the translator reports it (and tests fail) instead of a user reading the raw id.
 */
function catalogueId(message: string): string | undefined {
  return /^[a-z][a-z0-9]*(-[a-z0-9]+)+$/.test(message) ? message : undefined;
}

/**
 * The arguments a schema's catalogue message is rendered with: a custom issue's params (but its
 * `code`), an enum's choices (`values`, listed) and the bound a size check names (`minimum`,
 * `maximum`), so `.max(6000, 'input-…')` can say `{ $maximum }`.
 */
function issueArgs(issue: z.core.$ZodIssue): MessageArgs {
  const args: MessageArgs = { ...schemaArgs.get(issue.message) };
  const params = issue.code === 'custom' ? issue.params : undefined;
  for (const [key, value] of Object.entries(params ?? {})) {
    if (key !== 'code' && (typeof value === 'string' || typeof value === 'number' || value instanceof FluentType)) args[key] = value as MessageArgs[string];
  }
  // An enum's choices, as a list to name ("one of 1:1, 16:9").
  if (issue.code === 'invalid_value') args.values = issue.values.map(String).join(', ');
  for (const key of ['minimum', 'maximum'] as const) {
    const value = (issue as Partial<Record<typeof key, unknown>>)[key];
    if (typeof value === 'number' || typeof value === 'bigint') args[key] = Number(value);
  }
  return args;
}

/**
 * Validates raw options against the command's schema; the first problem becomes a UserError
 * carrying a catalogue message, rendered in the reader's language where it is shown. Its code is
 * `invalid_input`, unless the schema named a stable code of its own (a custom issue's
 * `params.code`, e.g. `size_and_aspect`). A schema's message is a catalogue id (`input-…`), its
 * arguments from the issue (issueArgs), or English not yet moved, shown as it is.
 */
export function parseInput<I>(spec: CommandSpec<I>, raw: RawOptions): I {
  // Schemas carry messages written for users; zod's own defaults ("Invalid string: …") are not:
  // a message the schema did not write is marked (a per-parse error ranks below the schema's own).
  const parsed = spec.input.safeParse(raw, { error: () => UNWRITTEN });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const option = issue?.path[0];
  const named = issue?.code === 'custom' && typeof issue.params?.code === 'string' ? issue.params.code : undefined;
  const written = issue && issue.message !== UNWRITTEN && !issue.message.startsWith('Invalid input') ? issue.message : undefined;
  const id = written === undefined ? undefined : catalogueId(written);
  const optionName = typeof option === 'string' ? option.replace(/_/g, ' ') : undefined;
  const text: Text | string =
    id && issue
      ? msg(id, issueArgs(issue))
      : (written ??
        (issue?.code === 'invalid_type' && issue.input === undefined && optionName !== undefined
          ? msg('input-missing', { option: optionName })
          : optionName !== undefined
            ? msg('input-invalid', { option: optionName })
            : msg('input-invalid-any')));
  throw new UserError(named ?? 'invalid_input', text, { command: spec.name, option });
}
