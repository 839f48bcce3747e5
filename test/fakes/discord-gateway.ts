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

interface Session {
  id: string;
  seq: number;
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
        const session: Session = { id: randomBytes(16).toString('hex'), seq: 0, intents, socket: ws, events: [] };
        this.sessions.set(session.id, session);
        conn.session = session;
        this.dispatchTo(session, 'READY', this.readyPayload(session));
        for (const g of this.store.guilds) this.dispatchTo(session, 'GUILD_CREATE', this.guildCreate(g.id));
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
      guilds: s.guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      session_type: 'normal',
      resume_gateway_url: `${s.baseUrl.replace(/^http/, 'ws')}/gateway`,
      shard: [0, 1],
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
   * Sends a dispatch to every session once at least one session has a live socket.
   * Sessions whose socket is gone keep the event for RESUME replay.
   */
  async dispatch(t: string, d: unknown, timeoutMs = 10_000): Promise<void> {
    await this.waitForReadySocket(timeoutMs);
    for (const session of this.sessions.values()) this.dispatchTo(session, t, d);
  }

  /** Resolves once some session has a live socket (the client has logged in). */
  async waitForReadySocket(timeoutMs = 10_000): Promise<void> {
    if (this.closed) throw new Error('fake discord: closed');
    if (!this.hasReadySocket) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          off();
          reject(new Error(`fake discord: no identified gateway connection within ${timeoutMs} ms (is the client logged in?)`));
        }, timeoutMs);
        const off = this.store.onChange(() => {
          if (this.closed) {
            clearTimeout(timer);
            off();
            reject(new Error('fake discord: closed'));
          } else if (this.hasReadySocket) {
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
      if ((session.intents & needed) === 0) continue;
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
