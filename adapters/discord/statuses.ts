/**
 * Running statuses on Discord (a photo set's count): one message per set and channel, edited
 * through the bot's channel routes as photos arrive. Discord ids do not count messages, so the
 * adapter counts the messages it sees per channel to tell how far up a status has gone.
 */
import { Routes } from 'discord.js';
import type { REST, RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import type { Logger } from '../../src/logger.ts';
import { StatusMessages, type StatusIo } from '../shared/status-messages.ts';
import { content } from './format.ts';
import { discordCode, safe } from './errors.ts';

/** Edits of one status message at most this often (the pace of progress edits). */
const STATUS_INTERVAL_MS = 1_500;
/** A status more than this many messages up the channel is posted again below. */
export const STATUS_FAR_AFTER = 20;
/** Channels whose messages are counted at most (the one seen longest ago is forgotten first). */
const COUNTED_CHANNELS = 10_000;
const UNKNOWN_MESSAGE = 10008;

export class DiscordStatuses {
  private readonly board: StatusMessages<string>;
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly rest: REST,
    log: Logger,
  ) {
    this.board = new StatusMessages<string>({
      farAfter: STATUS_FAR_AFTER,
      intervalMs: () => STATUS_INTERVAL_MS,
      onError: (err) => log.debug({ err: safe('status edit', err) }, 'status edit not shown'),
    });
  }

  /** Counts a message seen in a channel (every message, the bot's own included). */
  saw(channelId: string): void {
    const n = (this.seen.get(channelId) ?? 0) + 1;
    this.seen.delete(channelId);
    this.seen.set(channelId, n);
    if (this.seen.size > COUNTED_CHANNELS) this.seen.delete(this.seen.keys().next().value!);
  }

  /** The status `key` in a channel, for an update that is the user's message `replyTo`. */
  show(channelId: string, key: string, text: string, replyTo: string): Promise<void> {
    return this.board.show(`${channelId}:${key}`, text, this.position(channelId), this.io(channelId, replyTo));
  }

  /** A message the bot already posted (an interaction reply) is the status `key` from now on. */
  adopt(channelId: string, key: string, text: string, messageId: string): Promise<void> {
    return this.board.adopt(`${channelId}:${key}`, messageId, text, this.position(channelId), this.io(channelId));
  }

  clear(): void {
    this.board.clear();
  }

  private position(channelId: string): number {
    return this.seen.get(channelId) ?? 0;
  }

  private io(channelId: string, replyTo?: string): StatusIo<string> {
    return {
      send: async (text) => {
        const body: RESTPostAPIChannelMessageJSONBody = {
          content: content(text),
          ...(replyTo ? { message_reference: { message_id: replyTo, channel_id: channelId, fail_if_not_exists: false } } : {}),
          allowed_mentions: { parse: [], replied_user: false },
        };
        try {
          return ((await this.rest.post(Routes.channelMessages(channelId), { body })) as { id: string }).id;
        } catch (err) {
          throw safe('posting a status', err);
        }
      },
      edit: async (messageId, text) => {
        try {
          await this.rest.patch(Routes.channelMessage(channelId, messageId), { body: { content: content(text), allowed_mentions: { parse: [] } } });
          return true;
        } catch (err) {
          if (discordCode(err) === UNKNOWN_MESSAGE) return false;
          throw safe('editing a status', err);
        }
      },
    };
  }
}
