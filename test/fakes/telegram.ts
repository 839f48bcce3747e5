// A fake Telegram Bot API server for driving the real grammY client in tests.
//
// Routes `/bot<token>/<method>` (JSON, urlencoded or multipart; GET or POST) and
// `/file/bot<token>/<file_path>`. getUpdates really long-polls. Enforces the Bot API rules that
// bite in production: text/caption limits, parse_mode errors, "message is not modified",
// keyboard limits, photo URL fetching, callback query expiry, unknown chats, 429s.
import { setMaxListeners } from 'node:events';
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { commandEntities, TgError } from './telegram-format.ts';
import { describeCall, parseParams, readBody, sendJson } from './telegram-http.ts';
import { LIMITS, messageHandlers } from './telegram-messages.ts';
import { miscHandlers } from './telegram-misc.ts';
import type { Handler, Params } from './telegram-messages.ts';
import { TelegramState } from './telegram-state.ts';
import { FakeWebhook, type WebhookDelivery, type WebhookSettings } from './telegram-webhook.ts';
import type { SentMessage, TgChat, TgUser } from './telegram-state.ts';

/** How long a test waits for what the bot does before failing: generous, as CI machines are shared and slow. */
const WAIT_MS = 10_000;

export type { SentMessage, TgChat, TgUser } from './telegram-state.ts';
export type { WebhookDelivery, WebhookSettings } from './telegram-webhook.ts';
export { TgError } from './telegram-format.ts';

export interface ApiCall { method: string; params: Record<string, unknown>; at: number; response: { ok: boolean; error_code?: number; description?: string } }
export interface FakeTelegramOptions {
  token?: string; // default '123456:TEST-telegram-token'
  botUsername?: string; // default 'framebot_test_bot'
  botId?: number; // default: the number before ':' in the token
  /** Extra: the bot's first_name (default 'Framebot Test'). */
  botFirstName?: string;
  /** Extra: reject photos whose bytes are not a PNG/JPEG/GIF/WebP/BMP (IMAGE_PROCESS_FAILED). Default true. */
  checkImages?: boolean;
  /** Extra: sendDocument by URL only for GIF/PDF/ZIP, as the Bot API documents. Default false. */
  strictDocumentUrls?: boolean;
  /**
   * Extra: group privacy mode (@BotFather /setprivacy). In groups the bot then gets only messages
   * meant for it: a command (for it or for no bot in particular), an @mention of it, a reply to
   * one of its messages. Other messages are stored (they can be replied to) but never delivered,
   * so of an album captioned with a command only the captioned part arrives. Default false.
   */
  privacyMode?: boolean;
  /** Extra: webhook mode, the pause before a failed delivery is tried again (default 200 ms). */
  webhookRetryMs?: number;
  /** Extra: webhook mode, how many times one update is tried at most (default 5; Telegram goes on for longer). */
  webhookAttempts?: number;
}
export interface FakeError { error_code: number; description: string; retry_after?: number }

const MAX_BODY = LIMITS.documentUpload + 1024 * 1024;
const RATE_LIMITED = new Set([
  'sendMessage', 'sendPhoto', 'sendDocument', 'sendMediaGroup', 'editMessageText', 'editMessageCaption',
  'editMessageReplyMarkup', 'editMessageMedia', 'copyMessage', 'forwardMessage',
]);
const CONFLICT = 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running';
const WEBHOOK_ACTIVE = "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first";

interface Poll { res: ServerResponse; limit: number; params: Params; at: number; timer?: NodeJS.Timeout; done: boolean }
interface Waiter { check: () => boolean; fail: (e: Error) => void; timer: NodeJS.Timeout }

export class FakeTelegram {
  readonly apiRoot: string;
  readonly token: string;
  readonly bot: TgUser;
  readonly calls: ApiCall[] = [];
  readonly sent: SentMessage[];

