/**
 * Telegram in webhook mode: Telegram posts each update to TELEGRAM_WEBHOOK_URL, and the route below
 * takes it through grammY's webhookCallback (which checks X-Telegram-Bot-Api-Secret-Token in
 * constant time before the body is read). The update is written to the inbox before Telegram gets
 * its 200, so a crash after the answer loses nothing (the next start replays it), and it is handled
 * after the answer, so Telegram never waits for an image submit. A redelivery of the same update_id
 * finds it in the inbox and is skipped by claimUpdates, as with long polling.
 */
import { webhookCallback, type Bot } from 'grammy';
import type { Update } from 'grammy/types';
import { z } from 'zod';
import type { Inbox } from '../../src/core/inbox.ts';
import type { PlatformWebhook, PlatformWebhookReply, PlatformWebhookRequest } from '../../src/core/platform-webhook.ts';
import { updateKey } from './inbox.ts';

/** What Telegram sends, as far as this route needs to know: an update id (grammY reads the rest). */
const updateShape = z.looseObject({ update_id: z.int().min(0) });

/** The update was not taken (no answer owed by grammY): ends webhookCallback quietly. */
class NotTaken extends Error {}

export interface TelegramWebhookOptions {
  bot: Bot;
  inbox: Inbox;
  /** The path of TELEGRAM_WEBHOOK_URL. */
  path: string;
  secret: string;
  /** False while starting or stopping: Telegram is told to come back later (503) and redelivers. */
  accepting: () => boolean;
}

export function telegramWebhook(o: TelegramWebhookOptions): PlatformWebhook {
  const { bot, inbox } = o;
  // grammY's framework adapter for our server's port: `update` is read only once the secret matched.
  const adapter = (req: PlatformWebhookRequest, reply: PlatformWebhookReply) => {
    const header = req.headers['x-telegram-bot-api-secret-token'];
    return {
      header: Array.isArray(header) ? header[0] : header,
      get update(): Promise<Update> {
        return (async () => {
          const parsed = updateShape.safeParse(await req.json());
          if (!parsed.success) {
            reply.rejected('not a Telegram update');
            throw new NotTaken();
          }
          const update = parsed.data as unknown as Update;
          // Durable before Telegram learns it was received: the 200 is Telegram's confirmation.
          await inbox.record('telegram', [{ id: updateKey(bot.botInfo.id, update.update_id), payload: update }]);
          reply.accepted();
          return update;
        })();
      },
      // The answer went out above; nothing is ever sent as a webhook reply.
      end: () => undefined,
      respond: () => undefined,
      unauthorized: () => reply.unauthorized(),
    };
  };
  // The handling runs after the answer, however long it takes: no grammY timeout.
  const callback = webhookCallback(bot, adapter, { secretToken: o.secret, timeoutMilliseconds: Infinity });
  return {
    platform: 'telegram',
    path: o.path,
    async handle(req, reply) {
      if (!o.accepting()) return reply.unavailable();
      try {
        await callback(req, reply);
      } catch (err) {
        if (!(err instanceof NotTaken)) throw err;
      }
    },
  };
}
