// In-memory state of the fake Discord server, shared by the REST and gateway halves.
import { randomBytes } from 'node:crypto';
import type { MultipartFile } from './discord-multipart.ts';
import type { DcGuild, DcMessage, DcUser, FailRule, FakeAttachmentInput, FakeDiscordOptions, FakeInteraction, MessageDispatch, RestCall } from './discord-types.ts';
import { ERR, FormErrors, isEmptyMessage, validateFiles, validateMessageBody, type ApiError } from './discord-limits.ts';
import { readPngSize } from './png.ts';

export interface StoredMessage extends DcMessage {
  type: number;
  timestamp: string;
  edited_timestamp: string | null;
  guild_id?: string;
  application_id?: string;
  message_reference?: any;
  interaction_metadata?: any;
  poll?: any;
  tts: boolean;
}

export interface StoredInteraction extends FakeInteraction {
  channelId: string;
  guildId: string | null;
  user: DcUser;
  commandName?: string;
  original?: StoredMessage;
  followups: StoredMessage[];
  /** For component interactions: the message the component sits on. */
  sourceMessage?: StoredMessage;
}

export interface Channel {
  id: string;
  name: string;
  type: number; // 0 guild text, 1 DM
  guild_id?: string;
  recipient?: DcUser;
  position: number;
}

export const EPHEMERAL = 1 << 6;
export const LOADING = 1 << 7;
const CREATE_FLAGS = 4 | 4096 | 32768;
const DISCORD_EPOCH = 1420070400000n;
export const ALL_PERMISSIONS = '2251799813685247'; // bits 0..50
/** GUILD_MEMBERS | GUILD_PRESENCES | MESSAGE_CONTENT: the intents an application must be approved for. */
export const PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | (1 << 15);

export const DEFAULT_OWNER_ID = '400000000000000099';
export const DEFAULT_USER: DcUser = { id: '400000000000000001', username: 'alice', global_name: 'Alice', discriminator: '0' };

export class DiscordStore {
  readonly token: string;
  readonly applicationId: string;
  readonly botUser: DcUser;
  readonly guilds: DcGuild[];
  readonly heartbeatIntervalMs: number;
  readonly recommendedShards: number;
  readonly maxConcurrency: number;
  readonly interactionDeadlineMs: number;
  readonly tokenLifetimeMs: number;
  readonly privilegedIntents: number;
  baseUrl = '';

  readonly channels = new Map<string, Channel>();
  readonly messages = new Map<string, StoredMessage[]>();
  readonly messageById = new Map<string, StoredMessage>();
  /** What the attachment URLs serve: `bytes` when a test gave them, else `size` zero bytes. */
  readonly attachmentsById = new Map<string, { size: number; content_type?: string; bytes?: Buffer }>();
  readonly users = new Map<string, DcUser>();
  readonly memberPermissions = new Map<string, string>();
  /** `guildId:commandName:userId`: a server allowed this member a command whatever their permissions. */
  readonly commandOverrides = new Set<string>();
  readonly interactions = new Map<string, StoredInteraction>();
  readonly interactionsByToken = new Map<string, StoredInteraction>();
  readonly restCalls: RestCall[] = [];
  readonly globalCommands: any[] = [];
  readonly guildCommands = new Map<string, any[]>();
  readonly failRules: FailRule[] = [];
  readonly nonces = new Map<string, { message: StoredMessage; at: number }>();
  /** Every MESSAGE_CREATE the gateway sent, per session, as that session saw it. */
  readonly messageDispatches: MessageDispatch[] = [];
  /** The gateway listens here to announce new messages (MESSAGE_CREATE). */
  onMessageCreated?: (m: StoredMessage) => void;
  private readonly listeners = new Set<() => void>();
  private seq = 0;
  readonly startedAt = new Date().toISOString();

