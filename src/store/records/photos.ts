import type { Platform } from '../types.ts';

/*
 * AI Photos as every engine keeps them: a person's photo set, which becomes their model. A
 * person has at most one set collecting per chat, and model names are unique per person among
 * the sets preparing, training or ready. Status changes are guarded (true when they changed).
 */

export type PhotoSetStatus = 'collecting' | 'preparing' | 'training' | 'ready' | 'failed' | 'deleted';

/** A person's photo set; once trained, the same row is their model. */
export interface PhotoSet {
  id: string;
  platform: Platform;
  chatId: string;
  userId: string;
  userName: string;
  gender: string;
  ethnicity: string;
  age: number | null;
  status: PhotoSetStatus;
  name: string | null;
  prepareTaskId: string | null;
  trainTaskId: string | null;
  trainingId: string | null;
  triggerWord: string | null;
  shared: boolean;
  /** How often the bot itself tried to start the training (a restart retries only untried sets). */
  trainAttempts: number;
  createdAt: number;
  expiresAt: number;
}

export type NewPhotoSet = Pick<PhotoSet, 'id' | 'platform' | 'chatId' | 'userId' | 'userName' | 'gender' | 'ethnicity' | 'age' | 'expiresAt'>;

/** A collected photo, without its bytes (see `contents`). */
export interface PhotoFile {
  setId: string;
  sha256: string;
  /**
   * Where a build before issue 11 kept the photo on its disk; empty for a photo whose bytes are
   * in the store (every photo collected since).
   */
  path: string;
  bytes: number;
  width: number;
  height: number;
  contentType: string;
}

/** A photo to add: its bytes go into the store with it. */
export type NewPhotoFile = Omit<PhotoFile, 'path'> & { content: Uint8Array };

/** A collected photo's bytes; null for one an older build kept on disk at `path`. */
export interface PhotoContent {
  sha256: string;
  content: Buffer | null;
  path: string;
}

export interface PhotosRepository {
  /** Opens a new collecting set; throws when the person already has one collecting in that chat. */
  create(set: NewPhotoSet, now: number): Promise<PhotoSet>;
  get(id: string): Promise<PhotoSet | undefined>;
  /** The set a user is filling in a chat, if any. */
  open(platform: Platform, chatId: string, userId: string): Promise<PhotoSet | undefined>;
  /** The set whose preparation or training is the task `taskId`. */
  byTask(taskId: string): Promise<PhotoSet | undefined>;
  /** The model the provider knows as `trainingId` (the newest, should two share it). */
  byTrainingId(trainingId: string): Promise<PhotoSet | undefined>;
  /** The models a user may see here, newest first: their own on this platform, and those shared into this chat. */
  modelsFor(platform: Platform, userId: string, chatId: string): Promise<PhotoSet[]>;
  /** The ids of sets whose preparation or training is under way (resumed after a restart). */
  inProgressIds(): Promise<string[]>;
  /** Collecting sets whose time ran out by `now`. */
  expiredOpenSets(now: number): Promise<PhotoSet[]>;
  /** collecting → preparing, naming the model; throws when the person has a live model of that name. */
  startPreparing(id: string, name: string, taskId: string, now: number): Promise<boolean>;
  /** preparing → training. */
  startTraining(id: string, taskId: string, now: number): Promise<boolean>;
  /** training → ready, with what the provider calls the model. */
  markReady(id: string, trainingId: string, triggerWord: string, now: number): Promise<boolean>;
  /** A set whose photos the provider prepared (its task finished) but whose training has not started. */
  awaitingTraining(platform: Platform, chatId: string, userId: string): Promise<PhotoSet | undefined>;
  recordTrainingAttempt(id: string, now: number): Promise<void>;
  /** training → preparing: a training that never reached the provider; the prepared set waits for another try. */
  backToPrepared(id: string, now: number): Promise<boolean>;
  /** preparing/training → failed (which frees the name). */
  markFailed(id: string, now: number): Promise<boolean>;
  /** Any state → deleted, no longer shared (which frees the name). */
  markDeleted(id: string, now: number): Promise<void>;
  /** Shares the model into `chatId` (or stops sharing it). */
  setShared(id: string, shared: boolean, chatId: string, now: number): Promise<void>;
  /** Forgets a set that never became a model: its row and its file rows. */
  remove(id: string): Promise<void>;
  /**
   * The set, locked until the unit of work it is called in ends: another unit's lockSet on it waits
   * till then (PostgreSQL: SELECT … FOR UPDATE; SQLite's units run one at a time anyway). Called
   * inside `store.transaction`, so a decision about the set (room, duplicates) and the write it
   * leads to are made in order, whichever instance makes them.
   */
  lockSet(id: string): Promise<PhotoSet | undefined>;
  /** Adds a photo and its bytes to a set once per content (sha256); false for the same photo again. */
  addFile(file: NewPhotoFile, now: number): Promise<boolean>;
  /** The set's photos in the order they were added (without their bytes). */
  files(setId: string): Promise<PhotoFile[]>;
  /** The bytes of the set's photos, in the order they were added. */
  contents(setId: string): Promise<PhotoContent[]>;
  countFiles(setId: string): Promise<number>;
  hasFile(setId: string, sha256: string): Promise<boolean>;
  /** Forgets the set's photos, their bytes with them. */
  dropFiles(setId: string): Promise<void>;
}
