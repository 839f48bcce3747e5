// In-memory world of the fake Telegram server: chats, users, messages, files, callback queries.
import { randomBytes } from 'node:crypto';
import { badRequest, TgError } from './telegram-format.ts';
import { extensionFor, imageSize, mimeFromName, sniffImage } from './telegram-media.ts';

export interface TgUser { id: number; is_bot: boolean; first_name: string; username?: string; /** The IETF tag of the user's app language (`es`, `pt-br`). */ language_code?: string }
export interface TgChat { id: number; type: 'private' | 'group' | 'supergroup'; title?: string; username?: string; first_name?: string }

export type MediaSource = 'url' | 'upload' | 'file_id';

/** A message the BOT sent, as the fake stores it (edits applied in place). */
export interface SentMessage {
  message_id: number; chat_id: number; text?: string; caption?: string;
  photo?: { source: MediaSource; url?: string; bytes?: number; file_id: string };
  document?: { source: MediaSource; url?: string; bytes?: number; file_id: string; file_name?: string };
  reply_markup?: { inline_keyboard: Array<Array<{ text: string; callback_data?: string; url?: string }>> };
  reply_to_message_id?: number; parse_mode?: string; edits: number; deleted: boolean;
  /** Extra: text/caption as the user sees it after `parse_mode` (tags and escapes removed). */
  plain_text?: string;
  plain_caption?: string;
  /** Extra: set for messages sent as part of an album. */
  media_group_id?: string;
  /** Extra: sent with a ForceReply keyboard (a chat app then starts a reply to it). */
  force_reply?: { placeholder?: string };
}

export interface StoredFile {
  file_id: string;
  file_unique_id: string;
  file_path: string;
  kind: 'photo' | 'document';
  bytes: Buffer;
  mime_type?: string;
  file_name?: string;
  width?: number;
  height?: number;
}

export interface StoredMessage {
  /** The Telegram `Message` object as the Bot API returns it. */
  msg: Record<string, any>;
  fromBot: boolean;
  deleted: boolean;
  /** Raw text or caption as sent (before parse_mode), used for "message is not modified". */
  raw?: string;
  sent?: SentMessage;
}

export interface CallbackRecord { id: string; at: number; answered: boolean; chat_id: number; message_id: number; data: string }

type Big = { width: number; height: number };

export class TelegramState {
  readonly chats = new Map<number, TgChat>();
  readonly users = new Map<number, TgUser>();
  readonly messages = new Map<string, StoredMessage>();
  readonly sent: SentMessage[] = [];
  readonly files = new Map<string, StoredFile>();
  readonly filesByPath = new Map<string, StoredFile>();
  readonly callbacks = new Map<string, CallbackRecord>();
  readonly admins = new Map<number, { ids: Set<number>; creator?: number }>();
  readonly blocked = new Set<number>();
  readonly commands = new Map<string, unknown[]>();
  private readonly counters = new Map<number, number>();
  private fileSeq = 0;
  clockSkewMs = 0;

  constructor(readonly bot: TgUser, readonly checkImages: boolean) {}

  now(): number {
    return Date.now() + this.clockSkewMs;
  }

  unixNow(): number {
    return Math.floor(this.now() / 1000);
  }

  /** Remember a chat and user seen in an update. */
  learn(chat: TgChat, from?: TgUser): void {
    this.chats.set(chat.id, { ...this.chats.get(chat.id), ...chat });
    if (from) this.users.set(from.id, { ...from });
  }

  /** Resolve `chat_id` (number, numeric string or @username) to a chat the bot has seen. */
  chat(chatId: unknown, opts: { forSending?: boolean } = {}): TgChat {
    let chat: TgChat | undefined;
    if (typeof chatId === 'string' && chatId.startsWith('@')) {
      const name = chatId.slice(1).toLowerCase();
      chat = [...this.chats.values()].find((c) => c.username?.toLowerCase() === name);
    } else if (chatId !== undefined && chatId !== null && chatId !== '') {
      const id = Number(chatId);
      if (!Number.isSafeInteger(id)) throw badRequest('chat_id is empty');
      chat = this.chats.get(id);
    } else {
      throw badRequest('chat_id is empty');
    }
    if (!chat) throw badRequest('chat not found');
    if (opts.forSending && this.blocked.has(chat.id)) {
      if (chat.type === 'private') throw new TgError(403, 'Forbidden: bot was blocked by the user');
      throw new TgError(403, `Forbidden: bot was kicked from the ${chat.type === 'supergroup' ? 'supergroup' : 'group'} chat`);
    }
    return chat;
  }

