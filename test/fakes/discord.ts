// Fake Discord (REST + gateway) for driving the real discord.js Client in tests.
// One node:http server on 127.0.0.1: REST under /api/v10/..., the gateway websocket at /gateway.
// Pieces: discord-state.ts (store), discord-rest.ts, discord-gateway.ts, discord-limits.ts,
// discord-multipart.ts, discord-types.ts (public types, re-exported here).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Gateway } from './discord-gateway.ts';
import { handleHttp } from './discord-rest.ts';
import { ATTACHMENT_SIZE_LIMIT } from './discord-limits.ts';
import { ALL_PERMISSIONS, DEFAULT_USER, DiscordStore, type StoredInteraction, type StoredMessage } from './discord-state.ts';
import type { DcMessage, DcUser, FakeAttachmentInput, FakeDiscordOptions, FakeInteraction, MessageDispatch, RestCall } from './discord-types.ts';

export type { DcUser, DcGuild, DcMessage, FakeAttachmentInput, FakeInteraction, MessageDispatch, RestCall, FakeDiscordOptions } from './discord-types.ts';
export { INTENTS, shardOf } from './discord-gateway.ts';

/** The Administrator permission: every permission, and every command. */
const ADMINISTRATOR = 1n << 3n;

/** How long a test waits for what the bot does before failing: generous, as CI machines are shared and slow. */
const DEFAULT_WAIT_MS = 10_000;

interface ContextOpts {
  user?: DcUser;
  guildId?: string | null;
  channelId?: string;
  memberPermissions?: string;
  /** The user's client language, sent as the interaction's `locale` (default en-US). */
  locale?: string;
  /** The server's community language, sent as `guild_locale` in a server (default en-US). */
  guildLocale?: string;
}

export class FakeDiscord {
  readonly apiBase: string;
  readonly applicationId: string;
  readonly token: string;
  private readonly store: DiscordStore;
  private readonly gateway: Gateway;
  private readonly server: Server;
  private readonly timers = new Set<{ timer: NodeJS.Timeout; reject: (e: Error) => void }>();
  private closed = false;

  private constructor(store: DiscordStore, gateway: Gateway, server: Server, port: number) {
    this.store = store;
    this.gateway = gateway;
    this.server = server;
    this.apiBase = `http://127.0.0.1:${port}/api`;
    this.applicationId = store.applicationId;
    this.token = store.token;
  }

