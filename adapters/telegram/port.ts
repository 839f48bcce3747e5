/**
 * ChatPort for Telegram: progress edits (coalesced to what Telegram accepts), results as a photo
 * with an inline keyboard, failures as an edit of the progress message.
 */
import type { Readable } from 'node:stream';
import { InputMediaBuilder } from 'grammy';
import type { InlineKeyboardMarkup, InputMediaDocument, InputMediaPhoto, Message } from 'grammy/types';
import type { Logger } from '../../src/logger.ts';
import type { ChatPort, DeliveryJournal, Destination, MessageRef, ResultImage, ResultMessage } from '../../src/core/chat.ts';
import { EditCoalescer } from '../shared/coalescer.ts';
import { StatusMessages } from '../shared/status-messages.ts';
import { RefusalDigest } from '../shared/refusal-digest.ts';
import { cannotTakeMedia, clip, isMediaProblem, isMessageGone, isNotModified, LIMITS, messageText } from './limits.ts';
import { inLane } from './lanes.ts';
import { chatIdOf, messageIdOf, refKey, replyTo, replyToOf, telegramRef, type Messenger } from './messenger.ts';
import { imageUpload, openImage } from './image-source.ts';

/**
 * Telegram takes about one message or edit per second in a chat and 20 per minute in a group;
 * progress is only a courtesy, so it stays well inside that and leaves room for results.
 */
export const PROGRESS_INTERVAL_MS = { private: 2_500, group: 5_000 } as const;
/** Progress edits per chat per minute at most (several tasks may run in one chat), leaving the rest for results. */
export const PROGRESS_EDITS_PER_MINUTE = { private: 30, group: 10 } as const;
/**
 * A job whose progress has been shown for this long (an AI-photo training runs for many minutes)
 * is edited at most once per LONG_PROGRESS_INTERVAL_MS: it would otherwise spend the chat's whole
 * edit budget and starve the progress of shorter jobs beside it. The newest text is kept, not lost.
 */
export const LONG_PROGRESS_AFTER_MS = 2 * 60_000;
export const LONG_PROGRESS_INTERVAL_MS = { private: 15_000, group: 30_000 } as const;
/** Messages whose progress timing is remembered at most (oldest forgotten first). */
const TRACKED_PROGRESS = 5_000;
/**
 * A running status (a photo set's count) more than this many messages up the chat is left there
 * and posted again below: an edit that far up would go unseen.
 */
export const STATUS_FAR_AFTER = 20;
/**
 * A group's combined refusals (issue 12, part 4): edited at most this often, so that a flood of
 * refused commands spends few of the group's 20 messages a minute and results are not held up.
 */
export const REFUSAL_EDIT_INTERVAL_MS = 10_000;
/**
 * A flood of commands moves the chat fast (every command is a message): its combined refusal is
 * posted again only this far below, else each new post would spend the budget the results need.
 */
export const REFUSAL_FAR_AFTER = 150;
/** After this long without a refusal of its kind, the next one starts a new combined message. */
export const REFUSAL_QUIET_MS = 2 * 60_000;

/** Result buttons as an inline keyboard; a button whose payload is over Telegram's 64 bytes is left out. */
export function inlineKeyboard(buttons: ResultMessage['buttons'], log?: Logger): InlineKeyboardMarkup | undefined {
  const rows = buttons
    .map((row) =>
      row
        .filter((b) => {
          const fits = Buffer.byteLength(b.id, 'utf8') <= LIMITS.callbackDataBytes;
          if (!fits) log?.warn({ button: b.label }, 'button payload over 64 bytes left out');
          return fits;
        })
        .map((b) => ({ text: b.label, callback_data: b.id })),
    )
    .filter((row) => row.length > 0);
  return rows.length > 0 ? { inline_keyboard: rows } : undefined;
}

type Media = 'photo' | 'document';

