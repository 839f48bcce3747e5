/**
 * The Discord adapter: one discord.js Client, slash commands derived from the registry, every
 * interaction through the shared dispatch, and a ChatPort that works from stored refs alone.
 */
import { Client, Events, GatewayIntentBits, Partials } from 'discord.js';
import type { Interaction, Message } from 'discord.js';
import type { PlatformAdapter, StartOptions } from '../../src/core/chat.ts';
import type { CommandSpec, Services } from '../../src/core/command.ts';
import type { Logger } from '../../src/logger.ts';
import { safe } from './errors.ts';
import { handleInteraction } from './interactions.ts';
import { handleMessage, photoHintCooldown } from './messages.ts';
import { DiscordPort } from './port.ts';
import { registerCommands } from './registration.ts';
import { watchGateway } from './gateway-status.ts';
import { countRestCalls } from './rest-metrics.ts';
import { DiscordStatuses } from './statuses.ts';
import { DISCORD_API, discordFailure, type DiscordStartPhase } from './startup.ts';
import { stepSignal, throwIfStopped, timedOut, untilAborted } from '../../src/startup/deadline.ts';
import { ONE_SHARD, type ShardPlan } from '../../src/discord-shards.ts';
import { shardOptions } from './shards.ts';

export interface DiscordAdapterOptions {
  token: string;
  applicationId: string;
  /** Register commands in this guild only (instant; for development) instead of globally. */
  guildId?: string;
  /** REST base such as http://127.0.0.1:9000/api (tests); Discord's own when unset. */
  apiUrl?: string;
  /**
   * Ask for the privileged Message Content intent (enable it in the Developer Portal too). Without
   * it Discord shows the bot the attachments of DMs and of messages that @mention it only.
   */
  messageContent?: boolean;
  /** The gateway shards this instance runs (default one shard, the whole bot). */
  shards?: ShardPlan;
  /**
   * Register the slash commands once ready (default true). Off where another instance or
   * `npm run register` does it: several instances overwriting the same list at every start is
   * wasted requests against a tight rate limit, and an older instance would put back old commands.
   */
  registerCommands?: boolean;
  services: Services;
  commands: readonly CommandSpec[];
  log: Logger;
  /** How long stop() lets running handlers finish. */
  drainTimeoutMs?: number;
}

function within<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** How long start() may take to log in and see the gateway ready, unless the caller says. */
const START_TIMEOUT_MS = 30_000;

