import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { startApp } from './app.ts';
import { loadDotEnv } from './dotenv.ts';

loadDotEnv();

let config;
try {
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}

const log = createLogger({ level: config.logLevel, secrets: config.secrets });
const app = await startApp(config, log).catch((err: unknown) => {
  log.fatal({ err }, 'framebot could not start');
  process.exit(1);
});

let signals = 0;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (++signals > 1) process.exit(1); // a second Ctrl-C means now
    log.info({ signal }, 'stopping');
    app.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'stop failed');
        process.exit(1);
      },
    );
  });
}
