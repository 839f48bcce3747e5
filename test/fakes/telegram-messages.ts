// Message-producing methods of the fake Bot API: send*, edit*, deleteMessage, sendChatAction.
import { badRequest, checkCaption, checkReplyMarkup, checkText, TgError } from './telegram-format.ts';
import type { InlineKeyboard } from './telegram-format.ts';
import { fetchUrl, imageSize, mimeFromName, sniffImage } from './telegram-media.ts';
import type { MultipartPart } from './multipart.ts';
import type { MediaSource, SentMessage, StoredFile, StoredMessage, TelegramState, TgChat } from './telegram-state.ts';

export type Params = Record<string, any>;
export type Files = Map<string, MultipartPart>;
export type Handler = (p: Params, files: Files) => unknown;

const MB = 1024 * 1024;
export const LIMITS = {
  photoUrl: 5 * MB,
  photoUpload: 10 * MB,
  documentUrl: 20 * MB,
  documentUpload: 50 * MB,
  urlTimeoutMs: 5000,
};

const CHAT_ACTIONS = new Set([
  'typing', 'upload_photo', 'record_video', 'upload_video', 'record_voice', 'upload_voice', 'upload_document',
  'choose_sticker', 'find_location', 'record_video_note', 'upload_video_note',
]);

const NOT_MODIFIED = 'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';

interface ResolvedMedia { source: MediaSource; url?: string; file: StoredFile }

export interface MessageHandlerOptions {
  /** Abort in-flight URL fetches when the fake closes. */
  signal: AbortSignal;
  /** sendDocument by URL only for GIF, PDF and ZIP, as the Bot API documents. */
  strictDocumentUrls: boolean;
}

/** Extra: `entities` given with a text, kept on the message as Telegram returns them. */
function entitiesOf(entities: unknown): { entities?: unknown[] } {
  return Array.isArray(entities) && entities.length > 0 ? { entities: structuredClone(entities) } : {};
}

/** Extra: a ForceReply markup, which Telegram does not keep on the message but its apps act on. */
function forceReplyOf(markup: unknown): SentMessage['force_reply'] {
  if (!markup || typeof markup !== 'object' || (markup as Record<string, unknown>).force_reply !== true) return undefined;
  const placeholder = (markup as Record<string, unknown>).input_field_placeholder;
  return typeof placeholder === 'string' ? { placeholder } : {};
}

