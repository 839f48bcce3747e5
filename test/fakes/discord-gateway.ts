// Gateway half of the fake Discord server (json encoding, no compression).
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { WebSocketServer, WebSocket } from 'ws';
import { PRIVILEGED_INTENTS, type DiscordStore, type StoredMessage } from './discord-state.ts';

/** Gateway intents the fake honours (https://discord.com/developers/docs/events/gateway#gateway-intents). */
export const INTENTS = {
  GUILD_MESSAGES: 1 << 9,
  DIRECT_MESSAGES: 1 << 12,
  MESSAGE_CONTENT: 1 << 15,
} as const;

/** The shard a server's events go to, as Discord computes it. */
export function shardOf(guildId: string, count: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(count));
}

interface Session {
  id: string;
  seq: number;
  /** `[id, count]` from IDENTIFY (`[0, 1]` when the client sent none). */
  shard: [number, number];
  /** The intents bitfield sent with IDENTIFY. */
  intents: number;
  socket?: WebSocket;
  /** Dispatches kept for RESUME replay. */
  events: Array<{ s: number; frame: string }>;
}

interface Conn {
  ws: WebSocket;
  session?: Session;
}

const KEEP_EVENTS = 500;

export class Gateway {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sessions = new Map<string, Session>();
  private readonly conns = new Set<Conn>();
  private closed = false;
  /** Extra: while set, the gateway is down: upgrades are answered 503. */
  private down = false;
  /** Extra: shards in an outage: their IDENTIFY or RESUME waits here, unanswered, until shardUp. */
  private readonly downShards = new Set<number>();
  private held: Array<{ conn: Conn; msg: any; shard: number }> = [];

  constructor(private readonly store: DiscordStore) {
    store.onMessageCreated = (m) => this.announceMessage(m);
  }

  /** Number of open gateway sockets. */
  get connections(): number {
    let n = 0;
    for (const c of this.conns) if (c.ws.readyState === WebSocket.OPEN) n++;
    return n;
  }

  /** True when some identified/resumed socket can receive dispatches. */
  get hasReadySocket(): boolean {
    for (const s of this.sessions.values()) if (s.socket?.readyState === WebSocket.OPEN) return true;
    return false;
  }

  /** `[id, count]` of every session with a live socket. */
  get liveShards(): Array<[number, number]> {
    return [...this.sessions.values()].filter((s) => s.socket?.readyState === WebSocket.OPEN).map((s) => s.shard);
  }

  /** Whether a session receives a server's events (null: a DM, which Discord sends to shard 0). */
  private covers(session: Session, guildId: string | null): boolean {
    const [id, count] = session.shard;
    return guildId === null ? id === 0 : shardOf(guildId, count) === id;
  }

  private hasReadySocketFor(guildId: string | null): boolean {
    for (const s of this.sessions.values()) if (s.socket?.readyState === WebSocket.OPEN && this.covers(s, guildId)) return true;
    return false;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    if (this.down) {
      socket.write('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      socket.destroy();
      return;
    }
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (path !== '/gateway' && path !== '/gateway/') {
      socket.write('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      socket.destroy();
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws));
  }

  private send(ws: WebSocket, payload: unknown): void {
    if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(payload));
  }

  private onConnection(ws: WebSocket): void {
    const conn: Conn = { ws };
    this.conns.add(conn);
    this.store.changed();
    this.send(ws, { op: 10, d: { heartbeat_interval: this.store.heartbeatIntervalMs, _trace: ['fake-gateway'] }, s: null, t: null });
    ws.on('message', (raw, isBinary) => {
      if (isBinary) {
        ws.close(4002, 'Decode error');
        return;
      }
      let msg: any;
      try {
        msg = JSON.parse(raw.toString());
      } catch {
        ws.close(4002, 'Decode error');
        return;
      }
      this.onPayload(conn, msg);
    });
    ws.on('close', (code) => {
      this.conns.delete(conn);
      const s = conn.session;
      if (s && s.socket === ws) {
        s.socket = undefined;
        // A clean close by the client ends the session; anything else leaves it resumable.
        if (code === 1000 || code === 1001) this.sessions.delete(s.id);
      }
      this.store.changed();
    });
    ws.on('error', () => {
      /* ignore socket errors; close follows */
    });
  }

