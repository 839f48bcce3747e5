/*
 * Reference images the bot serves itself at PUBLIC_URL/files/<name> (see src/server/hosted-files.ts).
 * They live in the store, not on one instance's disk, so whichever instance an image service's
 * fetch reaches can serve them.
 */

export interface HostedFile {
  /** The unguessable name it is served under. */
  name: string;
  contentType: string;
  content: Buffer;
  createdAt: number;
  /** Not served from this time on; the sweep deletes it. */
  expiresAt: number;
}

export interface HostedFilesRepository {
  /** Stores a file under its (new, random) name. */
  put(file: HostedFile): Promise<void>;
  /** The file of that name while it lasts: undefined once `now` reaches its expiry. */
  get(name: string, now: number): Promise<HostedFile | undefined>;
  /** Deletes the files expired by `now`; returns how many. */
  sweep(now: number): Promise<number>;
}