export function messageHandlers(st: TelegramState, opts: MessageHandlerOptions): Record<string, Handler> {
  const sameMarkup = (a: InlineKeyboard | undefined, b: InlineKeyboard | undefined) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

  function checkPhotoBytes(bytes: Buffer): void {
    if (!st.checkImages) return;
    if (bytes.length === 0 || !sniffImage(bytes)) throw badRequest('IMAGE_PROCESS_FAILED');
    const size = imageSize(bytes);
    if (size && (size.width + size.height > 10000 || Math.max(size.width, size.height) > 20 * Math.max(1, Math.min(size.width, size.height)))) {
      throw badRequest('PHOTO_INVALID_DIMENSIONS');
    }
  }

  async function resolveMedia(kind: 'photo' | 'document', value: unknown, files: Files, field: string): Promise<ResolvedMedia> {
    let part: MultipartPart | undefined;
    if (value === undefined || value === null || value === '') {
      part = files.get(field);
      if (!part) throw badRequest(`there is no ${kind} in the request`);
    } else if (typeof value === 'string' && value.startsWith('attach://')) {
      part = files.get(value.slice('attach://'.length));
      if (!part) throw badRequest(`there is no ${kind} in the request`);
    }
    if (part) {
      if (kind === 'photo') {
        if (part.data.length > LIMITS.photoUpload) throw badRequest('PHOTO_SAVE_FILE_INVALID');
        checkPhotoBytes(part.data);
        return { source: 'upload', file: st.registerFile(part.data, 'photo') };
      }
      if (part.data.length > LIMITS.documentUpload) throw new TgError(413, 'Request Entity Too Large');
      if (part.data.length === 0) throw badRequest('file must be non-empty');
      const name = part.filename || 'document';
      return { source: 'upload', file: st.registerFile(part.data, 'document', { file_name: name, mime_type: mimeFromName(name) }) };
    }
    if (typeof value !== 'string') throw badRequest(`there is no ${kind} in the request`);
    if (/^https?:\/\//i.test(value)) {
      const got = await fetchUrl(value, {
        timeoutMs: LIMITS.urlTimeoutMs,
        maxBytes: kind === 'photo' ? LIMITS.photoUrl : LIMITS.documentUrl,
        signal: opts.signal,
      });
      if (!got.ok || !got.bytes) throw badRequest('failed to get HTTP URL content');
      const bytes = got.bytes;
      const ct = (got.contentType ?? '').split(';')[0]!.trim().toLowerCase();
      if (kind === 'photo') {
        if (!sniffImage(bytes) && !ct.startsWith('image/')) throw badRequest('failed to get HTTP URL content');
        if (sniffImage(bytes)) checkPhotoBytes(bytes);
        return { source: 'url', url: value, file: st.registerFile(bytes, 'photo') };
      }
      if (bytes.length === 0) throw badRequest('failed to get HTTP URL content');
      const name = decodeURIComponent(new URL(value).pathname.split('/').pop() || 'file');
      const mime = ct && ct !== 'application/octet-stream' ? ct : mimeFromName(name);
      if (opts.strictDocumentUrls && !/^(image\/gif|application\/pdf|application\/(x-)?zip)$/.test(mime)) {
        throw badRequest('wrong type of the web page content');
      }
      return { source: 'url', url: value, file: st.registerFile(bytes, 'document', { file_name: name, mime_type: mime }) };
    }
    const known = st.files.get(value);
    if (!known) throw badRequest('wrong file identifier/HTTP URL specified');
    if (known.kind !== kind) throw badRequest('type of file mismatch');
    return { source: 'file_id', file: known };
  }

  /** `reply_to_message` for `reply_to_message_id` / `reply_parameters`, with Telegram's checks. */
  function replyTarget(chat: TgChat, p: Params): { id?: number; msg?: Record<string, any> } {
    const rp = p.reply_parameters && typeof p.reply_parameters === 'object' ? p.reply_parameters : undefined;
    const raw = rp?.message_id ?? p.reply_to_message_id;
    if (raw === undefined || raw === null) return {};
    const id = Number(raw);
    const allow = rp?.allow_sending_without_reply === true || p.allow_sending_without_reply === true;
    const msg = st.replyCopy(chat.id, id);
    if (!msg) {
      if (allow) return {};
      throw badRequest('message to be replied not found');
    }
    return { id, msg };
  }

  function newMessage(chat: TgChat, body: Record<string, any>, reply: { id?: number; msg?: Record<string, any> }): Record<string, any> {
    const msg: Record<string, any> = {
      message_id: st.nextMessageId(chat.id),
      from: st.botUser(),
      chat: { ...chat },
      date: st.unixNow(),
      ...body,
    };
    if (reply.msg) msg.reply_to_message = reply.msg;
    return msg;
  }

  function sentRecord(msg: Record<string, any>, p: Params, reply: { id?: number }, markup: InlineKeyboard | undefined): SentMessage {
    const s: SentMessage = { message_id: msg.message_id, chat_id: msg.chat.id, edits: 0, deleted: false };
    if (reply.id !== undefined) s.reply_to_message_id = reply.id;
    if (typeof p.parse_mode === 'string') s.parse_mode = p.parse_mode;
    if (markup) s.reply_markup = markup;
    return s;
  }

  function mediaBody(kind: 'photo' | 'document', m: ResolvedMedia): Record<string, any> {
    return kind === 'photo' ? { photo: st.photoSizes(m.file) } : { document: st.documentObject(m.file) };
  }

  function mediaRecord(m: ResolvedMedia): NonNullable<SentMessage['document']> {
    const r: NonNullable<SentMessage['document']> = { source: m.source, bytes: m.file.bytes.length, file_id: m.file.file_id };
    if (m.url) r.url = m.url;
    if (m.file.kind === 'document' && m.file.file_name) r.file_name = m.file.file_name;
    return r;
  }

  async function sendMedia(kind: 'photo' | 'document', p: Params, files: Files) {
    const chat = st.chat(p.chat_id, { forSending: true });
    const plainCaption = checkCaption(p.caption, p.parse_mode);
    const markup = checkReplyMarkup(p.reply_markup);
    const reply = replyTarget(chat, p);
    const media = await resolveMedia(kind, p[kind], files, kind);
    const body = mediaBody(kind, media);
    if (plainCaption !== undefined) body.caption = plainCaption;
    if (markup) body.reply_markup = markup;
    const msg = newMessage(chat, body, reply);
    const sent = sentRecord(msg, p, reply, markup);
    if (kind === 'photo') {
      const { file_name: _n, ...photo } = mediaRecord(media);
      sent.photo = photo;
    } else sent.document = mediaRecord(media);
    if (plainCaption !== undefined) {
      sent.caption = String(p.caption);
      sent.plain_caption = plainCaption;
    }
    st.store({ msg, fromBot: true, deleted: false, ...(plainCaption !== undefined ? { raw: String(p.caption) } : {}), sent });
    return msg;
  }

  /** The bot's own message targeted by an edit, with Telegram's checks. */
  function editTarget(p: Params): StoredMessage {
    if (p.inline_message_id !== undefined) throw badRequest('MESSAGE_ID_INVALID');
    const chat = st.chat(p.chat_id, { forSending: true });
    const m = st.message(chat.id, p.message_id);
    if (!m) throw badRequest('message to edit not found');
    if (!m.fromBot) throw badRequest("message can't be edited");
    return m;
  }

  function applyMarkup(m: StoredMessage, markup: InlineKeyboard | undefined): void {
    if (markup) m.msg.reply_markup = markup;
    else delete m.msg.reply_markup;
    if (m.sent) {
      if (markup) m.sent.reply_markup = markup;
      else delete m.sent.reply_markup;
    }
  }

  /** Sets (or, with undefined, removes) a message's caption: as Telegram shows it and as the bot sent it. */
  function setCaption(m: StoredMessage, raw: string | undefined, plain: string | undefined): void {
    if (plain === undefined || raw === undefined) {
      delete m.msg.caption;
      delete m.raw;
    } else {
      m.msg.caption = plain;
      m.raw = raw;
    }
    if (!m.sent) return;
    if (raw === undefined) {
      delete m.sent.caption;
      delete m.sent.plain_caption;
    } else {
      m.sent.caption = raw;
      m.sent.plain_caption = plain;
    }
  }

  function edited(m: StoredMessage): Record<string, any> {
    m.msg.edit_date = st.unixNow();
    if (m.sent) m.sent.edits++;
    return m.msg;
  }

  return {
    sendMessage(p) {
      const chat = st.chat(p.chat_id, { forSending: true });
      const plain = checkText(p.text, p.parse_mode);
      const markup = checkReplyMarkup(p.reply_markup);
      const reply = replyTarget(chat, p);
      const msg = newMessage(chat, { text: plain, ...entitiesOf(p.entities), ...(markup ? { reply_markup: markup } : {}) }, reply);
      const sent = sentRecord(msg, p, reply, markup);
      sent.text = String(p.text);
      sent.plain_text = plain;
      const force = forceReplyOf(p.reply_markup);
      if (force) sent.force_reply = force;
      st.store({ msg, fromBot: true, deleted: false, raw: String(p.text), sent });
      return msg;
    },

    sendPhoto: (p, files) => sendMedia('photo', p, files),
    sendDocument: (p, files) => sendMedia('document', p, files),

    async sendMediaGroup(p, files) {
      const chat = st.chat(p.chat_id, { forSending: true });
      const media = p.media;
      if (!Array.isArray(media)) throw badRequest('field "media" must be an Array');
      if (media.length < 2 || media.length > 10) throw badRequest('wrong number of media in the album: must include 2-10 items');
      const types = media.map((x: any) => x?.type);
      for (const t of types) if (t !== 'photo' && t !== 'document') throw badRequest(`unsupported media type "${String(t)}" in the fake`);
      if (types.includes('document') && types.some((t) => t !== 'document')) throw badRequest("document can't be mixed with other media types");
      const plains = media.map((x: any) => checkCaption(x.caption, x.parse_mode));
      const reply = replyTarget(chat, p);
      const resolved = await Promise.all(media.map((x: any) => resolveMedia(x.type, x.media, files, '')));
      const groupId = String(13_000_000_000_000_000n + BigInt(st.now()) * 1000n + BigInt(Math.floor(Math.random() * 1000)));
      return resolved.map((r, i) => {
        const item = media[i];
        const kind = item.type as 'photo' | 'document';
        const body = { media_group_id: groupId, ...mediaBody(kind, r), ...(plains[i] !== undefined ? { caption: plains[i] } : {}) };
        const msg = newMessage(chat, body, reply);
        const sent = sentRecord(msg, item, reply, undefined);
        sent.media_group_id = groupId;
        if (kind === 'photo') {
          const { file_name: _n, ...photo } = mediaRecord(r);
          sent.photo = photo;
        } else sent.document = mediaRecord(r);
        if (plains[i] !== undefined) {
          sent.caption = String(item.caption);
          sent.plain_caption = plains[i];
        }
        st.store({ msg, fromBot: true, deleted: false, ...(plains[i] !== undefined ? { raw: String(item.caption) } : {}), sent });
        return msg;
      });
    },

    editMessageText(p) {
      const m = editTarget(p);
      if (m.msg.text === undefined) throw badRequest('there is no text in the message to edit');
      const plain = checkText(p.text, p.parse_mode);
      const markup = checkReplyMarkup(p.reply_markup);
      if (m.raw === String(p.text) && m.msg.text === plain && sameMarkup(m.msg.reply_markup, markup)) throw badRequest(NOT_MODIFIED);
      m.msg.text = plain;
      m.raw = String(p.text);
      // An edit replaces the formatting with its own (none when it gives none).
      delete m.msg.entities;
      Object.assign(m.msg, entitiesOf(p.entities));
      applyMarkup(m, markup);
      if (m.sent) {
        m.sent.text = String(p.text);
        m.sent.plain_text = plain;
        if (typeof p.parse_mode === 'string') m.sent.parse_mode = p.parse_mode;
        else delete m.sent.parse_mode;
      }
      return edited(m);
    },

    editMessageCaption(p) {
      const m = editTarget(p);
      if (!m.msg.photo && !m.msg.document) throw badRequest('there is no caption in the message to edit');
      const plain = checkCaption(p.caption, p.parse_mode);
      const markup = checkReplyMarkup(p.reply_markup);
      const raw = plain === undefined ? undefined : String(p.caption);
      if (m.raw === raw && m.msg.caption === plain && sameMarkup(m.msg.reply_markup, markup)) throw badRequest(NOT_MODIFIED);
      setCaption(m, raw, plain);
      applyMarkup(m, markup);
      return edited(m);
    },

    editMessageReplyMarkup(p) {
      const m = editTarget(p);
      const markup = checkReplyMarkup(p.reply_markup);
      if (sameMarkup(m.msg.reply_markup, markup)) throw badRequest(NOT_MODIFIED);
      applyMarkup(m, markup);
      return edited(m);
    },

    async editMessageMedia(p, files) {
      const m = editTarget(p);
      // Bot API 9: a text message may be replaced with a media message (an album part may not change kind).
      const wasText = !m.msg.photo && !m.msg.document;
      if (wasText && m.msg.text === undefined) throw badRequest('there is no media in the message to edit');
      const item = p.media;
      if (!item || typeof item !== 'object') throw badRequest('field "media" must be of type Object');
      if (item.type !== 'photo' && item.type !== 'document') throw badRequest(`unsupported media type "${String(item.type)}" in the fake`);
      const kind = item.type as 'photo' | 'document';
      const plain = checkCaption(item.caption, item.parse_mode);
      const markup = checkReplyMarkup(p.reply_markup);
      const r = await resolveMedia(kind, item.media, files, '');
      const current = m.msg.photo ? m.msg.photo[m.msg.photo.length - 1]?.file_id : m.msg.document?.file_id;
      const raw = plain === undefined ? undefined : String(item.caption);
      if (current === r.file.file_id && m.raw === raw && sameMarkup(m.msg.reply_markup, markup)) throw badRequest(NOT_MODIFIED);
      delete m.msg.photo;
      delete m.msg.document;
      delete m.msg.text;
      delete m.msg.entities;
      Object.assign(m.msg, mediaBody(kind, r));
      setCaption(m, raw, plain);
      applyMarkup(m, markup);
      if (m.sent) {
        delete m.sent.photo;
        delete m.sent.document;
        if (wasText) {
          delete m.sent.text;
          delete m.sent.plain_text;
        }
        if (kind === 'photo') {
          const { file_name: _n, ...photo } = mediaRecord(r);
          m.sent.photo = photo;
        } else m.sent.document = mediaRecord(r);
      }
      return edited(m);
    },

    deleteMessage(p) {
      const chat = st.chat(p.chat_id);
      const m = st.message(chat.id, p.message_id);
      if (!m) throw badRequest('message to delete not found');
      if (!m.fromBot && chat.type !== 'private' && !st.isAdmin(chat.id, st.bot.id)) throw badRequest("message can't be deleted");
      m.deleted = true;
      if (m.sent) m.sent.deleted = true;
      return true;
    },

    sendChatAction(p) {
      st.chat(p.chat_id, { forSending: true });
      if (!CHAT_ACTIONS.has(String(p.action))) throw badRequest('wrong parameter action in request');
      return true;
    },
  };
}