  private onPayload(conn: Conn, msg: any): void {
    const { ws } = conn;
    switch (msg?.op) {
      case 1:
        this.send(ws, { op: 11, d: null, s: null, t: null });
        return;
      case 2: {
        if (conn.session) {
          ws.close(4005, 'Already authenticated');
          return;
        }
        if (msg.d?.token !== this.store.token) {
          ws.close(4004, 'Authentication failed');
          return;
        }
        const intents = Number(msg.d?.intents);
        if (!Number.isInteger(intents) || intents < 0) {
          ws.close(4013, 'Invalid intent(s)');
          return;
        }
        if (intents & PRIVILEGED_INTENTS & ~this.store.privilegedIntents) {
          ws.close(4014, 'Disallowed intent(s)');
          return;
        }
        const shard = msg.d?.shard ?? [0, 1];
        const valid = Array.isArray(shard) && shard.length === 2 && shard.every(Number.isInteger) && shard[1] >= 1 && shard[0] >= 0 && shard[0] < shard[1];
        if (!valid) {
          ws.close(4010, 'Invalid shard');
          return;
        }
        if (this.hold(conn, msg, shard[0])) return;
        const session: Session = { id: randomBytes(16).toString('hex'), seq: 0, shard: [shard[0], shard[1]], intents, socket: ws, events: [] };
        this.sessions.set(session.id, session);
        conn.session = session;
        // As Discord: READY lists, and GUILD_CREATE follows for, the servers on this shard only.
        this.dispatchTo(session, 'READY', this.readyPayload(session));
        for (const g of this.guildsOn(session)) this.dispatchTo(session, 'GUILD_CREATE', this.guildCreate(g.id));
        this.store.changed();
        return;
      }
      case 6: {
        if (conn.session) {
          ws.close(4005, 'Already authenticated');
          return;
        }
        const session = this.sessions.get(msg.d?.session_id);
        if (!session || msg.d?.token !== this.store.token) {
          this.send(ws, { op: 9, d: false, s: null, t: null });
          return;
        }
        if (this.hold(conn, msg, session.shard[0])) return;
        if (session.socket && session.socket !== ws) session.socket.close(4009, 'Session superseded');
        session.socket = ws;
        conn.session = session;
        const from = Number(msg.d?.seq ?? 0);
        for (const e of session.events) if (e.s > from) ws.send(e.frame);
        this.dispatchTo(session, 'RESUMED', { _trace: ['fake-gateway'] });
        this.store.changed();
        return;
      }
      case 3: // presence update
      case 4: // voice state update
      case 8: // request guild members
        if (!conn.session) ws.close(4003, 'Not authenticated');
        return;
      default:
        ws.close(4001, 'Unknown opcode');
    }
  }

  private readyPayload(session: Session): any {
    const s = this.store;
    return {
      v: 10,
      user: { ...s.userJson(s.botUser), verified: true, mfa_enabled: false, email: null },
      guilds: this.guildsOn(session).map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: `${s.baseUrl.replace(/^http/, 'ws')}/gateway`,
      shard: session.shard,
      application: { id: s.applicationId, flags: 0 },
      private_channels: [],
      presences: [],
      relationships: [],
      guild_join_requests: [],
      user_settings: {},
      geo_ordered_rtc_regions: [],
      _trace: ['fake-gateway'],
    };
  }

  private guildsOn(session: Session) {
    return this.store.guilds.filter((g) => this.covers(session, g.id));
  }

  /** A shard in an outage: its IDENTIFY or RESUME is kept unanswered until shardUp (true when held). */
  private hold(conn: Conn, msg: any, shard: number): boolean {
    if (!this.downShards.has(shard)) return false;
    this.held.push({ conn, msg, shard });
    return true;
  }

  private guildCreate(guildId: string): any {
    const s = this.store;
    const g = s.guild(guildId)!;
    return {
      ...s.guildJson(g),
      joined_at: s.startedAt,
      large: false,
      unavailable: false,
      member_count: 2,
      voice_states: [],
      members: [s.memberJson(g.id, s.botUser, false)],
      channels: g.channels.map((c) => {
        const { guild_id: _omit, ...rest } = s.channelJson(s.channels.get(c.id)!);
        void _omit;
        return rest;
      }),
      threads: [],
      presences: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
      embedded_activities: [],
      lazy: true,
    };
  }

  private dispatchTo(session: Session, t: string, d: unknown): void {
    session.seq++;
    const frame = JSON.stringify({ op: 0, t, s: session.seq, d });
    if (t !== 'READY' && t !== 'RESUMED') {
      session.events.push({ s: session.seq, frame });
      if (session.events.length > KEEP_EVENTS) session.events.shift();
    }
    if (session.socket?.readyState === WebSocket.OPEN) session.socket.send(frame);
  }