  static async start(opts: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const store = new DiscordStore(opts);
    const gateway = new Gateway(store);
    const server = createServer((req, res) => {
      handleHttp(store, req, res).catch((err: Error) => {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ message: `fake discord: ${err.message}`, code: 0 }));
      });
    });
    server.on('upgrade', (req, socket, head) => gateway.handleUpgrade(req, socket, head));
    server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const port = (server.address() as AddressInfo).port;
    store.baseUrl = `http://127.0.0.1:${port}`;
    return new FakeDiscord(store, gateway, server, port);
  }

  get restCalls(): RestCall[] {
    return this.store.restCalls;
  }
  get globalCommands(): any[] {
    return this.store.globalCommands;
  }
  get guildCommands(): Map<string, any[]> {
    return this.store.guildCommands;
  }
  get interactions(): Map<string, FakeInteraction> {
    return this.store.interactions;
  }
  get connections(): number {
    return this.gateway.connections;
  }
  /** `[shard id, shard count]` of every identified session with a live socket. */
  get liveShards(): Array<[number, number]> {
    return this.gateway.liveShards;
  }
  /** Every MESSAGE_CREATE sent over the gateway, per session, as that session received it. */
  get messageDispatches(): MessageDispatch[] {
    return this.store.messageDispatches;
  }
  /** The bot's user (for mentions). */
  get botUser(): DcUser {
    return this.store.botUser;
  }

  messagesIn(channelId: string): DcMessage[] {
    return this.store.messagesIn(channelId);
  }

  // --- users act -----------------------------------------------------------------------------

  private context(o: ContextOpts) {
    const s = this.store;
    const user = o.user ?? DEFAULT_USER;
    s.rememberUser(user);
    const guildId = o.guildId === undefined ? (s.guilds[0]?.id ?? null) : o.guildId;
    if (guildId === null) {
      const channel = o.channelId ? s.channels.get(o.channelId) : s.dmChannelFor(user);
      if (!channel) throw new Error(`fake discord: unknown channel ${o.channelId}`);
      return { user, guildId: null, channel, locale: o.locale, ctx: { user: s.userJson(user), context: 1, authorizing_integration_owners: { '1': user.id } } };
    }
    const guild = s.guild(guildId);
    if (!guild) throw new Error(`fake discord: unknown guild ${guildId}`);
    const channelId = o.channelId ?? guild.channels[0]?.id;
    const channel = channelId ? s.channels.get(channelId) : undefined;
    if (!channel || channel.guild_id !== guild.id) throw new Error(`fake discord: channel ${channelId} is not in guild ${guildId}`);
    if (o.memberPermissions !== undefined) s.memberPermissions.set(`${guild.id}:${user.id}`, o.memberPermissions);
    const member = s.memberJson(guild.id, user);
    return {
      user,
      guildId: guild.id as string | null,
      channel,
      locale: o.locale,
      ctx: { guild_id: guild.id, member, guild_locale: o.guildLocale ?? 'en-US', context: 0, authorizing_integration_owners: { '0': guild.id } },
    };
  }

  private async send(
    type: 2 | 3 | 5,
    c: ReturnType<FakeDiscord['context']>,
    data: any,
    extra: Partial<StoredInteraction> & { message?: any; ageMs?: number },
  ): Promise<FakeInteraction> {
    const s = this.store;
    // An id from `ageMs` ago: the bot reads the interaction as that old (its 3-second deadline and
    // token lifetime here still count from now).
    const id = s.snowflake(Date.now() - (extra.ageMs ?? 0));
    const token = s.newToken(id);
    const payload: any = {
      id,
      application_id: s.applicationId,
      type,
      data,
      ...c.ctx,
      channel: s.channelJson(c.channel),
      channel_id: c.channel.id,
      token,
      version: 1,
      app_permissions: ALL_PERMISSIONS,
      locale: c.locale ?? 'en-US',
      entitlements: [],
      attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
    };
    if (extra.message) payload.message = extra.message;
    const i: StoredInteraction = {
      id,
      token,
      type,
      createdAt: Date.now(),
      payload,
      callbacks: [],
      followups: [],
      ephemeral: false,
      channelId: c.channel.id,
      guildId: c.guildId,
      user: c.user,
    };
    if (extra.commandName) i.commandName = extra.commandName;
    if (extra.sourceMessage) i.sourceMessage = extra.sourceMessage;
    s.interactions.set(id, i);
    s.interactionsByToken.set(token, i);
    await this.gateway.dispatch('INTERACTION_CREATE', payload);
    i.createdAt = Date.now();
    s.changed();
    return i;
  }

  async slashCommand(o: {
    name: string;
    options?: any[];
    user?: DcUser;
    guildId?: string | null;
    channelId?: string;
    memberPermissions?: string;
    locale?: string;
    guildLocale?: string;
    /** Files for attachment options; `bytes` are what their URLs serve (else `size` zero bytes). */
    attachments?: FakeAttachmentInput[];
    /** How old the bot reads the interaction to be (its id is backdated), to test long jobs without waiting. */
    ageMs?: number;
  }): Promise<FakeInteraction> {
    const s = this.store;
    const c = this.context(o);
    const guildList = c.guildId ? (s.guildCommands.get(c.guildId) ?? []) : [];
    const guildCmd = guildList.find((x) => x.name === o.name && x.type === 1);
    const cmd = guildCmd ?? s.globalCommands.find((x) => x.name === o.name && x.type === 1);
    this.checkCommandAccess(c, cmd);
    const data: any = { id: cmd?.id ?? s.snowflake(), name: o.name, type: 1 };
    if (guildCmd) data.guild_id = c.guildId;
    const resolvedAttachments: Record<string, any> = {};
    for (const input of o.attachments ?? []) {
      const a = s.registerAttachment(input);
      const json: any = { ...s.attachmentJson(c.channel.id, a), ephemeral: true };
      json.url = input.url ?? s.attachmentUrl(c.channel.id, a, true);
      json.proxy_url = json.url;
      resolvedAttachments[a.id] = json;
    }
    if (o.options?.length) data.options = fillOptions(o.options, cmd?.options, Object.values(resolvedAttachments));
    if (Object.keys(resolvedAttachments).length) data.resolved = { attachments: resolvedAttachments };
    return this.send(2, c, data, { commandName: o.name, ageMs: o.ageMs });
  }

  /**
   * Extra: the server lets `user` run `/name` whatever their permissions, as an admin can under
   * Server Settings → Integrations (e.g. for a bot operator who does not manage the server).
   */
  allowCommand(o: { name: string; user: DcUser; guildId?: string }): void {
    const guildId = o.guildId ?? this.store.guilds[0]?.id;
    this.store.commandOverrides.add(`${guildId}:${o.name}:${o.user.id}`);
  }

  /**
   * As Discord: a registered command is offered only where its `contexts` allow (a DM needs
   * BOT_DM, 1) and, in a server, to members with all of its `default_member_permissions`
   * (Administrator has every one; "0" means admins only), unless the server allowed the member
   * (allowCommand). Discord's client would not send the interaction, so the test is told.
   */
  private checkCommandAccess(c: ReturnType<FakeDiscord['context']>, cmd: any): void {
    if (!cmd) return;
    if (c.guildId === null) {
      if (Array.isArray(cmd.contexts) && !cmd.contexts.includes(1)) {
        throw new Error(`fake discord: /${cmd.name} is not offered in DMs (contexts ${JSON.stringify(cmd.contexts)})`);
      }
      return;
    }
    const required = cmd.default_member_permissions;
    if (required === null || required === undefined) return;
    if (this.store.commandOverrides.has(`${c.guildId}:${cmd.name}:${c.user.id}`)) return;
    const have = BigInt(this.store.permissionsOf(c.guildId, c.user.id));
    const need = BigInt(required);
    if ((have & ADMINISTRATOR) !== 0n || (need !== 0n && (have & need) === need)) return;
    throw new Error(`fake discord: ${c.user.username} may not use /${cmd.name} here (needs permissions ${required}, has ${have}); Discord hides it from them`);
  }

  /**
   * A user posts a message in a channel (a guild channel by default, or a DM with guildId: null).
   * It reaches the bot as MESSAGE_CREATE only if the bot identified with GUILD_MESSAGES /
   * DIRECT_MESSAGES, and with content and attachments blanked unless it has MESSAGE_CONTENT, the
   * message is a DM, or it mentions the bot (`mentionsBot`, or `<@botId>` in the content).
   */
  async userSendsMessage(o: {
    channelId?: string;
    guildId?: string | null;
    user?: DcUser;
    content?: string;
    attachments?: FakeAttachmentInput[];
    mentionsBot?: boolean;
  }): Promise<DcMessage> {
    const s = this.store;
    const c = this.context({ user: o.user, guildId: o.guildId, channelId: o.channelId });
    const botMention = `<@${s.botUser.id}>`;
    let content = o.content ?? '';
    if (o.mentionsBot && !content.includes(botMention)) content = content ? `${botMention} ${content}` : botMention;
    const mentioned = new Set([...content.matchAll(/<@!?(\d+)>/g)].map((m) => m[1]!));
    const mentions = [...mentioned].map((id) => s.users.get(id)).filter((u): u is DcUser => Boolean(u));
    await this.gateway.waitForReadySocket(undefined, c.guildId);
    return s.createUserMessage(c.channel.id, c.user, content, o.attachments ?? [], mentions);
  }

  /** Replies the bot posted to a message (message_reference pointing at it). */
  repliesTo(message: DcMessage): DcMessage[] {
    return this.store.messagesIn(message.channel_id).filter((m) => !m.deleted && m.message_reference?.message_id === message.id);
  }

  waitForReply(message: DcMessage, predicate: (m: DcMessage) => boolean = () => true, timeoutMs = DEFAULT_WAIT_MS): Promise<DcMessage> {
    return this.waitForMessage(message.channel_id, (m) => m.message_reference?.message_id === message.id && predicate(m), timeoutMs);
  }

  async pressButton(o: { message: DcMessage; customId: string } & ContextOpts): Promise<FakeInteraction> {
    const s = this.store;
    const m = s.messageById.get(o.message.id) as StoredMessage | undefined;
    if (!m || m.deleted) throw new Error(`fake discord: message ${o.message.id} does not exist (or was deleted)`);
    const button = findComponent(m.components, o.customId);
    if (!button) {
      throw new Error(`fake discord: message ${m.id} has no component with custom_id ${JSON.stringify(o.customId)}; has ${JSON.stringify(customIds(m.components))}`);
    }
    if (button.disabled) throw new Error(`fake discord: button ${o.customId} on message ${m.id} is disabled`);
    const guildOfMessage = s.channels.get(m.channel_id)?.guild_id ?? null;
    const c = this.context({ ...o, channelId: o.channelId ?? m.channel_id, guildId: o.guildId === undefined ? guildOfMessage : o.guildId });
    const data = { custom_id: o.customId, component_type: button.type ?? 2 };
    return this.send(3, c, data, { sourceMessage: m, message: s.messageJson(m) });
  }

  /** Extra: the user picks values in a select menu of a message (a component interaction). */
  async chooseOption(o: { message: DcMessage; customId: string; values: string[] } & ContextOpts): Promise<FakeInteraction> {
    const s = this.store;
    const m = s.messageById.get(o.message.id) as StoredMessage | undefined;
    if (!m || m.deleted) throw new Error(`fake discord: message ${o.message.id} does not exist (or was deleted)`);
    const menu = findComponent(m.components, o.customId);
    if (!menu || menu.type !== 3) throw new Error(`fake discord: message ${m.id} has no select menu ${JSON.stringify(o.customId)}`);
    for (const v of o.values) if (!menu.options?.some((opt: any) => opt.value === v)) throw new Error(`fake discord: select ${o.customId} has no option ${v}`);
    const guildOfMessage = s.channels.get(m.channel_id)?.guild_id ?? null;
    const c = this.context({ ...o, channelId: o.channelId ?? m.channel_id, guildId: o.guildId === undefined ? guildOfMessage : o.guildId });
    return this.send(3, c, { custom_id: o.customId, component_type: 3, values: o.values }, { sourceMessage: m, message: s.messageJson(m) });
  }

  /** Extra: the modal an interaction was answered with (callback type 9), if any. */
  modalOf(i: FakeInteraction): any | undefined {
    return i.callbacks.find((cb) => cb.type === 9)?.data;
  }

  /**
   * Extra: the user submits the modal `shownBy` answered with, typing `values` (by text input
   * custom id; an input not given keeps its prefilled value). Discord sends it as a new interaction.
   */
  async submitModal(o: { shownBy: FakeInteraction; values: Record<string, string> } & ContextOpts): Promise<FakeInteraction> {
    const modal = this.modalOf(o.shownBy);
    if (!modal) throw new Error(`fake discord: interaction ${o.shownBy.id} showed no modal`);
    const shown = this.store.interactions.get(o.shownBy.id);
    const inputs: any[] = [];
    walk(modal.components, (c) => {
      if (c.type === 4) inputs.push(c);
    });
    for (const name of Object.keys(o.values)) if (!inputs.some((c) => c.custom_id === name)) throw new Error(`fake discord: the modal has no input ${name}`);
    const components = inputs.map((c) => ({ type: 1, components: [{ type: 4, custom_id: c.custom_id, value: o.values[c.custom_id] ?? c.value ?? '' }] }));
    const c = this.context({ ...o, channelId: o.channelId ?? shown?.channelId, guildId: o.guildId === undefined ? (shown?.guildId ?? null) : o.guildId, user: o.user ?? shown?.user });
    const source = shown?.sourceMessage;
    return this.send(5, c, { custom_id: modal.custom_id, components }, source ? { sourceMessage: source, message: this.store.messageJson(source) } : {});
  }

  // --- waiting -------------------------------------------------------------------------------

  private waitFor<T>(check: () => T | undefined, timeoutMs: number, describe: () => string): Promise<T> {
    const first = check();
    if (first !== undefined) return Promise.resolve(first);
    if (this.closed) return Promise.reject(new Error('fake discord: closed'));
    return new Promise<T>((resolve, reject) => {
      const entry = {
        timer: setTimeout(() => {
          finish();
          reject(new Error(describe()));
        }, timeoutMs),
        reject: (e: Error) => {
          finish();
          reject(e);
        },
      };
      const off = this.store.onChange(() => {
        const v = check();
        if (v !== undefined) {
          finish();
          resolve(v);
        }
      });
      const finish = () => {
        clearTimeout(entry.timer);
        off();
        this.timers.delete(entry);
      };
      this.timers.add(entry);
    });
  }

  waitForCallback(i: FakeInteraction, timeoutMs = DEFAULT_WAIT_MS): Promise<{ type: number; data?: any }> {
    return this.waitFor(
      () => i.callbacks[0],
      timeoutMs,
      () => `fake discord: no callback for interaction ${i.id} within ${timeoutMs} ms`,
    );
  }

  waitForMessage(channelId: string, predicate: (m: DcMessage) => boolean, timeoutMs = DEFAULT_WAIT_MS): Promise<DcMessage> {
    return this.waitFor(
      () => this.store.messagesIn(channelId).find((m) => predicate(m)),
      timeoutMs,
      () => {
        const recent = this.store.messagesIn(channelId).slice(-10).map((m) => ({
          id: m.id,
          content: m.content.slice(0, 200),
          embeds: m.embeds.map((e) => e?.title ?? e?.description?.slice(0, 80)),
          components: customIds(m.components),
          attachments: m.attachments.map((a) => `${a.filename} (${a.size} B)`),
          flags: m.flags,
          edits: m.edits,
          deleted: m.deleted,
        }));
        return `fake discord: no matching message in channel ${channelId} within ${timeoutMs} ms; recent messages: ${JSON.stringify(recent, null, 1)}`;
      },
    );
  }

  /** Matches already recorded calls too, oldest first. */
  waitForRest(predicate: (c: RestCall) => boolean, timeoutMs = DEFAULT_WAIT_MS): Promise<RestCall> {
    return this.waitFor(
      () => this.store.restCalls.find((c) => predicate(c)),
      timeoutMs,
      () => {
        const recent = this.store.restCalls.slice(-15).map((c) => `${c.method} ${c.path} -> ${c.status}`);
        return `fake discord: no matching REST call within ${timeoutMs} ms; recent calls:\n  ${recent.join('\n  ')}`;
      },
    );
  }

  // --- faults --------------------------------------------------------------------------------

  failNext(match: { method?: string; pathIncludes: string }, response: { status: number; body: any; retryAfterMs?: number }, times = 1): void {
    this.store.failRules.push({ ...match, response, remaining: times });
  }

  dropGateway(): void {
    this.gateway.drop(4000);
  }

  /** Extra: an outage of the gateway until gatewayUp(): open sockets are cut and new ones refused (503). */
  gatewayDown(): void {
    this.gateway.setDown(true);
  }

  gatewayUp(): void {
    this.gateway.setDown(false);
  }

  /** Extra: an outage of one shard until shardUp(): its sockets are cut and its IDENTIFY or RESUME is not answered. */
  shardDown(shard: number): void {
    this.gateway.shardDown(shard);
  }

  shardUp(shard: number): void {
    this.gateway.shardUp(shard);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const t of [...this.timers]) t.reject(new Error('fake discord: closed'));
    await this.gateway.close();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

