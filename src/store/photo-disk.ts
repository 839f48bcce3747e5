import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Collected photos on disk, one folder per set, kept only until they are uploaded for training
 * (or the set is cancelled or expires). Names are content hashes, never user-given names.
 */
export class PhotoDisk {
  constructor(readonly root: string) {}

  private folder(setId: string): string {
    if (!/^[\w-]+$/.test(setId)) throw new Error('bad set id');
    return join(this.root, setId);
  }

  async write(setId: string, sha256: string, extension: string, bytes: Uint8Array): Promise<string> {
    const dir = this.folder(setId);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const path = join(dir, `${sha256}.${extension}`);
    await writeFile(path, bytes, { mode: 0o600 });
    return path;
  }

  read(path: string): Promise<Buffer> {
    return readFile(path);
  }

  async removeSet(setId: string): Promise<void> {
    await rm(this.folder(setId), { recursive: true, force: true });
  }
}
