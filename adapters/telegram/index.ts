/**
 * The Telegram adapter: grammY over long polling with @grammyjs/runner, so a slow handler never
 * holds up other chats, or in webhook mode (webhook.ts) with updates posted to the bot's HTTP
 * server. Rate limits live in ratelimit.ts, Bot API rules in messenger.ts.
 */
import { setMaxListeners } from 'node:events';
import { Bot } from 'grammy';
import { run, type RunnerHandle } from '@grammyjs/runner';
import type { Logger } from '../../src/logger.ts';
import type { PlatformAdapter, StartOptions } from '../../src/core/chat.ts';
import type { CommandSpec, Services } from '../../src/core/command.ts';
import { installApiLimits } from './ratelimit.ts';
import { Messenger } from './messenger.ts';
import { TelegramPort } from './port.ts';
import { installHandlers } from './handlers.ts';
import { claimUpdates, recordUpdates, replayUnfinished } from './inbox.ts';
import { setMenus } from './menus.ts';
import { watchApi } from './api-watch.ts';
import { failureRecorder, telegramFailure } from './startup.ts';
import { stepSignal, throwIfStopped, timedOut } from '../../src/startup/deadline.ts';
import { StartupStopped } from '../../src/startup/errors.ts';
import { telegramWebhook } from './webhook.ts';
import { WebhookWatch } from './webhook-watch.ts';

export interface TelegramAdapterOptions {
  token: string;
  /** Bot API root without a trailing slash (https://api.telegram.org, or a fake in tests). */
  apiRoot: string;
  services: Services;
  commands: readonly CommandSpec[];
  log: Logger;
  /** Webhook mode: Telegram posts updates to `url` with `secret`; without it, long polling. */
  webhook?: { url: string; secret: string };
}

/** The only updates the handlers use; Telegram sends no others. */
const ALLOWED_UPDATES: ['message', 'callback_query'] = ['message', 'callback_query'];

/** How long stop() waits for handlers already running, unless the caller gives less. */
const DRAIN_MS = 10_000;
/** How long start() may take to reach Telegram, unless the caller says. */
const START_TIMEOUT_MS = 30_000;

