/**
 * The real bot as its own OS process against the bench's fakes (Telegram in webhook mode, Apiframe),
 * as `npm start` runs it: shared by the benches that run the product rather than the core in-process
 * (bench/imagine-scale.ts behind a balancer, bench/product.ts alone).
 */
import type { FakeApiframe } from '../test/fakes/apiframe.ts';
import type { FakeTelegram } from '../test/fakes/telegram.ts';

const TELEGRAM_WEBHOOK_SECRET = 'bench-telegram-webhook-secret_0123456789';

export interface BotEnvOptions {
  telegram: FakeTelegram;
  apiframe: FakeApiframe;
  /** The port the process serves webhooks on (127.0.0.1). */
  port: number;
  /** Where Telegram posts updates: this process, or a balancer in front of several. */
  telegramWebhookUrl: string;
  /** DATABASE_PATH or DATABASE_URL. */
  database: { DATABASE_PATH: string } | { DATABASE_URL: string };
  /** Anything else (PUBLIC_URL for Apiframe's webhooks, a setting under test). */
  extra?: Record<string, string>;
}

export function botEnv(o: BotEnvOptions): Record<string, string> {
  return {
    TELEGRAM_BOT_TOKEN: o.telegram.token,
    TELEGRAM_API_ROOT: o.telegram.apiRoot,
    TELEGRAM_WEBHOOK_URL: o.telegramWebhookUrl,
    TELEGRAM_WEBHOOK_SECRET,
    HOST: '127.0.0.1',
    PORT: String(o.port),
    APIFRAME_API_KEY: o.apiframe.apiKey,
    APIFRAME_BASE_URL: o.apiframe.url,
    ...o.database,
    FREE_CREDITS: '1000',
    // The bot's own pace, not the queue's: every command is submitted at once.
    APIFRAME_CONCURRENCY: '10000',
    LOG_LEVEL: 'info',
    ...o.extra,
  };
}

/** Waits (in 10-ms steps) until `check` holds; false after `timeoutMs`. */
export async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 10));
  }
  return true;
}