  private readonly st: TelegramState;
  private readonly handlers: Record<string, Handler>;
  private readonly methodNames = new Map<string, string>();
  private readonly failures = new Map<string, FakeError[]>();
  private readonly waiters = new Set<Waiter>();
  private readonly rateHits = new Map<number, number[]>();
  private readonly abort = new AbortController();
  /** Extra: methods whose calls are held without an answer (after or without applying them). */
  private readonly stalls = new Map<string, { apply: boolean }>();
  private readonly held = new Set<ServerResponse>();
  private readonly changeListeners = new Set<() => void>();
  private rateLimit: { perChatPerSecond: number } | null = null;
  private readonly privacyMode: boolean;
  private readonly hook: FakeWebhook;
  private updates: Array<Record<string, any>> = [];
  private nextUpdateId = 700_000_001;
  private callbackSeq = 0;
  private poll: Poll | undefined;
  private closed = false;

  private constructor(private readonly server: http.Server, port: number, opts: FakeTelegramOptions) {
    this.apiRoot = `http://127.0.0.1:${port}`;
    this.token = opts.token ?? '123456:TEST-telegram-token';
    const idFromToken = Number(this.token.split(':')[0]);
    this.bot = {
      id: opts.botId ?? (Number.isSafeInteger(idFromToken) && idFromToken > 0 ? idFromToken : 123456),
      is_bot: true,
      first_name: opts.botFirstName ?? 'Framebot Test',
      username: opts.botUsername ?? 'framebot_test_bot',
    };
    // Every media fetch in flight listens on it: many at once are normal, not a leak.
    setMaxListeners(0, this.abort.signal);
    this.st = new TelegramState(this.bot, opts.checkImages ?? true);
    this.privacyMode = opts.privacyMode ?? false;
    this.sent = this.st.sent;
    // Every webhook delivery and photo fetch listens on this one signal, and fetch lets go of its
    // listener only when the request is collected: a burst of thousands (the benchmarks) is no leak.
    setMaxListeners(0, this.abort.signal);
    this.hook = new FakeWebhook({
      signal: this.abort.signal,
      now: () => this.st.now(),
      changed: () => this.changed(),
      takeQueued: (drop) => (this.updates.splice(0, this.updates.length) as Array<{ update_id: number } & Record<string, any>>).filter(() => !drop),
      queued: () => this.updates.length,
      retryMs: opts.webhookRetryMs ?? 200,
      attempts: opts.webhookAttempts ?? 5,
    });
    this.handlers = {
      ...messageHandlers(this.st, { signal: this.abort.signal, strictDocumentUrls: opts.strictDocumentUrls ?? false }),
      ...miscHandlers(this.st, () => this.updates.length),
      ...this.hook.handlers(),
    };
    for (const name of [...Object.keys(this.handlers), 'getUpdates']) this.methodNames.set(name.toLowerCase(), name);
    server.on('request', (req, res) => {
      this.route(req, res).catch((e: unknown) => {
        sendJson(res, 500, { ok: false, error_code: 500, description: `Internal Server Error: ${String(e)}` });
      });
    });
  }

  static async start(opts: FakeTelegramOptions = {}): Promise<FakeTelegram> {
    const server = http.createServer({ keepAliveTimeout: 600_000 });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    return new FakeTelegram(server, (server.address() as AddressInfo).port, opts);
  }

  // ---------------------------------------------------------------- observing

  messagesIn(chatId: number): SentMessage[] {
    return this.st.sent.filter((m) => m.chat_id === chatId);
  }

  waitForCall(method: string, predicate?: (c: ApiCall) => boolean, timeoutMs = WAIT_MS): Promise<ApiCall> {
    const find = () => this.calls.find((c) => c.method === method && (!predicate || predicate(c)));
    return this.wait(find, timeoutMs, () => `waitForCall('${method}') timed out after ${timeoutMs} ms.`);
  }

  waitForMessage(chatId: number, predicate: (m: SentMessage) => boolean, timeoutMs = WAIT_MS): Promise<SentMessage> {
    const find = () => this.messagesIn(chatId).find(predicate);
    return this.wait(find, timeoutMs, () => {
      const msgs = this.messagesIn(chatId).map((m) => `  #${m.message_id} ${JSON.stringify(m.text ?? m.caption ?? (m.photo ? '[photo]' : '[document]'))}${m.deleted ? ' (deleted)' : ''}`);
      return `waitForMessage(${chatId}) timed out after ${timeoutMs} ms. Bot messages in that chat:\n${msgs.join('\n') || '  (none)'}`;
    });
  }

