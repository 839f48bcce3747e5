/**
 * Watches every Bot API request as it goes out (installed innermost, so each retry counts):
 * counts calls and 429s by method for the metrics, and remembers whether long polling works, for
 * GET /readyz. A getUpdates that fails now and then is normal (a network blip, Telegram's own
 * 5xx); several in a row mean the bot hears nothing.
 */
import type { Transformer } from 'grammy';
import type { Metrics } from '../../src/metrics.ts';

/** getUpdates failures in a row after which the bot counts as not ready. */
export const POLL_FAILURES_IN_A_ROW = 3;

export interface PollHealth {
  status(): { ready: boolean; detail?: string };
}

export function watchApi(metrics: Metrics): { transformer: Transformer; polling: PollHealth } {
  let failedInARow = 0;
  let lastFailure = '';
  const pollFailed = (what: string) => {
    failedInARow++;
    lastFailure = what;
  };
  const transformer: Transformer = async (prev, method, payload, signal) => {
    // Bot API method names are a fixed set: a bounded label.
    const labels = { platform: 'telegram', method };
    metrics.platformApiCalls.inc(labels);
    try {
      const res = await prev(method, payload, signal);
      if (!res.ok && res.error_code === 429) metrics.platformApiRateLimited.inc(labels);
      if (method === 'getUpdates') {
        if (res.ok) failedInARow = 0;
        else pollFailed(`HTTP ${res.error_code}`);
      }
      return res;
    } catch (err) {
      // A poll cut short by the stop is not a failure of Telegram.
      if (method === 'getUpdates' && !signal?.aborted) pollFailed('Telegram could not be reached');
      throw err;
    }
  };
  return {
    transformer,
    polling: {
      status: () =>
        failedInARow >= POLL_FAILURES_IN_A_ROW
          ? { ready: false, detail: `the last ${failedInARow} getUpdates calls failed (last: ${lastFailure})` }
          : { ready: true },
    },
  };
}
