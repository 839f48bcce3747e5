/**
 * Which lane a Bot API call travels in (issue 14, part 1). When the bot is at Telegram's limits,
 * calls wait; results and first answers must not wait behind progress edits, which are only a
 * courtesy. The port says which lane a call is in by running it inside `inLane`; the rate limiter
 * (ratelimit.ts) reads it and orders waiting calls by it. Async context carries it through grammY
 * to the limiter, so the Messenger and grammY's methods need no extra parameter.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export type Lane = 'result' | 'answer' | 'progress';

/** Bottleneck's priorities: 0 runs first, 9 last; a call with no lane is an answer. */
export const LANE_PRIORITY: Readonly<Record<Lane, number>> = { result: 1, answer: 4, progress: 8 };

export interface LaneCall {
  lane: Lane;
  /** Aborted when the call is no longer wanted (the result is ready): if it still waits, it is dropped. */
  signal?: AbortSignal;
  /**
   * Called when the call's turn comes, with what it was asked to send: what to send instead (a
   * progress edit takes the newest text that arrived while it waited), or undefined to drop it.
   */
  fresh?: (payload: Record<string, unknown>) => Record<string, unknown> | undefined;
}

const current = new AsyncLocalStorage<LaneCall>();

/** Runs `fn` with every Bot API call it makes in `call`'s lane. */
export function inLane<T>(call: LaneCall, fn: () => Promise<T>): Promise<T> {
  return current.run(call, fn);
}

/** The lane of the call being made now (an answer when none was given). */
export function laneOfCall(): LaneCall {
  return current.getStore() ?? { lane: 'answer' };
}
