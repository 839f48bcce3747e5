import type { Executor } from '../executor.ts';
import {
  DRAFT_LIFETIME_MS,
  type AskRecord,
  type AsksRepository,
  type DraftRecord,
  type DraftsRepository,
  type SettingsRepository,
} from '../../records/chat-state.ts';
import { toDraft, type DraftRow } from '../../rows/drafts.ts';

/** One JSON settings row per key: a user's (user_settings) or a group's (group_settings). */
function jsonRows(ex: Executor, table: 'user_settings' | 'group_settings', key: 'user_id' | 'group_id') {
  return {
    async get(platform: string, id: string): Promise<unknown> {
      const { rows } = await ex.query<{ settings_json: string }>(`SELECT settings_json FROM ${table} WHERE platform = $1 AND ${key} = $2`, [platform, id]);
      return rows[0] ? (JSON.parse(rows[0].settings_json) as unknown) : undefined;
    },
    async put(platform: string, id: string, settings: unknown, now: number): Promise<void> {
      await ex.query(
        `INSERT INTO ${table} (platform, ${key}, settings_json, updated_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (platform, ${key}) DO UPDATE SET settings_json = excluded.settings_json, updated_at = excluded.updated_at`,
        [platform, id, JSON.stringify(settings), now],
      );
    },
  };
}

export function pgSettings(ex: Executor): SettingsRepository {
  const users = jsonRows(ex, 'user_settings', 'user_id');
  const groups = jsonRows(ex, 'group_settings', 'group_id');
  return { get: users.get, put: users.put, getGroup: groups.get, putGroup: groups.put };
}

export function pgAsks(ex: Executor): AsksRepository {
  return {
    async put(platform, chatId, messageId, userId, question, now) {
      // SQLite's INSERT OR REPLACE: the newer question for the same message wins.
      await ex.query(
        `INSERT INTO asks (platform, chat_id, message_id, user_id, question_json, created_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (platform, chat_id, message_id) DO UPDATE SET user_id = excluded.user_id, question_json = excluded.question_json, created_at = excluded.created_at`,
        [platform, chatId, messageId, userId, JSON.stringify(question), now],
      );
    },
    async get(platform, chatId, messageId): Promise<AskRecord | undefined> {
      const { rows } = await ex.query<{ user_id: string; question_json: string; created_at: number }>(
        'SELECT user_id, question_json, created_at FROM asks WHERE platform = $1 AND chat_id = $2 AND message_id = $3',
        [platform, chatId, messageId],
      );
      const row = rows[0];
      return row && { userId: row.user_id, question: JSON.parse(row.question_json) as unknown, createdAt: row.created_at };
    },
    async remove(platform, chatId, messageId) {
      await ex.query('DELETE FROM asks WHERE platform = $1 AND chat_id = $2 AND message_id = $3', [platform, chatId, messageId]);
    },
    async prune(before) {
      return (await ex.query('DELETE FROM asks WHERE created_at < $1', [before])).rowCount;
    },
  };
}

export function pgDrafts(ex: Executor): DraftsRepository {
  return {
    async put(d: DraftRecord) {
      await ex.atomic(async (ex) => {
        await ex.query('DELETE FROM drafts WHERE created_at < $1', [d.createdAt - DRAFT_LIFETIME_MS]);
        await ex.query(`INSERT INTO drafts (id, platform, chat_id, user_id, kind, input_json, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
          d.id,
          d.platform,
          d.chatId,
          d.userId,
          d.kind,
          JSON.stringify(d.input),
          d.createdAt,
        ]);
      });
    },
    async get(id) {
      const r = (await ex.query<DraftRow>('SELECT * FROM drafts WHERE id = $1', [id])).rows[0];
      return r && toDraft(r);
    },
    async remove(id) {
      return (await ex.query('DELETE FROM drafts WHERE id = $1', [id])).rowCount === 1;
    },
  };
}
