// `npm run register` (`node dist/src/register.js`): registers the Discord slash commands and exits,
// without starting the bot. For several instances with DISCORD_REGISTER_COMMANDS=false: run it once
// per release. Exit 0 when registered; 1 with one line saying what to fix.
import { ConfigError, type Config } from './config.ts';
import { createLogger } from './logger.ts';
import { loadConfigOrExit } from './load-config-or-exit.ts';
import { registerDiscordCommands, type DiscordConfig } from './register-commands.ts';
import { StartupError, StartupStopped } from './startup/errors.ts';

const loaded = loadConfigOrExit((c) => {
  if (!c.discord) {
    throw new ConfigError('Configuration problem: DISCORD_TOKEN is not set, so there are no Discord slash commands to register (set it and DISCORD_APPLICATION_ID). See .env.example.');
  }
});
const config: Config & { discord: DiscordConfig } = { ...loaded, discord: loaded.discord! };

const log = createLogger({ level: config.logLevel, secrets: config.secrets, pretty: config.logPretty });
const stop = new AbortController();
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => stop.abort(new StartupStopped()));

try {
  const done = await registerDiscordCommands(config, log, { signal: stop.signal });
  log.info(done, 'discord slash commands registered');
  process.exit(0);
} catch (err) {
  if (err instanceof StartupStopped) {
    log.warn('stopped before the slash commands were registered');
  } else if (err instanceof StartupError) {
    log.fatal(`framebot could not register the Discord slash commands: ${err.message}`);
  } else {
    log.fatal({ err }, 'framebot could not register the Discord slash commands');
  }
  process.exit(1);
}