export class TelegramPort implements ChatPort {
  readonly platform = 'telegram' as const;
  private readonly privateEdits: EditCoalescer;
  private readonly groupEdits: EditCoalescer;
  private readonly recentEdits = new Map<number, number[]>();
  /**
   * Per progress message: when its progress was first shown and last edited, the newest text it
   * was given, and the text it shows.
   */
  private readonly progressTimes = new Map<string, { first: number; last: number; latest?: string; shown?: string }>();
  /** Per long-running progress message: the newest text, waiting for its next turn. */
  private readonly deferred = new Map<string, { text: string; timer: NodeJS.Timeout }>();
  /**
   * Running statuses by `${chatId}:${key}`, their message ids edited at the pace of progress; the
   * position of an update is its message id (Telegram numbers a chat's messages in order).
   */
  readonly statuses: StatusMessages<number>;
  /** Each group's refused commands, combined per kind into one message (see RefusalDigest). */
  readonly refusals: RefusalDigest<number>;
  /**
   * A group's combined notices, at one pace: its refusals, and its board of waiting jobs (issue 12,
   * part 4), which would otherwise be a message per waiting job, edited as the line moves.
   */
  private readonly groupNotices: StatusMessages<number>;

  constructor(
    private readonly messenger: Messenger,
    private readonly log: Logger,
  ) {
    const onError = (err: unknown) => this.log.debug({ err }, 'progress edit not shown');
    this.privateEdits = new EditCoalescer(PROGRESS_INTERVAL_MS.private, onError);
    this.groupEdits = new EditCoalescer(PROGRESS_INTERVAL_MS.group, onError);
    this.statuses = new StatusMessages<number>({
      farAfter: STATUS_FAR_AFTER,
      intervalMs: (key) => (key.startsWith('-') ? PROGRESS_INTERVAL_MS.group : PROGRESS_INTERVAL_MS.private),
      onError: (err) => this.log.debug({ err }, 'status edit not shown'),
    });
    this.groupNotices = new StatusMessages<number>({
      farAfter: REFUSAL_FAR_AFTER,
      intervalMs: () => REFUSAL_EDIT_INTERVAL_MS,
      onError: (err) => this.log.debug({ err }, 'combined group notice not shown'),
    });
    this.refusals = new RefusalDigest(this.groupNotices, { quietMs: REFUSAL_QUIET_MS, farAfter: REFUSAL_FAR_AFTER });
  }

  /** Group and supergroup chats have negative ids. */
  private coalescer(ref: Pick<MessageRef, 'chatId'>): EditCoalescer {
    return chatIdOf(ref) < 0 ? this.groupEdits : this.privateEdits;
  }

  /** Drops queued progress edits of a message (and waits for one in flight), so a final edit lands last. */
  async cancelProgress(ref: MessageRef): Promise<void> {
    const key = refKey(ref);
    const waiting = this.deferred.get(key);
    if (waiting) clearTimeout(waiting.timer);
    this.deferred.delete(key);
    this.progressTimes.delete(key);
    await this.coalescer(ref).cancel(key);
  }

  async updateProgress(ref: MessageRef, text: string): Promise<void> {
    const messageId = messageIdOf(ref);
    if (messageId === undefined) return;
    const key = refKey(ref);
    const wait = this.longProgressWait(ref, key);
    if (wait > 0) return this.defer(ref, key, text, wait);
    const tracked = this.progressTimes.get(key);
    if (tracked) tracked.latest = text;
    this.coalescer(ref).schedule(key, async (signal) => {
      // An edit that waited at Telegram's limits already showed this text (it takes the newest when its turn comes).
      if (tracked && tracked.shown === tracked.latest) return;
      if (!this.spendEdit(chatIdOf(ref))) return; // a later update will show newer progress anyway
      if (tracked) tracked.last = Date.now();
      let sending = text;
      const fresh = (payload: Record<string, unknown>) => {
        sending = tracked?.latest ?? text;
        return { ...payload, text: messageText(sending) };
      };
      // Progress is the lowest lane: results and answers go first when the chat or the bot is at its limits.
      await inLane({ lane: 'progress', signal, fresh }, () => this.messenger.edit(chatIdOf(ref), messageId, text));
      if (tracked && !signal.aborted) tracked.shown = sending;
    });
  }

