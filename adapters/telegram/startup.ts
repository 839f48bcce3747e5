/**
 * Connecting to Telegram at start, bounded, with one honest line when it fails: a network failure
 * names the address and TELEGRAM_API_ROOT; only Telegram's own 401/404 blames the token. (grammY
 * retries network failures during bot.init() without end, so the bound comes from the signal.)
 */
import { GrammyError, type Transformer } from 'grammy';
import { StartupError } from '../../src/startup/errors.ts';
import { networkCode, unreachableLine } from '../../src/startup/network.ts';

/** Records the last failure of any call (a network code, or an HTTP 5xx), for the line a timeout ends in. */
export function failureRecorder(): { transformer: Transformer; last(): string | undefined } {
  let last: string | undefined;
  const transformer: Transformer = async (prev, method, payload, signal) => {
    try {
      const res = await prev(method, payload, signal);
      if (!res.ok && res.error_code >= 500) last = `HTTP ${res.error_code}`;
      return res;
    } catch (err) {
      last = networkCode(err) ?? last;
      throw err;
    }
  };
  return { transformer, last: () => last };
}

export interface TelegramFailureContext {
  apiRoot: string;
  /** Set when the bound ran out. */
  timeoutMs?: number;
  /** The last failure seen underneath the retries. */
  lastFailure?: string;
}

/** The one line for a Telegram call that failed at start (getMe, deleteWebhook) or in `npm run doctor`. */
export function telegramFailure(err: unknown, ctx: TelegramFailureContext): StartupError {
  if (err instanceof GrammyError) {
    if (err.error_code === 401) return new StartupError('Telegram refused TELEGRAM_BOT_TOKEN (401 Unauthorized): copy the token again from @BotFather');
    if (err.error_code === 404) {
      return new StartupError(`Telegram answered 404 Not Found to ${err.method}: check TELEGRAM_BOT_TOKEN (copy it again from @BotFather) and TELEGRAM_API_ROOT (${ctx.apiRoot})`);
    }
    if (err.error_code < 500) return new StartupError(`Telegram refused ${err.method} (${err.error_code}: ${err.description})`);
  }
  const code = networkCode(err) ?? ctx.lastFailure;
  if (ctx.timeoutMs !== undefined || code) {
    return new StartupError(unreachableLine({ service: 'Telegram', url: ctx.apiRoot, code, timeoutMs: ctx.timeoutMs, check: 'TELEGRAM_API_ROOT' }));
  }
  return new StartupError(`Telegram could not be started: ${err instanceof Error ? err.message : String(err)}`);
}
