/**
 * `npm run register`: the slash commands registered over REST alone, without the gateway, as
 * start-up would (same payload, same clean-up of stale copies, same one-line failures). For a bot
 * run as several instances: one registration per release, not one per instance start.
 */
import { Routes, type APIPartialGuild } from 'discord.js';
import type { CommandSpec } from '../../src/core/command.ts';
import type { Logger } from '../../src/logger.ts';
import { stepSignal, throwIfStopped, timedOut } from '../../src/startup/deadline.ts';
import { registerCommands } from './registration.ts';
import { standaloneRest } from './rest.ts';
import { DISCORD_API, discordFailure } from './startup.ts';

export interface RegisterOnceOptions {
  token: string;
  applicationId: string;
  guildId?: string;
  apiUrl?: string;
  commands: readonly CommandSpec[];
  log: Logger;
  /** The bound on the whole registration (STARTUP_TIMEOUT_MS). */
  timeoutMs: number;
  /** A stop (Ctrl-C) ends it early. */
  signal?: AbortSignal;
}

/** Resolves with the names registered; rejects with a StartupError (one line for the operator), or StartupStopped. */
export async function registerOnce(o: RegisterOnceOptions): Promise<string[]> {
  const step = stepSignal(o.signal, o.timeoutMs);
  // Retries as the bot's own client makes them (a 5xx or a rate limit is worth another try).
  const { rest, close } = standaloneRest({ token: o.token, apiUrl: o.apiUrl, timeoutMs: o.timeoutMs, retries: 3 });
  try {
    // Without the gateway's READY the servers come from REST: one page (200) holds more than are checked for stale copies.
    const guildIds = o.guildId ? [] : await serverIds(rest, step);
    return await registerCommands({ rest, applicationId: o.applicationId, guildId: o.guildId, commands: o.commands, guildIds, log: o.log, signal: step });
  } catch (err) {
    throwIfStopped(step);
    throw discordFailure(err, { apiUrl: o.apiUrl ?? DISCORD_API, phase: 'commands', timeoutMs: timedOut(step) ? o.timeoutMs : undefined, guildId: o.guildId });
  } finally {
    close();
  }
}

async function serverIds(rest: ReturnType<typeof standaloneRest>['rest'], signal: AbortSignal): Promise<string[]> {
  const page = (await rest.get(Routes.userGuilds(), { query: new URLSearchParams({ limit: '200' }), signal })) as APIPartialGuild[];
  return page.map((g) => g.id);
}
