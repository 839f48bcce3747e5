// A small JSON + server-sent-events API over the fake Telegram, for a chat page in a browser (the
// demo's): what a person does in a Telegram app — send text, photos and albums, press a button —
// and what they see — the messages of a chat with their edits, photos and keyboards, "typing…".
//
//   GET  /api/chats                      who you are, the bot, your chats with their last message
//   GET  /api/chats/:id/messages         the chat's latest messages (edits applied) and whether the bot is typing
//   POST /api/chats/:id/messages         { text, reply_to? }                    → { message_id }
//   POST /api/chats/:id/photos           multipart: photo (1–10 files), caption?, reply_to?  → { message_ids }
//   POST /api/chats/:id/press            { message_id, data }                   → { answer: { text?, show_alert } | null }
//   POST /api/chats/:id/sample-photos    (when given samplePhotos) sends them as an album → { message_ids }
//   GET  /api/files/:file_id             a photo's bytes (documents as downloads)
//   GET  /api/events                     text/event-stream: `data: {"version":n}` whenever anything changed
//
// It talks to the fake in-process (never through the Bot API), so the page never needs the token.
import { randomInt } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { FakeTelegram, TgChat, TgUser } from './telegram.ts';
import { parseMultipart } from './multipart.ts';
import { readBody } from './telegram-http.ts';
import { sniffImage } from './telegram-media.ts';

export interface ChatApiOptions {
  /** The person at the page. */
  user: TgUser;
  /** The chats the page shows (the user's private chat with the bot, groups). */
  chats: TgChat[];
  /** How many of a chat's latest messages a read returns (default 200). */
  maxMessages?: number;
  /** Enables `POST /api/chats/:id/sample-photos`: the user sends these as one album. */
  samplePhotos?: () => Buffer[];
}

export interface ChatButton { text: string; data?: string; url?: string }
export interface ChatMessageView {
  id: number;
  from: { id: number; name: string; bot: boolean };
  date: number;
  text?: string;
  caption?: string;
  /** Formatting of the text or caption (offsets in UTF-16 units, as Telegram gives them). */
  entities?: Array<{ type: string; offset: number; length: number; url?: string }>;
  photo?: { url: string; width: number; height: number };
  document?: { url: string; name: string };
  /** Messages sharing this id form one album. */
  album?: string;
  reply_to?: { id: number; from: string; preview: string };
  buttons?: ChatButton[][];
  edited: boolean;
  /** The bot asked for a reply to this message (a Telegram app starts one). */
  force_reply?: { placeholder?: string };
}

const MAX_PHOTO_BYTES = 10 * 1024 * 1024;
const MAX_ALBUM = 10;
const MAX_JSON_BYTES = 64 * 1024;
const MAX_EVENT_STREAMS = 16;
/** Telegram shows "typing…" for 5 s or until the bot's next message. */
const TYPING_MS = 5_000;
/** How far back the typing check looks in the fake's call log. */
const TYPING_CALLS = 300;
const ANSWER_WAIT_MS = 3_000;
const HEARTBEAT_MS = 15_000;
const SENDING = /^(send(Message|Photo|Document|MediaGroup)|editMessage\w+)$/;

const sendText = z.object({
  text: z.string().trim().min(1, 'type something first').max(4096, 'at most 4096 characters'),
  reply_to: z.number().int().positive().optional(),
});
const press = z.object({
  message_id: z.number().int().positive(),
  data: z.string().min(1).max(64),
});
const replyField = z.coerce.number().int().positive().optional();
const captionField = z.string().max(1024, 'a caption has at most 1024 characters').optional();

class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class TelegramChatApi {
  private version = 0;
  private readonly streams = new Set<ServerResponse>();
  private readonly unsubscribe: () => void;
  private pending: NodeJS.Timeout | undefined;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly maxMessages: number;

