// The drafts table's row as both engines read it back, and its record: one mapping.
import type { Platform } from '../types.ts';
import type { DraftRecord } from '../records/chat-state.ts';

export interface DraftRow {
  id: string;
  platform: Platform;
  chat_id: string;
  user_id: string;
  kind: string;
  input_json: string;
  created_at: number;
}

export function toDraft(r: DraftRow): DraftRecord {
  return { id: r.id, platform: r.platform, chatId: r.chat_id, userId: r.user_id, kind: r.kind, input: JSON.parse(r.input_json) as unknown, createdAt: r.created_at };
}
