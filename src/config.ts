import { readFileSync } from 'node:fs';
import type { QueueLimits } from './core/queue-limits.ts';
import { isIP } from 'node:net';
import { z } from 'zod';
import { databaseUrlSchema, type DatabaseUrl } from './store/postgres/url.ts';
import { COST_KEYS, DEFAULT_COSTS, type Costs } from './core/costs.ts';
import { DEFAULT_BANNED_WORDS, parseBannedWords } from './core/banned-words.ts';
import { parseRateLimit, type RateLimit } from './core/rate-limit.ts';
import { IMAGE_MODEL_IDS, type ImageModel } from './providers/image-models.ts';
import { lookupEnv, lookupTable, type LookupTable } from './providers/aiphotogenerator/lookup.ts';
import { AIPHOTOGENERATOR_BASE_URL } from './providers/aiphotogenerator/service.ts';
import { shardCountEnv, shardIdsEnv, shardPlan, type ShardPlan } from './discord-shards.ts';

/** Thrown when the environment cannot start the bot; its message is one line meant for the operator. */
/** Where the SQLite file is when DATABASE_PATH is unset (the backup command reads it too). */
export const DEFAULT_DATABASE_PATH = 'data/framebot.sqlite';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const httpUrl = (example: string) =>
  z
    .string()
    .trim()
    .url({ message: `must be a URL such as ${example}` })
    .refine((v) => /^https?:\/\//.test(v), { message: `must start with http:// or https://, e.g. ${example}` })
    .transform((v) => v.replace(/\/+$/, ''));

/** Hosts where plain http is fine: the tests' fakes and a proxy on this machine. */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** The ports Telegram delivers webhooks to (Bot API, setWebhook). */
const TELEGRAM_WEBHOOK_PORTS = new Set(['', '443', '80', '88', '8443']);
/** Paths the bot's HTTP server already serves, which a Telegram webhook must not take. */
const RESERVED_PATHS = /^\/(healthz|readyz|metrics)\/?$|^\/(files|webhooks)(\/|$)/;

/** TELEGRAM_WEBHOOK_URL: the whole address Telegram posts to; its path is served by the bot's HTTP server. */
const telegramWebhookUrl = z
  .string()
  .trim()
  .url({ message: 'must be a URL such as https://bot.example.com/telegram' })
  .superRefine((v, ctx) => {
    // zod runs this even after .url() failed: that failure is the message then.
    if (!URL.canParse(v)) return;
    const url = new URL(v);
    const local = LOOPBACK.has(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) {
      ctx.addIssue({ code: 'custom', message: 'must be an https:// address (Telegram delivers webhooks only over HTTPS; http is allowed for 127.0.0.1 or localhost only)' });
    } else if (!local && !TELEGRAM_WEBHOOK_PORTS.has(url.port)) {
      ctx.addIssue({ code: 'custom', message: `must use port 443, 80, 88 or 8443 (Telegram delivers webhooks to no other), not ${url.port}: put a reverse proxy on one of them in front of PORT` });
    }
    if (url.search || url.hash) ctx.addIssue({ code: 'custom', message: 'must have no ?query or #fragment: the bot serves its path, and TELEGRAM_WEBHOOK_SECRET is the secret' });
    if (RESERVED_PATHS.test(url.pathname)) {
      ctx.addIssue({ code: 'custom', message: `must not use the path ${url.pathname}, which the bot serves for something else: use e.g. /telegram` });
    }
  });

/**
 * TELEGRAM_WEBHOOK_SECRET: Telegram's alphabet and limit (1-256 of A-Z a-z 0-9 _ -), but at least 16
 * characters: whoever knows it can post updates as any user, operators included.
 */
const telegramWebhookSecret = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_-]{16,256}$/, { message: 'must be 16 to 256 characters of A-Z, a-z, 0-9, _ and - (e.g. `openssl rand -hex 32`)' });

const snowflake = z.string().trim().regex(/^\d{5,25}$/, { message: 'must be a Discord id (digits only)' });

/** An IP address or a host name such as localhost: where the HTTP server listens. */
const HOST_NAME = /^[a-z\d]([a-z\d-]*[a-z\d])?(\.[a-z\d]([a-z\d-]*[a-z\d])?)*$/i;
const listenHost = z
  .string()
  .trim()
  .refine((v) => isIP(v) !== 0 || HOST_NAME.test(v), { message: 'must be an address to listen on, e.g. 127.0.0.1 (this machine only) or 0.0.0.0 (every interface)' });

