/**
 * Files a user sent, as IncomingAttachment. Telegram file URLs contain the bot token, so an
 * attachment never has a publicUrl: the bytes are downloaded through the Bot API (getFile, then
 * `${apiRoot}/file/bot<token>/<path>`) and the command uploads them where they need to go.
 */
import type { Api } from 'grammy';
import type { Document, Message, PhotoSize } from 'grammy/types';
import type { IncomingAttachment } from '../../src/core/chat.ts';
import { fileTooLarge, readBounded } from '../shared/bounded-download.ts';
import { isTelegramError, LIMITS } from './limits.ts';
import { SOURCE_LOCALE, t, type Locale } from '../../src/i18n/index.ts';

export interface FileSource {
  api: Api;
  apiRoot: string;
  token: string;
}

const DOWNLOAD_TIMEOUT_MS = 60_000;

/** Downloads a Telegram file, refusing it as soon as it passes `maxBytes`; errors never carry the file URL. */
async function download(source: FileSource, fileId: string, name: string, maxBytes: number): Promise<Uint8Array> {
  let path: string | undefined;
  try {
    const file = await source.api.getFile(fileId);
    if (file.file_size !== undefined && file.file_size > maxBytes) throw fileTooLarge(name, maxBytes);
    path = file.file_path;
  } catch (err) {
    if (isTelegramError(err, 400) && /too big/i.test(err.description)) throw fileTooLarge(name, Math.min(maxBytes, LIMITS.downloadBytes));
    throw err;
  }
  if (!path) throw new Error('Telegram getFile returned no file_path');
  const res = await fetch(`${source.apiRoot}/file/bot${source.token}/${path}`, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) }).catch(
    (err: unknown) => {
      // The URL holds the token: keep only the kind of failure.
      throw new Error(`Telegram file download failed: ${(err as { name?: string }).name ?? 'network error'}`);
    },
  );
  if (!res.ok || !res.body) {
    await res.body?.cancel().catch(() => undefined);
    throw new Error(`Telegram file download failed: HTTP ${res.status}`);
  }
  return readBounded(res, name, maxBytes);
}

function largest(sizes: readonly PhotoSize[]): PhotoSize | undefined {
  return [...sizes].sort((a, b) => a.width * a.height - b.width * b.height || (a.file_size ?? 0) - (b.file_size ?? 0)).pop();
}

/** A photo (its largest size). `label` names it where a user reads the name ("Photo 3"); photos have no file name. */
export function photoAttachment(source: FileSource, sizes: readonly PhotoSize[], label?: string): IncomingAttachment | undefined {
  const photo = largest(sizes);
  if (!photo) return undefined;
  // Telegram re-encodes photos as JPEG.
  const name = label ?? `photo_${photo.file_unique_id}.jpg`;
  const attachment: IncomingAttachment = {
    name,
    contentType: 'image/jpeg',
    width: photo.width,
    height: photo.height,
    download: (maxBytes) => download(source, photo.file_id, name, maxBytes),
  };
  if (photo.file_size !== undefined) attachment.size = photo.file_size;
  return attachment;
}

/** Any document is passed on, images or not: the command's schema refuses what it cannot use, in its own words. */
export function documentAttachment(source: FileSource, doc: Document): IncomingAttachment {
  const name = doc.file_name || `file_${doc.file_unique_id}`;
  const attachment: IncomingAttachment = {
    name,
    download: (maxBytes) => download(source, doc.file_id, name, maxBytes),
  };
  if (doc.mime_type) attachment.contentType = doc.mime_type;
  if (doc.file_size !== undefined) attachment.size = doc.file_size;
  return attachment;
}

/** The files of one message: its photo (largest size) or its document. */
export function messageAttachments(source: FileSource, message: Pick<Message, 'photo' | 'document'>, photoLabel?: string): IncomingAttachment[] {
  if (message.photo?.length) {
    const photo = photoAttachment(source, message.photo, photoLabel);
    return photo ? [photo] : [];
  }
  if (message.document) return [documentAttachment(source, message.document)];
  return [];
}

/**
 * The files a command refers to: those of the command message itself (a captioned photo), else
 * those of the message it replies to.
 */
export function commandAttachments(source: FileSource, message: Message, photoLabel?: string): IncomingAttachment[] {
  const own = messageAttachments(source, message, photoLabel);
  if (own.length > 0) return own;
  return message.reply_to_message ? messageAttachments(source, message.reply_to_message, photoLabel) : [];
}

/** Whether a message carries a file a command could take (a photo or a document). */
export function hasFile(message: Pick<Message, 'photo' | 'document'>): boolean {
  return Boolean(message.photo?.length || message.document);
}

/**
 * The files of an album (or of one message) for a photo set, named the way the reply names them:
 * "This photo" alone, "Photo 3" by its place in an album; documents keep their file names.
 */
export function setAttachments(source: FileSource, parts: readonly Message[], locale: Locale = SOURCE_LOCALE): IncomingAttachment[] {
  if (parts.length === 1) return commandAttachments(source, parts[0]!, t(locale, 'tg-this-photo'));
  return parts.flatMap((part, i) => messageAttachments(source, part, t(locale, 'tg-photo-number', { number: i + 1 })));
}
