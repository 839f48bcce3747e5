import type { Db } from './db.ts';
import type { Platform } from './types.ts';

/**
 * Requests waiting for a choice before they can run (a /generate without a model): who asked, where,
 * and what they asked (JSON, validated by the command that reads it). A choice's button carries only
 * the id, as every button does (DESIGN rule 4); kept in the store so a pick after a restart works.
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

interface Row {
  id: string;
  platform: Platform;
  chat_id: string;
  user_id: string;
  kind: string;
  input_json: string;
  created_at: number;
}

/** A choice nobody made in a day is not coming: its draft goes when the next one is written. */
export const DRAFT_LIFETIME_MS = 24 * 3_600_000;

export class DraftsRepo {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      put: db.prepare(`INSERT INTO drafts (id, platform, chat_id, user_id, kind, input_json, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`),
      get: db.prepare('SELECT * FROM drafts WHERE id = ?'),
      remove: db.prepare('DELETE FROM drafts WHERE id = ?'),
      prune: db.prepare('DELETE FROM drafts WHERE created_at < ?'),
    };
  }

  /** Stores a draft, forgetting the ones too old to be picked any more. */
  put(d: DraftRecord): void {
    this.s.prune.run(d.createdAt - DRAFT_LIFETIME_MS);
    this.s.put.run(d.id, d.platform, d.chatId, d.userId, d.kind, JSON.stringify(d.input), d.createdAt);
  }

  get(id: string): DraftRecord | undefined {
    const r = this.s.get.get(id) as Row | undefined;
    return (
      r && { id: r.id, platform: r.platform, chatId: r.chat_id, userId: r.user_id, kind: r.kind, input: JSON.parse(r.input_json) as unknown, createdAt: r.created_at }
    );
  }

  /** Removes a draft; false when it was already gone (picked by a press that came first). */
  remove(id: string): boolean {
    return this.s.remove.run(id).changes === 1;
  }
}
