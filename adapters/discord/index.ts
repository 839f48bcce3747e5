/**
 * The Discord adapter: one discord.js Client, slash commands derived from the registry, every
 * interaction through the shared dispatch, and a ChatPort that works from stored refs alone.
 */
import { Client, Events, GatewayIntentBits, Partials } from 'discord.js';
import type { Interaction, Message } from 'discord.js';
import type { PlatformAdapter } from '../../src/core/chat.ts';
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
  services: Services;
  commands: readonly CommandSpec[];
  log: Logger;
  /** How long start() waits for the gateway to report ready. */
  readyTimeoutMs?: number;
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

export function createDiscordAdapter(opts: DiscordAdapterOptions): PlatformAdapter {
  const { log } = opts;
  const client = new Client({
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
    rest: { ...(opts.apiUrl ? { api: opts.apiUrl } : {}), makeRequest: (url, init) => fetch(url, init as RequestInit) },
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

  return {
    platform: 'discord',
    port,
    async start() {
      const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
      try {
        await client.login(opts.token);
      } catch (err) {
        const reason = safe('login', err).message;
        // Close code 4014: a privileged intent the application is not approved for (ours: Message Content).
        if (/disallowed intents/i.test(reason)) {
          throw new Error(
            'Discord refused the Message Content intent: switch on "Message Content Intent" under Bot in the Developer Portal, or unset DISCORD_MESSAGE_CONTENT.',
          );
        }
        throw new Error(`Discord login failed, check DISCORD_TOKEN: ${reason}`);
      }
      const readyClient = await within(ready, opts.readyTimeoutMs ?? 30_000, 'Discord did not report ready in time');
      const registered = await registerCommands({
        rest: client.rest,
        applicationId: opts.applicationId,
        guildId: opts.guildId,
        commands: opts.commands,
        guildIds: [...readyClient.guilds.cache.keys()],
        log,
      });
      log.info(
        {
          tag: readyClient.user.tag,
          commands: registered,
          registeredIn: opts.guildId ? `guild ${opts.guildId}` : 'global',
          messageContent: Boolean(opts.messageContent),
        },
        'discord ready',
      );
    },
    status: () => gateway.status(),
    async stop(graceMs?: number) {
      accepting = false;
      gateway.stopped();
      client.off(Events.InteractionCreate, onInteraction);
      client.off(Events.MessageCreate, onMessage);
      if (running.size > 0) {
        const drainMs = Math.min(opts.drainTimeoutMs ?? 10_000, graceMs ?? 10_000);
        await within(Promise.allSettled([...running]), drainMs, 'drain').catch(() => {
          log.warn({ running: running.size }, 'discord handlers still running at stop');
        });
      }
      port.close();
      statuses.clear();
      await client.destroy();
    },
  };
}