const positiveInt = (min: number, max: number) =>
  z.coerce.number({ message: 'must be a whole number' }).int({ message: 'must be a whole number' }).min(min).max(max);

/** AIPHOTOGENERATOR_MODELS: a comma list of the API ids this bot offers, in the operator's order. */
const modelList = z
  .string()
  .transform((text) => [...new Set(text.split(',').map((s) => s.trim()).filter(Boolean))])
  .superRefine((ids, ctx) => {
    const unknown = ids.filter((id) => !(IMAGE_MODEL_IDS as readonly string[]).includes(id));
    if (unknown.length > 0) {
      ctx.addIssue({ code: 'custom', message: `names unknown model ${unknown.map((id) => `"${id}"`).join(', ')} (valid: ${IMAGE_MODEL_IDS.join(', ')})` });
    }
    if (ids.length === 0) ctx.addIssue({ code: 'custom', message: `must name at least one of ${IMAGE_MODEL_IDS.join(', ')}` });
  })
  .transform((ids) => ids as ImageModel[]);

/** A comma list of platform-prefixed ids (BOT_ADMINS, ALLOWED_CHATS, BLOCKED_USERS), e.g. discord:123,telegram:-100456. */
const prefixedIds = (example: string) =>
  z
    .string()
    .trim()
    .regex(/^(discord|telegram):-?\d+(\s*,\s*(discord|telegram):-?\d+)*$/, { message: `must be a comma-separated list such as ${example}` });

/** ALLOWED_GUILDS: Discord server ids, bare or as discord:<id>. */
const guildIds = z
  .string()
  .trim()
  .regex(/^(discord:)?\d{5,25}(\s*,\s*(discord:)?\d{5,25})*$/, { message: 'must be a comma-separated list of Discord server ids such as 123456789012345678,234567890123456789' });

/** Each item of a comma list, trimmed, with `prefix` added where it is missing. */
const listOf = (text: string | undefined, prefix = ''): string[] =>
  [...new Set((text ?? '').split(',').map((s) => s.trim()).filter(Boolean).map((s) => (prefix && !s.startsWith(prefix) ? prefix + s : s)))];
/** USER_RATE_LIMIT: `10/60s`, or `off`. */
const rateLimitEnv = z
  .string()
  .transform((text, ctx) => {
    const parsed = parseRateLimit(text);
    if (parsed === 'off') return undefined;
    if (typeof parsed !== 'string') return parsed;
    ctx.addIssue({ code: 'custom', message: parsed });
    return z.NEVER;
  });

