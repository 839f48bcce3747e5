import type { Platform } from '../types.ts';

/*
 * Small per-user and per-chat state kept so it survives a restart: /settings, questions awaiting
 * a reply, requests awaiting a choice. Their JSON is validated by whoever reads it back.
 */

/** Each user's /settings, and each group's (what its admins set there). */
export interface SettingsRepository {
  /** The user's settings as last put, or undefined. */
  get(platform: Platform, userId: string): Promise<unknown>;
  /** Stores (or replaces) the user's settings. */
  put(platform: Platform, userId: string, settings: unknown, now: number): Promise<void>;
  /** A group's settings (its language), set by its admins: a Discord server or a Telegram group, or undefined. */
  getGroup(platform: Platform, groupId: string): Promise<unknown>;
  /** Stores (or replaces) a group's settings. */
  putGroup(platform: Platform, groupId: string, settings: unknown, now: number): Promise<void>;
}

export interface AskRecord {
  userId: string;
  question: unknown;
  createdAt: number;
}

/**
 * Questions the bot asked in a chat whose answer comes as a reply to the question's message (a
 * Telegram ForceReply): which message, whom it was asked, and the question.
 */
export interface AsksRepository {
  /** Stores the question asked by message `messageId`, replacing one stored for the same message. */
  put(platform: Platform, chatId: string, messageId: string, userId: string, question: unknown, now: number): Promise<void>;
  get(platform: Platform, chatId: string, messageId: string): Promise<AskRecord | undefined>;
  remove(platform: Platform, chatId: string, messageId: string): Promise<void>;
  /** Forgets questions asked before `before` (an answer that late is no longer expected); returns how many. */
  prune(before: number): Promise<number>;
}

/**
 * A request waiting for a choice before it can run (a /generate without a model): who asked,
 * where, and what they asked. A choice's button carries only the id (DESIGN rule 4).
 */
export interface DraftRecord {
  id: string;
  platform: Platform;
  chatId: string;
  userId: string;
  /** Which command it belongs to (`generate`). */
  kind: string;
  input: unknown;
  createdAt: number;
}

/** A choice nobody made in a day is not coming: its draft goes when the next one is written. */
export const DRAFT_LIFETIME_MS = 24 * 3_600_000;

export interface DraftsRepository {
  /** Stores a draft, forgetting those created more than DRAFT_LIFETIME_MS before it. */
  put(d: DraftRecord): Promise<void>;
  get(id: string): Promise<DraftRecord | undefined>;
  /** Removes a draft; false when it was already gone (picked by a press that came first). */
  remove(id: string): Promise<boolean>;
}
