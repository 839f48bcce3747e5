import { ConfigError, loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { startApp, type App } from './app.ts';
import { loadDotEnv } from './dotenv.ts';

let config;
try {
  loadDotEnv();
  config = loadConfig();
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}

const log = createLogger({ level: config.logLevel, secrets: config.secrets });

// Signals are handled from the first moment: a stop asked for during start-up waits for the
// start to finish and then shuts down cleanly, instead of killing a resume half-way. Either way
// the process is gone within the grace period (plus a moment): whatever is unfinished by then is
// in the store, and the next start picks it up.
let app: App | undefined;
let stopRequested = false;
let signals = 0;
const shutdown = () => {
  if (!app) return;
  app.stop().then(
    () => process.exit(0),
    (err: unknown) => {
      log.error({ err }, 'stop failed');
      process.exit(1);
    },
  );
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (++signals > 1) process.exit(1); // a second Ctrl-C means now
    log.info({ signal, graceMs: config.shutdownGraceMs }, 'stopping');
    stopRequested = true;
    setTimeout(() => {
      log.warn('the stop took longer than SHUTDOWN_GRACE_MS; exiting now, unfinished work resumes at the next start');
      process.exit(0);
    }, config.shutdownGraceMs + 1_000).unref();
    shutdown();
  });
}

try {
  app = await startApp(config, log);
} catch (err) {
  log.fatal({ err }, 'framebot could not start');
  process.exit(1);
}
if (stopRequested) shutdown();