const schema = z
  .object({
    // At least one image service must be configured (checked below).
    APIFRAME_API_KEY: optionalText,
    APIFRAME_BASE_URL: httpUrl('https://api.apiframe.pro').default('https://api.apiframe.pro'),
    AIPHOTOGENERATOR_API_TOKEN: optionalText.pipe(
      z.string().regex(/^\S+$/, { message: 'must be the API token from your aiphotogenerator.net user menu (no spaces)' }).optional(),
    ),
    AIPHOTOGENERATOR_BASE_URL: httpUrl(AIPHOTOGENERATOR_BASE_URL).default(AIPHOTOGENERATOR_BASE_URL),
    AIPHOTOGENERATOR_TIMEOUT_MS: positiveInt(100, 300_000).default(30_000),
    AIPHOTOGENERATOR_MODELS: modelList.optional(),
    AIPHOTOGENERATOR_LOOKUP_PATH: lookupEnv.AIPHOTOGENERATOR_LOOKUP_PATH.optional(),
    AIPHOTOGENERATOR_STATUS_MAP: lookupEnv.AIPHOTOGENERATOR_STATUS_MAP.optional(),
    AIPHOTOGENERATOR_URL_FIELDS: lookupEnv.AIPHOTOGENERATOR_URL_FIELDS.optional(),
    DISCORD_TOKEN: optionalText,
    DISCORD_APPLICATION_ID: optionalText.pipe(snowflake.optional()),
    DISCORD_GUILD_ID: optionalText.pipe(snowflake.optional()),
    DISCORD_API_URL: optionalText.pipe(httpUrl('http://127.0.0.1:9000/api').optional()),
    DISCORD_MESSAGE_CONTENT: z.stringbool({ message: 'must be true or false' }).default(false),
    DISCORD_SHARD_COUNT: shardCountEnv.optional(),
    DISCORD_SHARD_IDS: shardIdsEnv.optional(),
    DISCORD_REGISTER_COMMANDS: z.stringbool({ message: 'must be true or false' }).default(true),
    TELEGRAM_BOT_TOKEN: optionalText.pipe(
      z.string().regex(/^\d+:[\w-]+$/, { message: 'must look like 123456:ABC-DEF… (from @BotFather)' }).optional(),
    ),
    TELEGRAM_API_ROOT: httpUrl('https://api.telegram.org').default('https://api.telegram.org'),
    TELEGRAM_WEBHOOK_URL: telegramWebhookUrl.optional(),
    TELEGRAM_WEBHOOK_SECRET: telegramWebhookSecret.optional(),
    DATABASE_PATH: z.string().trim().min(1).default(DEFAULT_DATABASE_PATH),
    DATABASE_URL: optionalText.pipe(databaseUrlSchema.optional()),
    PUBLIC_URL: optionalText.pipe(httpUrl('https://bot.example.com').optional()),
    WEBHOOK_SECRET: optionalText.pipe(z.string().min(16, { message: 'must be at least 16 characters' }).optional()),
    METRICS_TOKEN: optionalText.pipe(z.string().regex(/^\S{16,}$/, { message: 'must be at least 16 characters without spaces (e.g. `openssl rand -hex 24`)' }).optional()),
    HOST: listenHost.default('0.0.0.0'),
    PORT: positiveInt(0, 65535).default(8080),
    POLL_INTERVAL_MS: positiveInt(200, 600_000).optional(),
    POLL_MAX_INTERVAL_MS: positiveInt(200, 600_000).default(30_000),
    APIFRAME_TIMEOUT_MS: positiveInt(100, 300_000).default(30_000),
    TASK_DEADLINE_MS: positiveInt(60_000, 86_400_000).default(20 * 60_000),
    APIFRAME_CONCURRENCY: positiveInt(1, 10_000).default(100),
    AIPHOTOGENERATOR_CONCURRENCY: positiveInt(1, 10_000).default(100),
    MAX_JOBS_PER_USER: positiveInt(0, 100_000).default(30),
    MAX_JOBS_PER_GROUP: positiveInt(0, 100_000).default(100),
    SHUTDOWN_GRACE_MS: positiveInt(0, 600_000).default(10_000),
    INSTANCE_LEASE_MS: positiveInt(1_000, 600_000).default(30_000),
    STARTUP_TIMEOUT_MS: positiveInt(100, 600_000).default(30_000),
    PROVIDER_CREDITS_WARN: positiveInt(0, 1_000_000_000).default(500),
    FREE_CREDITS: positiveInt(0, 1_000_000).default(0),
    USER_RATE_LIMIT: rateLimitEnv.optional(),
    BOT_ADMINS: prefixedIds('discord:123456789012345678,telegram:5678').optional(),
    BANNED_WORDS_FILE: z.string().trim().optional(),
    ALLOWED_GUILDS: guildIds.optional(),
    ALLOWED_CHATS: prefixedIds('telegram:-1001234567890,discord:123456789012345678').optional(),
    BLOCKED_USERS: prefixedIds('telegram:5678,discord:123456789012345678').optional(),
    ACCESS_QUIET_MS: positiveInt(0, 7 * 86_400_000).default(3_600_000),
    CREDIT_COSTS: z
      .string()
      .trim()
      .regex(/^\w+\s*=\s*\d+(\s*,\s*\w+\s*=\s*\d+)*$/, { message: 'must look like imagine=4,upscale=2' })
      .optional(),
    CREDIT_COSTS_FILE: z.string().trim().optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    LOG_PRETTY: z.stringbool({ message: 'must be true or false' }).default(false),
  })
  .superRefine((env, ctx) => {
    if (!env.APIFRAME_API_KEY && !env.AIPHOTOGENERATOR_API_TOKEN) {
      ctx.addIssue({
        code: 'custom',
        path: ['APIFRAME_API_KEY'],
        message: 'is required unless AIPHOTOGENERATOR_API_TOKEN is set: framebot needs at least one image service (set either or both)',
      });
    }
    if (!env.DISCORD_TOKEN && !env.TELEGRAM_BOT_TOKEN) {
      ctx.addIssue({
        code: 'custom',
        path: ['DISCORD_TOKEN'],
        message: 'or TELEGRAM_BOT_TOKEN must be set: framebot needs at least one platform to talk on',
      });
    }
    if (env.DISCORD_TOKEN && !env.DISCORD_APPLICATION_ID) {
      ctx.addIssue({
        code: 'custom',
        path: ['DISCORD_APPLICATION_ID'],
        message: 'is required with DISCORD_TOKEN: the Application ID from the Discord developer portal',
      });
    }
    const shards = shardPlan(env.DISCORD_SHARD_COUNT, env.DISCORD_SHARD_IDS);
    if ('problem' in shards) ctx.addIssue({ code: 'custom', path: [shards.problem.name], message: shards.problem.message });
    if (env.TELEGRAM_WEBHOOK_URL && !env.TELEGRAM_BOT_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['TELEGRAM_WEBHOOK_URL'], message: 'needs TELEGRAM_BOT_TOKEN: it is where Telegram posts that bot\'s updates' });
    }
    // Required, not generated: every instance behind the address must check the same secret, and
    // one generated per process would make each refuse the updates meant for the others.
    if (env.TELEGRAM_WEBHOOK_URL && !env.TELEGRAM_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['TELEGRAM_WEBHOOK_SECRET'],
        message: 'is required when TELEGRAM_WEBHOOK_URL is set: 16 to 256 characters of A-Z, a-z, 0-9, _ and - (e.g. `openssl rand -hex 32`), the same on every instance',
      });
    }
    // Likely a misspelt URL variable: the bot would poll, and deleting the webhook at start would take it from other instances.
    if (env.TELEGRAM_WEBHOOK_SECRET && !env.TELEGRAM_WEBHOOK_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['TELEGRAM_WEBHOOK_URL'],
        message: 'is required when TELEGRAM_WEBHOOK_SECRET is set (or remove the secret to use long polling)',
      });
    }
    if (env.PUBLIC_URL && !env.WEBHOOK_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['WEBHOOK_SECRET'],
        message: 'is required when PUBLIC_URL is set: a random string of 16+ characters (e.g. `openssl rand -hex 24`)',
      });
    }
  });

