import { createLogger } from './logger.ts';
import { startApp, type App } from './app.ts';
import { loadConfigOrExit } from './load-config-or-exit.ts';
import { StartupError, StartupStopped } from './startup/errors.ts';
import { setTranslatorReport, translator } from './i18n/index.ts';

// `npm start -- --check` (and `npm run doctor`): the checklist instead of the bot.
if (process.argv.slice(2).includes('--check')) {
  const { runDoctor } = await import('./doctor/run.ts');
  process.exit(await runDoctor({ readEnvFile: true }));
}

const config = loadConfigOrExit();

const log = createLogger({ level: config.logLevel, secrets: config.secrets, pretty: config.logPretty });

// The translations are read now, so a build without them fails at start, not at the first reply;
// in production a message missing from the catalogue is logged (and shown as a generic sentence).
translator();
setTranslatorReport((p) => log.error({ locale: p.locale, messageId: p.id, attribute: p.attribute }, `translation problem: ${p.problem}`));

// Signals are handled from the first moment. A stop asked for while the bot connects ends the
// attempts at once; one asked for while unfinished work is being resumed lets that finish and then
// shuts down cleanly. Either way the process is gone within the grace period (plus a moment):
// whatever is unfinished by then is in the store, and the next start picks it up.
let app: App | undefined;
const stopRequested = new AbortController();
let signals = 0;
const shutdown = () => {
  if (!app) return;
  app.stop().then(
    () => {
      log.info('stopped');
      process.exit(0);
    },
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
    setTimeout(() => {
      log.warn('the stop took longer than SHUTDOWN_GRACE_MS; exiting now, unfinished work resumes at the next start');
      process.exit(0);
    }, config.shutdownGraceMs + 1_000).unref();
    stopRequested.abort(new StartupStopped());
    shutdown();
  });
}

try {
  app = await startApp(config, log, { signal: stopRequested.signal });
} catch (err) {
  if (err instanceof StartupStopped) {
    log.info('stopped during start-up');
    process.exit(0);
  }
  // One line saying what could not be reached or was refused, and what to check.
  if (err instanceof StartupError) log.fatal(`framebot could not start: ${err.message}`);
  else log.fatal({ err }, 'framebot could not start');
  process.exit(1);
}
if (stopRequested.signal.aborted) shutdown();
