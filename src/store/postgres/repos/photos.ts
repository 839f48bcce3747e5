import type { Executor } from '../executor.ts';
import { refusing } from '../errors.ts';
import type { PhotosRepository } from '../../records/photos.ts';
import { FILE_COLUMNS, asBuffer, toContent, toFile, toSet, type ContentRow, type FileRow, type SetRow } from '../../rows/photos.ts';

/** PhotosRepository on PostgreSQL (see there what each method promises). */
export function pgPhotos(ex: Executor): PhotosRepository {
  const one = async (text: string, values: readonly unknown[]) => {
    const row = (await ex.query<SetRow>(text, values)).rows[0];
    return row && toSet(row);
  };
  const many = async (text: string, values: readonly unknown[]) => (await ex.query<SetRow>(text, values)).rows.map(toSet);
  const changed = async (text: string, values: readonly unknown[]) => (await ex.query(text, values)).rowCount === 1;

  return {
    async create(set, now) {
      const { rows } = await refusing({ photo_sets_one_open: 'this person already has a photo set open in this chat', photo_sets_pkey: 'a photo set with this id exists' }, () =>
        ex.catchable<SetRow>(
          `INSERT INTO photo_sets (id, platform, chat_id, user_id, user_name, gender, ethnicity, age, status, created_at, updated_at, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'collecting', $9, $9, $10) RETURNING *`,
          [set.id, set.platform, set.chatId, set.userId, set.userName, set.gender, set.ethnicity, set.age, now, set.expiresAt],
        ),
      );
      return toSet(rows[0]!);
    },
    get: (id) => one('SELECT * FROM photo_sets WHERE id = $1', [id]),
    open: (platform, chatId, userId) => one(`SELECT * FROM photo_sets WHERE platform = $1 AND chat_id = $2 AND user_id = $3 AND status = 'collecting'`, [platform, chatId, userId]),
    byTask: (taskId) => one('SELECT * FROM photo_sets WHERE prepare_task_id = $1 OR train_task_id = $1 LIMIT 1', [taskId]),
    byTrainingId: (trainingId) => one('SELECT * FROM photo_sets WHERE training_id = $1 ORDER BY created_at DESC LIMIT 1', [trainingId]),
    modelsFor: (platform, userId, chatId) =>
      many(
        `SELECT * FROM photo_sets WHERE platform = $1 AND status IN ('preparing', 'training', 'ready', 'failed')
           AND (user_id = $2 OR (shared AND chat_id = $3)) ORDER BY created_at DESC`,
        [platform, userId, chatId],
      ),
    async inProgressIds() {
      return (await ex.query<{ id: string }>(`SELECT id FROM photo_sets WHERE status IN ('preparing', 'training')`)).rows.map((r) => r.id);
    },
    expiredOpenSets: (now) => many(`SELECT * FROM photo_sets WHERE status = 'collecting' AND expires_at <= $1`, [now]),
    async startPreparing(id, name, taskId, now) {
      const { rowCount } = await refusing({ photo_models_by_name: 'this person already has a model of that name' }, () =>
        ex.catchable(`UPDATE photo_sets SET status = 'preparing', name = $1, prepare_task_id = $2, updated_at = $3 WHERE id = $4 AND status = 'collecting'`, [
          name,
          taskId,
          now,
          id,
        ]),
      );
      return rowCount === 1;
    },
    startTraining: (id, taskId, now) =>
      changed(`UPDATE photo_sets SET status = 'training', train_task_id = $1, updated_at = $2 WHERE id = $3 AND status = 'preparing'`, [taskId, now, id]),
    markReady: (id, trainingId, triggerWord, now) =>
      changed(`UPDATE photo_sets SET status = 'ready', training_id = $1, trigger_word = $2, updated_at = $3 WHERE id = $4 AND status = 'training'`, [trainingId, triggerWord, now, id]),
    awaitingTraining: (platform, chatId, userId) =>
      one(
        `SELECT ps.* FROM photo_sets ps JOIN tasks t ON t.id = ps.prepare_task_id
         WHERE ps.platform = $1 AND ps.chat_id = $2 AND ps.user_id = $3 AND ps.status = 'preparing' AND t.status = 'finished'
         ORDER BY ps.created_at DESC LIMIT 1`,
        [platform, chatId, userId],
      ),
    async recordTrainingAttempt(id, now) {
      await ex.query('UPDATE photo_sets SET train_attempts = train_attempts + 1, updated_at = $1 WHERE id = $2', [now, id]);
    },
    backToPrepared: (id, now) => changed(`UPDATE photo_sets SET status = 'preparing', train_task_id = NULL, updated_at = $1 WHERE id = $2 AND status = 'training'`, [now, id]),
    markFailed: (id, now) => changed(`UPDATE photo_sets SET status = 'failed', updated_at = $1 WHERE id = $2 AND status IN ('preparing', 'training')`, [now, id]),
    async markDeleted(id, now) {
      await ex.query(`UPDATE photo_sets SET status = 'deleted', shared = false, updated_at = $1 WHERE id = $2`, [now, id]);
    },
    async setShared(id, shared, chatId, now) {
      await ex.query('UPDATE photo_sets SET shared = $1, chat_id = $2, updated_at = $3 WHERE id = $4', [shared, chatId, now, id]);
    },
    async remove(id) {
      // photo_files go with it (ON DELETE CASCADE).
      await ex.query('DELETE FROM photo_sets WHERE id = $1', [id]);
    },
    // FOR UPDATE holds every other unit's lockSet on this set until this unit commits or rolls back.
    lockSet: (id) => one('SELECT * FROM photo_sets WHERE id = $1 FOR UPDATE', [id]),
    async addFile(file, now) {
      const { rowCount } = await ex.query(
        `INSERT INTO photo_files (set_id, sha256, path, bytes, width, height, content_type, content, created_at) VALUES ($1, $2, '', $3, $4, $5, $6, $7, $8)
         ON CONFLICT (set_id, sha256) DO NOTHING`,
        [file.setId, file.sha256, file.bytes, file.width, file.height, file.contentType, asBuffer(file.content), now],
      );
      return rowCount === 1;
    },
    async files(setId) {
      return (await ex.query<FileRow>(`SELECT ${FILE_COLUMNS} FROM photo_files WHERE set_id = $1 ORDER BY created_at, seq`, [setId])).rows.map(toFile);
    },
    async contents(setId) {
      return (await ex.query<ContentRow>('SELECT sha256, content, path FROM photo_files WHERE set_id = $1 ORDER BY created_at, seq', [setId])).rows.map(toContent);
    },
    async countFiles(setId) {
      return (await ex.query<{ n: number }>('SELECT COUNT(*) AS n FROM photo_files WHERE set_id = $1', [setId])).rows[0]!.n;
    },
    async hasFile(setId, sha256) {
      return (await ex.query('SELECT 1 FROM photo_files WHERE set_id = $1 AND sha256 = $2', [setId, sha256])).rows.length > 0;
    },
    async dropFiles(setId) {
      await ex.query('DELETE FROM photo_files WHERE set_id = $1', [setId]);
    },
  };
}
