import type { Config } from './config.ts';
import type { Logger } from './logger.ts';
import type { PlatformAdapter } from './core/chat.ts';
import { offeredCommands, type Services } from './core/command.ts';
import { createStore, type Store } from './store/index.ts';
import { openPostgresStore } from './store/postgres/open.ts';
import { databaseFailure } from './startup/database.ts';
import { configuredProviders } from './providers/configured.ts';
import { HostedFiles } from './server/hosted-files.ts';
import { createServices } from './services.ts';
import { redactPort } from './core/redact.ts';
import { HttpServer } from './server/http.ts';
import { readiness } from './server/readiness.ts';
import { createMetrics, providerCallObserver } from './metrics.ts';
import { commands } from '../commands/index.ts';
import { checkAccounts } from './startup/accounts.ts';
import { CreditWatch } from './startup/credit-watch.ts';
import { startPlatforms } from './startup/platforms.ts';

const PHOTO_EXPIRY_SWEEP_MS = 5 * 60_000;
/** A question the bot asked and nobody answered in a day is forgotten. */
const QUESTION_PRUNE_MS = 24 * 3_600_000;

export interface App {
  services: Services;
  adapters: PlatformAdapter[];
  /** The HTTP port actually bound (useful with PORT=0). */
  port: number;
  stop(): Promise<void>;
}

export interface StartAppOptions {
  /** Aborted when a stop is asked for: connecting gives up at once, and startApp rejects with StartupStopped. */
  signal?: AbortSignal;
}

/** Resolves after `ms` at most: a step of a stop that must not hold the rest. */
function atMost(work: Promise<unknown>, ms: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([work, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]).finally(() => clearTimeout(timer));
}

/** SQLite at DATABASE_PATH, or PostgreSQL when DATABASE_URL is set (reached within STARTUP_TIMEOUT_MS). */
async function openStore(config: Config, log: Logger): Promise<Store> {
  if (!config.databaseUrl) return createStore(config.databasePath);
  const url = config.databaseUrl;
  try {
    return await openPostgresStore(url, { log: log.child({ component: 'postgres' }), connectTimeoutMs: config.startupTimeoutMs });
  } catch (err) {
    throw databaseFailure(err, url.redacted, config.startupTimeoutMs);
  }
}

/**
 * The composition root: config → store → providers → task service → adapters → HTTP server.
 * Returns once every provider account and platform has answered within STARTUP_TIMEOUT_MS and
 * unfinished work has been resumed; otherwise rejects with a StartupError (one line for the
 * operator) after closing what it opened.
 */