  /**
   * Sends a dispatch to every session of the shard its server is on (`d.guild_id`; shard 0 for a
   * DM), once one of them has a live socket. Sessions whose socket is gone keep the event for
   * RESUME replay.
   */
  async dispatch(t: string, d: { guild_id?: string | null } | undefined, timeoutMs = 10_000): Promise<void> {
    const guildId = d?.guild_id ?? null;
    await this.waitForReadySocket(timeoutMs, guildId);
    for (const session of this.sessions.values()) if (this.covers(session, guildId)) this.dispatchTo(session, t, d);
  }

  /** Resolves once a session of the shard `guildId` is on (shard 0 for a DM) has a live socket. */
  async waitForReadySocket(timeoutMs = 10_000, guildId: string | null = null): Promise<void> {
    if (this.closed) throw new Error('fake discord: closed');
    if (!this.hasReadySocketFor(guildId)) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          off();
          const where = guildId === null ? 'for DMs (shard 0)' : `for server ${guildId}'s shard`;
          reject(new Error(`fake discord: no identified gateway connection ${where} within ${timeoutMs} ms (is the client logged in, running that shard?)`));
        }, timeoutMs);
        const off = this.store.onChange(() => {
          if (this.closed) {
            clearTimeout(timer);
            off();
            reject(new Error('fake discord: closed'));
          } else if (this.hasReadySocketFor(guildId)) {
            clearTimeout(timer);
            off();
            resolve();
          }
        });
      });
    }
  }

  /**
   * MESSAGE_CREATE as Discord sends it: only to sessions with GUILD_MESSAGES (guild channels) or
   * DIRECT_MESSAGES (DMs), and without content, embeds, attachments and components unless the
   * session has MESSAGE_CONTENT, the message is a DM, it mentions the bot, or the bot wrote it.
   */
  private announceMessage(m: StoredMessage): void {
    if (this.closed) return;
    const s = this.store;
    const channel = s.channels.get(m.channel_id);
    const isDm = channel?.type === 1;
    const needed = isDm ? INTENTS.DIRECT_MESSAGES : INTENTS.GUILD_MESSAGES;
    const full: any = { ...s.messageJson(m), channel_type: channel?.type ?? 0 };
    if (channel?.guild_id) {
      full.guild_id = channel.guild_id;
      const { user: _user, ...member } = s.memberJson(channel.guild_id, m.author, false);
      void _user;
      full.member = member;
    }
    const exempt = isDm || m.author.id === s.botUser.id || (m.mentions ?? []).some((u) => u.id === s.botUser.id);
    for (const session of this.sessions.values()) {
      if ((session.intents & needed) === 0 || !this.covers(session, channel?.guild_id ?? null)) continue;
      const payload = exempt || session.intents & INTENTS.MESSAGE_CONTENT ? full : { ...full, content: '', embeds: [], attachments: [], components: [] };
      if (!exempt && !(session.intents & INTENTS.MESSAGE_CONTENT)) delete payload.poll;
      s.messageDispatches.push({ sessionId: session.id, intents: session.intents, messageId: m.id, payload });
      this.dispatchTo(session, 'MESSAGE_CREATE', payload);
    }
  }

  /**
   * Extra: the gateway goes down (sockets are cut without a close frame, as in an outage, and new
   * connections are refused) or comes back; sessions stay resumable.
   */
  setDown(down: boolean): void {
    this.down = down;
    if (down) for (const c of this.conns) c.ws.terminate();
  }

  /**
   * Extra: one shard's outage: its sockets are cut (sessions stay resumable) and its IDENTIFY or
   * RESUME goes unanswered until shardUp; other shards carry on.
   */
  shardDown(shard: number): void {
    this.downShards.add(shard);
    for (const s of this.sessions.values()) if (s.shard[0] === shard) s.socket?.terminate();
  }

  shardUp(shard: number): void {
    this.downShards.delete(shard);
    const waiting = this.held.filter((h) => h.shard === shard);
    this.held = this.held.filter((h) => h.shard !== shard);
    for (const h of waiting) if (h.conn.ws.readyState === WebSocket.OPEN) this.onPayload(h.conn, h.msg);
  }

  /** Closes every socket with the given code; sessions stay resumable. */
  drop(code = 4000): void {
    for (const c of this.conns) c.ws.close(code, 'Fake gateway drop');
  }

  async close(): Promise<void> {
    this.closed = true;
    this.store.changed();
    for (const c of this.conns) c.ws.terminate();
    this.conns.clear();
    this.sessions.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
