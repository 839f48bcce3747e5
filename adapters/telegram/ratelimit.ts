/**
 * Telegram's rate limits, respected in one place: every Bot API call of the adapter (bot.api and
 * each ctx.api) passes these transformers.
 *
 * - The throttler spaces message-producing calls per chat: a private chat gets about one per
 *   second with small bursts, a group 20 per minute (Telegram's published limits), all chats
 *   together 30 per second. Calls that send nothing to a chat (answers, deletes, chat actions,
 *   getFile) pass straight through.
 * - auto-retry honours a 429's retry_after (at most 30 s, a few times), and retries network and
 *   5xx failures with backoff.
 */
import type { Api, Transformer } from 'grammy';
import { autoRetry } from '@grammyjs/auto-retry';
import { apiThrottler } from '@grammyjs/transformer-throttler';
import type { Logger } from '../../src/logger.ts';

const THROTTLED = new Set([
  'sendMessage', 'sendPhoto', 'sendDocument', 'sendMediaGroup', 'sendAnimation', 'sendVideo', 'sendAudio', 'sendVoice',
  'sendSticker', 'copyMessage', 'forwardMessage', 'editMessageText', 'editMessageCaption', 'editMessageMedia',
  'editMessageReplyMarkup',
]);

export const RETRY = { maxDelaySeconds: 30, maxRetryAttempts: 3 } as const;

export function rateLimiter(): Transformer {
  const throttle = apiThrottler({
    global: { reservoir: 30, reservoirRefreshAmount: 30, reservoirRefreshInterval: 1_000 },
    // Groups: 20 per rolling minute; one call at a time keeps the chat's messages in order.
    group: { maxConcurrent: 1, reservoir: 20, reservoirRefreshAmount: 20, reservoirRefreshInterval: 60_000 },
    // Private chats: about one per second, with bursts of up to five.
    out: { maxConcurrent: 1, reservoir: 5, reservoirIncreaseAmount: 1, reservoirIncreaseInterval: 1_000, reservoirIncreaseMaximum: 5 },
  });
  return (prev, method, payload, signal) => (THROTTLED.has(method) ? throttle(prev, method, payload, signal) : prev(method, payload, signal));
}

/** Long-poll failures are logged here (the runner itself is silenced: it would print to the console). */
function pollLogger(log: Logger): Transformer {
  return async (prev, method, payload, signal) => {
    if (method !== 'getUpdates') return prev(method, payload, signal);
    try {
      const res = await prev(method, payload, signal);
      if (!res.ok) log.warn({ code: res.error_code, description: res.description }, 'telegram getUpdates failed');
      return res;
    } catch (err) {
      if (!signal?.aborted) log.warn({ err }, 'telegram getUpdates failed');
      throw err;
    }
  };
}

/**
 * Gives every call that has no signal of its own the adapter's stop signal, so that on shutdown a
 * call waiting out retries (auto-retry retries network errors without end) gives up at once.
 */
function stopWith(stop: AbortSignal): Transformer {
  // grammY types its signal with the abort-controller shim; Node's own is what it receives at run time.
  const shared = stop as unknown as Parameters<Transformer>[3];
  return (prev, method, payload, signal) => prev(method, payload, signal ?? shared);
}

export function installApiLimits(api: Api, log: Logger, stop: AbortSignal): void {
  // The last one installed runs first: a retried call goes through the throttler again, and the
  // stop signal reaches auto-retry's waits.
  api.config.use(rateLimiter(), pollLogger(log), autoRetry(RETRY), stopWith(stop));
}
