/**
 * The ChatPort: messages the core sends on its own (progress, results, failures), possibly after a
 * restart, so it works from a MessageRef alone and never needs the Interaction object. While the
 * interaction token lives, the progress message is edited through the interaction webhook; after
 * that (jobs longer than 15 minutes) the bot uses its own channel routes.
 */
import { createHash } from 'node:crypto';
import { Routes } from 'discord.js';
import type { APIEmbed, APIMessage, REST, RESTPatchAPIChannelMessageJSONBody, RESTPostAPIChannelMessageJSONBody } from 'discord.js';
import { MAX_RESULT_IMAGES, type ChatPort, type Destination, type MessageRef, type ResultImage, type ResultMessage } from '../../src/core/chat.ts';
import type { Logger } from '../../src/logger.ts';
import { EditCoalescer } from '../shared/coalescer.ts';
import { buttonRows } from './components.ts';
import { content, CONTENT_MAX } from './format.ts';
import { isForbidden, isTokenGone, safe } from './errors.ts';
import { interactionCreatedAt, liveToken, refKey } from './refs.ts';

export interface DiscordPortOptions {
  rest: REST;
  applicationId: string;
  log: Logger;
  /** Minimum time between two progress edits of one message. */
  editIntervalMs?: number;
  now?: () => number;
}

type Body = RESTPatchAPIChannelMessageJSONBody;

/**
 * A result (or failure) this long after the command or press that asked for it is posted as a new
 * message that @mentions the user, rather than edited into the progress message: Discord notifies
 * nobody of an edit, and by now the user has looked away.
 */
export const MENTION_AFTER_MS = 60_000;

const NONCE_MAX = 25;

/** A nonce that is the same for every attempt to deliver the same thing (Discord dedupes with enforce_nonce). */
export function nonceFor(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, NONCE_MAX);
}

/** Images in one gallery: Discord shows up to four embeds that share a `url` as one. */
const GALLERY = 4;

/**
 * A result's images as embeds: each run of four shares its first image's URL, so Discord shows them
 * as galleries (a grid is one, a /generate of ten three); ten embeds are a message's most.
 */
export function resultEmbeds(images: readonly ResultImage[]): APIEmbed[] {
  return images.slice(0, MAX_RESULT_IMAGES).map((img, i) => ({ url: images[i - (i % GALLERY)]!.url, image: { url: img.url } }));
}

export class DiscordPort implements ChatPort {
  readonly platform = 'discord' as const;
  private readonly edits: EditCoalescer;
  private readonly now: () => number;

  constructor(private readonly opts: DiscordPortOptions) {
    this.now = opts.now ?? Date.now;
    this.edits = new EditCoalescer(opts.editIntervalMs ?? 1_500, (err) => {
      opts.log.debug({ err: safe('progress edit', err) }, 'progress edit not shown');
    });
  }

  async updateProgress(ref: MessageRef, text: string): Promise<void> {
    if (!ref.messageId && !liveToken(ref, this.now())) return;
    // Aborted when the result is ready: an edit still queued at Discord's limits is dropped, not waited for.
    this.edits.schedule(refKey(ref), (signal) => this.edit(ref, { content: content(text), allowed_mentions: { parse: [] } }, signal));
  }

  async deliverResult(dest: Destination, progress: MessageRef | undefined, message: ResultMessage, key: string): Promise<MessageRef> {
    const body = { content: message.text, embeds: resultEmbeds(message.images), components: buttonRows(message.buttons) };
    return this.deliver(dest, progress, body, `result:${key}`);
  }

  async deliverFailure(dest: Destination, progress: MessageRef | undefined, text: string): Promise<void> {
    const key = `failure:${dest.chatId}:${progress?.messageId ?? ''}:${text}`;
    await this.deliver(dest, progress, { content: text, embeds: [], components: [] }, key);
  }

  async removeProgress(ref: MessageRef): Promise<void> {
    await this.edits.cancel(refKey(ref));
    const live = liveToken(ref, this.now());
    if (live) {
      try {
        await this.opts.rest.delete(Routes.webhookMessage(live.applicationId ?? this.opts.applicationId, live.token, ref.messageId ?? '@original'), { auth: false });
        return;
      } catch (err) {
        this.opts.log.debug({ err: safe('deleting the interaction reply', err), chatId: ref.chatId }, 'progress reply not removed by token');
      }
    }
    if (ref.messageId) await this.removeStale(ref);
  }