  constructor(opts: FakeDiscordOptions = {}) {
    this.token = opts.token ?? 'TEST.discord.bot-token';
    this.applicationId = opts.applicationId ?? '100000000000000001';
    this.botUser = opts.botUser ?? { id: this.applicationId, username: 'framebot', bot: true, discriminator: '0' };
    this.guilds = opts.guilds ?? [
      { id: '200000000000000001', name: 'Test Guild', channels: [{ id: '300000000000000001', name: 'general' }] },
    ];
    this.heartbeatIntervalMs = opts.heartbeatIntervalMs ?? 1000;
    this.recommendedShards = opts.recommendedShards ?? 1;
    this.maxConcurrency = opts.maxConcurrency ?? 1;
    this.interactionDeadlineMs = opts.interactionDeadlineMs ?? 3000;
    this.tokenLifetimeMs = opts.tokenLifetimeMs ?? 15 * 60_000;
    this.privilegedIntents = opts.privilegedIntents ?? PRIVILEGED_INTENTS;
    this.users.set(this.botUser.id, this.botUser);
    for (const g of this.guilds) {
      g.channels.forEach((c, i) => this.channels.set(c.id, { id: c.id, name: c.name, type: 0, guild_id: g.id, position: i }));
      this.guildCommands.set(g.id, []);
      if (g.ownerId && !this.users.has(g.ownerId)) {
        this.users.set(g.ownerId, { id: g.ownerId, username: `owner${g.ownerId.slice(-4)}`, discriminator: '0' });
      }
    }
  }