// --- helpers -------------------------------------------------------------------------------------

function walk(components: any[] | undefined, fn: (c: any) => void): void {
  for (const c of components ?? []) {
    if (!c || typeof c !== 'object') continue;
    fn(c);
    walk(c.components, fn);
    if (c.accessory) walk([c.accessory], fn);
  }
}

function findComponent(components: any[], customId: string): any | undefined {
  let found: any;
  walk(components, (c) => {
    if (!found && c.custom_id === customId) found = c;
  });
  return found;
}

function customIds(components: any[]): string[] {
  const out: string[] = [];
  walk(components, (c) => {
    if (c.custom_id) out.push(c.custom_id);
  });
  return out;
}

/** Fills in missing option types from the registered command and maps attachment values to ids. */
function fillOptions(options: any[], defs: any[] | undefined, attachments: any[], used = new Set<string>()): any[] {
  return options.map((o) => {
    const def = defs?.find((d) => d.name === o.name);
    let type = o.type ?? def?.type;
    if (type === undefined) {
      if (Array.isArray(o.options)) type = 1;
      else if (typeof o.value === 'boolean') type = 5;
      else if (typeof o.value === 'number') type = Number.isInteger(o.value) ? 4 : 10;
      else type = 3;
    }
    const out: any = { ...o, type };
    if (type === 1 || type === 2) {
      out.options = fillOptions(o.options ?? [], def?.options, attachments, used);
      delete out.value;
    } else if (type === 11) {
      const byId = attachments.find((a) => a.id === String(o.value));
      const byName = attachments.find((a) => a.filename === o.value);
      const byIndex = typeof o.value === 'number' ? attachments[o.value] : undefined;
      const a = byId ?? byName ?? byIndex ?? (o.value === undefined ? attachments.find((x) => !used.has(x.id)) : undefined);
      if (a) {
        out.value = a.id;
        used.add(a.id);
      }
    }
    return out;
  });
}
