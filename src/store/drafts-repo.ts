import type { Db } from './db.ts';
import type { Sync } from './types.ts';
import { DRAFT_LIFETIME_MS, type DraftRecord, type DraftsRepository } from './records/chat-state.ts';
import { toDraft, type DraftRow } from './rows/drafts.ts';

/** DraftsRepository on SQLite. */
export class DraftsRepo implements Sync<DraftsRepository> {
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
    const r = this.s.get.get(id) as DraftRow | undefined;
    return r && toDraft(r);
  }

  /** Removes a draft; false when it was already gone (picked by a press that came first). */
  remove(id: string): boolean {
    return this.s.remove.run(id).changes === 1;
  }
}