/** Every variable the configuration reads (the README's table and .env.example list each one). */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(schema.shape);

export interface Config {
  /** Set when APIFRAME_API_KEY is. */
  apiframe?: { apiKey: string; baseUrl: string; timeoutMs: number };
  /** Set when AIPHOTOGENERATOR_API_TOKEN is. */
  aiphotogenerator?: { token: string; baseUrl: string; timeoutMs: number; models: ImageModel[]; lookup: LookupTable };
  discord?: {
    token: string;
    applicationId: string;
    guildId?: string;
    apiUrl?: string;
    /** The privileged Message Content intent: photos from any message, not only DMs and @mentions. */
    messageContent: boolean;
    /** The gateway shards this instance runs (DISCORD_SHARD_COUNT, DISCORD_SHARD_IDS). */
    shards: ShardPlan;
    /** Whether start-up registers the slash commands; off in every instance but one, or all when `npm run register` does it. */
    registerCommands: boolean;
  };
  telegram?: {
    token: string;
    apiRoot: string;
    /** Webhook mode (TELEGRAM_WEBHOOK_URL): Telegram posts updates to `url` with `secret`; otherwise long polling. */
    webhook?: { url: string; secret: string };
  };
  /** The SQLite file; with DATABASE_URL, only the folder of the photo and hosted-file folders. */
  databasePath: string;
  /** PostgreSQL instead of SQLite (DATABASE_URL). */
  databaseUrl?: DatabaseUrl;
  publicUrl?: string;
  webhookSecret?: string;
  /** When set, GET /metrics needs it as a bearer token. */
  metricsToken?: string;
  /** The queue: jobs each provider runs at once, and the caps on open jobs (0: none). */
  queue: QueueLimits;
  /** The address the HTTP server listens on. */
  host: string;
  port: number;
  /** How often unfinished tasks are swept; shorter when webhooks are not available. */
  pollIntervalMs: number;
  /** Without webhooks, the longest a job goes unread (adaptive polling); never below pollIntervalMs. */
  pollMaxIntervalMs: number;
  taskDeadlineMs: number;
  /** How long a stop may take before the process exits with work left for the next start. */
  shutdownGraceMs: number;
  /** How long the work of an instance that stopped answering waits before another takes it over. */
  instanceLeaseMs: number;
  /** How long each platform and image service may take to answer at start before start-up fails. */
  startupTimeoutMs: number;
  /** A provider's remaining credits below this are logged as a warning. */
  creditsWarnBelow: number;
  logLevel: string;
  /** Log text for a person at a terminal instead of JSON lines. */
  logPretty: boolean;
  freeCredits: number;
  /** Operators as `platform:userId`. */
  operators: Set<string>;
  /** Commands (and button presses) per user per sliding window; unset: no limit. Operators are exempt. */
  userRateLimit?: RateLimit;
  costs: Costs;
  /** Words and phrases refused in prompts before anything is charged (BANNED_WORDS_FILE, else the default list). */
  bannedWords: string[];
  /** Who may use the bot (see README, "Allow and deny lists"); ids are platform-prefixed. */
  access: AccessConfig;
  /** Every secret value, so the logger can scrub them from any line. */
  secrets: string[];
}