  /** How long a long-running progress message must wait for its next edit (0: it may be edited now). */
  private longProgressWait(ref: MessageRef, key: string): number {
    const now = Date.now();
    const times = this.progressTimes.get(key);
    if (!times) {
      if (this.progressTimes.size >= TRACKED_PROGRESS) this.progressTimes.delete(this.progressTimes.keys().next().value!);
      this.progressTimes.set(key, { first: now, last: 0 });
      return 0;
    }
    if (now - times.first < LONG_PROGRESS_AFTER_MS) return 0;
    const interval = chatIdOf(ref) < 0 ? LONG_PROGRESS_INTERVAL_MS.group : LONG_PROGRESS_INTERVAL_MS.private;
    return Math.max(0, times.last + interval - now);
  }

  /** Keeps the newest text of a long-running job until its turn comes. */
  private defer(ref: MessageRef, key: string, text: string, wait: number): void {
    const waiting = this.deferred.get(key);
    if (waiting) {
      waiting.text = text;
      return;
    }
    const entry = {
      text,
      timer: setTimeout(() => {
        this.deferred.delete(key);
        void this.updateProgress(ref, entry.text);
      }, wait),
    };
    this.deferred.set(key, entry);
  }

  /** True when the chat's progress budget allows one more edit now. */
  private spendEdit(chatId: number): boolean {
    const now = Date.now();
    const limit = chatId < 0 ? PROGRESS_EDITS_PER_MINUTE.group : PROGRESS_EDITS_PER_MINUTE.private;
    const recent = (this.recentEdits.get(chatId) ?? []).filter((t) => now - t < 60_000);
    if (recent.length >= limit) {
      this.recentEdits.set(chatId, recent);
      return false;
    }
    recent.push(now);
    this.recentEdits.set(chatId, recent);
    if (this.recentEdits.size > 1_000) {
      for (const [id, times] of this.recentEdits) if (now - times[times.length - 1]! >= 60_000) this.recentEdits.delete(id);
    }
    return true;
  }

  /**
   * Posts a result so that a retry after a crash cannot post it twice: where Telegram allows it the
   * progress message itself becomes the result (a single image or a text), so a repeat edits the
   * same message again; otherwise each message sent is recorded in the journal the moment Telegram
   * accepts it, and a retry skips it.
   */
  deliverResult(dest: Destination, progress: MessageRef | undefined, message: ResultMessage, key: string, journal?: DeliveryJournal): Promise<MessageRef> {
    // Results are the first lane: they pass every waiting progress edit and answer.
    return inLane({ lane: 'result' }, () => this.postResult(dest, progress, message, key, journal));
  }

  private async postResult(dest: Destination, progress: MessageRef | undefined, message: ResultMessage, key: string, journal?: DeliveryJournal): Promise<MessageRef> {
    const sentBefore = journal?.get('result') as MessageRef | undefined;
    if (sentBefore) return sentBefore;
    const chatId = chatIdOf(dest);
    const progressId = messageIdOf(progress);
    if (progress) await this.cancelProgress(progress);
    const keyboard = inlineKeyboard(message.buttons, this.log);
    const caption = clip(message.text, LIMITS.caption);
    const [first, ...more] = message.images;
    if (progressId !== undefined && more.length === 0) {
      const edited = first
        ? await this.editIntoImage(chatId, progressId, first, caption, keyboard, key)
        : await this.messenger.edit(chatId, progressId, message.text, { keyboard });
      if (edited) return progress!;
    }
    // Answer the user's own message when it is known: the progress message is about to go.
    const reply = replyTo(replyToOf(progress) ?? progressId);
    let sent: Message;
    if (!first) {
      sent = await this.messenger.send(chatId, message.text, { replyTo: replyToOf(progress), keyboard });
    } else if (more.length === 0) {
      sent = await this.sendImage(chatId, first, { caption, ...reply, ...(keyboard ? { reply_markup: keyboard } : {}) }, key);
    } else {
      // An album cannot carry buttons: the photos go first, the caption and buttons after them.
      if (!journal?.get('album')) {
        await this.sendAlbum(chatId, message.images, reply, key);
        await journal?.record('album', true);
      }
      sent = await this.messenger.send(chatId, message.text, { keyboard });
    }
    const ref: MessageRef = { platform: 'telegram', chatId: String(chatId), messageId: String(sent.message_id) };
    await journal?.record('result', ref);
    if (progressId !== undefined) await this.messenger.remove(chatId, progressId);
    return ref;
  }