  /** The answerCallbackQuery call for that query (the successful one when there are several). */
  callbackAnswer(callbackQueryId: string): ApiCall | undefined {
    const mine = this.calls.filter((c) => c.method === 'answerCallbackQuery' && String(c.params.callback_query_id) === callbackQueryId);
    return mine.find((c) => c.response.ok) ?? mine[0];
  }

  /**
   * Extra: every message of a chat as its members see it — theirs and the bot's, edits applied,
   * deleted ones left out — oldest first (for a chat page such as the demo's).
   */
  history(chatId: number): Array<{ message: Record<string, any>; fromBot: boolean; edits: number; force_reply?: { placeholder?: string } }> {
    const out = [...this.st.messages.values()]
      .filter((m) => m.msg.chat.id === chatId && !m.deleted)
      .sort((a, b) => a.msg.message_id - b.msg.message_id);
    return out.map((m) => ({
      message: structuredClone(m.msg),
      fromBot: m.fromBot,
      edits: m.sent?.edits ?? 0,
      ...(m.sent?.force_reply ? { force_reply: { ...m.sent.force_reply } } : {}),
    }));
  }

  /** Extra: a file's bytes by file_id (what a chat app shows for a photo or document). */
  file(fileId: string): { bytes: Buffer; mime_type: string; file_name?: string } | undefined {
    const f = this.st.files.get(fileId);
    if (!f) return undefined;
    const mime = f.mime_type ?? (f.kind === 'photo' ? 'image/jpeg' : 'application/octet-stream');
    return { bytes: f.bytes, mime_type: mime, ...(f.file_name ? { file_name: f.file_name } : {}) };
  }

  /** Extra: calls `listener` after every Bot API call and every user action; returns the unsubscribe. */
  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Extra: updates pushed but not yet confirmed by a getUpdates offset. */
  get pendingUpdates(): number {
    return this.updates.length;
  }

  // ---------------------------------------------------------------- users act

  /** A user's message; `update_id` is -1 when privacy mode kept it from the bot. */
  userSends(o: { chat: TgChat; from: TgUser; text: string; reply_to_message_id?: number }): { update_id: number; message: any } {
    const entities = commandEntities(o.text);
    const message = this.userMessage(o.chat, o.from, { text: o.text, ...(entities ? { entities } : {}) }, o.reply_to_message_id);
    return this.deliver(message);
  }

  userSendsPhoto(o: { chat: TgChat; from: TgUser; bytes: Buffer; caption?: string; media_group_id?: string; width?: number; height?: number; reply_to_message_id?: number }): { update_id: number; message: any } {
    const file = this.st.registerFile(o.bytes, 'photo', { ...(o.width ? { width: o.width } : {}), ...(o.height ? { height: o.height } : {}) });
    const body: Record<string, any> = { photo: this.st.photoSizes(file), ...this.userCaption(o.caption) };
    if (o.media_group_id) body.media_group_id = o.media_group_id;
    return this.deliver(this.userMessage(o.chat, o.from, body, o.reply_to_message_id));
  }

  userSendsDocument(o: { chat: TgChat; from: TgUser; bytes: Buffer; file_name: string; mime_type: string; caption?: string; media_group_id?: string; reply_to_message_id?: number }): { update_id: number; message: any } {
    const file = this.st.registerFile(o.bytes, 'document', { file_name: o.file_name, mime_type: o.mime_type });
    const body: Record<string, any> = { document: this.st.documentObject(file), ...this.userCaption(o.caption) };
    if (o.media_group_id) body.media_group_id = o.media_group_id;
    return this.deliver(this.userMessage(o.chat, o.from, body, o.reply_to_message_id));
  }

