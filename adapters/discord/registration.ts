/**
 * Registers the slash commands, globally or in one server (DISCORD_GUILD_ID), and removes what the
 * other way left behind: a bot switched to one server would otherwise show every command twice
 * there (its old global copy too), and one switched back would keep the server's copy beside the
 * global one.
 */
import { Routes, type REST } from 'discord.js';
import type { CommandSpec } from '../../src/core/command.ts';
import type { Logger } from '../../src/logger.ts';
import { safe } from './errors.ts';
import { buildSlashCommands } from './slash-commands.ts';

/**
 * How many servers are checked for commands a server registration left behind. Switching back to
 * global happens with a bot in a server or few; a bot in more is not made to ask each at every start.
 */
export const STALE_GUILD_CHECK_MAX = 25;

export interface Registration {
  rest: Pick<REST, 'get' | 'put'>;
  applicationId: string;
  guildId?: string;
  commands: readonly CommandSpec[];
  /** The servers the bot is in (from the gateway's READY). */
  guildIds: readonly string[];
  log: Logger;
  /** Ends the registration early (start-up's bound, or a stop). */
  signal?: AbortSignal;
}

/**
 * Registers the commands; throws Discord's own error when that fails (start-up words it, telling a
 * network failure from a refusal). Cleaning up stale ones only warns.
 */
export async function registerCommands(r: Registration): Promise<string[]> {
  const body = buildSlashCommands(r.commands, { global: !r.guildId });
  const route = r.guildId ? Routes.applicationGuildCommands(r.applicationId, r.guildId) : Routes.applicationCommands(r.applicationId);
  await r.rest.put(route, { body, signal: r.signal });
  if (r.guildId) await clearGlobal(r);
  else await clearGuilds(r);
  return body.map((c) => c.name);
}

/** Registered in one server: the global list goes (a bulk overwrite with nothing). */
async function clearGlobal(r: Registration): Promise<void> {
  try {
    await r.rest.put(Routes.applicationCommands(r.applicationId), { body: [], signal: r.signal });
  } catch (err) {
    r.log.warn({ err: safe('removing global commands', err) }, 'could not remove the global slash commands; members may see commands twice in this server');
  }
}

/** Registered globally: a server list left from DISCORD_GUILD_ID goes. */
async function clearGuilds(r: Registration): Promise<void> {
  const checked = r.guildIds.slice(0, STALE_GUILD_CHECK_MAX);
  if (r.guildIds.length > checked.length) {
    r.log.info({ servers: r.guildIds.length, checked: checked.length }, 'checked only some servers for slash commands left from DISCORD_GUILD_ID');
  }
  for (const guildId of checked) {
    try {
      const route = Routes.applicationGuildCommands(r.applicationId, guildId);
      const stale = (await r.rest.get(route, { signal: r.signal })) as unknown[];
      if (!Array.isArray(stale) || stale.length === 0) continue;
      await r.rest.put(route, { body: [], signal: r.signal });
      r.log.info({ guildId, removed: stale.length }, 'removed slash commands left in a server from DISCORD_GUILD_ID');
    } catch (err) {
      r.log.warn({ err: safe('removing server commands', err), guildId }, 'could not check a server for slash commands left from DISCORD_GUILD_ID');
    }
  }
}
