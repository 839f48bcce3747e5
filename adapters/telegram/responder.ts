/**
 * The reply channel of one command message or one button press.
 *
 * Progress is a reply to the user's message, edited afterwards. For a button press the callback
 * query is answered exactly once: with a private alert when the press is refused, else silently as
 * soon as work visibly starts; a short timer and `finish()` make sure no query is left unanswered.
 */
import type { User } from 'grammy/types';
import type { MessageRef, Panel, Question, Responder, ResultImage } from '../../src/core/chat.ts';
import { UserError } from '../../src/core/errors.ts';
import { msg, SOURCE_LOCALE, t, type Locale } from '../../src/i18n/index.ts';
import { panelKeyboard } from './panels.ts';
import { questionMessage } from './questions.ts';
import { clip, isTelegramError, LIMITS } from './limits.ts';
import { replyTo, telegramRef, type Messenger } from './messenger.ts';
import { imageUpload, openImage } from './image-source.ts';
import type { StatusMessages } from '../shared/status-messages.ts';
import { combines } from '../shared/refusal-digest.ts';

/** How long a press may wait for its answer before it is answered silently anyway. */
const CALLBACK_GRACE_MS = 1_000;

/** Answers one callback query, once. */
export class CallbackAnswer {
  private done = false;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly messenger: Messenger,
    readonly id: string,
  ) {}

  get answered(): boolean {
    return this.done;
  }

  async answer(text?: string, alert = false): Promise<void> {
    if (this.done) return;
    this.done = true;
    if (this.timer) clearTimeout(this.timer);
    await this.messenger.answerCallback(this.id, text, alert);
  }

  /** Starts the safety timer: the spinner on the user's button must not run for long. */
  soon(): void {
    if (this.done || this.timer) return;
    this.timer = setTimeout(() => void this.answer(), CALLBACK_GRACE_MS);
    this.timer.unref();
  }
}

export interface TelegramResponderOptions {
  messenger: Messenger;
  /** Progress edits queued for a message are dropped before the responder edits it itself. */
  cancelProgress: (ref: MessageRef) => Promise<void>;
  chatId: number;
  /** The message answered: the user's command, or the message whose button was pressed. */
  replyTo?: number;
  callback?: CallbackAnswer;
  /** Who is being answered: a question is asked of them, and only their reply answers it. */
  user?: User;
  /** Remembers a question asked by the message `messageId`, so a reply to it finds it. */
  remember?: (messageId: number, userId: number, question: Question) => Promise<void>;
  /** The chat's running statuses (the port's); without them a status is a plain reply. */
  statuses?: StatusMessages<number>;
  /**
   * In a group: where a refusal of a kind that piles up goes instead of a reply of its own, to be
   * combined with the others of its kind (RefusalDigest); absent in private chats.
   */
  refuse?: (code: string, text: string) => Promise<void>;
  /** The language of what the responder says on its own (a question, a link for a file too large); absent: English. */
  locale?: () => Promise<Locale>;
}

export class TelegramResponder implements Responder {
  private progressRef?: MessageRef;

  constructor(private readonly o: TelegramResponderOptions) {}

  /**
   * The platform's "working on it": a typing hint for messages (not awaited: a hint must never
   * delay the command), for presses answering soon.
   */
  async acknowledge(): Promise<void> {
    if (this.o.callback) this.o.callback.soon();
    else void this.o.messenger.chatAction(this.o.chatId, 'typing');
  }

  async progress(text: string): Promise<MessageRef | undefined> {
    await this.o.callback?.answer();
    const ref = this.progressRef;
    if (ref?.messageId) {
      await this.o.cancelProgress(ref);
      if (await this.o.messenger.edit(this.o.chatId, Number(ref.messageId), text)) return ref;
    }
    const sent = await this.o.messenger.send(this.o.chatId, text, { replyTo: this.o.replyTo });
    this.progressRef = telegramRef(this.o.chatId, sent.message_id, this.o.replyTo);
    return this.progressRef;
  }

  /**
   * In a group, a job that must wait takes no message of its own (each would spend one of the
   * group's 20 messages a minute, and every edit another): it goes on the group's board, and its
   * progress is a reply to this command when it starts. A press is told its place in a toast.
   */
  async inLine(text: string): Promise<MessageRef | undefined> {
    if (this.o.chatId >= 0) return undefined;
    await this.o.callback?.answer(text);
    return telegramRef(this.o.chatId, undefined, this.o.replyTo);
  }

  async text(text: string, opts: { private?: boolean } = {}): Promise<void> {
    const cb = this.o.callback;
    // Telegram has no private messages in a group, but a press can get a private alert.
    if (cb && !cb.answered && opts.private && text.length <= LIMITS.callbackText) return cb.answer(text, true);
    await cb?.answer();
    await this.o.messenger.send(this.o.chatId, text, { replyTo: this.o.replyTo });
  }