export function createDiscordAdapter(opts: DiscordAdapterOptions): PlatformAdapter {
  const { log } = opts;
  // Ends every REST request still in flight when the adapter is destroyed (a login that hangs).
  const closing = new AbortController();
  const shards = opts.shards ?? ONE_SHARD;
  const client = new Client({
    ...shardOptions(shards),
    // Messages (for photos sent to an open photo set) need the non-privileged message intents;
    // their content and attachments also need Message Content, except in DMs and @mentions.
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.DirectMessages,
      ...(opts.messageContent ? [GatewayIntentBits.MessageContent] : []),
    ],
    // DM channels are never in the cache: without this partial, discord.js drops DM messages.
    partials: [Partials.Channel],
    // Requests through Node's own fetch, not discord.js's bundled undici: importing our undici (the
    // providers' HTTP clients) makes its Agent the process's global dispatcher, and that newer Agent
    // cannot send the FormData discord.js builds for file uploads ("action is not a function").
    // Node's fetch serialises the upload itself and hands any dispatcher plain bytes.
    rest: {
      ...(opts.apiUrl ? { api: opts.apiUrl } : {}),
      makeRequest: (url, init) => {
        const own = init.signal as AbortSignal | null | undefined;
        return fetch(url, { ...(init as RequestInit), signal: own ? AbortSignal.any([own, closing.signal]) : closing.signal });
      },
    },
    // Never ping from a prompt: mentions are opted into per message (the late-result mention).
    allowedMentions: { parse: [] },
  });
  const port = new DiscordPort({ rest: client.rest, applicationId: opts.applicationId, log });
  const gateway = watchGateway(client);
  countRestCalls(client.rest, opts.services.metrics);
  const running = new Set<Promise<void>>();
  let accepting = true;

  const statuses = new DiscordStatuses(client.rest, log);
  const deps = { services: opts.services, commands: opts.commands, log, rest: client.rest, photoHints: photoHintCooldown(), statuses };
  const track = (work: Promise<void>) => {
    const handled = work.finally(() => running.delete(handled));
    running.add(handled);
  };
  const onInteraction = (interaction: Interaction) => {
    if (accepting) track(handleInteraction(interaction, deps));
  };
  const onMessage = (message: Message) => {
    if (accepting) track(handleMessage(message, deps));
  };
  client.on(Events.InteractionCreate, onInteraction);
  client.on(Events.MessageCreate, onMessage);
  client.on(Events.Error, (err) => log.error({ err: safe('client', err) }, 'discord client error'));
  client.on(Events.ShardError, (err, shardId) => log.warn({ err: safe('gateway', err), shardId }, 'discord gateway error'));
  client.on(Events.Warn, (message) => log.warn({ message }, 'discord warning'));

  /** The first step of a stop: interactions and messages are no longer taken. */
  const stopReceiving = async (): Promise<void> => {
    accepting = false;
    gateway.stopped();
    client.off(Events.InteractionCreate, onInteraction);
    client.off(Events.MessageCreate, onMessage);
  };
  /** Handlers already running (a submit, a reply) finish, for at most `graceMs`. */
  const drain = async (graceMs: number): Promise<void> => {
    if (running.size === 0) return;
    await within(Promise.allSettled([...running]), graceMs, 'drain').catch(() => {
      log.warn({ running: running.size }, 'discord handlers still running at stop');
    });
  };

  return {
    platform: 'discord',
    port,
    async start({ signal, timeoutMs = START_TIMEOUT_MS }: StartOptions = {}) {
      const step = stepSignal(signal, timeoutMs);
      let phase: DiscordStartPhase = 'login';
      let readyClient: Client<true>;
      let registered: string[];
      try {
        const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
        // discord.js's login takes no signal: the race bounds it, and destroy() below ends what it left running.
        readyClient = await untilAborted(
          client.login(opts.token).then(() => {
            phase = 'gateway';
            return ready;
          }),
          step,
        );
        phase = 'commands';
        // The servers in the cache are those on this instance's shards: the stale-copy check sees only those.
        registered =
          opts.registerCommands === false
            ? []
            : await registerCommands({
                rest: client.rest,
                applicationId: opts.applicationId,
                guildId: opts.guildId,
                commands: opts.commands,
                guildIds: [...readyClient.guilds.cache.keys()],
                log,
                signal: step,
              });
      } catch (err) {
        closing.abort();
        await client.destroy().catch(() => undefined);
        throwIfStopped(step);
        throw discordFailure(err, { apiUrl: opts.apiUrl ?? DISCORD_API, phase, timeoutMs: timedOut(step) ? timeoutMs : undefined, guildId: opts.guildId });
      }
      log.info(
        {
          tag: readyClient.user.tag,
          // After login even `auto` is numbers: discord.js read the count from GET /gateway/bot.
          shards: readyClient.options.shards,
          shardCount: readyClient.options.shardCount,
          ...(opts.registerCommands === false
            ? { commands: 'not registered here (DISCORD_REGISTER_COMMANDS=false): another instance or npm run register does it' }
            : { commands: registered, registeredIn: opts.guildId ? `guild ${opts.guildId}` : 'global' }),
          messageContent: Boolean(opts.messageContent),
        },
        'discord ready',
      );
    },
    status: () => gateway.status(),
    stopReceiving,
    drain,
    async stop(graceMs?: number) {
      await stopReceiving();
      await drain(Math.min(opts.drainTimeoutMs ?? 10_000, graceMs ?? 10_000));
      port.close();
      statuses.clear();
      closing.abort();
      await client.destroy();
    },
  };
}
