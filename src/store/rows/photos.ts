// The photo_sets and photo_files tables' rows as both engines read them back, and their records:
// one mapping, so SQLite and PostgreSQL cannot drift apart.
import type { Platform } from '../types.ts';
import type { PhotoContent, PhotoFile, PhotoSet, PhotoSetStatus } from '../records/photos.ts';

export interface SetRow {
  id: string;
  platform: Platform;
  chat_id: string;
  user_id: string;
  user_name: string;
  gender: string;
  ethnicity: string;
  age: number | null;
  status: PhotoSetStatus;
  name: string | null;
  prepare_task_id: string | null;
  train_task_id: string | null;
  training_id: string | null;
  trigger_word: string | null;
  /** SQLite stores 0/1, PostgreSQL a boolean. */
  shared: number | boolean;
  train_attempts: number;
  created_at: number;
  expires_at: number;
}
/** A photo_files row as listed: every column but the bytes (`content`), which only `contents` reads. */
export interface FileRow {
  set_id: string;
  sha256: string;
  path: string;
  bytes: number;
  width: number;
  height: number;
  content_type: string;
}

export const toSet = (r: SetRow): PhotoSet => ({
  id: r.id,
  platform: r.platform,
  chatId: r.chat_id,
  userId: r.user_id,
  userName: r.user_name,
  gender: r.gender,
  ethnicity: r.ethnicity,
  age: r.age,
  status: r.status,
  name: r.name,
  prepareTaskId: r.prepare_task_id,
  trainTaskId: r.train_task_id,
  trainingId: r.training_id,
  triggerWord: r.trigger_word,
  shared: r.shared === true || r.shared === 1,
  trainAttempts: r.train_attempts,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
});
export const toFile = (r: FileRow): PhotoFile => ({
  setId: r.set_id,
  sha256: r.sha256,
  path: r.path,
  bytes: r.bytes,
  width: r.width,
  height: r.height,
  contentType: r.content_type,
});

/** The photo_files columns a listing reads: all but the bytes, which can be megabytes a photo. */
export const FILE_COLUMNS = 'set_id, sha256, path, bytes, width, height, content_type';

export interface ContentRow {
  sha256: string;
  content: Buffer | null;
  path: string;
}
export const toContent = (r: ContentRow): PhotoContent => ({ sha256: r.sha256, content: r.content, path: r.path });

/** The bytes as both drivers bind a blob: a Buffer over the same memory, not a copy. */
export const asBuffer = (bytes: Uint8Array): Buffer => (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