export interface AccessConfig {
  /** Discord servers, as discord:<id>; empty: every server. */
  allowedGuilds: string[];
  /** Telegram groups and Discord channels, platform-prefixed; empty for a platform: every one of it. */
  allowedChats: string[];
  blockedUsers: string[];
  /** After a refusal, how long the same user or chat is refused in silence. */
  quietMs: number;
}

/** Parses the environment; throws ConfigError with one line per problem, never echoing a value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // `NAME=` lines in .env mean "not set": drop empty values so defaults apply.
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = schema.safeParse(given);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? 'environment');
      // Only a variable that is absent is "required"; one that is set but malformed gets its own message.
      const message = issue.code === 'invalid_type' && given[name] === undefined ? 'is required' : issue.message;
      return `${name} ${message}`;
    });
    throw new ConfigError(`Configuration problem: ${lines.join('; ')}. See .env.example.`);
  }
  const e = parsed.data;
  const discord = e.DISCORD_TOKEN
    ? {
        token: e.DISCORD_TOKEN,
        applicationId: e.DISCORD_APPLICATION_ID!,
        guildId: e.DISCORD_GUILD_ID,
        apiUrl: e.DISCORD_API_URL,
        messageContent: e.DISCORD_MESSAGE_CONTENT,
        shards: discordShards(e.DISCORD_SHARD_COUNT, e.DISCORD_SHARD_IDS),
        registerCommands: e.DISCORD_REGISTER_COMMANDS,
      }
    : undefined;
  const telegram = e.TELEGRAM_BOT_TOKEN
    ? {
        token: e.TELEGRAM_BOT_TOKEN,
        apiRoot: e.TELEGRAM_API_ROOT,
        ...(e.TELEGRAM_WEBHOOK_URL && e.TELEGRAM_WEBHOOK_SECRET ? { webhook: { url: e.TELEGRAM_WEBHOOK_URL, secret: e.TELEGRAM_WEBHOOK_SECRET } } : {}),
      }
    : undefined;
  const apiframe = e.APIFRAME_API_KEY ? { apiKey: e.APIFRAME_API_KEY, baseUrl: e.APIFRAME_BASE_URL, timeoutMs: e.APIFRAME_TIMEOUT_MS } : undefined;
  const aiphotogenerator = e.AIPHOTOGENERATOR_API_TOKEN
    ? {
        token: e.AIPHOTOGENERATOR_API_TOKEN,
        baseUrl: e.AIPHOTOGENERATOR_BASE_URL,
        timeoutMs: e.AIPHOTOGENERATOR_TIMEOUT_MS,
        models: e.AIPHOTOGENERATOR_MODELS ?? [...IMAGE_MODEL_IDS],
        lookup: lookupTable({ path: e.AIPHOTOGENERATOR_LOOKUP_PATH, statuses: e.AIPHOTOGENERATOR_STATUS_MAP, urlFields: e.AIPHOTOGENERATOR_URL_FIELDS }),
      }
    : undefined;
  return {
    apiframe,
    aiphotogenerator,
    discord,
    telegram,
    databasePath: e.DATABASE_PATH,
    ...(e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : {}),
    publicUrl: e.PUBLIC_URL,
    webhookSecret: e.WEBHOOK_SECRET,
    metricsToken: e.METRICS_TOKEN,
    host: e.HOST,
    port: e.PORT,
    // With webhooks the poller is only a safety net, so it can sweep slowly; but nothing tells us
    // whether aiphotogenerator.net posts to ours, so with it configured the sweep stays quick
    // (Apiframe's tasks still wait out their webhook grace between polls).
    pollIntervalMs: e.POLL_INTERVAL_MS ?? (e.PUBLIC_URL && !e.AIPHOTOGENERATOR_API_TOKEN ? 30_000 : 3_000),
    pollMaxIntervalMs: e.POLL_MAX_INTERVAL_MS,
    taskDeadlineMs: e.TASK_DEADLINE_MS,
    queue: {
      concurrency: { apiframe: e.APIFRAME_CONCURRENCY, aiphotogenerator: e.AIPHOTOGENERATOR_CONCURRENCY },
      maxJobsPerUser: e.MAX_JOBS_PER_USER,
      maxJobsPerGroup: e.MAX_JOBS_PER_GROUP,
    },
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    instanceLeaseMs: e.INSTANCE_LEASE_MS,
    startupTimeoutMs: e.STARTUP_TIMEOUT_MS,
    creditsWarnBelow: e.PROVIDER_CREDITS_WARN,
    logLevel: e.LOG_LEVEL,
    logPretty: e.LOG_PRETTY,
    freeCredits: e.FREE_CREDITS,
    operators: new Set(listOf(e.BOT_ADMINS)),
    userRateLimit: e.USER_RATE_LIMIT,
    costs: loadCosts(e.CREDIT_COSTS, e.CREDIT_COSTS_FILE),
    bannedWords: loadBannedWords(e.BANNED_WORDS_FILE),
    access: { allowedGuilds: listOf(e.ALLOWED_GUILDS, 'discord:'), allowedChats: listOf(e.ALLOWED_CHATS), blockedUsers: listOf(e.BLOCKED_USERS), quietMs: e.ACCESS_QUIET_MS },
    secrets: [
      e.APIFRAME_API_KEY,
      e.AIPHOTOGENERATOR_API_TOKEN,
      e.DISCORD_TOKEN,
      e.TELEGRAM_BOT_TOKEN,
      e.TELEGRAM_WEBHOOK_SECRET,
      e.WEBHOOK_SECRET,
      e.METRICS_TOKEN,
      ...(e.DATABASE_URL?.secrets ?? []),
    ].filter((s): s is string => typeof s === 'string' && s.length >= 6),
  };
}

/** The schema refused every problem already, so one here is a bug. */
function discordShards(count: number | 'auto' | undefined, ids: number[] | undefined): ShardPlan {
  const shards = shardPlan(count, ids);
  if ('problem' in shards) throw new Error(`unchecked shard configuration: ${shards.problem.name} ${shards.problem.message}`);
  return shards.plan;
}