  /**
   * Turns the progress message into the image (Telegram lets a text message become a photo): by
   * URL first, else uploaded, as a document when too big for a photo. False when the message is
   * gone or cannot take media, so the caller posts a new one.
   */
  private async editIntoImage(chatId: number, messageId: number, image: ResultImage, caption: string, keyboard: InlineKeyboardMarkup | undefined, key: string): Promise<boolean> {
    const markup = keyboard ? { reply_markup: keyboard } : {};
    const attempt = async (media: InputMediaPhoto | InputMediaDocument): Promise<boolean | 'media'> => {
      try {
        await this.api.editMessageMedia(chatId, messageId, media, markup);
        return true;
      } catch (err) {
        if (isNotModified(err)) return true;
        if (isMessageGone(err) || cannotTakeMedia(err)) return false;
        if (isMediaProblem(err)) return 'media';
        throw err;
      }
    };
    const byUrl = await attempt(InputMediaBuilder.photo(image.url, { caption }));
    if (byUrl !== 'media') return byUrl;
    this.log.info({ key }, 'Telegram could not use the image URL; uploading the image instead');
    const opened = await openImage(image.url);
    const big = opened.size !== undefined && opened.size > LIMITS.photoUploadBytes;
    if (!big) {
      const asPhoto = await attempt(InputMediaBuilder.photo(imageUpload(image, opened.stream), { caption })).finally(() => opened.stream.destroy());
      if (asPhoto !== 'media') return asPhoto;
      this.log.info({ key }, 'Telegram refused the image as a photo; sending it as a document');
    } else opened.stream.destroy();
    const asDocument = await attempt(InputMediaBuilder.document(imageUpload(image), { caption }));
    if (asDocument === 'media') throw new Error('Telegram refused the result image as a photo and as a document');
    return asDocument;
  }

  /** Several photos as one album by URL; one by one (with the upload fallbacks) when Telegram cannot fetch them. */
  private async sendAlbum(chatId: number, images: ResultImage[], reply: Record<string, unknown>, key: string): Promise<void> {
    try {
      await this.api.sendMediaGroup(chatId, images.map((img) => ({ type: 'photo' as const, media: img.url })), reply);
      return;
    } catch (err) {
      if (!isMediaProblem(err)) throw err;
      this.log.info({ err, key }, 'Telegram could not use the album URLs; sending the photos one by one');
    }
    for (const img of images) await this.sendImage(chatId, img, reply, key);
  }

  /**
   * A group's waiting jobs on one board message: posted (not as a reply) when none is near the
   * newest command on it, else edited at the pace of the group's combined notices.
   */
  async showLine(chatId: string, key: string, text: string, waiting: readonly MessageRef[], mayPost: boolean): Promise<void> {
    const id = Number(chatId);
    const commands = waiting.map(replyToOf).filter((m): m is number => m !== undefined);
    await this.groupNotices.show(
      `${chatId}:line:${key}`,
      text,
      commands.length > 0 ? Math.max(...commands) : undefined,
      {
        send: async (t) => (await this.messenger.send(id, t)).message_id,
        edit: (messageId, t) => this.messenger.edit(id, messageId, t),
      },
      // A press on an older grid is still news for the board below it.
      { mayPost, olderIsNear: true },
    );
  }