  userPresses(o: { chat: TgChat; from: TgUser; message_id: number; data: string }): { update_id: number; callback_query: any; id: string } {
    this.st.learn(o.chat, o.from);
    const m = this.st.message(o.chat.id, o.message_id);
    if (!m) throw new Error(`userPresses: no message ${o.message_id} in chat ${o.chat.id} (was it sent or deleted?)`);
    const id = `${BigInt(this.bot.id) * 1_000_000n + BigInt(++this.callbackSeq)}`;
    const callback_query = {
      id,
      from: { ...o.from },
      message: structuredClone(m.msg),
      chat_instance: String(BigInt(o.chat.id) * -7919n),
      data: o.data,
    };
    this.st.callbacks.set(id, { id, at: this.st.now(), answered: false, chat_id: o.chat.id, message_id: o.message_id, data: o.data });
    const u = this.push({ callback_query });
    return { update_id: u.update_id, callback_query, id };
  }

  // ---------------------------------------------------------------- faults and setup

  failNext(method: string, err: FakeError, times = 1): void {
    const key = method.toLowerCase();
    const q = this.failures.get(key) ?? [];
    for (let i = 0; i < times; i++) q.push({ ...err });
    this.failures.set(key, q);
  }

  /**
   * Extra: calls to `method` get no answer until `unstall` (the connection just hangs, as with a
   * network that dropped). With `apply`, the call takes effect first and only the answer is lost:
   * the bot cannot know its message went out.
   */
  stall(method: string, opts: { apply: boolean }): void {
    this.stalls.set(method.toLowerCase(), opts);
  }

  /** Extra: answers nothing held so far (their connections are cut) and stops stalling. */
  unstall(): void {
    this.stalls.clear();
    for (const res of this.held) res.destroy();
    this.held.clear();
  }

  /** Extra: the webhook as setWebhook left it (undefined: none, updates wait for getUpdates). */
  get webhook(): WebhookSettings | undefined {
    return this.hook.settings;
  }

  /** Extra: every POST made to the webhook (automatic deliveries, retries and postToWebhook), oldest first. */
  get webhookDeliveries(): readonly WebhookDelivery[] {
    return this.hook.deliveries;
  }

  /**
   * Extra: one POST of `update` to the registered webhook, without retrying: with the registered
   * secret by default, another one, or none (null). Resolves with the bot's HTTP status.
   */
  postToWebhook(update: { update_id: number } & Record<string, any>, o: { secret?: string | null } = {}): Promise<number | 'error'> {
    const settings = this.hook.settings;
    if (!settings) throw new Error('postToWebhook: no webhook is set (setWebhook was not called, or deleteWebhook was)');
    return this.hook.post(settings.url, update, o.secret === undefined ? settings.secret_token ?? null : o.secret);
  }

  /**
   * Extra: an update Telegram already delivered once (same update_id), as after a lost confirmation:
   * queued for getUpdates, or posted to the webhook again when one is set.
   */
  redeliver(update: { update_id: number } & Record<string, any>): void {
    if (this.hook.settings) {
      this.hook.push(update);
      return;
    }
    this.updates.push(update);
    this.updates.sort((a, b) => a.update_id - b.update_id);
    if (this.poll) this.finishPoll(this.poll, this.updates.slice(0, this.poll.limit));
  }

  setChatAdmins(chatId: number, userIds: number[], opts: { creator?: number } = {}): void {
    const ids = new Set(userIds);
    if (opts.creator !== undefined) ids.add(opts.creator);
    this.st.admins.set(chatId, { ids, ...(opts.creator !== undefined ? { creator: opts.creator } : {}) });
  }

  /**
   * Extra: the command menu `user` sees in `chat`, picked as the Bot API documents ("Determining
   * list of commands"): the most specific scope that has a list — in a private chat `chat`, then
   * `all_private_chats`; in a group `chat_member`, `chat_administrators` (admins), `chat`,
   * `all_chat_administrators` (admins), `all_group_chats` — and `default` last. Languages are not modelled.
   */
  commandMenuFor(chat: TgChat, user: TgUser): Array<{ command: string; description: string }> {
    const admin = this.st.isAdmin(chat.id, user.id);
    const keys =
      chat.type === 'private'
        ? [`chat|${chat.id}||`, 'all_private_chats|||']
        : [
            `chat_member|${chat.id}|${user.id}|`,
            ...(admin ? [`chat_administrators|${chat.id}||`] : []),
            `chat|${chat.id}||`,
            ...(admin ? ['all_chat_administrators|||'] : []),
            'all_group_chats|||',
          ];
    // As Telegram: in each scope, the list for the user's language first (set by its two-letter
    // code; `pt-br` finds `pt`), then the one without a language_code; then the next scope.
    const language = user.language_code?.toLowerCase().split('-')[0] ?? '';
    for (const key of [...keys, 'default|||']) {
      for (const candidate of language ? [`${key}${language}`, key] : [key]) {
        const list = this.st.commands.get(candidate);
        // An empty list is as good as none (deleteMyCommands): the next one decides.
        if (list?.length) return list as Array<{ command: string; description: string }>;
      }
    }
    return [];
  }