  nextMessageId(chatId: number): number {
    const n = (this.counters.get(chatId) ?? 0) + 1;
    this.counters.set(chatId, n);
    return n;
  }

  key(chatId: number, messageId: number): string {
    return `${chatId}:${messageId}`;
  }

  message(chatId: number, messageId: unknown): StoredMessage | undefined {
    const id = Number(messageId);
    if (!Number.isSafeInteger(id)) return undefined;
    const m = this.messages.get(this.key(chatId, id));
    return m && !m.deleted ? m : undefined;
  }

  store(m: StoredMessage): StoredMessage {
    this.messages.set(this.key(m.msg.chat.id, m.msg.message_id), m);
    if (m.sent) this.sent.push(m.sent);
    return m;
  }

  /** A copy of a message suitable for `reply_to_message` (no nested reply). */
  replyCopy(chatId: number, messageId: number): Record<string, any> | undefined {
    const m = this.message(chatId, messageId);
    if (!m) return undefined;
    const { reply_to_message: _drop, ...rest } = m.msg;
    return structuredClone(rest);
  }

  botUser(): TgUser {
    return { ...this.bot };
  }

  /** Register bytes as a Telegram file (photos also get a second, smaller size). */
  registerFile(bytes: Buffer, kind: 'photo' | 'document', extra: { mime_type?: string; file_name?: string; width?: number; height?: number } = {}): StoredFile {
    const seq = ++this.fileSeq;
    const rand = randomBytes(12).toString('base64url');
    const prefix = kind === 'photo' ? 'AgACAgIAAxkBAAI' : 'BQACAgIAAxkBAAI';
    const size = kind === 'photo' ? imageSize(bytes) : null;
    const kindSniffed = sniffImage(bytes);
    const mime = extra.mime_type ?? (extra.file_name ? mimeFromName(extra.file_name) : undefined);
    const ext = extra.file_name && /\.[A-Za-z0-9]+$/.test(extra.file_name)
      ? extra.file_name.split('.').pop()!.toLowerCase()
      : kind === 'photo' ? 'jpg' : extensionFor(mime, kindSniffed);
    const file: StoredFile = {
      file_id: `${prefix}${seq}_${rand}`,
      file_unique_id: `AQAD${seq}${rand.slice(0, 6)}`,
      file_path: `${kind === 'photo' ? 'photos' : 'documents'}/file_${seq}.${ext}`,
      kind,
      bytes,
    };
    if (mime) file.mime_type = mime;
    if (extra.file_name) file.file_name = extra.file_name;
    const width = extra.width ?? size?.width;
    const height = extra.height ?? size?.height;
    if (kind === 'photo') {
      file.width = width ?? 1280;
      file.height = height ?? 1280;
    }
    this.files.set(file.file_id, file);
    this.filesByPath.set(file.file_path, file);
    return file;
  }

  /** `PhotoSize[]` for a photo file: a thumbnail (its own file_id) and the full size, largest last. */
  photoSizes(file: StoredFile): Array<{ file_id: string; file_unique_id: string; file_size: number; width: number; height: number }> {
    const big: Big = { width: file.width ?? 1280, height: file.height ?? 1280 };
    const scale = Math.min(1, 320 / Math.max(big.width, big.height));
    const small: Big = { width: Math.max(1, Math.round(big.width * scale)), height: Math.max(1, Math.round(big.height * scale)) };
    let thumb = [...this.files.values()].find((f) => f.kind === 'photo' && f.bytes === file.bytes && f !== file && f.width === small.width && f.height === small.height);
    if (!thumb) thumb = this.registerFile(file.bytes, 'photo', { width: small.width, height: small.height });
    const ps = (f: StoredFile, s: Big) => ({ file_id: f.file_id, file_unique_id: f.file_unique_id, file_size: f.bytes.length, ...s });
    return [ps(thumb, small), ps(file, big)];
  }

  documentObject(file: StoredFile): Record<string, unknown> {
    return {
      file_id: file.file_id,
      file_unique_id: file.file_unique_id,
      file_size: file.bytes.length,
      ...(file.file_name ? { file_name: file.file_name } : {}),
      ...(file.mime_type ? { mime_type: file.mime_type } : {}),
    };
  }

  isAdmin(chatId: number, userId: number): boolean {
    return this.admins.get(chatId)?.ids.has(userId) ?? false;
  }
}
