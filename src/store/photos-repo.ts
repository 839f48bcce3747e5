import type { Db } from './db.ts';
import type { Platform, Sync } from './types.ts';
import type { NewPhotoFile, NewPhotoSet, PhotoContent, PhotoFile, PhotoSet, PhotosRepository } from './records/photos.ts';
import { FILE_COLUMNS, asBuffer, toContent, toFile, toSet, type ContentRow, type FileRow, type SetRow } from './rows/photos.ts';

/** PhotosRepository on SQLite (see there what each method promises). */
export class PhotosRepo implements Sync<PhotosRepository> {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      insert: db.prepare(
        `INSERT INTO photo_sets (id, platform, chat_id, user_id, user_name, gender, ethnicity, age, status, created_at, updated_at, expires_at)
         VALUES (@id, @platform, @chat_id, @user_id, @user_name, @gender, @ethnicity, @age, 'collecting', @now, @now, @expires_at)`,
      ),
      get: db.prepare('SELECT * FROM photo_sets WHERE id = ?'),
      open: db.prepare(`SELECT * FROM photo_sets WHERE platform = ? AND chat_id = ? AND user_id = ? AND status = 'collecting'`),
      byTask: db.prepare('SELECT * FROM photo_sets WHERE prepare_task_id = ? OR train_task_id = ?'),
      byTraining: db.prepare('SELECT * FROM photo_sets WHERE training_id = ? ORDER BY created_at DESC LIMIT 1'),
      models: db.prepare(
        `SELECT * FROM photo_sets WHERE platform = @platform AND status IN ('preparing', 'training', 'ready', 'failed')
           AND (user_id = @user_id OR (shared = 1 AND chat_id = @chat_id)) ORDER BY created_at DESC`,
      ),
      inProgress: db.prepare(`SELECT id FROM photo_sets WHERE status IN ('preparing', 'training')`),
      expired: db.prepare(`SELECT * FROM photo_sets WHERE status = 'collecting' AND expires_at <= ?`),
      startPreparing: db.prepare(
        `UPDATE photo_sets SET status = 'preparing', name = ?, prepare_task_id = ?, updated_at = ? WHERE id = ? AND status = 'collecting'`,
      ),
      startTraining: db.prepare(`UPDATE photo_sets SET status = 'training', train_task_id = ?, updated_at = ? WHERE id = ? AND status = 'preparing'`),
      ready: db.prepare(
        `UPDATE photo_sets SET status = 'ready', training_id = ?, trigger_word = ?, updated_at = ? WHERE id = ? AND status = 'training'`,
      ),
      awaiting: db.prepare(
        `SELECT ps.* FROM photo_sets ps JOIN tasks t ON t.id = ps.prepare_task_id
         WHERE ps.platform = ? AND ps.chat_id = ? AND ps.user_id = ? AND ps.status = 'preparing' AND t.status = 'finished'
         ORDER BY ps.created_at DESC LIMIT 1`,
      ),
      attempt: db.prepare('UPDATE photo_sets SET train_attempts = train_attempts + 1, updated_at = ? WHERE id = ?'),
      backToPrepared: db.prepare(`UPDATE photo_sets SET status = 'preparing', train_task_id = NULL, updated_at = ? WHERE id = ? AND status = 'training'`),
      failed: db.prepare(`UPDATE photo_sets SET status = 'failed', updated_at = ? WHERE id = ? AND status IN ('preparing', 'training')`),
      markDeleted: db.prepare(`UPDATE photo_sets SET status = 'deleted', shared = 0, updated_at = ? WHERE id = ?`),
      share: db.prepare('UPDATE photo_sets SET shared = ?, chat_id = ?, updated_at = ? WHERE id = ?'),
      remove: db.prepare('DELETE FROM photo_sets WHERE id = ?'),
      addFile: db.prepare(
        `INSERT OR IGNORE INTO photo_files (set_id, sha256, path, bytes, width, height, content_type, content, created_at)
         VALUES (@set_id, @sha256, '', @bytes, @width, @height, @content_type, @content, @now)`,
      ),
      files: db.prepare(`SELECT ${FILE_COLUMNS} FROM photo_files WHERE set_id = ? ORDER BY created_at, rowid`),
      contents: db.prepare('SELECT sha256, content, path FROM photo_files WHERE set_id = ? ORDER BY created_at, rowid'),
      countFiles: db.prepare('SELECT COUNT(*) AS n FROM photo_files WHERE set_id = ?'),
      hasFile: db.prepare('SELECT 1 FROM photo_files WHERE set_id = ? AND sha256 = ?'),
      dropFiles: db.prepare('DELETE FROM photo_files WHERE set_id = ?'),
    };
  }

  create(set: NewPhotoSet, now: number): PhotoSet {
    this.s.insert.run({
      id: set.id,
      platform: set.platform,
      chat_id: set.chatId,
      user_id: set.userId,
      user_name: set.userName,
      gender: set.gender,
      ethnicity: set.ethnicity,
      age: set.age,
      now,
      expires_at: set.expiresAt,
    });
    return this.get(set.id)!;
  }

  get(id: string): PhotoSet | undefined {
    const row = this.s.get.get(id) as SetRow | undefined;
    return row && toSet(row);
  }

  /** The set a user is filling in a chat, if any. */
  open(platform: Platform, chatId: string, userId: string): PhotoSet | undefined {
    const row = this.s.open.get(platform, chatId, userId) as SetRow | undefined;
    return row && toSet(row);
  }

  byTask(taskId: string): PhotoSet | undefined {
    const row = this.s.byTask.get(taskId, taskId) as SetRow | undefined;
    return row && toSet(row);
  }

  /** The model Apiframe knows as `trainingId` (the task id of its training). */
  byTrainingId(trainingId: string): PhotoSet | undefined {
    const row = this.s.byTraining.get(trainingId) as SetRow | undefined;
    return row && toSet(row);
  }

  modelsFor(platform: Platform, userId: string, chatId: string): PhotoSet[] {
    return (this.s.models.all({ platform, user_id: userId, chat_id: chatId }) as SetRow[]).map(toSet);
  }

  /** The ids of sets whose preparation or training is under way (resumed after a restart). */
  inProgressIds(): string[] {
    return (this.s.inProgress.all() as Array<{ id: string }>).map((r) => r.id);
  }

  expiredOpenSets(now: number): PhotoSet[] {
    return (this.s.expired.all(now) as SetRow[]).map(toSet);
  }

  startPreparing(id: string, name: string, taskId: string, now: number): boolean {
    return this.s.startPreparing.run(name, taskId, now, id).changes === 1;
  }

  startTraining(id: string, taskId: string, now: number): boolean {
    return this.s.startTraining.run(taskId, now, id).changes === 1;
  }

  markReady(id: string, trainingId: string, triggerWord: string, now: number): boolean {
    return this.s.ready.run(trainingId, triggerWord, now, id).changes === 1;
  }

  /** A set whose photos Apiframe prepared but whose training has not started (it could not, yet). */
  awaitingTraining(platform: Platform, chatId: string, userId: string): PhotoSet | undefined {
    const row = this.s.awaiting.get(platform, chatId, userId) as SetRow | undefined;
    return row && toSet(row);
  }

  recordTrainingAttempt(id: string, now: number): void {
    this.s.attempt.run(now, id);
  }

  /** A training that never reached the provider: the prepared set waits for another try. */
  backToPrepared(id: string, now: number): boolean {
    return this.s.backToPrepared.run(now, id).changes === 1;
  }

  markFailed(id: string, now: number): boolean {
    return this.s.failed.run(now, id).changes === 1;
  }

  markDeleted(id: string, now: number): void {
    this.s.markDeleted.run(now, id);
  }

  setShared(id: string, shared: boolean, chatId: string, now: number): void {
    this.s.share.run(shared ? 1 : 0, chatId, now, id);
  }

  /** Forgets a set that never became a model: its row and its file rows. */
  remove(id: string): void {
    this.s.remove.run(id);
  }

  /** SQLite's units of work run one at a time (BEGIN IMMEDIATE, SerialGate): reading is locking enough. */
  lockSet(id: string): PhotoSet | undefined {
    return this.get(id);
  }

  addFile(file: NewPhotoFile, now: number): boolean {
    return (
      this.s.addFile.run({
        set_id: file.setId,
        sha256: file.sha256,
        content: asBuffer(file.content),
        bytes: file.bytes,
        width: file.width,
        height: file.height,
        content_type: file.contentType,
        now,
      }).changes === 1
    );
  }

  files(setId: string): PhotoFile[] {
    return (this.s.files.all(setId) as FileRow[]).map(toFile);
  }

  contents(setId: string): PhotoContent[] {
    return (this.s.contents.all(setId) as ContentRow[]).map(toContent);
  }

  countFiles(setId: string): number {
    return (this.s.countFiles.get(setId) as { n: number }).n;
  }

  hasFile(setId: string, sha256: string): boolean {
    return this.s.hasFile.get(setId, sha256) !== undefined;
  }

  dropFiles(setId: string): void {
    this.s.dropFiles.run(setId);
  }

}