  /** Extra: per-chat rate limit on sending/editing methods; over it answers 429 with retry_after. */
  setRateLimit(limit: { perChatPerSecond: number } | null): void {
    this.rateLimit = limit;
    this.rateHits.clear();
  }

  /** Extra: the user blocked the bot (private) or removed it (group): sends answer 403. */
  blockBot(chatId: number, blocked = true): void {
    if (blocked) this.st.blocked.add(chatId);
    else this.st.blocked.delete(chatId);
  }

  /** Extra: make a chat (and user) known without an update, e.g. a private chat the bot may write to. */
  knowChat(chat: TgChat, user?: TgUser): void {
    this.st.learn(chat, user);
  }

  /** Extra: move the fake's clock forward (callback query expiry, rate-limit windows). */
  advanceTime(ms: number): void {
    this.st.clockSkewMs += ms;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.poll) this.finishPoll(this.poll, []);
    for (const w of this.waiters) {
      clearTimeout(w.timer);
      w.fail(new Error('FakeTelegram closed while waiting'));
    }
    this.waiters.clear();
    this.changeListeners.clear();
    this.abort.abort();
    this.hook.close();
    for (const res of this.held) res.destroy();
    this.held.clear();
    const done = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await done;
  }

  // ---------------------------------------------------------------- internals

  private wait<T>(find: () => T | undefined, timeoutMs: number, describe: () => string): Promise<T> {
    let now: T | undefined;
    try {
      now = find();
    } catch (e) {
      return Promise.reject(e);
    }
    if (now !== undefined) return Promise.resolve(now);
    return new Promise<T>((resolve, reject) => {
      const w: Waiter = {
        check: () => {
          const hit = find();
          if (hit === undefined) return false;
          clearTimeout(w.timer);
          this.waiters.delete(w);
          resolve(hit);
          return true;
        },
        fail: reject,
        timer: setTimeout(() => {
          this.waiters.delete(w);
          const recent = this.calls.slice(-15).map((c) => '  ' + describeCall(c));
          reject(new Error(`${describe()}\nRecent calls (${this.calls.length} total):\n${recent.join('\n') || '  (none)'}`));
        }, timeoutMs),
      };
      this.waiters.add(w);
    });
  }

  private record(method: string, params: Params, at: number, response: ApiCall['response']): void {
    this.calls.push({ method, params, at, response });
    this.changed();
    for (const w of [...this.waiters]) {
      try {
        w.check();
      } catch (e) {
        clearTimeout(w.timer);
        this.waiters.delete(w);
        w.fail(e instanceof Error ? e : new Error(String(e)));
      }
    }
  }

  private answer(res: ServerResponse, method: string, params: Params, at: number, result: { ok: true; result: unknown } | TgError): void {
    if (result instanceof TgError) {
      const body: Record<string, unknown> = { ok: false, error_code: result.error_code, description: result.description };
      if (result.parameters) body.parameters = result.parameters;
      sendJson(res, result.error_code, body);
      this.record(method, params, at, { ok: false, error_code: result.error_code, description: result.description });
    } else {
      sendJson(res, 200, result);
      this.record(method, params, at, { ok: true });
    }
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = Date.now();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const file = /^\/file\/bot([^/]+)\/(.+)$/.exec(url.pathname);
    if (file) return this.download(req, res, decodeURIComponent(file[1]!), decodeURIComponent(file[2]!));
    const api = /^\/bot([^/]+)\/(?:test\/)?([^/]+)\/?$/.exec(url.pathname);
    const read = await readBody(req, MAX_BODY);
    if (!api) return sendJson(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    const rawMethod = decodeURIComponent(api[2]!);
    const method = this.methodNames.get(rawMethod.toLowerCase()) ?? rawMethod;
    if (decodeURIComponent(api[1]!) !== this.token) {
      return this.answer(res, method, {}, at, new TgError(401, 'Unauthorized'));
    }
    if (read.overflow) return this.answer(res, method, {}, at, new TgError(413, 'Request Entity Too Large'));
    const { params, files, error } = parseParams(url, req.headers['content-type'], read.body);
    if (error) return this.answer(res, method, params, at, new TgError(400, error));
    if (!this.methodNames.has(rawMethod.toLowerCase())) return this.answer(res, method, params, at, new TgError(404, 'Not Found'));
    const injected = this.failures.get(method.toLowerCase())?.shift();
    if (injected) {
      const { retry_after, ...e } = injected;
      return this.answer(res, method, params, at, new TgError(e.error_code, e.description, retry_after !== undefined ? { retry_after } : undefined));
    }
    if (method === 'getUpdates') {
      if (this.hook.settings) return this.answer(res, method, params, at, new TgError(409, WEBHOOK_ACTIVE));
      return this.getUpdates(res, params, at);
    }
    const limited = this.checkRate(method, params);
    if (limited) return this.answer(res, method, params, at, limited);
    const stall = this.stalls.get(method.toLowerCase());
    if (stall && !stall.apply) return this.hold(res, method, params, at);
    try {
      const result = await this.handlers[method]!(params, files);
      if (stall) return this.hold(res, method, params, at);
      this.answer(res, method, params, at, { ok: true, result });
    } catch (e) {
      if (e instanceof TgError) this.answer(res, method, params, at, e);
      else {
        this.answer(res, method, params, at, new TgError(500, `Internal Server Error: ${e instanceof Error ? e.stack ?? e.message : String(e)}`));
      }
    }
  }

  private hold(res: ServerResponse, method: string, params: Params, at: number): void {
    this.held.add(res);
    res.on('close', () => this.held.delete(res));
    this.record(method, params, at, { ok: true, description: 'stalled: no answer sent' });
  }

  private async download(req: IncomingMessage, res: ServerResponse, token: string, path: string): Promise<void> {
    req.resume();
    if (token !== this.token) return sendJson(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const f = this.st.filesByPath.get(path);
    if (!f) return sendJson(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    res.writeHead(200, { 'content-type': f.mime_type ?? (f.kind === 'photo' ? 'image/jpeg' : 'application/octet-stream'), 'content-length': f.bytes.length });
    res.end(f.bytes);
  }

  private checkRate(method: string, params: Params): TgError | undefined {
    if (!this.rateLimit || !RATE_LIMITED.has(method)) return undefined;
    const chatId = Number(params.chat_id);
    if (!Number.isSafeInteger(chatId)) return undefined;
    const now = this.st.now();
    const hits = (this.rateHits.get(chatId) ?? []).filter((t) => now - t < 1000);
    if (hits.length >= this.rateLimit.perChatPerSecond) {
      const retry = Math.max(1, Math.ceil((hits[0]! + 1000 - now) / 1000));
      this.rateHits.set(chatId, hits);
      return new TgError(429, `Too Many Requests: retry after ${retry}`, { retry_after: retry });
    }
    hits.push(now);
    this.rateHits.set(chatId, hits);
    return undefined;
  }

  // --- updates and long polling

  private push(body: Record<string, any>): { update_id: number } & Record<string, any> {
    const update = { update_id: this.nextUpdateId++, ...body };
    if (this.hook.settings) {
      this.hook.push(update);
      this.changed();
      return update;
    }
    this.updates.push(update);
    if (this.poll) this.finishPoll(this.poll, this.updates.slice(0, this.poll.limit));
    this.changed();
    return update;
  }

  /** A listener's failure is its own: it never breaks the call that changed something. */
  private changed(): void {
    for (const listener of this.changeListeners) {
      try {
        listener();
      } catch {
        // ignored on purpose
      }
    }
  }

  private async getUpdates(res: ServerResponse, p: Params, at: number): Promise<void> {
    if (this.poll) {
      // A client that aborts its long poll and immediately polls again (bot.stop()) must not get
      // a 409: let the aborted socket's close event arrive before deciding there is a conflict.
      await new Promise((r) => setTimeout(r, 25));
      if (this.poll) {
        const old = this.poll;
        this.poll = undefined;
        old.done = true;
        clearTimeout(old.timer);
        this.answer(old.res, 'getUpdates', old.params, old.at, new TgError(409, CONFLICT));
      }
    }
    if (p.offset !== undefined) {
      const offset = Number(p.offset);
      if (offset > 0) this.updates = this.updates.filter((u) => u.update_id >= offset);
      else if (offset < 0) this.updates = this.updates.slice(offset);
    }
    const limit = Math.min(100, Math.max(1, Number(p.limit ?? 100) || 100));
    const timeout = Math.max(0, Number(p.timeout ?? 0) || 0);
    if (this.updates.length > 0 || timeout === 0 || this.closed) {
      return this.answer(res, 'getUpdates', p, at, { ok: true, result: this.updates.slice(0, limit) });
    }
    const poll: Poll = { res, limit, params: p, at, done: false };
    poll.timer = setTimeout(() => this.finishPoll(poll, []), timeout * 1000);
    res.on('close', () => {
      if (poll.done) return;
      poll.done = true;
      clearTimeout(poll.timer);
      if (this.poll === poll) this.poll = undefined;
      this.record('getUpdates', p, at, { ok: true, description: 'client closed the long poll' });
    });
    this.poll = poll;
  }

  private finishPoll(poll: Poll, result: unknown[]): void {
    if (poll.done) return;
    poll.done = true;
    clearTimeout(poll.timer);
    if (this.poll === poll) this.poll = undefined;
    this.answer(poll.res, 'getUpdates', poll.params, poll.at, { ok: true, result });
  }

  // --- user messages

  private userMessage(chat: TgChat, from: TgUser, body: Record<string, any>, replyTo?: number): Record<string, any> {
    this.st.learn(chat, from);
    const msg: Record<string, any> = {
      message_id: this.st.nextMessageId(chat.id),
      from: { ...from },
      chat: { ...this.st.chats.get(chat.id) },
      date: this.st.unixNow(),
      ...body,
    };
    if (replyTo !== undefined) {
      const target = this.st.replyCopy(chat.id, replyTo);
      if (!target) throw new Error(`userSends: reply_to_message_id ${replyTo} is not a message in chat ${chat.id}`);
      msg.reply_to_message = target;
    }
    this.st.store({ msg, fromBot: false, deleted: false });
    return msg;
  }

  /** Queues a user's message as an update, unless privacy mode keeps it from the bot. */
  private deliver(message: Record<string, any>): { update_id: number; message: any } {
    if (this.privacyMode && this.withheld(message)) {
      this.changed();
      return { update_id: -1, message };
    }
    return this.push({ message }) as { update_id: number; message: any };
  }

  /** Whether group privacy mode keeps `message` from the bot (Bot API "Privacy mode"). */
  private withheld(message: Record<string, any>): boolean {
    if (message.chat.type !== 'group' && message.chat.type !== 'supergroup') return false;
    const text: string = message.text ?? message.caption ?? '';
    const target = /^\/[A-Za-z0-9_]+(?:@([A-Za-z0-9_]+))?/.exec(text);
    if (target && (!target[1] || target[1].toLowerCase() === this.bot.username!.toLowerCase())) return false;
    if (text.toLowerCase().includes(`@${this.bot.username!.toLowerCase()}`)) return false;
    return message.reply_to_message?.from?.id !== this.bot.id;
  }

  private userCaption(caption: string | undefined): Record<string, any> {
    if (caption === undefined) return {};
    const entities = commandEntities(caption);
    return { caption, ...(entities ? { caption_entities: entities } : {}) };
  }
}