export function createTelegramAdapter(opts: TelegramAdapterOptions): PlatformAdapter {
  const { log } = opts;
  const apiRoot = opts.apiRoot.replace(/\/+$/, '');
  const bot = new Bot(opts.token, { client: { apiRoot } });
  const stopping = new AbortController();
  // Every call in flight (a busy group queues many) listens for the stop: no leak, so no warning.
  setMaxListeners(0, stopping.signal);
  const { inbox, metrics } = opts.services;
  // Installed before the limits and retries, so these run last, closest to the network: they see
  // each request as it goes out and each failure the retries above them hide.
  const failures = failureRecorder();
  bot.api.config.use(failures.transformer);
  const watch = watchApi(metrics);
  bot.api.config.use(watch.transformer);
  installApiLimits(bot.api, log, stopping.signal);
  bot.api.config.use(recordUpdates(inbox, () => bot.botInfo.id));
  const messenger = new Messenger(bot.api, log);
  const port = new TelegramPort(messenger, log);

  // In-flight updates, so stop() can let them finish.
  const inflight = new Set<Promise<unknown>>();
  const track = (p: Promise<unknown>) => {
    inflight.add(p);
    void p.finally(() => inflight.delete(p)).catch(() => undefined);
  };
  bot.use(async (_ctx, next) => {
    const p = next();
    track(p);
    await p;
  });
  bot.use(claimUpdates(inbox, log));
  const handlers = installHandlers(bot, {
    services: opts.services,
    commands: opts.commands,
    log,
    messenger,
    port,
    files: { api: bot.api, apiRoot, token: opts.token },
  });
  bot.catch((err) => {
    log.error({ err: err.error, updateId: err.ctx.update.update_id }, 'telegram update failed');
  });

  let runner: RunnerHandle | undefined;
  let receiving = true;
  /** Webhook mode: set once start() has set the webhook and replayed what a crash left. */
  let accepting = false;
  let webhookWatch: WebhookWatch | undefined;
  /** Shared store: another instance's updates, left when it died, are taken over while running. */
  let takeOver: NodeJS.Timeout | undefined;
  const webhook = opts.webhook
    ? telegramWebhook({ bot, inbox, path: new URL(opts.webhook.url).pathname, secret: opts.webhook.secret, accepting: () => accepting && receiving })
    : undefined;
  /** The first step of a stop: polling ends, so no new update is taken. */
  const stopReceiving = async (): Promise<void> => {
    receiving = false;
    accepting = false;
    clearInterval(takeOver);
    webhookWatch?.stop();
    const r = runner;
    runner = undefined;
    if (r?.isRunning()) await r.stop();
  };
  /** Handlers already running finish, for at most `graceMs`; albums still being gathered are handled now. */
  const drain = async (graceMs: number): Promise<void> => {
    handlers.flushAlbums();
    if (inflight.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    await Promise.race([Promise.allSettled([...inflight]), grace]);
    clearTimeout(timer);
    if (inflight.size > 0) log.warn({ running: inflight.size }, 'telegram updates still running at stop; they are handled again at the next start');
  };

  return {
    platform: 'telegram',
    port,

    async start({ signal, timeoutMs = START_TIMEOUT_MS }: StartOptions = {}) {
      const step = stepSignal(signal, timeoutMs);
      // grammY types its signal with the abort-controller shim; Node's own is what it receives at run time.
      const shared = step as unknown as Parameters<typeof bot.init>[0];
      // Unix seconds: a webhook delivery error older than this was not this process's.
      const since = Math.floor(Date.now() / 1000);
      try {
        await bot.init(shared);
        if (opts.webhook) {
          // Pending updates are kept (drop_pending_updates false): those that came while no
          // instance answered are delivered now. Every instance sets the same URL and secret.
          await bot.api.setWebhook(opts.webhook.url, { secret_token: opts.webhook.secret, allowed_updates: ALLOWED_UPDATES, drop_pending_updates: false }, shared);
        } else {
          // Long polling and a webhook exclude each other.
          await bot.api.deleteWebhook(undefined, shared);
        }
      } catch (err) {
        throwIfStopped(step);
        throw telegramFailure(err, { apiRoot, timeoutMs: timedOut(step) ? timeoutMs : undefined, lastFailure: failures.last() });
      }
      // Each menu that fails only warns: commands still work.
      await setMenus(bot.api, opts.commands, opts.services.credits.operatorsOn('telegram'), log, shared);
      throwIfStopped(step);
      // A stop that came while the menus were being set: polling never begins.
      if (!receiving) throw new StartupStopped();
      await inbox.prune();
      // What a crash interrupted runs first; Telegram's redelivery of the same updates is then skipped.
      for (const replay of await replayUnfinished(bot, inbox, log, metrics)) track(replay);
      if (inbox.shared) {
        takeOver = setInterval(() => {
          replayUnfinished(bot, inbox, log, metrics).then(
            (replays) => replays.forEach(track),
            (err: unknown) => log.warn({ err }, 'could not look for telegram updates another instance left unhandled'),
          );
        }, inbox.leaseMs);
        takeOver.unref();
      }
      if (opts.webhook) {
        webhookWatch = new WebhookWatch(bot.api, opts.webhook.url, log, since);
        webhookWatch.start();
        accepting = true;
      } else {
        runner = run(bot, {
          runner: { fetch: { allowed_updates: ALLOWED_UPDATES }, silent: true },
        });
        runner.task()?.catch((err: unknown) => log.error({ err }, 'telegram polling stopped'));
        // Telegram answers a second poller of the same bot with a conflict: say so before it happens.
        if (inbox.shared) log.info('telegram by long polling on a shared database: run it in one instance only, or set TELEGRAM_WEBHOOK_URL on every instance');
      }
      log.info({ username: bot.botInfo.username, botId: bot.botInfo.id, updates: opts.webhook ? 'webhook' : 'long polling' }, 'telegram ready');
      if (!bot.botInfo.can_read_all_group_messages) {
        // Privacy mode: in groups, only commands and replies to the bot's messages reach it.
        log.info(
          'privacy mode is on: in groups, photos for an AI-photo set reach the bot only with a /photos add caption (in an album, only the captioned photo) or as replies to the bot, and /blend gets only the captioned photo of an album (plus the one it replies to); turn it off with @BotFather /setprivacy, or make the bot a group admin',
        );
      }
    },

    webhook,

    status() {
      if (!receiving) return { ready: false, detail: 'stopped' };
      if (webhookWatch) return accepting ? webhookWatch.status() : { ready: false, detail: 'not started' };
      if (!runner) return { ready: false, detail: 'not started' };
      if (!runner.isRunning()) return { ready: false, detail: 'not polling for updates (see the log)' };
      return watch.polling.status();
    },

    stopReceiving,
    drain,

    async stop(graceMs = DRAIN_MS) {
      const until = Date.now() + graceMs;
      // Polling stops first (bounded: a getUpdates that never answers must not hold the stop).
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([stopReceiving(), new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
      clearTimeout(timer);
      await drain(Math.max(0, until - Date.now()));
      // Calls still waiting (throttled, or retrying an unreachable Telegram) give up now. Updates
      // need no confirmation: the inbox knows which were handled.
      stopping.abort();
      port.clear();
      log.info('telegram stopped');
    },
  };
}