  async error(text: string, opts: { userFault: boolean; code?: string }): Promise<void> {
    const cb = this.o.callback;
    const ref = this.progressRef;
    // A refused press is told privately to the presser, never to the whole chat.
    if (cb && !cb.answered && (opts.userFault || !ref)) return cb.answer(text, true);
    await cb?.answer();
    if (ref?.messageId) {
      await this.o.cancelProgress(ref);
      if (await this.o.messenger.edit(this.o.chatId, Number(ref.messageId), text)) return;
    }
    // A refusal that piles up in a busy group (no credits) joins the others of its kind in one edited message.
    if (opts.userFault && opts.code && combines(opts.code) && !cb && this.o.refuse) return this.o.refuse(opts.code, text);
    await this.o.messenger.send(this.o.chatId, text, { replyTo: this.o.replyTo });
  }

  /**
   * A running status: the first is a reply to the user's message, later ones edit it (coalesced);
   * the user's message id tells how far up the chat it has gone.
   */
  async status(key: string, text: string): Promise<void> {
    const { statuses, messenger, chatId, replyTo } = this.o;
    if (!statuses || replyTo === undefined) return this.text(text);
    await this.o.callback?.answer();
    await statuses.show(`${chatId}:${key}`, text, replyTo, {
      send: async (t) => (await messenger.send(chatId, t, { replyTo })).message_id,
      edit: (messageId, t) => messenger.edit(chatId, messageId, t),
    });
  }

  /** A reply prompt (ForceReply) for the user, remembered so that their reply answers it. */
  async ask(question: Question): Promise<void> {
    const { user, remember } = this.o;
    if (!user || !remember) throw new Error('a question needs the user it is asked of');
    await this.o.callback?.answer();
    const { text, entities } = questionMessage(question, user, await this.locale());
    const placeholder = question.fields[0]!.label.slice(0, 64);
    const sent = await this.o.messenger.send(this.o.chatId, text, {
      replyTo: this.o.callback ? undefined : this.o.replyTo,
      entities,
      keyboard: { force_reply: true, selective: true, input_field_placeholder: placeholder },
    });
    await remember(sent.message_id, user.id, question);
  }

  /** A panel: redrawn in place when one of its buttons was pressed, else sent. */
  async panel(panel: Panel): Promise<void> {
    const keyboard = panelKeyboard(panel);
    const cb = this.o.callback;
    await cb?.answer();
    if (cb && this.o.replyTo !== undefined && (await this.o.messenger.edit(this.o.chatId, this.o.replyTo, panel.text, { keyboard }))) return;
    await this.o.messenger.send(this.o.chatId, panel.text, { replyTo: cb ? undefined : this.o.replyTo, keyboard });
  }

  /**
   * The image as a document, which Telegram passes on as it is (a photo would be recompressed).
   * It is uploaded, streamed from its URL: Telegram fetches documents by URL only for GIF, PDF and
   * ZIP. One larger than a bot may upload is given as its link instead.
   */
  async file(image: ResultImage, caption: string): Promise<void> {
    // Opened before the press is answered, so an image that is gone is told privately to the presser.
    const opened = await openImage(image.url).catch((err: unknown) => {
      throw new UserError('image_gone', msg('error-image-gone'), { cause: String(err) });
    });
    await this.o.callback?.answer();
    const tooLarge = async () =>
      this.o.messenger.send(this.o.chatId, t(await this.locale(), 'tg-file-too-large', { caption, mb: LIMITS.documentUploadBytes / 1024 / 1024, url: image.url }), {
        replyTo: this.o.replyTo,
      });
    try {
      if (opened.size !== undefined && opened.size > LIMITS.documentUploadBytes) {
        await tooLarge();
        return;
      }
      await this.o.messenger.api.sendDocument(this.o.chatId, imageUpload(image, opened.stream), { caption: clip(caption, LIMITS.caption), ...replyTo(this.o.replyTo) });
    } catch (err) {
      // A size the server did not declare: Telegram says so once the upload is over its limit.
      if (!isTelegramError(err, 413)) throw err;
      await tooLarge();
    } finally {
      opened.stream.destroy();
    }
  }

  /** Another task of the same command or press: its own progress message, replying to the same message. */
  another(): TelegramResponder {
    // The press is answered by the first task's progress; this one only posts and edits.
    return new TelegramResponder({ ...this.o, callback: undefined });
  }

  private locale(): Promise<Locale> {
    return this.o.locale?.() ?? Promise.resolve(SOURCE_LOCALE);
  }

  /** After the command: a press is never left unanswered. */
  async finish(): Promise<void> {
    await this.o.callback?.answer();
  }
}
