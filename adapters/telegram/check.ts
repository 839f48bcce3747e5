/** `npm run doctor`'s Telegram check: getMe with the token, once, within a short bound. */
import { Api } from 'grammy';
import { StartupError } from '../../src/startup/errors.ts';
import { telegramFailure } from './startup.ts';

/** Resolves with the bot's @username, or rejects with the one line saying what to fix. */
export async function checkTelegram(o: { token: string; apiRoot: string; timeoutMs: number }): Promise<string> {
  const apiRoot = o.apiRoot.replace(/\/+$/, '');
  // No auto-retry here: one answer, or the reason there was none.
  const api = new Api(o.token, { apiRoot });
  const signal = AbortSignal.timeout(o.timeoutMs);
  try {
    const me = await api.getMe(signal as unknown as Parameters<typeof api.getMe>[0]);
    return `TELEGRAM_BOT_TOKEN accepted: @${me.username}`;
  } catch (err) {
    throw telegramFailure(err, { apiRoot, timeoutMs: signal.aborted ? o.timeoutMs : undefined });
  }
}

/** A delivery error this recent means the address does not reach the bot now; an older one is history. */
const RECENT_ERROR_S = 10 * 60;

/**
 * `npm run doctor`'s webhook check: what Telegram says of TELEGRAM_WEBHOOK_URL (getWebhookInfo,
 * which changes nothing). The configuration already made sure the URL is HTTPS on a port Telegram
 * posts to; whether that address reaches this bot shows in Telegram's own last delivery error.
 */
export async function checkTelegramWebhook(o: { token: string; apiRoot: string; url: string; timeoutMs: number; now?: () => number }): Promise<string> {
  const apiRoot = o.apiRoot.replace(/\/+$/, '');
  const api = new Api(o.token, { apiRoot });
  const signal = AbortSignal.timeout(o.timeoutMs);
  let info;
  try {
    info = await api.getWebhookInfo(signal as unknown as Parameters<typeof api.getWebhookInfo>[0]);
  } catch (err) {
    throw telegramFailure(err, { apiRoot, timeoutMs: signal.aborted ? o.timeoutMs : undefined });
  }
  if (!info.url) return 'HTTPS; not set at Telegram yet: the bot sets it when it starts';
  if (info.url !== o.url) return 'HTTPS; Telegram delivers to another address now: the bot sets TELEGRAM_WEBHOOK_URL when it starts (make every instance use the same one)';
  const now = Math.floor((o.now ?? Date.now)() / 1000);
  if (info.last_error_date !== undefined && now - info.last_error_date < RECENT_ERROR_S) {
    throw new StartupError(
      `Telegram could not deliver to TELEGRAM_WEBHOOK_URL ${Math.max(0, Math.round((now - info.last_error_date) / 60))} min ago (${info.last_error_message ?? 'no reason given'}; ${info.pending_update_count} updates waiting): make the address reach this bot's HOST:PORT (DNS, reverse proxy, certificate)`,
    );
  }
  return `HTTPS; Telegram delivers updates there (${info.pending_update_count} waiting)`;
}