export async function startApp(config: Config, log: Logger, opts: StartAppOptions = {}): Promise<App> {
  const store = await openStore(config, log);
  const metrics = createMetrics();
  // With a public address the bot can host reference images for services that take no uploads.
  const hosted = config.publicUrl ? new HostedFiles({ files: store.hostedFiles, publicUrl: config.publicUrl }) : undefined;
  const providers = configuredProviders(
    {
      apiframe: config.apiframe,
      aiphotogenerator: config.aiphotogenerator,
      webhooks: config.publicUrl && config.webhookSecret ? { publicUrl: config.publicUrl, secret: config.webhookSecret } : undefined,
      imageHost: hosted,
      calls: providerCallObserver(metrics),
    },
    log,
  );
  const services = createServices({
    store,
    providers,
    log,
    deadlineMs: config.taskDeadlineMs,
    costs: config.costs,
    freeCredits: config.freeCredits,
    operators: config.operators,
    secrets: config.secrets,
    metrics,
    leaseMs: config.instanceLeaseMs,
    bannedWords: config.bannedWords,
    access: config.access,
    userRateLimit: config.userRateLimit,
    queue: config.queue,
    polling: { intervalMs: config.pollIntervalMs, maxIntervalMs: config.pollMaxIntervalMs },
  });
  // Renewed while this process lives: another instance takes its work over only once it is gone.
  services.leases.start();
  const { tasks, photos } = services;

  // A command whose service is not configured is not offered at all; choices list only what the services offer.
  const offered = offeredCommands(commands, providers);
  const adapters: PlatformAdapter[] = [];
  // A platform's library is loaded only when the platform is configured: discord.js alone holds
  // about 45 MiB of a Telegram-only bot's memory.
  if (config.discord) {
    const { createDiscordAdapter } = await import('../adapters/discord/index.ts');
    adapters.push(createDiscordAdapter({ ...config.discord, services, commands: offered, log: log.child({ platform: 'discord' }) }));
  }
  if (config.telegram) {
    const { createTelegramAdapter } = await import('../adapters/telegram/index.ts');
    adapters.push(createTelegramAdapter({ ...config.telegram, services, commands: offered, log: log.child({ platform: 'telegram' }) }));
  }
  // What the core sends on its own may quote a provider too: it leaves scrubbed.
  for (const adapter of adapters) tasks.attach(redactPort(adapter.port, services.scrub));

  const server = new HttpServer({
    host: config.host,
    port: config.port,
    webhookAt: (path) => providers.webhookAt(path),
    // A platform that pushes its updates (Telegram in webhook mode) is served beside the providers.
    platformWebhookAt: (path) => adapters.find((a) => a.webhook?.path === path)?.webhook,
    onUpdate: (provider, view) => tasks.applyUpdate(provider, view),
    log: log.child({ component: 'http' }),
    files: hosted,
    health: async () => ({ platforms: adapters.map((a) => a.platform), unfinishedTasks: await store.tasks.countUnfinished() }),
    // Not ready until every platform has connected, so also while this start is still under way.
    ready: () =>
      readiness({
        store: async () => (await store.ping(), { ready: true }),
        ...Object.fromEntries(adapters.map((a) => [a.platform, () => a.status()])),
        ...Object.fromEntries(providers.all().map((p) => [p.id, () => p.status?.() ?? { ready: true }])),
      }),
    metrics,
    metricsToken: config.metricsToken,
  });
  const port = await server.listen();
  log.info({ host: config.host, port, providers: providers.all().map((p) => p.id), webhooks: providers.all().filter((p) => p.pushesUpdates).map((p) => p.id), platformWebhooks: adapters.filter((a) => a.webhook).map((a) => a.platform) }, 'http server listening');

  try {
    // The keys first: a platform's users should not meet a bot whose image service refuses it.
    await checkAccounts(providers.all(), { signal: opts.signal, timeoutMs: config.startupTimeoutMs, warnBelow: config.creditsWarnBelow, log });
    await startPlatforms(adapters, { signal: opts.signal, timeoutMs: config.startupTimeoutMs });
  } catch (err) {
    await Promise.allSettled(adapters.map((a) => a.stop(0)));
    services.leases.stop();
    await server.close();
    await providers.close();
    await store.close();
    throw err;
  }
  // A stop asked for while the platforms connected: the caller stops at once, nothing is resumed now.
  if (!opts.signal?.aborted) {
    await tasks.resume();
    await photos.resume();
    await photos.expire();
    tasks.startPolling(config.pollIntervalMs, config.pollMaxIntervalMs);
  }
  const credits = new CreditWatch(providers.all(), { warnBelow: config.creditsWarnBelow, log });
  credits.start();
  // Unfinished photo sets are forgotten after a day, and handled updates' ids after a day too;
  // checking every few minutes is plenty.
  const expiry = setInterval(() => {
    photos.expire().catch((err: unknown) => log.error({ err }, 'photo set expiry failed'));
    services.inbox.prune().catch((err: unknown) => log.error({ err }, 'inbox pruning failed'));
    store.asks.prune(Date.now() - QUESTION_PRUNE_MS).catch((err: unknown) => log.error({ err }, 'question pruning failed'));
    services.rateLimiter.prune().catch((err: unknown) => log.error({ err }, 'rate limit pruning failed'));
    hosted?.sweep().catch((err: unknown) => log.error({ err }, 'hosted file sweep failed'));
  }, PHOTO_EXPIRY_SWEEP_MS);
  expiry.unref();

  let stopping: Promise<void> | undefined;
  return {
    services,
    adapters,
    port,
    stop: () =>
      (stopping ??= (async () => {
        // Bounded whatever the platforms do: what is not done by then waits in the store for the next start.
        const until = Date.now() + config.shutdownGraceMs;
        const left = () => Math.max(0, until - Date.now());
        clearInterval(expiry);
        credits.stop();
        // 1. No new commands: every platform stops taking updates first.
        await atMost(Promise.allSettled(adapters.map((a) => a.stopReceiving())), left());
        log.info({ graceMs: left() }, 'no longer taking commands; letting running submits and deliveries finish');
        // 2. What is running finishes: command handlers (a submit, a reply) in the adapters, and
        //    deliveries already started; polling stops and deliveries not started stay in the store.
        await Promise.allSettled([tasks.stop(left()), ...adapters.map((a) => a.drain(left()))]);
        // 3. Then the platforms disconnect: calls still waiting give up.
        await Promise.allSettled(adapters.map((a) => a.stop(0)));
        // 4. What is still held (a submit or delivery the grace cut short) goes to another instance now.
        await services.leases.release().catch((err: unknown) => log.warn({ err }, 'could not let go of this instance\'s leases; they lapse by themselves'));
        await server.close();
        await providers.close();
        await store.close();
      })()),
  };
}