/** The operator's list when BANNED_WORDS_FILE is set (an empty file turns the check off), else the default. */
function loadBannedWords(file: string | undefined): string[] {
  if (!file) return [...DEFAULT_BANNED_WORDS];
  try {
    return parseBannedWords(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new ConfigError(`Configuration problem: BANNED_WORDS_FILE could not be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}). See .env.example.`);
  }
}

const costsSchema = z
  .object(Object.fromEntries(COST_KEYS.map((k) => [k, z.number().int().min(0).max(100_000).optional()])) as Record<keyof Costs, z.ZodOptional<z.ZodNumber>>)
  .strict();

/** Defaults, then the file, then the inline list: the most specific wins. */
function loadCosts(inline: string | undefined, file: string | undefined): Costs {
  const fromFile = (): Record<string, unknown> => {
    if (!file) return {};
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch (err) {
      throw new ConfigError(`Configuration problem: CREDIT_COSTS_FILE could not be read as JSON (${(err as Error).message}). See .env.example.`);
    }
  };
  const fromInline = Object.fromEntries(
    (inline ?? '')
      .split(',')
      .filter((pair) => pair.includes('='))
      .map((pair) => pair.split('=').map((s) => s.trim()))
      .map(([k, v]) => [k, Number(v)]),
  );
  const parsed = costsSchema.safeParse({ ...fromFile(), ...fromInline });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const what = issue.code === 'unrecognized_keys' ? `unknown cost name ${issue.keys.join(', ')} (known: ${COST_KEYS.join(', ')})` : `${String(issue.path[0])} ${issue.message}`;
    throw new ConfigError(`Configuration problem: CREDIT_COSTS ${what}. See .env.example.`);
  }
  const costs: Costs = { ...DEFAULT_COSTS };
  for (const key of COST_KEYS) {
    const value = parsed.data[key];
    if (value !== undefined) costs[key] = value;
  }
  return costs;
}
