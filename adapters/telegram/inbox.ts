/**
 * Exactly-once handling of Telegram updates across crashes. getUpdates hands over a batch and the
 * next getUpdates call confirms it to Telegram, whether or not it was handled; so each batch is
 * written to the store's inbox before that next call can go out, each update is claimed before
 * it is handled and marked done after, and on start whatever a crash interrupted is handled again.
 * A replay cannot run a command twice: what a command starts carries the update as its origin.
 */
import type { Bot, Middleware, Transformer } from 'grammy';
import type { Update } from 'grammy/types';
import type { Inbox } from '../../src/core/inbox.ts';
import type { Logger } from '../../src/logger.ts';
import type { Metrics } from '../../src/metrics.ts';

/** The inbox id (and the command origin) of an update: update ids are per bot. */
export function updateKey(botId: number, updateId: number): string {
  return `telegram:${botId}:${updateId}`;
}

/** Records every batch getUpdates returns, before the caller sees it (and so before it is confirmed). */
export function recordUpdates(inbox: Inbox, botId: () => number): Transformer {
  return async (prev, method, payload, signal) => {
    const res = await prev(method, payload, signal);
    if (method === 'getUpdates' && res.ok) {
      const updates = res.result as Update[];
      await inbox.record('telegram', updates.map((u) => ({ id: updateKey(botId(), u.update_id), payload: u })));
    }
    return res;
  };
}

/** Claims each update before the handlers see it; an update done (or in hand) already is skipped. */
export function claimUpdates(inbox: Inbox, log: Logger): Middleware {
  return async (ctx, next) => {
    const id = updateKey(ctx.me.id, ctx.update.update_id);
    if (!(await inbox.begin('telegram', { id, payload: ctx.update }))) {
      log.debug({ updateId: ctx.update.update_id }, 'telegram update already handled; skipped');
      return;
    }
    try {
      await next();
    } finally {
      // Done even when a handler threw (it was logged): a failing update must not replay forever.
      await inbox.finish(id);
    }
  };
}

/** Hands the updates a stop or a crash left unhandled to the bot again; returns their promises. */
export async function replayUnfinished(bot: Bot, inbox: Inbox, log: Logger, metrics: Metrics): Promise<Array<Promise<void>>> {
  const items = await inbox.unfinished('telegram');
  if (items.length > 0) log.warn({ count: items.length }, 'handling telegram updates a stop or crash interrupted');
  return items.map((item) => {
    metrics.replayedUpdates.inc({ platform: 'telegram' });
    return bot.handleUpdate(item.payload as Update).catch((err: unknown) => log.error({ err, id: item.id }, 'replayed telegram update failed'));
  });
}
