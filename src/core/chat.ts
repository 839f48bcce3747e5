/**
 * The port between the platform adapters and the core. Adapters implement ChatPort (for messages
 * the core sends on its own, e.g. after a restart) and Responder (for the reply to one command or
 * button press); handlers see only these types, never a platform object.
 */
import type { MessageRef, Platform } from '../store/types.ts';
import type { PlatformWebhook } from './platform-webhook.ts';
import type { Locale } from '../i18n/index.ts';

export type { MessageRef, Platform };

/** Where a command was given: decides the wallet and who may press a result's buttons. */
export interface Scope {
  platform: Platform;
  /** Discord guild id; undefined in DMs and on Telegram. */
  guildId?: string;
  /** Discord channel id or Telegram chat id. */
  chatId: string;
  userId: string;
  /** Display name, for captions ("by @name"). */
  userName: string;
  /** A DM or a Telegram private chat. */
  isPrivate: boolean;
  /**
   * The language the user's app is in, as the platform says it (Telegram's from.language_code,
   * e.g. `es`, `pt-br`; Discord's interaction.locale, e.g. `es-419`); absent when not sent.
   * SettingsService.localeOf turns it, with the stored choices, into the language to answer in.
   */
  platformLocale?: string;
  /** Discord's guild_locale (the server's community language); absent elsewhere. */
  guildLocale?: string;
  /**
   * The language to answer in, once dispatch has resolved it (SettingsService.localeOf): the tasks
   * a command starts keep it, so their progress and results are in it too. Absent: English.
   */
  locale?: Locale;
}

export interface Button {
  /** The payload the platform echoes back: always `act:<action id>`, never data. */
  id: string;
  label: string;
}

export interface ResultImage {
  url: string;
  filename: string;
}

/** The most images one result shows: a /generate of ten, as one Telegram album or one Discord message. */
export const MAX_RESULT_IMAGES = 10;

export interface ResultMessage {
  text: string;
  /** Zero (a text-only result, e.g. "your model is ready") to MAX_RESULT_IMAGES images. */
  images: ResultImage[];
  buttons: Button[][];
}

/** Who a task's messages are for, stored with the task. */
export interface Destination {
  platform: Platform;
  chatId: string;
  userId: string;
  userName: string;
}

/**
 * What a delivery has already sent, kept in the store: an adapter records each message the moment
 * the platform accepted it, before any other call, and a retried delivery (after a crash) reads it
 * back and skips what was sent.
 */
export interface DeliveryJournal {
  get(step: string): unknown;
  record(step: string, value: unknown): Promise<void>;
}

export interface ChatPort {
  readonly platform: Platform;
  /** Shows progress on an earlier message; best effort, and the adapter may coalesce fast updates. */
  updateProgress(ref: MessageRef, text: string): Promise<void>;
  /**
   * Posts a finished result, replacing the progress message where the platform allows.
   * `key` is stable per task so a retried delivery can be de-duplicated where the platform supports it.
   */
  deliverResult(dest: Destination, progress: MessageRef | undefined, message: ResultMessage, key: string, journal?: DeliveryJournal): Promise<MessageRef>;
  /** Tells the user a task ended without a result. */
  deliverFailure(dest: Destination, progress: MessageRef | undefined, text: string, journal?: DeliveryJournal): Promise<void>;
  /**
   * Deletes a progress message no result will replace (another instance delivered the result
   * before this one could record the message); best effort.
   */
  removeProgress(ref: MessageRef): Promise<void>;
  /**
   * Shows the jobs waiting in a chat on one board message there, for chats whose Responder put
   * jobs `inLine`: `waiting` are their refs (empty once nothing waits there), `mayPost` whether a
   * board may be posted where none is near (else only this process's board is edited). Best
   * effort, at the chat's pace; `key` tells apart the boards of one chat (one per image service).
   */
  showLine?(chatId: string, key: string, text: string, waiting: readonly MessageRef[], mayPost: boolean): Promise<void>;
  /** Posts the progress message of a job that waited on its chat's board (an `unposted` ref) and returns where it is. */
  postProgress?(ref: MessageRef, text: string): Promise<MessageRef>;
}

/** One thing a question asks for (a prompt, a zoom factor, a suffix). */
export interface QuestionField {
  name: string;
  label: string;
  /** The current value, offered for editing (and kept when the user answers "."). */
  value?: string;
  required: boolean;
  maxLength: number;
  /** A long text (a prompt) rather than a short value. */
  long?: boolean;
}

/**
 * A question put to the user before a command can run. The answer comes back as a new command:
 * the adapter hands `target` (a button payload such as `act:<id>`) and the answers to the
 * command that target names.
 */
