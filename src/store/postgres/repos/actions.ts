import type { Executor } from '../executor.ts';
import { refusing } from '../errors.ts';
import type { ActionsRepository } from '../../records/actions.ts';
import { toAction as toRecord, type ActionRow as Row } from '../../rows/actions.ts';

export function pgActions(ex: Executor): ActionsRepository {
  return {
    async insert(a) {
      await refusing({ actions_pkey: 'a button with this id exists' }, () =>
        ex.catchable(`INSERT INTO actions (id, task_id, kind, arg, platform, chat_id, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
          a.id,
          a.taskId,
          a.kind,
          a.arg,
          a.platform,
          a.chatId,
          a.createdAt,
        ]),
      );
    },
    async get(id) {
      const row = (await ex.query<Row>('SELECT * FROM actions WHERE id = $1', [id])).rows[0];
      return row && toRecord(row);
    },
    async forTask(taskId) {
      // seq is SQLite's rowid: the order written.
      return (await ex.query<Row>('SELECT * FROM actions WHERE task_id = $1 ORDER BY seq', [taskId])).rows.map(toRecord);
    },
    async recordUse(id, taskId, now, debounceMs) {
      const { rowCount } = await ex.query(
        `UPDATE actions SET last_used_at = $1, last_task_id = $2 WHERE id = $3 AND (last_used_at IS NULL OR last_used_at <= $4)`,
        [now, taskId, id, now - debounceMs],
      );
      return rowCount === 1;
    },
  };
}
