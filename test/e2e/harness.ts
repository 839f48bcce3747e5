import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { startApp, type App } from '../../src/app.ts';
import { FakeApiframe, type FakeApiframeOptions } from '../fakes/apiframe.ts';
import { FakeTelegram, type FakeTelegramOptions } from '../fakes/telegram.ts';
import { FakeAiphotogenerator, type FakeAiphotogeneratorOptions } from '../fakes/aiphotogenerator.ts';
import { FakeDiscord, type FakeDiscordOptions } from '../fakes/discord.ts';
import { assertLoopbackOnly } from '../support/hermetic.ts';

export interface HarnessOptions {
  telegram?: boolean | FakeTelegramOptions;
  discord?: boolean | FakeDiscordOptions;
  apiframe?: FakeApiframeOptions;
  /** Runs the bot without an Apiframe key (its fake still starts, unused). */
  withoutApiframe?: boolean;
  /** Starts the fake aiphotogenerator.net and gives the bot its token. */
  aiphotogenerator?: boolean | FakeAiphotogeneratorOptions;
  /** Submit with webhooks (PUBLIC_URL pointing at the app's own server). */
  webhooks?: boolean;
  /** Telegram in webhook mode: TELEGRAM_WEBHOOK_URL at the app's own server (path /telegram), with TELEGRAM_WEBHOOK_SECRET. */
  telegramWebhook?: boolean;
  env?: Record<string, string>;
  /** Reuse the fakes and database of an earlier harness (restart tests). */
  reuse?: Harness;
}

export const WEBHOOK_SECRET = 'test-webhook-secret-0123456789';
export const TELEGRAM_WEBHOOK_SECRET = 'test-telegram-webhook-secret_0123456789';

/** Everything an end-to-end test needs: the fakes, the running app and every log line it wrote. */
export interface Harness {
  apiframe: FakeApiframe;
  aiphotogenerator?: FakeAiphotogenerator;
  telegram?: FakeTelegram;
  discord?: FakeDiscord;
  app: App;
  dbPath: string;
  logs: string[];
  env: Record<string, string>;
  /** Stops the app only (the fakes and the database stay), like a process being killed. */
  stopApp(): Promise<void>;
  /** Stops everything and removes the database. */
  close(): Promise<void>;
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const reuse = opts.reuse;
  const apiframe = reuse?.apiframe ?? (await FakeApiframe.start(opts.apiframe));
  const aiphotogenerator = reuse
    ? reuse.aiphotogenerator
    : opts.aiphotogenerator
      ? await FakeAiphotogenerator.start(typeof opts.aiphotogenerator === 'object' ? opts.aiphotogenerator : {})
      : undefined;
  const telegram = reuse ? reuse.telegram : opts.telegram ? await FakeTelegram.start(typeof opts.telegram === 'object' ? opts.telegram : {}) : undefined;
  const discord = reuse
    ? reuse.discord
    : opts.discord
      ? await FakeDiscord.start({ heartbeatIntervalMs: 200, ...(typeof opts.discord === 'object' ? opts.discord : {}) })
      : undefined;
  const dir = reuse ? undefined : mkdtempSync(join(tmpdir(), 'framebot-'));
  const dbPath = reuse?.dbPath ?? join(dir!, 'framebot.sqlite');

  const env: Record<string, string> = {
    ...(opts.withoutApiframe ? {} : { APIFRAME_API_KEY: apiframe.apiKey, APIFRAME_BASE_URL: apiframe.url }),
    ...(aiphotogenerator ? { AIPHOTOGENERATOR_API_TOKEN: aiphotogenerator.token, AIPHOTOGENERATOR_BASE_URL: aiphotogenerator.url } : {}),
    DATABASE_PATH: dbPath,
    PORT: '0',
    POLL_INTERVAL_MS: '200',
    // Every job read every interval, as the tests' fake jobs finish when a test says so.
    POLL_MAX_INTERVAL_MS: '200',
    LOG_LEVEL: 'debug',
    // Tests that are not about credits should never run short; credit tests set their own.
    FREE_CREDITS: '1000',
    ...(telegram ? { TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.apiRoot } : {}),
    ...(discord ? { DISCORD_TOKEN: discord.token, DISCORD_APPLICATION_ID: discord.applicationId, DISCORD_API_URL: discord.apiBase } : {}),
    ...opts.env,
  };
  if (opts.webhooks) {
    // The app's port is only known after it listens, so the webhook URL is patched in below.
    env.PUBLIC_URL = 'http://127.0.0.1:1';
    env.WEBHOOK_SECRET = WEBHOOK_SECRET;
  }
  // A restart keeps the port, as Telegram keeps posting to the same address.
  const reusedPort = reuse?.env.TELEGRAM_WEBHOOK_URL ? Number(new URL(reuse.env.TELEGRAM_WEBHOOK_URL).port) : undefined;
  if (opts.telegramWebhook) {
    const port = reusedPort ?? (await freePort());
    env.PORT = String(port);
    env.TELEGRAM_WEBHOOK_URL = `http://127.0.0.1:${port}/telegram`;
    env.TELEGRAM_WEBHOOK_SECRET = TELEGRAM_WEBHOOK_SECRET;
  }
  assertLoopbackOnly(env);
  const logs: string[] = reuse?.logs ?? [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const config = loadConfig(env);
  const log = createLogger({ level: config.logLevel, secrets: config.secrets, destination });
  let app: App;
  if (opts.webhooks) {
    // Bind first on a free port, then point PUBLIC_URL at it.
    const port = config.port !== 0 ? config.port : await freePort();
    config.port = port;
    config.publicUrl = `http://127.0.0.1:${port}`;
    env.PUBLIC_URL = config.publicUrl;
    env.PORT = String(port);
    if (aiphotogenerator) aiphotogenerator.webhookUrl = `${config.publicUrl}/webhooks/aiphotogenerator?token=${WEBHOOK_SECRET}`;
  }
  app = await startApp(config, log);
  // Start-up reads the Apiframe account (issue 10, part 2): that is the app's request, not one a
  // test's commands sent, and tests check that refused commands send nothing.
  const sent = apiframe.requests.filter((r) => !(r.method === 'GET' && r.path === '/account'));
  apiframe.requests.splice(0, apiframe.requests.length, ...sent);

  let appStopped = false;
  const stopApp = async () => {
    if (appStopped) return;
    appStopped = true;
    await app.stop();
  };
  return {
    apiframe,
    aiphotogenerator,
    telegram,
    discord,
    app,
    dbPath,
    logs,
    env,
    stopApp,
    async close() {
      await stopApp();
      await Promise.allSettled([apiframe.close(), aiphotogenerator?.close(), telegram?.close(), discord?.close()]);
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A port nothing listens on now, for an address the app must know before it listens. */
async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as { port: number }).port;
      s.close(() => resolve(p));
    });
  });
}

/** Polls until `check` returns a truthy value; for state that changes without an event to wait on. */
export async function eventually<T>(check: () => T | undefined | false | null | Promise<T | undefined | false | null>, timeoutMs = 5_000, what = 'condition'): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
