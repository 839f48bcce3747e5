/**
 * Telegram's rate limits, respected in one place: every Bot API call of the adapter (bot.api and
 * each ctx.api) passes these transformers.
 *
 * - Message-producing calls are spaced per chat, then all chats together (Bottleneck, the limiter
 *   grammY's throttler is built on, used directly because the throttler cannot order calls): a
 *   private chat gets about one per second with small bursts, a group 20 per minute (Telegram's
 *   published limits), all chats together 30 per second. Calls that send nothing to a chat
 *   (answers, deletes, chat actions, getFile) pass straight through.
 * - Waiting calls go in lane order (lanes.ts): results first, then answers, progress edits last. A
 *   progress edit takes the newest text when its turn comes, and one dropped while it waits (its
 *   result is ready) leaves at once, giving back the slot it held.
 * - auto-retry honours a 429's retry_after (at most 30 s, a few times), and retries network and
 *   5xx failures with backoff.
 */
import Bottleneck from 'bottleneck';
import type { Api, Transformer } from 'grammy';
import { autoRetry } from '@grammyjs/auto-retry';
import type { Logger } from '../../src/logger.ts';
import { LANE_PRIORITY, laneOfCall, type LaneCall } from './lanes.ts';

const THROTTLED = new Set([
  'sendMessage', 'sendPhoto', 'sendDocument', 'sendMediaGroup', 'sendAnimation', 'sendVideo', 'sendAudio', 'sendVoice',
  'sendSticker', 'copyMessage', 'forwardMessage', 'editMessageText', 'editMessageCaption', 'editMessageMedia',
  'editMessageReplyMarkup',
]);

export const RETRY = { maxDelaySeconds: 30, maxRetryAttempts: 3 } as const;

/** Every limit is a reservoir: a dropped call gives back the slot it took (see giveBack). */
type Bucket = Bottleneck.ConstructorOptions & { reservoir: number };

export interface TelegramLimits {
  global: Bucket;
  group: Bucket;
  private: Bucket;
}

export const TELEGRAM_LIMITS: TelegramLimits = {
  // 30 a second for the whole bot. A reservoir, not minTime: a call waits in Bottleneck's queue
  // (where lanes order it) only while no room is left; under minTime every call leaves the queue at
  // once with a timer of its own, in arrival order. The refill is checked every 25 ms (Bottleneck's
  // default heartbeat of 250 ms refilled late, about 24 a second).
  global: { reservoir: 30, reservoirRefreshAmount: 30, reservoirRefreshInterval: 1_000, heartbeatInterval: 25 },
  // Groups: 20 per rolling minute; one call at a time keeps the chat's messages in order.
  group: { maxConcurrent: 1, reservoir: 20, reservoirRefreshAmount: 20, reservoirRefreshInterval: 60_000 },
  // Private chats: about one per second, with bursts of up to five.
  private: { maxConcurrent: 1, reservoir: 5, reservoirIncreaseAmount: 1, reservoirIncreaseInterval: 1_000, reservoirIncreaseMaximum: 5 },
};

/** What a dropped call answers: grammY sees a success, and Telegram was never asked. */
const DROPPED = { ok: true, result: true } as const;

/** What the call sends when its turn comes, or undefined when it is no longer wanted. */
function atTurn(call: LaneCall, payload: Record<string, unknown>): Record<string, unknown> | undefined {
  if (call.signal?.aborted) return undefined;
  return call.fresh ? call.fresh(payload) : payload;
}

/** A dropped call used none of the bucket's room: the slot it took goes back (never above the bucket's size). */
async function giveBack(limiter: Bottleneck, size: number): Promise<void> {
  const left = await limiter.currentReservoir();
  if (left !== null && left < size) await limiter.incrementReservoir(1);
}

/**
 * Resolves with `run`'s outcome, or as dropped as soon as `signal` aborts while `run` has not
 * started: a chat's next call (its result) must not wait for a dropped edit to leave the global queue.
 */
function unlessDropped<T>(run: Promise<T>, started: () => boolean, signal: AbortSignal | undefined): Promise<T | typeof DROPPED> {
  if (!signal) return run;
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      if (!started()) resolve(DROPPED);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) onAbort();
    run.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export function rateLimiter(limits: TelegramLimits = TELEGRAM_LIMITS): Transformer {
  const global = new Bottleneck(limits.global);
  const groups = new Bottleneck.Group(limits.group);
  const privates = new Bottleneck.Group(limits.private);
  const transformer = async (prev: Parameters<Transformer>[0], method: string, payload: Record<string, unknown>, signal: Parameters<Transformer>[3]) => {
    if (!THROTTLED.has(method) || !payload || !('chat_id' in payload)) return prev(method as never, payload as never, signal);
    const call = laneOfCall();
    const chatId = Number(payload.chat_id);
    const chat = (chatId < 0 ? groups : privates).key(String(chatId));
    const chatSize = (chatId < 0 ? limits.group : limits.private).reservoir;
    const options = { priority: LANE_PRIORITY[call.lane] };
    return chat.schedule(options, async () => {
      if (!atTurn(call, payload)) {
        await giveBack(chat, chatSize);
        return DROPPED;
      }
      let started = false;
      const sent = global.schedule(options, async () => {
        started = true;
        const latest = atTurn(call, payload);
        if (!latest) {
          await Promise.all([giveBack(global, limits.global.reservoir), giveBack(chat, chatSize)]);
          return DROPPED;
        }
        return prev(method as never, latest as never, signal);
      });
      return unlessDropped(sent, () => started, call.signal);
    });
  };
  return transformer as unknown as Transformer;
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
