// The actions table's rows as both engines read them back, and their records: one mapping, so
// SQLite and PostgreSQL cannot drift apart.
import type { Platform } from '../types.ts';
import type { ActionRecord } from '../records/actions.ts';

export interface ActionRow {
  id: string;
  task_id: string;
  kind: string;
  arg: string | null;
  platform: Platform;
  chat_id: string;
  created_at: number;
  last_used_at: number | null;
  last_task_id: string | null;
}

export const toAction = (r: ActionRow): ActionRecord => ({
  id: r.id,
  taskId: r.task_id,
  kind: r.kind,
  arg: r.arg,
  platform: r.platform,
  chatId: r.chat_id,
  createdAt: r.created_at,
  lastUsedAt: r.last_used_at,
  lastTaskId: r.last_task_id,
});
