import type { Db } from './db.ts';
import type { Sync } from './types.ts';
import type { ActionRecord, ActionsRepository, NewAction } from './records/actions.ts';
import { toAction as toRecord, type ActionRow as Row } from './rows/actions.ts';

/** ActionsRepository on SQLite: a button carries only `act:<id>`; everything it means lives here. */
export class ActionsRepo implements Sync<ActionsRepository> {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      insert: db.prepare(
        `INSERT INTO actions (id, task_id, kind, arg, platform, chat_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      get: db.prepare('SELECT * FROM actions WHERE id = ?'),
      forTask: db.prepare('SELECT * FROM actions WHERE task_id = ? ORDER BY rowid'),
      use: db.prepare(
        `UPDATE actions SET last_used_at = ?, last_task_id = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at <= ?)`,
      ),
    };
  }

  insert(a: NewAction): void {
    this.s.insert.run(a.id, a.taskId, a.kind, a.arg, a.platform, a.chatId, a.createdAt);
  }

  get(id: string): ActionRecord | undefined {
    const row = this.s.get.get(id) as Row | undefined;
    return row && toRecord(row);
  }

  forTask(taskId: string): ActionRecord[] {
    return (this.s.forTask.all(taskId) as Row[]).map(toRecord);
  }

  /**
   * Records a press unless the same button was pressed within `debounceMs` (a double click).
   * Returns false for the double click.
   */
  recordUse(id: string, taskId: string, now: number, debounceMs: number): boolean {
    return this.s.use.run(now, taskId, id, now - debounceMs).changes === 1;
  }
}