  // --- change notification -----------------------------------------------------------------
  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }
  changed(): void {
    for (const fn of [...this.listeners]) {
      try {
        fn();
      } catch {
        /* a waiter's predicate threw; ignore */
      }
    }
  }

  /** A new id; `at` backdates it (a snowflake carries its creation time, which discord.js reads). */
  snowflake(at = Date.now()): string {
    this.seq = (this.seq + 1) & 0xfff;
    return (((BigInt(at) - DISCORD_EPOCH) << 22n) | (1n << 17n) | BigInt(this.seq)).toString();
  }
  newToken(id: string): string {
    return `aW50ZXJhY3Rpb246${id}:${randomBytes(48).toString('base64url')}`;
  }

  guild(id: string | null | undefined): DcGuild | undefined {
    return this.guilds.find((g) => g.id === id);
  }

  dmChannelFor(user: DcUser): Channel {
    for (const c of this.channels.values()) if (c.type === 1 && c.recipient?.id === user.id) return c;
    const id = this.snowflake();
    const c: Channel = { id, name: '', type: 1, recipient: user, position: 0 };
    this.channels.set(id, c);
    return c;
  }

  rememberUser(u: DcUser): void {
    this.users.set(u.id, { ...this.users.get(u.id), ...u });
  }

  // --- JSON shapes ---------------------------------------------------------------------------
  userJson(u: DcUser): any {
    const out: any = {
      id: u.id,
      username: u.username,
      global_name: u.global_name ?? null,
      discriminator: u.discriminator ?? '0',
      avatar: null,
      public_flags: 0,
      flags: 0,
      banner: null,
      accent_color: null,
      avatar_decoration_data: null,
    };
    if (u.bot) out.bot = true;
    return out;
  }

  channelJson(c: Channel): any {
    if (c.type === 1) {
      return { id: c.id, type: 1, flags: 0, last_message_id: this.lastMessageId(c.id), recipients: c.recipient ? [this.userJson(c.recipient)] : [] };
    }
    return {
      id: c.id,
      type: 0,
      guild_id: c.guild_id,
      name: c.name,
      position: c.position,
      permission_overwrites: [],
      nsfw: false,
      parent_id: null,
      topic: null,
      last_message_id: this.lastMessageId(c.id),
      rate_limit_per_user: 0,
      flags: 0,
    };
  }

  private lastMessageId(channelId: string): string | null {
    const list = this.messages.get(channelId);
    return list?.length ? list[list.length - 1]!.id : null;
  }

  permissionsOf(guildId: string, userId: string): string {
    const g = this.guild(guildId);
    if (g?.ownerId === userId || userId === this.botUser.id) return ALL_PERMISSIONS;
    return this.memberPermissions.get(`${guildId}:${userId}`) ?? '0';
  }

  memberJson(guildId: string, u: DcUser, withPermissions = true): any {
    const out: any = {
      user: this.userJson(u),
      nick: null,
      avatar: null,
      banner: null,
      roles: [],
      joined_at: this.startedAt,
      premium_since: null,
      deaf: false,
      mute: false,
      flags: 0,
      pending: false,
      communication_disabled_until: null,
    };
    if (withPermissions) out.permissions = this.permissionsOf(guildId, u.id);
    return out;
  }

  everyoneRole(guildId: string): any {
    return {
      id: guildId,
      name: '@everyone',
      permissions: '0',
      position: 0,
      color: 0,
      colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
      hoist: false,
      managed: false,
      mentionable: false,
      icon: null,
      unicode_emoji: null,
      flags: 0,
    };
  }

  guildJson(g: DcGuild): any {
    return {
      id: g.id,
      name: g.name,
      icon: null,
      splash: null,
      discovery_splash: null,
      owner_id: g.ownerId ?? DEFAULT_OWNER_ID,
      afk_channel_id: null,
      afk_timeout: 300,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      roles: [this.everyoneRole(g.id)],
      emojis: [],
      stickers: [],
      features: [],
      mfa_level: 0,
      application_id: null,
      system_channel_id: null,
      system_channel_flags: 0,
      rules_channel_id: null,
      public_updates_channel_id: null,
      safety_alerts_channel_id: null,
      vanity_url_code: null,
      description: null,
      banner: null,
      premium_tier: 0,
      premium_subscription_count: 0,
      premium_progress_bar_enabled: false,
      preferred_locale: 'en-US',
      nsfw_level: 0,
      max_members: 500000,
      max_video_channel_users: 25,
      approximate_member_count: 2,
      approximate_presence_count: 1,
    };
  }

  attachmentUrl(channelId: string, a: { id: string; filename: string }, ephemeral = false): string {
    const dir = ephemeral ? 'ephemeral-attachments' : 'attachments';
    return `${this.baseUrl}/${dir}/${channelId}/${a.id}/${encodeURIComponent(a.filename)}`;
  }

  attachmentJson(channelId: string, a: DcMessage['attachments'][number]): any {
    const out: any = {
      id: a.id,
      filename: a.filename,
      size: a.size,
      url: this.attachmentUrl(channelId, a),
      proxy_url: this.attachmentUrl(channelId, a),
    };
    if (a.content_type) out.content_type = a.content_type;
    if (a.width !== undefined) out.width = a.width;
    if (a.height !== undefined) out.height = a.height;
    return out;
  }

  /**
   * Registers a file a user attaches (to a slash command or a message) so its URL serves `bytes`
   * (or `size` zero bytes). Width and height come from a PNG's header, as Discord reports them.
   */
  registerAttachment(input: FakeAttachmentInput): DcMessage['attachments'][number] {
    const bytes = input.bytes ? Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength) : undefined;
    const size = input.size ?? bytes?.length ?? 0;
    const a: DcMessage['attachments'][number] = { id: input.id ?? this.snowflake(), filename: input.filename, size };
    if (input.content_type) a.content_type = input.content_type;
    const png = bytes ? readPngSize(bytes) : null;
    const width = input.width ?? png?.width;
    const height = input.height ?? png?.height;
    if (width !== undefined) a.width = width;
    if (height !== undefined) a.height = height;
    this.attachmentsById.set(a.id, { size, ...(a.content_type ? { content_type: a.content_type } : {}), ...(bytes ? { bytes } : {}) });
    return a;
  }

  messageJson(m: StoredMessage): any {
    const out: any = {
      id: m.id,
      type: m.type,
      channel_id: m.channel_id,
      author: this.userJson(m.author),
      content: m.content,
      timestamp: m.timestamp,
      edited_timestamp: m.edited_timestamp,
      tts: m.tts,
      mention_everyone: false,
      mentions: (m.mentions ?? []).map((u) => this.userJson(u)),
      mention_roles: [],
      attachments: m.attachments.map((a) => this.attachmentJson(m.channel_id, a)),
      embeds: m.embeds,
      components: m.components,
      pinned: false,
      flags: m.flags,
    };
    if (m.nonce !== undefined) out.nonce = m.nonce;
    if (m.webhook_id) out.webhook_id = m.webhook_id;
    if (m.application_id) out.application_id = m.application_id;
    if (m.interaction_metadata) out.interaction_metadata = m.interaction_metadata;
    if (m.message_reference) out.message_reference = m.message_reference;
    if (m.poll) out.poll = m.poll;
    return out;
  }

  // --- messages ------------------------------------------------------------------------------
  messagesIn(channelId: string): StoredMessage[] {
    return this.messages.get(channelId) ?? [];
  }

  private newAttachments(body: any, files: MultipartFile[]): DcMessage['attachments'] {
    const meta: any[] = Array.isArray(body?.attachments) ? body.attachments : [];
    return files.map((f, idx) => {
      const n = /\[(\d+)\]/.exec(f.name)?.[1] ?? String(idx);
      const m = meta.find((x) => String(x?.id) === n);
      const a: DcMessage['attachments'][number] = { id: this.snowflake(), filename: m?.filename ?? f.filename, size: f.bytes, sha256: f.sha256 };
      if (f.contentType) a.content_type = f.contentType;
      this.attachmentsById.set(a.id, { size: a.size, ...(a.content_type ? { content_type: a.content_type } : {}) });
      return a;
    });
  }

  /** Validates and creates a message. `extra` carries interaction/webhook fields. */
  createMessage(
    channelId: string,
    body: any,
    files: MultipartFile[],
    extra: Partial<StoredMessage> & { allowEphemeral?: boolean; allowEmpty?: boolean } = {},
  ): StoredMessage | ApiError {
    const { allowEphemeral, allowEmpty, ...fields } = extra;
    body = body && typeof body === 'object' ? body : {};
    const invalid = validateMessageBody(body) ?? validateFiles(files) ?? this.badReference(channelId, body.message_reference);
    if (invalid) return invalid;
    const attachments = this.newAttachments(body, files);
    const draft = {
      content: typeof body.content === 'string' ? body.content : '',
      embeds: Array.isArray(body.embeds) ? body.embeds.map((e: any) => ({ type: 'rich', ...e })) : [],
      components: Array.isArray(body.components) ? body.components : [],
      attachments,
      poll: body.poll,
      sticker_ids: body.sticker_ids,
    };
    if (!allowEmpty && isEmptyMessage(draft)) return ERR.emptyMessage();
    const mask = CREATE_FLAGS | (allowEphemeral ? EPHEMERAL : 0);
    const ch = this.channels.get(channelId);
    const now = new Date().toISOString();
    const m: StoredMessage = {
      id: this.snowflake(),
      type: body.message_reference ? 19 : 0,
      channel_id: channelId,
      author: this.botUser,
      content: draft.content,
      embeds: draft.embeds,
      components: draft.components,
      attachments,
      flags: Number(body.flags ?? 0) & mask,
      edits: 0,
      deleted: false,
      timestamp: now,
      edited_timestamp: null,
      tts: Boolean(body.tts),
      ...fields,
    };
    if (ch?.guild_id) m.guild_id = ch.guild_id;
    if (body.nonce != null) m.nonce = String(body.nonce);
    if (body.message_reference) {
      const ref = body.message_reference;
      // Discord drops a reference to a missing message when fail_if_not_exists is false.
      if (ref.message_id === undefined || this.findMessage(String(ref.channel_id ?? channelId), String(ref.message_id))) {
        m.message_reference = { channel_id: channelId, ...ref, type: 0 };
        if (ch?.guild_id && !m.message_reference.guild_id) m.message_reference.guild_id = ch.guild_id;
      } else {
        m.type = 0;
      }
    }
    if (body.poll) m.poll = body.poll;
    this.addMessage(m);
    return m;
  }

  /** A reply must name a message of this channel, unless fail_if_not_exists is false (Discord's rule). */
  private badReference(channelId: string, ref: any): ApiError | undefined {
    if (ref == null) return undefined;
    const e = new FormErrors();
    if (typeof ref !== 'object') {
      e.add(['message_reference'], 'DICT_TYPE_CONVERT', 'Only dictionaries may be used in a DictType');
      return e.result();
    }
    if (ref.channel_id !== undefined && String(ref.channel_id) !== channelId) {
      e.add(['message_reference'], 'MESSAGE_REFERENCE_INVALID_CHANNEL', 'Cannot reply to a message in a different channel');
    } else if (ref.message_id !== undefined && ref.fail_if_not_exists !== false && !this.findMessage(channelId, String(ref.message_id))) {
      e.add(['message_reference'], 'MESSAGE_REFERENCE_UNKNOWN_MESSAGE', 'Unknown message');
    }
    return e.result();
  }

  /** A message a user sends (never validated like a bot's: the test decides what it holds). */
  createUserMessage(channelId: string, user: DcUser, content: string, attachments: FakeAttachmentInput[], mentions: DcUser[]): StoredMessage {
    const ch = this.channels.get(channelId);
    const m: StoredMessage = {
      id: this.snowflake(),
      type: 0,
      channel_id: channelId,
      author: user,
      content,
      embeds: [],
      components: [],
      attachments: attachments.map((a) => this.registerAttachment(a)),
      flags: 0,
      edits: 0,
      deleted: false,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mentions,
    };
    if (ch?.guild_id) m.guild_id = ch.guild_id;
    this.addMessage(m);
    return m;
  }

  private addMessage(m: StoredMessage): void {
    let list = this.messages.get(m.channel_id);
    if (!list) this.messages.set(m.channel_id, (list = []));
    list.push(m);
    this.messageById.set(m.id, m);
    // Ephemeral messages exist for one user only; Discord sends no gateway event for them.
    if (!(m.flags & EPHEMERAL)) this.onMessageCreated?.(m);
    this.changed();
  }

  /** Validates and applies an edit in place. Returns an error or undefined. */
  editMessage(m: StoredMessage, body: any, files: MultipartFile[], countEdit = true): ApiError | undefined {
    body = body && typeof body === 'object' ? body : {};
    const invalid = validateMessageBody(body, body.flags !== undefined ? Number(body.flags) : m.flags);
    if (invalid) return invalid;
    let attachments = m.attachments;
    if (Array.isArray(body.attachments)) {
      const keep = new Set(body.attachments.map((a: any) => String(a?.id)));
      attachments = attachments.filter((a) => keep.has(a.id));
    }
    const tooMany = validateFiles(files, attachments.length);
    if (tooMany) return tooMany;
    attachments = [...attachments, ...this.newAttachments(body, files)];
    const next = {
      content: body.content !== undefined ? (body.content ?? '') : m.content,
      embeds: body.embeds !== undefined ? (body.embeds ?? []).map((e: any) => ({ type: 'rich', ...e })) : m.embeds,
      components: body.components !== undefined ? (body.components ?? []) : m.components,
      attachments,
      poll: m.poll,
    };
    if (isEmptyMessage(next)) return ERR.emptyMessage();
    const wasLoading = (m.flags & LOADING) !== 0;
    m.content = next.content;
    m.embeds = next.embeds;
    m.components = next.components;
    m.attachments = next.attachments;
    const keepEphemeral = m.flags & EPHEMERAL;
    m.flags = body.flags != null ? (Number(body.flags) & CREATE_FLAGS) | keepEphemeral : m.flags & ~LOADING;
    if (countEdit && !wasLoading) {
      m.edits++;
      m.edited_timestamp = new Date().toISOString();
    }
    this.changed();
    return undefined;
  }

  deleteMessage(m: StoredMessage): void {
    m.deleted = true;
    this.changed();
  }

  findMessage(channelId: string, id: string): StoredMessage | undefined {
    const m = this.messageById.get(id);
    return m && m.channel_id === channelId && !m.deleted ? m : undefined;
  }

  // --- failures ------------------------------------------------------------------------------
  takeFailure(method: string, path: string): FailRule['response'] | undefined {
    const i = this.failRules.findIndex(
      (r) => r.remaining > 0 && (!r.method || r.method.toUpperCase() === method) && path.includes(r.pathIncludes),
    );
    if (i < 0) return undefined;
    const rule = this.failRules[i]!;
    rule.remaining--;
    if (rule.remaining <= 0) this.failRules.splice(i, 1);
    return rule.response;
  }
}