  /** Drops queued progress edits (on stop). */
  close(): void {
    this.edits.clear();
  }

  /**
   * Turns the progress message into the final one while the interaction token works and the job
   * was quick; otherwise (a long job, an expired token, a message that is gone) posts a new message
   * that mentions the user, so they are notified, de-duplicated by a nonce so a retried delivery
   * after a crash is not doubled.
   */
  private async deliver(
    dest: Destination,
    progress: MessageRef | undefined,
    final: { content: string; embeds: APIEmbed[]; components: ReturnType<typeof buttonRows> },
    key: string,
  ): Promise<MessageRef> {
    if (progress) await this.edits.cancel(refKey(progress));
    const asked = progress && interactionCreatedAt(progress);
    const long = asked !== undefined && this.now() - asked >= MENTION_AFTER_MS;
    const inPlace = async (ref: MessageRef): Promise<MessageRef | undefined> => {
      const edited = await this.editByToken(ref, { ...final, content: content(final.content), allowed_mentions: { parse: [] } });
      return edited && { ...ref, chatId: edited.channel_id || ref.chatId, messageId: edited.id };
    };
    if (progress && !long && liveToken(progress, this.now())) {
      const edited = await inPlace(progress);
      if (edited) return edited;
    }
    try {
      return await this.postMentioning(dest, progress, final, key);
    } catch (err) {
      // A bot that may not post in the channel still answers through the interaction, unnotified.
      const fallback = long && progress && isForbidden(err) ? await inPlace(progress) : undefined;
      if (fallback) return fallback;
      throw err;
    }
  }

  /** The final message as a new message that @mentions the user (and only them); the old progress message goes. */
  private async postMentioning(
    dest: Destination,
    progress: MessageRef | undefined,
    final: { content: string; embeds: APIEmbed[]; components: ReturnType<typeof buttonRows> },
    key: string,
  ): Promise<MessageRef> {
    const mention = `<@${dest.userId}> `;
    const body: RESTPostAPIChannelMessageJSONBody = {
      ...final,
      content: mention + content(final.content, CONTENT_MAX - mention.length),
      allowed_mentions: { parse: [], users: [dest.userId] },
      nonce: nonceFor(key),
      enforce_nonce: true,
    };
    let posted: APIMessage;
    try {
      posted = (await this.opts.rest.post(Routes.channelMessages(dest.chatId), { body })) as APIMessage;
    } catch (err) {
      throw safe('posting a message', err);
    }
    if (progress?.messageId && progress.messageId !== posted.id) await this.removeStale(progress);
    return { platform: 'discord', chatId: posted.channel_id || dest.chatId, messageId: posted.id };
  }

  /** Edits through the interaction webhook; undefined when the token or the message is gone. */
  private async editByToken(ref: MessageRef, body: Body, signal?: AbortSignal): Promise<APIMessage | undefined> {
    const live = liveToken(ref, this.now());
    if (!live) return undefined;
    const route = Routes.webhookMessage(live.applicationId ?? this.opts.applicationId, live.token, ref.messageId ?? '@original');
    try {
      // auth: false — a 401 here (expired token) must not make discord.js forget the bot token.
      return (await this.opts.rest.patch(route, { body, auth: false, ...(signal ? { signal } : {}) })) as APIMessage;
    } catch (err) {
      if (isTokenGone(err)) {
        this.opts.log.debug({ err: safe('interaction edit', err), chatId: ref.chatId }, 'interaction token no longer works; using the channel');
        return undefined;
      }
      throw safe('editing the interaction reply', err);
    }
  }

  /** A progress edit: by token while it works, else as a channel message. */
  private async edit(ref: MessageRef, body: Body, signal: AbortSignal): Promise<void> {
    if (await this.editByToken(ref, body, signal)) return;
    if (!ref.messageId || signal.aborted) return;
    try {
      await this.opts.rest.patch(Routes.channelMessage(ref.chatId, ref.messageId), { body, signal });
    } catch (err) {
      throw safe('editing a message', err);
    }
  }

  /** The old progress message is replaced by the new one; best effort. */
  private async removeStale(ref: MessageRef): Promise<void> {
    try {
      await this.opts.rest.delete(Routes.channelMessage(ref.chatId, ref.messageId!));
    } catch (err) {
      this.opts.log.debug({ err: safe('deleting the progress message', err), chatId: ref.chatId }, 'old progress message not removed');
    }
  }
}