export interface Question {
  target: string;
  title: string;
  fields: QuestionField[];
}

/** A choice among values (Discord shows a select menu, Telegram a row of buttons). */
export interface PanelChoice {
  /** The payload prefix; a chosen value is sent as `${id}=${value}`. */
  id: string;
  placeholder: string;
  options: Array<{ value: string; label: string; selected: boolean }>;
}

/** A message of controls (/settings): choices and buttons whose use redraws it. */
export interface Panel {
  text: string;
  rows: Array<{ choice: PanelChoice } | { buttons: Button[] }>;
}

/** The reply channel of one command or button press. */
export interface Responder {
  /** Shows (or replaces) the visible reply with a progress text and returns where it is. */
  progress(text: string): Promise<MessageRef | undefined>;
  /** A plain reply; `private` asks for an ephemeral message where the platform has them. */
  text(text: string, opts?: { private?: boolean }): Promise<void>;
  /**
   * Reports an error: privately when the user caused it and the platform allows it. `code` (a
   * UserError's) lets a platform without private replies combine refusals of one kind in a group.
   */
  error(text: string, opts: { userFault: boolean; code?: string }): Promise<void>;
  /**
   * A running status that later commands update (a photo set's count, keyed by the set): the first
   * shows it, later ones edit that message at the chat's pace; a new message only when the last is
   * far up the chat or gone. Absent where a reply cannot do that: the caller sends text instead.
   */
  status?(key: string, text: string): Promise<void>;
  /**
   * Where the chat cannot take a message per waiting job (a Telegram group posts about 20 messages
   * a minute): the job takes none of its own and is listed on the chat's board (ChatPort.showLine);
   * returns its `unposted` ref, where its progress goes once it starts. `text` is its place in line
   * (a press may show it briefly). Undefined: the chat shows it as its own progress message.
   */
  inLine?(text: string): Promise<MessageRef | undefined>;
  /** Asks first (a Discord modal, a Telegram reply prompt); absent where a reply cannot ask. */
  ask?(question: Question): Promise<void>;
  /** Shows a panel privately, or redraws the panel whose control was just used. */
  panel?(panel: Panel): Promise<void>;
  /**
   * Sends one image as a file, as it is (a result image at full resolution): Telegram a document,
   * which it does not recompress; Discord an attachment. Absent where a reply cannot carry a file.
   */
  file?(image: ResultImage, caption: string): Promise<void>;
  /**
   * A reply channel for one more task started by the same command or press (🎉 Imagine all starts
   * four): its progress is a message of its own rather than a replacement of this one's. Where a
   * platform has none, the extra tasks show nothing until their results.
   */
  another?(): Responder;
}

/** A file the user attached (an image prompt, a photo for a set). */
export interface IncomingAttachment {
  name: string;
  contentType?: string;
  size?: number;
  width?: number;
  height?: number;
  /** A URL that is safe to hand to the image service (never one that embeds a bot token). */
  publicUrl?: string;
  /** Downloads the bytes through the platform; bounded by `maxBytes`. */
  download(maxBytes: number): Promise<Uint8Array>;
}

/** How long a platform may take to connect at start, and the stop that ends the attempt sooner. */
export interface StartOptions {
  /** Aborted when the process is asked to stop (or another platform failed): give up at once. */
  signal?: AbortSignal;
  /** The bound on connecting; past it start() fails with one line naming what could not be reached. */
  timeoutMs?: number;
}

/** One chat platform as the composition root sees it. */
export interface PlatformAdapter {
  readonly platform: Platform;
  readonly port: ChatPort;
  /**
   * Connects and registers commands; resolves when the bot is ready to answer. Fails within the
   * bound with a one-line message (a network failure never blames the token).
   */
  start(opts?: StartOptions): Promise<void>;
  /** The first step of a stop: no new update (command, press, message) is taken; handlers already running go on. */
  stopReceiving(): Promise<void>;
  /** Waits for the handlers already running, for at most `graceMs`. */
  drain(graceMs: number): Promise<void>;
  /** Stops receiving, drains for at most `graceMs`, then disconnects: calls still waiting give up. */
  stop(graceMs?: number): Promise<void>;
  /**
   * Whether the bot can take commands on this platform now (GET /readyz): connected, and not
   * reconnecting or failing to fetch updates. `detail` says what is wrong, never a secret.
   */
  status(): { ready: boolean; detail?: string };
  /** Set when the platform pushes its updates to the bot's HTTP server (Telegram in webhook mode). */
  readonly webhook?: PlatformWebhook;
}
