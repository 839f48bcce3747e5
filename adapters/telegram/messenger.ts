/**
 * The Bot API calls the adapter makes, with Telegram's rules applied in one place: plain text only
 * (no parse_mode, so a prompt can never inject markup), texts clipped to the limits, replies that
 * survive a deleted original, "message is not modified" treated as success.
 */
import type { Api } from 'grammy';
import type { ForceReply, InlineKeyboardMarkup, Message, MessageEntity, ReplyParameters } from 'grammy/types';
import type { Logger } from '../../src/logger.ts';
import type { MessageRef } from '../../src/core/chat.ts';
import { clip, isMessageGone, isNotModified, LIMITS, messageText } from './limits.ts';

/** A Telegram chat id as the API takes it (our refs keep it as a string). */
export function chatIdOf(ref: Pick<MessageRef, 'chatId'>): number {
  return Number(ref.chatId);
}

/** The message a ref points at, when it has one. */
export function messageIdOf(ref: MessageRef | undefined): number | undefined {
  if (!ref?.messageId) return undefined;
  const id = Number(ref.messageId);
  return Number.isSafeInteger(id) ? id : undefined;
}

/** The user's message a progress message answers (kept so the result can answer it too). */
export function replyToOf(ref: MessageRef | undefined): number | undefined {
  const id = ref?.extra?.replyTo;
  return typeof id === 'number' ? id : undefined;
}

/**
 * Where a job's progress is (`messageId`), or will be once it starts (none yet: `unposted`), and
 * the user's message it answers, kept so the result can answer it too.
 */
export function telegramRef(chatId: number | string, messageId: number | undefined, replyTo: number | undefined): MessageRef {
  return {
    platform: 'telegram',
    chatId: String(chatId),
    ...(messageId !== undefined ? { messageId: String(messageId) } : { unposted: true as const }),
    ...(replyTo !== undefined ? { extra: { replyTo } } : {}),
  };
}

export function refKey(ref: MessageRef): string {
  return `${ref.chatId}:${ref.messageId ?? ''}`;
}

export function replyTo(messageId: number | undefined): { reply_parameters?: ReplyParameters } {
  return messageId === undefined ? {} : { reply_parameters: { message_id: messageId, allow_sending_without_reply: true } };
}

export class Messenger {
  constructor(
    readonly api: Api,
    private readonly log: Logger,
  ) {}

  send(
    chatId: number,
    text: string,
    opts: { replyTo?: number; keyboard?: InlineKeyboardMarkup | ForceReply; entities?: MessageEntity[] } = {},
  ): Promise<Message.TextMessage> {
    return this.api.sendMessage(chatId, messageText(text), {
      ...replyTo(opts.replyTo),
      ...(opts.keyboard ? { reply_markup: opts.keyboard } : {}),
      // Formatting by entities, never by parse_mode: the text stays plain, whatever a prompt holds.
      ...(opts.entities ? { entities: opts.entities } : {}),
      link_preview_options: { is_disabled: true },
    });
  }

  /** Edits a text message; false when the message is gone (deleted), true otherwise. */
  async edit(chatId: number, messageId: number, text: string, opts: { keyboard?: InlineKeyboardMarkup } = {}): Promise<boolean> {
    try {
      await this.api.editMessageText(chatId, messageId, messageText(text), {
        link_preview_options: { is_disabled: true },
        ...(opts.keyboard ? { reply_markup: opts.keyboard } : {}),
      });
      return true;
    } catch (err) {
      if (isNotModified(err)) return true;
      if (isMessageGone(err)) return false;
      throw err;
    }
  }

  /** Best effort: a progress message that cannot be deleted is only clutter. */
  async remove(chatId: number, messageId: number): Promise<void> {
    try {
      await this.api.deleteMessage(chatId, messageId);
    } catch (err) {
      this.log.debug({ err, chatId, messageId }, 'could not delete a message');
    }
  }

  /** Best effort: the "typing…" hint while a slow command works. */
  async chatAction(chatId: number, action: 'typing' | 'upload_photo'): Promise<void> {
    try {
      await this.api.sendChatAction(chatId, action);
    } catch (err) {
      this.log.debug({ err, chatId }, 'could not send a chat action');
    }
  }

  /** Answers a button press; false when Telegram refused (too old, already answered). */
  async answerCallback(id: string, text?: string, alert = false): Promise<boolean> {
    try {
      await this.api.answerCallbackQuery(id, text ? { text: clip(text, LIMITS.callbackText), show_alert: alert } : {});
      return true;
    } catch (err) {
      this.log.debug({ err }, 'could not answer a callback query');
      return false;
    }
  }
}
