// REST half of the fake Discord server: /api/v10/... plus attachment downloads.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { MultipartParser, boundaryOf, type MultipartFile } from './discord-multipart.ts';
import { ERR, fromError, isError, noContent, ok, validateCommands, type Ctx, type Reply } from './discord-limits.ts';
import { interactionCallback, webhooks } from './discord-interactions.ts';
import { ALL_PERMISSIONS, DEFAULT_OWNER_ID, type DiscordStore } from './discord-state.ts';
import type { RestCall } from './discord-types.ts';

const MAX_JSON = 10 * 1024 * 1024;
const NONCE_WINDOW_MS = 5 * 60_000;

async function readBody(req: IncomingMessage): Promise<{ body: any; files: MultipartFile[]; badJson?: boolean }> {
  const type = req.headers['content-type'] ?? '';
  const boundary = /multipart\/form-data/i.test(type) ? boundaryOf(type) : undefined;
  if (boundary) {
    const parser = new MultipartParser(boundary);
    for await (const chunk of req) parser.write(chunk as Buffer);
    const { fields, files } = parser.end();
    let body: any = {};
    for (const [k, v] of Object.entries(fields)) {
      if (k === 'payload_json') {
        try {
          body = { ...body, ...JSON.parse(v) };
        } catch {
          return { body: v, files, badJson: true };
        }
      } else {
        body[k] = v;
      }
    }
    return { body, files };
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= MAX_JSON) chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return { body: undefined, files: [] };
  if (/json/i.test(type) || /^[[{]/.test(text.trim())) {
    try {
      return { body: JSON.parse(text), files: [] };
    } catch {
      return { body: text, files: [], badJson: true };
    }
  }
  return { body: text, files: [] };
}

function write(res: ServerResponse, r: Reply): void {
  const headers: Record<string, string> = { ...r.headers };
  if (r.status === 204 || r.body === undefined) {
    res.writeHead(r.status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(r.body);
  headers['Content-Type'] = 'application/json';
  headers['Content-Length'] = String(Buffer.byteLength(text));
  res.writeHead(r.status, headers);
  res.end(text);
}

function failureReply(f: { status: number; body: any; retryAfterMs?: number }, path: string, method: string): Reply {
  if (f.status !== 429) return { status: f.status, body: f.body };
  const ms = f.retryAfterMs ?? (typeof f.body?.retry_after === 'number' ? f.body.retry_after * 1000 : 50);
  const secs = ms / 1000;
  const body = { message: 'You are being rate limited.', global: false, ...f.body, retry_after: f.body?.retry_after ?? secs };
  const headers: Record<string, string> = {
    'Retry-After': String(secs),
    'X-RateLimit-Limit': '1',
    'X-RateLimit-Remaining': '0',
    'X-RateLimit-Reset': String((Date.now() + ms) / 1000),
    'X-RateLimit-Reset-After': String(secs),
    'X-RateLimit-Bucket': `fake-${method}-${path.replace(/\d{15,}/g, ':id').replace(/[^a-z:-]/gi, '')}`,
    'X-RateLimit-Scope': body.global ? 'global' : 'user',
  };
  if (body.global) headers['X-RateLimit-Global'] = 'true';
  return { status: 429, body, headers };
}

/** Handles one HTTP request on the fake's server (REST or attachment download). */
export async function handleHttp(store: DiscordStore, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const method = (req.method ?? 'GET').toUpperCase();
  const download = /^\/(ephemeral-)?attachments\/[^/]+\/([^/]+)\//.exec(url.pathname);
  if (download) {
    for await (const _ of req) void _;
    const a = store.attachmentsById.get(download[2]!);
    if (!a) return write(res, { status: 404, body: { message: '404: Not Found', code: 0 } });
    const data = a.bytes ?? Buffer.alloc(Math.min(a.size, 64 * 1024 * 1024));
    res.writeHead(200, { 'Content-Type': a.content_type ?? 'application/octet-stream', 'Content-Length': String(data.length) });
    res.end(method === 'HEAD' ? undefined : data);
    return;
  }
  const m = /^\/api(?:\/v\d+)?(\/.*)$/.exec(url.pathname);
  const { body, files, badJson } = await readBody(req);
  if (!m) return write(res, fromError(ERR.notFound()));
  let path: string;
  try {
    path = decodeURIComponent(m[1]!);
  } catch {
    path = m[1]!;
  }
  const auth = typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined;
  const call: RestCall = { method, path, body, files, status: 0, at: Date.now() };
  if (auth) call.auth = auth;
  const reply = route(store, { method, path, auth, badJson: Boolean(badJson), query: url.searchParams, body, files });
  call.status = reply.status;
  store.restCalls.push(call);
  write(res, reply);
  store.changed();
}

function route(
  store: DiscordStore,
  r: { method: string; path: string; auth?: string; badJson: boolean; query: URLSearchParams; body: any; files: MultipartFile[] },
): Reply {
  const seg = r.path.split('/').filter(Boolean);
  const open = seg[0] === 'interactions' || seg[0] === 'webhooks' || (seg[0] === 'gateway' && seg.length === 1);
  if (!open && r.auth !== `Bot ${store.token}`) return fromError(ERR.unauthorized());
  const failure = store.takeFailure(r.method, r.path);
  if (failure) return failureReply(failure, r.path, r.method);
  if (r.badJson) return fromError(ERR.invalidJson());
  const ctx: Ctx = { store, method: r.method, seg, query: r.query, body: r.body, files: r.files };
  try {
    switch (seg[0]) {
      case 'gateway':
        return gateway(ctx);
      case 'users':
        return users(ctx);
      case 'applications':
      case 'oauth2':
        return applications(ctx);
      case 'interactions':
        return interactionCallback(ctx);
      case 'webhooks':
        return webhooks(ctx);
      case 'channels':
        return channels(ctx);
      case 'guilds':
        return guilds(ctx);
      default:
        return fromError(ERR.notFound());
    }
  } catch (err) {
    return { status: 500, body: { message: `fake discord: ${(err as Error).message}`, code: 0 } };
  }
}

function gatewayUrl(store: DiscordStore): string {
  return `${store.baseUrl.replace(/^http/, 'ws')}/gateway`;
}

function gateway(c: Ctx): Reply {
  if (c.method !== 'GET') return fromError(ERR.methodNotAllowed());
  if (c.seg.length === 1) return ok({ url: gatewayUrl(c.store) });
  if (c.seg[1] === 'bot') {
    return ok({
      url: gatewayUrl(c.store),
      shards: c.store.recommendedShards,
      session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: c.store.maxConcurrency },
    });
  }
  return fromError(ERR.notFound());
}

function users(c: Ctx): Reply {
  const { store, seg, method } = c;
  if (seg[1] === '@me' && seg.length === 2 && method === 'GET') return ok(store.userJson(store.botUser));
  if (seg[1] === '@me' && seg[2] === 'guilds' && seg.length === 3 && method === 'GET') return ok(currentUserGuilds(store, c.query));
  if (seg[1] === '@me' && seg[2] === 'channels' && method === 'POST') {
    const id = String(c.body?.recipient_id ?? '');
    const u = store.users.get(id);
    if (!u) return fromError(ERR.unknownUser());
    return ok(store.channelJson(store.dmChannelFor(u)));
  }
  if (seg.length === 2 && method === 'GET') {
    const u = store.users.get(seg[1]!);
    return u ? ok(store.userJson(u)) : fromError(ERR.unknownUser());
  }
  return fromError(ERR.notFound());
}

/** GET /users/@me/guilds: partial servers by ascending id, `after` an id, at most `limit` (1 to 200, default 200). */
function currentUserGuilds(store: DiscordStore, query: URLSearchParams): any[] {
  const limit = Math.min(200, Math.max(1, Number(query.get('limit') ?? 200) || 200));
  const after = BigInt(query.get('after') ?? '0');
  return store.guilds
    .filter((g) => BigInt(g.id) > after)
    .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1))
    .slice(0, limit)
    .map((g) => ({ id: g.id, name: g.name, icon: null, banner: null, owner: false, permissions: ALL_PERMISSIONS, features: [] }));
}

function applicationJson(store: DiscordStore): any {
  return {
    id: store.applicationId,
    name: store.botUser.username,
    icon: null,
    description: '',
    summary: '',
    type: null,
    bot_public: true,
    bot_require_code_grant: false,
    verify_key: '0'.repeat(64),
    flags: 0,
    team: null,
    owner: store.userJson({ id: DEFAULT_OWNER_ID, username: 'owner', discriminator: '0' }),
    bot: store.userJson(store.botUser),
    approximate_guild_count: store.guilds.length,
    interactions_endpoint_url: null,
    tags: [],
  };
}

function commandJson(store: DiscordStore, cmd: any, id: string, guildId?: string): any {
  const type = cmd.type ?? 1;
  const out: any = {
    id,
    application_id: store.applicationId,
    version: store.snowflake(),
    default_member_permissions: cmd.default_member_permissions ?? null,
    type,
    name: cmd.name,
    name_localizations: cmd.name_localizations ?? null,
    description: type === 1 ? (cmd.description ?? '') : '',
    description_localizations: cmd.description_localizations ?? null,
    dm_permission: cmd.dm_permission ?? true,
    contexts: cmd.contexts ?? null,
    integration_types: cmd.integration_types ?? [0],
    nsfw: cmd.nsfw ?? false,
  };
  if (cmd.options) out.options = cmd.options;
  if (guildId) out.guild_id = guildId;
  return out;
}

function applications(c: Ctx): Reply {
  const { store, method } = c;
  let seg = c.seg;
  if (seg[0] === 'oauth2') seg = seg.slice(1);
  if (seg[1] === '@me' && seg.length === 2) {
    if (method === 'GET' || method === 'PATCH') return ok(applicationJson(store));
    return fromError(ERR.methodNotAllowed());
  }
  if (seg[1] !== store.applicationId && seg[1] !== '@me') return fromError(ERR.unknownApplication());
  let guildId: string | undefined;
  let rest = seg.slice(2);
  if (rest[0] === 'guilds') {
    guildId = rest[1];
    if (!store.guild(guildId)) return fromError(ERR.unknownGuild());
    rest = rest.slice(2);
  }
  if (rest[0] !== 'commands') return fromError(ERR.notFound());
  let list = guildId ? store.guildCommands.get(guildId)! : store.globalCommands;
  const replaceList = (next: any[]) => {
    if (guildId) {
      store.guildCommands.set(guildId, next);
    } else {
      store.globalCommands.splice(0, store.globalCommands.length, ...next);
    }
    list = next;
  };
  const findExisting = (cmd: any) => list.find((x) => x.name === cmd.name && x.type === (cmd.type ?? 1));
  if (rest.length === 1) {
    if (method === 'GET') return ok(list);
    if (method === 'PUT') {
      const err = validateCommands(c.body);
      if (err) return fromError(err);
      const next = (c.body as any[]).map((cmd) => commandJson(store, cmd, findExisting(cmd)?.id ?? store.snowflake(), guildId));
      replaceList(next);
      return ok(next);
    }
    if (method === 'POST') {
      const err = validateCommands([c.body]);
      if (err) return fromError(err);
      const existing = findExisting(c.body);
      const json = commandJson(store, c.body, existing?.id ?? store.snowflake(), guildId);
      replaceList(existing ? list.map((x) => (x === existing ? json : x)) : [...list, json]);
      return ok(json, existing ? 200 : 201);
    }
    return fromError(ERR.methodNotAllowed());
  }
  const cmd = list.find((x) => x.id === rest[1]);
  if (!cmd) return fromError(ERR.unknownCommand());
  if (method === 'GET') return ok(cmd);
  if (method === 'DELETE') {
    replaceList(list.filter((x) => x !== cmd));
    return noContent();
  }
  if (method === 'PATCH') {
    const merged = { ...cmd, ...c.body };
    const err = validateCommands([merged]);
    if (err) return fromError(err);
    const json = commandJson(store, merged, cmd.id, guildId);
    replaceList(list.map((x) => (x === cmd ? json : x)));
    return ok(json);
  }
  return fromError(ERR.methodNotAllowed());
}

// --- channels & guilds --------------------------------------------------------------------------

function channels(c: Ctx): Reply {
  const { store, seg, method } = c;
  const ch = store.channels.get(seg[1] ?? '');
  if (!ch) return fromError(ERR.unknownChannel());
  if (seg.length === 2) {
    if (method === 'GET') return ok(store.channelJson(ch));
    return fromError(ERR.methodNotAllowed());
  }
  if (seg[2] === 'typing' && seg.length === 3) {
    return method === 'POST' ? noContent() : fromError(ERR.methodNotAllowed());
  }
  if (seg[2] !== 'messages') return fromError(ERR.notFound());
  if (seg.length === 3) {
    if (method === 'GET') {
      const limit = Math.min(100, Number(c.query.get('limit') ?? 50) || 50);
      const list = store.messagesIn(ch.id).filter((m) => !m.deleted);
      return ok(list.slice(-limit).reverse().map((m) => store.messageJson(m)));
    }
    if (method !== 'POST') return fromError(ERR.methodNotAllowed());
    const body = c.body && typeof c.body === 'object' ? c.body : {};
    const key = body.nonce != null ? `${ch.id}:${String(body.nonce)}` : undefined;
    if (key && body.enforce_nonce === true) {
      const seen = store.nonces.get(key);
      if (seen && Date.now() - seen.at < NONCE_WINDOW_MS) return ok(store.messageJson(seen.message));
    }
    const m = store.createMessage(ch.id, body, c.files);
    if (isError(m)) return fromError(m);
    if (key) store.nonces.set(key, { message: m, at: Date.now() });
    return ok(store.messageJson(m));
  }
  const m = store.findMessage(ch.id, seg[3]!);
  if (!m) return fromError(ERR.unknownMessage());
  if (seg.length !== 4) return fromError(ERR.notFound());
  if (method === 'GET') return ok(store.messageJson(m));
  if (method === 'PATCH') {
    if (m.author.id !== store.botUser.id) return fromError(ERR.notAuthor());
    const err = store.editMessage(m, c.body ?? {}, c.files);
    return err ? fromError(err) : ok(store.messageJson(m));
  }
  if (method === 'DELETE') {
    store.deleteMessage(m);
    return noContent();
  }
  return fromError(ERR.methodNotAllowed());
}

function guilds(c: Ctx): Reply {
  const { store, seg, method } = c;
  const g = store.guild(seg[1]);
  if (!g) return fromError(ERR.unknownGuild());
  if (method !== 'GET') return fromError(ERR.methodNotAllowed());
  if (seg.length === 2) return ok(store.guildJson(g));
  if (seg[2] === 'roles' && seg.length === 3) return ok([store.everyoneRole(g.id)]);
  if (seg[2] === 'channels' && seg.length === 3) {
    return ok(g.channels.map((ch) => store.channelJson(store.channels.get(ch.id)!)));
  }
  if (seg[2] === 'members' && seg.length === 4) {
    const userId = seg[3] === '@me' ? store.botUser.id : seg[3]!;
    const u = store.users.get(userId);
    return u ? ok(store.memberJson(g.id, u)) : fromError(ERR.unknownMember());
  }
  return fromError(ERR.notFound());
}