  constructor(
    private readonly tg: FakeTelegram,
    private readonly opts: ChatApiOptions,
  ) {
    this.maxMessages = opts.maxMessages ?? 200;
    for (const chat of opts.chats) tg.knowChat(chat, opts.user);
    // Many changes come in bursts (an edit, its answer, a poll): one event per burst is enough.
    this.unsubscribe = tg.onChange(() => {
      this.version++;
      this.pending ??= setTimeout(() => {
        this.pending = undefined;
        this.broadcast(`data: ${JSON.stringify({ version: this.version })}\n\n`);
      }, 30);
    });
    this.heartbeat = setInterval(() => this.broadcast(': ping\n\n'), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /** Answers the request when it is one of this API's routes; false otherwise. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const path = url.pathname;
    if (!path.startsWith('/api/')) return false;
    try {
      if (method === 'GET' && path === '/api/chats') return this.json(res, 200, this.chatList());
      if (method === 'GET' && path === '/api/events') return this.events(req, res);
      const file = /^\/api\/files\/([\w-]{1,200})$/.exec(path);
      if (method === 'GET' && file) return this.file(res, file[1]!);
      const route = /^\/api\/chats\/(-?\d{1,20})\/(messages|photos|press|sample-photos)$/.exec(path);
      if (!route) return false;
      const chat = this.chat(Number(route[1]));
      const what = route[2]!;
      if (method === 'GET' && what === 'messages') return this.json(res, 200, this.messages(chat));
      if (method !== 'POST') throw new ApiError(405, 'method not allowed');
      if (what === 'messages') {
        const body = sendText.parse(await this.readJson(req));
        const { message } = this.tg.userSends({ chat, from: this.opts.user, text: body.text, ...this.replyTo(chat, body.reply_to) });
        return this.json(res, 200, { message_id: message.message_id });
      }
      if (what === 'photos') return this.json(res, 200, { message_ids: await this.photos(req, chat) });
      if (what === 'sample-photos') {
        req.resume();
        if (!this.opts.samplePhotos) throw new ApiError(404, 'no sample photos here');
        return this.json(res, 200, { message_ids: this.sendPhotos(chat.id, this.opts.samplePhotos()) });
      }
      const body = press.parse(await this.readJson(req));
      return this.json(res, 200, { answer: await this.press(chat, body.message_id, body.data) });
    } catch (err) {
      if (err instanceof z.ZodError) return this.json(res, 400, { error: err.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ') });
      if (err instanceof ApiError) return this.json(res, err.status, { error: err.message });
      return this.json(res, 500, { error: err instanceof Error ? err.message : String(err) });
    }
  }

  /**
   * The user sends photos: one as a single message, several as an album (one media group, the
   * caption on the first), as a Telegram app does. Returns the message ids.
   */
  sendPhotos(chatId: number, photos: Buffer[], opts: { caption?: string; replyTo?: number } = {}): number[] {
    const chat = this.chat(chatId);
    if (photos.length < 1 || photos.length > MAX_ALBUM) throw new ApiError(400, `send 1 to ${MAX_ALBUM} photos at a time`);
    for (const [i, bytes] of photos.entries()) {
      if (!sniffImage(bytes)) throw new ApiError(400, `file ${i + 1} is not an image (PNG, JPEG, GIF, WebP or BMP)`);
      if (bytes.length > MAX_PHOTO_BYTES) throw new ApiError(400, `file ${i + 1} is over 10 MB`);
    }
    const album = photos.length > 1 ? `${13_000_000_000_000_000n + BigInt(randomInt(1_000_000_000))}` : undefined;
    const reply = this.replyTo(chat, opts.replyTo);
    return photos.map((bytes, i) => {
      const caption = i === 0 && opts.caption ? { caption: opts.caption } : {};
      const sent = this.tg.userSendsPhoto({ chat, from: this.opts.user, bytes, ...caption, ...(album ? { media_group_id: album } : {}), ...(i === 0 ? reply : {}) });
      return sent.message.message_id as number;
    });
  }

  /** Ends the event streams and stops listening to the fake. */
  close(): void {
    this.unsubscribe();
    clearTimeout(this.pending);
    clearInterval(this.heartbeat);
    for (const res of this.streams) res.end();
    this.streams.clear();
  }

  // ---------------------------------------------------------------- reads

  private chatList() {
    const { user } = this.opts;
    return {
      me: { id: user.id, name: user.first_name, username: user.username ?? null },
      bot: { id: this.tg.bot.id, name: this.tg.bot.first_name, username: this.tg.bot.username ?? null },
      version: this.version,
      chats: this.opts.chats.map((chat) => {
        const last = this.tg.history(chat.id).at(-1);
        return {
          id: chat.id,
          type: chat.type,
          // A private chat is shown under the bot's name, as in a Telegram app.
          title: chat.type === 'private' ? this.tg.bot.first_name : (chat.title ?? String(chat.id)),
          last: last ? { from: nameOf(last.message.from), preview: preview(last.message), date: last.message.date as number } : null,
        };
      }),
    };
  }

  private messages(chat: TgChat) {
    const all = this.tg.history(chat.id);
    return {
      chat: { id: chat.id, type: chat.type },
      version: this.version,
      typing: this.typing(chat.id),
      messages: all.slice(-this.maxMessages).map((m) => view(m)),
    };
  }

  /** Whether the bot's last chat action in this chat still shows: within 5 s and no message since. */
  private typing(chatId: number): boolean {
    const calls = this.tg.calls;
    const stop = Math.max(0, calls.length - TYPING_CALLS);
    for (let i = calls.length - 1; i >= stop; i--) {
      const c = calls[i]!;
      if (Number(c.params.chat_id) !== chatId || !c.response.ok) continue;
      if (SENDING.test(c.method)) return false;
      if (c.method === 'sendChatAction') return Date.now() - c.at < TYPING_MS;
    }
    return false;
  }

  private file(res: ServerResponse, fileId: string): true {
    const f = this.tg.file(fileId);
    if (!f) throw new ApiError(404, 'no such file');
    const image = sniffImage(f.bytes);
    // Only images are shown in the page; anything else downloads, so no file can run as a page of this origin.
    const type = image ? `image/${image}` : 'application/octet-stream';
    const headers: Record<string, string | number> = {
      'content-type': type,
      'content-length': f.bytes.length,
      'cache-control': 'private, max-age=3600',
      'x-content-type-options': 'nosniff',
    };
    if (!image) headers['content-disposition'] = `attachment; filename="${(f.file_name ?? 'file').replace(/[^\w.-]/g, '_')}"`;
    res.writeHead(200, headers);
    res.end(f.bytes);
    return true;
  }

  private events(req: IncomingMessage, res: ServerResponse): true {
    if (this.streams.size >= MAX_EVENT_STREAMS) throw new ApiError(503, 'too many open pages');
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
    res.write(`retry: 1000\ndata: ${JSON.stringify({ version: this.version })}\n\n`);
    this.streams.add(res);
    req.on('close', () => this.streams.delete(res));
    return true;
  }

  private broadcast(chunk: string): void {
    for (const res of this.streams) {
      if (res.destroyed || res.writableEnded) this.streams.delete(res);
      else res.write(chunk);
    }
  }

  // ---------------------------------------------------------------- writes

  private async photos(req: IncomingMessage, chat: TgChat): Promise<number[]> {
    const contentType = req.headers['content-type'] ?? '';
    if (!/^multipart\/form-data/i.test(contentType)) throw new ApiError(415, 'send the photos as multipart/form-data');
    const read = await readBody(req, MAX_ALBUM * MAX_PHOTO_BYTES + 1024 * 1024);
    if (read.overflow) throw new ApiError(413, `at most ${MAX_ALBUM} photos of 10 MB`);
    const parts = parseMultipart(read.body, contentType);
    const field = (name: string) => parts.find((p) => p.name === name && p.filename === undefined)?.data.toString('utf8');
    const caption = captionField.parse(field('caption') || undefined);
    const replyTo = replyField.parse(field('reply_to') || undefined);
    const photos = parts.filter((p) => p.name === 'photo' && p.data.length > 0).map((p) => p.data);
    return this.sendPhotos(chat.id, photos, { ...(caption ? { caption } : {}), ...(replyTo ? { replyTo } : {}) });
  }

  /** A press of an inline button; waits briefly for the bot's answer (the toast a Telegram app shows). */
  private async press(chat: TgChat, messageId: number, data: string): Promise<{ text?: string; show_alert: boolean } | null> {
    const target = this.tg.history(chat.id).find((m) => m.message.message_id === messageId);
    const offered = (target?.message.reply_markup?.inline_keyboard ?? []).flat() as ChatButton[];
    // A page can only press what the message shows, as in a Telegram app (the bot still checks every press).
    if (!offered.some((b) => (b as { callback_data?: string }).callback_data === data)) throw new ApiError(400, 'that message has no such button');
    const q = this.tg.userPresses({ chat, from: this.opts.user, message_id: messageId, data });
    const answer = await this.tg
      .waitForCall('answerCallbackQuery', (c) => String(c.params.callback_query_id) === q.id && c.response.ok, ANSWER_WAIT_MS)
      .catch(() => undefined);
    if (!answer) return null;
    const text = typeof answer.params.text === 'string' && answer.params.text !== '' ? answer.params.text : undefined;
    return { ...(text ? { text } : {}), show_alert: answer.params.show_alert === true };
  }

  // ---------------------------------------------------------------- helpers

  private chat(id: number): TgChat {
    const chat = this.opts.chats.find((c) => c.id === id);
    if (!chat) throw new ApiError(404, 'no such chat');
    return chat;
  }

  private replyTo(chat: TgChat, id: number | undefined): { reply_to_message_id?: number } {
    if (id === undefined) return {};
    if (!this.tg.history(chat.id).some((m) => m.message.message_id === id)) throw new ApiError(400, 'the message to reply to is gone');
    return { reply_to_message_id: id };
  }

  private async readJson(req: IncomingMessage): Promise<unknown> {
    const read = await readBody(req, MAX_JSON_BYTES);
    if (read.overflow) throw new ApiError(413, 'request too large');
    try {
      return JSON.parse(read.body.toString('utf8')) as unknown;
    } catch {
      throw new ApiError(400, 'the body must be JSON');
    }
  }

  private json(res: ServerResponse, status: number, body: unknown): true {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
    res.end(text);
    return true;
  }
}

function nameOf(user: { first_name?: string; last_name?: string } | undefined): string {
  return [user?.first_name, user?.last_name].filter(Boolean).join(' ') || 'Someone';
}

function preview(msg: Record<string, any>): string {
  const words = (msg.text ?? msg.caption ?? '') as string;
  const kind = msg.photo ? '🖼 Photo' : msg.document ? '📎 File' : '';
  const line = words.split('\n')[0]!;
  const head = line.length > 80 ? `${line.slice(0, 79)}…` : line;
  return [kind, head].filter(Boolean).join(kind && head ? ': ' : '') || '…';
}

function view(m: ReturnType<FakeTelegram['history']>[number]): ChatMessageView {
  const msg = m.message;
  const out: ChatMessageView = {
    id: msg.message_id,
    from: { id: msg.from?.id ?? 0, name: nameOf(msg.from), bot: m.fromBot },
    date: msg.date,
    edited: m.edits > 0 || msg.edit_date !== undefined,
  };
  if (typeof msg.text === 'string') out.text = msg.text;
  if (typeof msg.caption === 'string') out.caption = msg.caption;
  const entities = (msg.entities ?? msg.caption_entities) as ChatMessageView['entities'];
  if (Array.isArray(entities) && entities.length > 0) {
    out.entities = entities.map((e) => ({ type: e.type, offset: e.offset, length: e.length, ...(typeof e.url === 'string' ? { url: e.url } : {}) }));
  }
  if (Array.isArray(msg.photo) && msg.photo.length > 0) {
    const big = msg.photo[msg.photo.length - 1];
    out.photo = { url: `/api/files/${encodeURIComponent(big.file_id)}`, width: big.width, height: big.height };
  }
  if (msg.document) out.document = { url: `/api/files/${encodeURIComponent(msg.document.file_id)}`, name: msg.document.file_name ?? 'file' };
  if (msg.media_group_id) out.album = String(msg.media_group_id);
  if (msg.reply_to_message) {
    out.reply_to = { id: msg.reply_to_message.message_id, from: nameOf(msg.reply_to_message.from), preview: preview(msg.reply_to_message) };
  }
  const rows = msg.reply_markup?.inline_keyboard as Array<Array<Record<string, unknown>>> | undefined;
  if (rows?.length) {
    out.buttons = rows.map((row) =>
      row.map((b) => ({
        text: String(b.text),
        ...(typeof b.callback_data === 'string' ? { data: b.callback_data } : {}),
        ...(typeof b.url === 'string' ? { url: b.url } : {}),
      })),
    );
  }
  if (m.force_reply) out.force_reply = m.force_reply;
  return out;
}