  /** The progress message of a job that waited on its group's board: a reply to the command that asked for it. */
  async postProgress(ref: MessageRef, text: string): Promise<MessageRef> {
    const replyTo = replyToOf(ref);
    const sent = await this.messenger.send(chatIdOf(ref), text, { replyTo });
    return telegramRef(ref.chatId, sent.message_id, replyTo);
  }

  async removeProgress(ref: MessageRef): Promise<void> {
    const messageId = messageIdOf(ref);
    if (messageId === undefined) return;
    await this.cancelProgress(ref);
    await this.messenger.remove(chatIdOf(ref), messageId);
  }

  deliverFailure(dest: Destination, progress: MessageRef | undefined, text: string, journal?: DeliveryJournal): Promise<void> {
    return inLane({ lane: 'result' }, () => this.postFailure(dest, progress, text, journal));
  }

  private async postFailure(dest: Destination, progress: MessageRef | undefined, text: string, journal?: DeliveryJournal): Promise<void> {
    if (journal?.get('result')) return;
    const chatId = chatIdOf(dest);
    const progressId = messageIdOf(progress);
    if (progress) await this.cancelProgress(progress);
    if (progressId !== undefined && (await this.messenger.edit(chatId, progressId, text))) return;
    const sent = await this.messenger.send(chatId, text, { replyTo: replyToOf(progress) });
    await journal?.record('result', { platform: 'telegram', chatId: String(chatId), messageId: String(sent.message_id) });
  }

  /** What the port holds per message and per chat (tests: none of it grows with the number of finished jobs). */
  sizes(): Record<string, number> {
    return {
      edits: this.privateEdits.size + this.groupEdits.size,
      recentEdits: this.recentEdits.size,
      progressTimes: this.progressTimes.size,
      deferred: this.deferred.size,
    };
  }

  /** Stops pending progress edits (on shutdown). */
  clear(): void {
    this.privateEdits.clear();
    this.groupEdits.clear();
    this.recentEdits.clear();
    for (const waiting of this.deferred.values()) clearTimeout(waiting.timer);
    this.deferred.clear();
    this.progressTimes.clear();
    this.statuses.clear();
    this.groupNotices.clear();
  }

  /**
   * Sends the image by URL first (Telegram fetches it, nothing passes through us). When Telegram
   * cannot use the URL, the image is streamed from its URL into an upload; when it is too big or
   * too odd for a photo, it goes as a document.
   */
  private async sendImage(chatId: number, image: ResultImage, extra: Record<string, unknown>, key: string): Promise<Message> {
    try {
      return await this.api.sendPhoto(chatId, image.url, extra);
    } catch (err) {
      if (!isMediaProblem(err)) throw err;
      this.log.info({ err, key }, 'Telegram could not use the image URL; uploading the image instead');
    }
    const opened = await openImage(image.url);
    if (opened.size !== undefined && opened.size > LIMITS.photoUploadBytes) return this.upload('document', chatId, image, extra, opened.stream);
    try {
      return await this.upload('photo', chatId, image, extra, opened.stream);
    } catch (err) {
      if (!isMediaProblem(err)) throw err;
      this.log.info({ err, key }, 'Telegram refused the image as a photo; sending it as a document');
    }
    return this.upload('document', chatId, image, extra);
  }

  private get api() {
    return this.messenger.api;
  }

  /** Streams the image into an upload. */
  private async upload(kind: Media, chatId: number, image: ResultImage, extra: Record<string, unknown>, opened?: Readable): Promise<Message> {
    const file = imageUpload(image, opened);
    try {
      return kind === 'photo' ? await this.api.sendPhoto(chatId, file, extra) : await this.api.sendDocument(chatId, file, extra);
    } finally {
      opened?.destroy();
    }
  }
}
