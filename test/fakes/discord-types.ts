// Public types of the fake Discord server (re-exported by discord.ts).

export interface DcUser {
  id: string;
  username: string;
  global_name?: string;
  bot?: boolean;
  discriminator?: string;
}

export interface DcGuild {
  id: string;
  name: string;
  ownerId?: string;
  channels: Array<{ id: string; name: string }>;
}

/** A message as the fake stores it, edits applied in place. */
export interface DcMessage {
  id: string;
  channel_id: string;
  author: DcUser;
  content: string;
  embeds: any[];
  components: any[];
  /** `sha256` (extra, never sent to the bot): the hash of a file the bot uploaded. */
  attachments: Array<{ id: string; filename: string; size: number; content_type?: string; width?: number; height?: number; sha256?: string }>;
  flags: number;
  interaction_id?: string;
  webhook_id?: string;
  edits: number;
  deleted: boolean;
  nonce?: string;
  /** Users the message mentions (user messages sent with userSendsMessage). */
  mentions?: DcUser[];
  /** For a reply: the message it answers. */
  message_reference?: { message_id?: string; channel_id?: string; guild_id?: string; fail_if_not_exists?: boolean };
}

/** A file a user attaches in a test; `bytes` are served at the attachment's URL (else zeros of `size`). */
export interface FakeAttachmentInput {
  id?: string;
  filename: string;
  content_type?: string;
  /** Defaults to bytes.length. */
  size?: number;
  bytes?: Uint8Array;
  url?: string;
  /** Default: read from `bytes` when they are a PNG (as Discord does for images). */
  width?: number;
  height?: number;
}

/** One MESSAGE_CREATE as one gateway session received it (content blanked or not). */
export interface MessageDispatch {
  sessionId: string;
  intents: number;
  messageId: string;
  payload: any;
}

export interface FakeInteraction {
  id: string;
  token: string;
  /** 2 a slash command, 3 a component (button, select), 5 a modal submit. */
  type: 2 | 3 | 5;
  createdAt: number;
  /** What was sent over the gateway. */
  payload: any;
  /** POST /interactions/:id/:token/callback bodies that were accepted. */
  callbacks: Array<{ type: number; data?: any; at: number }>;
  /** The @original response message once created (type 4 or 5 or a later PATCH). */
  original?: DcMessage;
  followups: DcMessage[];
  /** True when the first callback had flags & 64. */
  ephemeral: boolean;
}

export interface RestCall {
  method: string;
  /** Decoded path without the /api/v10 prefix and without the query string. */
  path: string;
  body: any;
  files: Array<{ name: string; filename: string; bytes: number; contentType?: string }>;
  status: number;
  at: number;
  auth?: string;
}

export interface FakeDiscordOptions {
  token?: string;
  applicationId?: string;
  botUser?: DcUser;
  guilds?: DcGuild[];
  heartbeatIntervalMs?: number;
  interactionDeadlineMs?: number;
  tokenLifetimeMs?: number;
  /**
   * Privileged intents switched on for the application in the Developer Portal (a bitfield of
   * GUILD_MEMBERS 1<<1, GUILD_PRESENCES 1<<8, MESSAGE_CONTENT 1<<15). Identifying with any other
   * privileged intent closes the gateway with 4014 (Disallowed intent(s)). Default: all of them.
   */
  privilegedIntents?: number;
  /** GET /gateway/bot's `shards`: the count Discord recommends (what DISCORD_SHARD_COUNT=auto runs). Default 1. */
  recommendedShards?: number;
  /** GET /gateway/bot's `session_start_limit.max_concurrency`: identifies allowed at once (discord.js waits 5 s between others). Default 1. */
  maxConcurrency?: number;
}

export interface FailRule {
  method?: string;
  pathIncludes: string;
  response: { status: number; body: any; retryAfterMs?: number };
  remaining: number;
}
