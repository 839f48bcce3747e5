/** Telegram Bot API limits, and the small helpers that keep every call inside them. */
import { GrammyError } from 'grammy';

export const LIMITS = {
  /** sendMessage / editMessageText. */
  text: 4096,
  caption: 1024,
  /** answerCallbackQuery text (an alert or a toast). */
  callbackText: 200,
  callbackDataBytes: 64,
  /** A photo uploaded by the bot; bigger images go as documents. */
  photoUploadBytes: 10 * 1024 * 1024,
  /** A document uploaded by the bot. */
  documentUploadBytes: 50 * 1024 * 1024,
  /** getFile refuses files over 20 MB. */
  downloadBytes: 20 * 1024 * 1024,
} as const;

/** Cuts `text` to at most `max` UTF-16 units (Telegram's measure), ending with an ellipsis, never splitting a pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return `${text.slice(0, cut)}…`;
}

/** Telegram refuses empty texts; a blank reply becomes a visible dash rather than an error. */
export function messageText(text: string): string {
  const clipped = clip(text, LIMITS.text);
  return clipped.trim() === '' ? '—' : clipped;
}

export function isTelegramError(err: unknown, code?: number): err is GrammyError {
  return err instanceof GrammyError && (code === undefined || err.error_code === code);
}

/** Editing a message to the text it already has. */
export function isNotModified(err: unknown): boolean {
  return isTelegramError(err, 400) && /message is not modified/i.test(err.description);
}

/** The message to edit or delete is gone (deleted by a user or too old). */
export function isMessageGone(err: unknown): boolean {
  return isTelegramError(err, 400) && /message to (edit|delete) not found|message can't be (edited|deleted)|MESSAGE_ID_INVALID/i.test(err.description);
}

/** A Bot API that cannot turn a text message into a photo (older than the current one): post a new message instead. */
export function cannotTakeMedia(err: unknown): boolean {
  return isTelegramError(err, 400) && /no media in the message|MESSAGE_EDIT_MEDIA|media can't be edited/i.test(err.description);
}

/**
 * A 400 about the media itself (Telegram could not fetch or read the file), as opposed to the
 * request (chat, markup, caption, reply): worth another try with the bytes uploaded.
 */
export function isMediaProblem(err: unknown): boolean {
  if (!isTelegramError(err)) return false;
  if (err.error_code === 413) return true;
  if (err.error_code !== 400) return false;
  return !/chat not found|reply markup|BUTTON_|caption|message to be replied|can't parse entities|not enough rights|have no rights|message is not modified|message to edit not found|message can't be edited|no media in the message/i.test(err.description);
}
