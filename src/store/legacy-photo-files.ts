import { readFile, rm, rmdir } from 'node:fs/promises';
import { dirname } from 'node:path';

/*
 * Photos a build before issue 11 collected sit on that instance's disk, at the path their row
 * records (their bytes in the store are NULL). They are read from there until their set is
 * uploaded, and deleted when the set's photos are; a set lives a day at most, so they are gone
 * soon after the upgrade. Photos collected since live only in the store.
 */

/** The photo's bytes, or undefined when that disk does not hold it (another instance's, or deleted). */
export async function readLegacyPhoto(path: string): Promise<Buffer | undefined> {
  return readFile(path).catch(() => undefined);
}

/** Deletes the photos, then each set's folder once it is empty. */
export async function removeLegacyPhotos(paths: readonly string[]): Promise<void> {
  for (const path of paths) await rm(path, { force: true });
  for (const folder of new Set(paths.map((p) => dirname(p)))) await rmdir(folder).catch(() => undefined);
}
