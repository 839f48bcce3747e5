/**
 * The composition behind `npm run register`: the commands this configuration offers (the same
 * list start-up registers: only those whose image service is configured, with its choices),
 * registered with Discord once, without starting the bot.
 */
import type { Config } from './config.ts';
import type { Logger } from './logger.ts';
import { offeredCommands } from './core/command.ts';
import { configuredProviders } from './providers/configured.ts';
import { commands } from '../commands/index.ts';
import { registerOnce } from '../adapters/discord/register-once.ts';

export type DiscordConfig = NonNullable<Config['discord']>;

export async function registerDiscordCommands(
  config: Config & { discord: DiscordConfig },
  log: Logger,
  o: { signal?: AbortSignal } = {},
): Promise<{ commands: string[]; registeredIn: string }> {
  // Which commands are offered depends only on which services have keys; no call is made to them.
  const providers = configuredProviders({ apiframe: config.apiframe, aiphotogenerator: config.aiphotogenerator }, log);
  try {
    const { discord } = config;
    const names = await registerOnce({
      token: discord.token,
      applicationId: discord.applicationId,
      guildId: discord.guildId,
      apiUrl: discord.apiUrl,
      commands: offeredCommands(commands, providers),
      log: log.child({ platform: 'discord' }),
      timeoutMs: config.startupTimeoutMs,
      signal: o.signal,
    });
    return { commands: names, registeredIn: discord.guildId ? `guild ${discord.guildId}` : 'global' };
  } finally {
    await providers.close();
  }
}
