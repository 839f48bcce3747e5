import type { Db } from './db.ts';
import type { Platform, Sync } from './types.ts';
import type { AskRecord, AsksRepository } from './records/chat-state.ts';

/**
 * Questions the bot asked in a chat whose answer comes as a reply to the question's message (a
 * Telegram ForceReply): which message, whom it was asked, and the question (JSON, validated by
 * the adapter that reads it). Kept in the store so an answer after a restart still finds it.
 */
export class AsksRepo implements Sync<AsksRepository> {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      put: db.prepare(
        `INSERT OR REPLACE INTO asks (platform, chat_id, message_id, user_id, question_json, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      get: db.prepare('SELECT user_id, question_json, created_at FROM asks WHERE platform = ? AND chat_id = ? AND message_id = ?'),
      remove: db.prepare('DELETE FROM asks WHERE platform = ? AND chat_id = ? AND message_id = ?'),
      prune: db.prepare('DELETE FROM asks WHERE created_at < ?'),
    };
  }

  put(platform: Platform, chatId: string, messageId: string, userId: string, question: unknown, now: number): void {
    this.s.put.run(platform, chatId, messageId, userId, JSON.stringify(question), now);
  }

  get(platform: Platform, chatId: string, messageId: string): AskRecord | undefined {
    const row = this.s.get.get(platform, chatId, messageId) as { user_id: string; question_json: string; created_at: number } | undefined;
    return row && { userId: row.user_id, question: JSON.parse(row.question_json) as unknown, createdAt: row.created_at };
  }

  remove(platform: Platform, chatId: string, messageId: string): void {
    this.s.remove.run(platform, chatId, messageId);
  }

  /** Forgets questions older than `before` (an answer that late is no longer expected). */
  prune(before: number): number {
    return this.s.prune.run(before).changes;
  }
}
