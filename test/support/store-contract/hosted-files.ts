import { describe, expect, it } from 'vitest';
import type { HostedFile } from '../../../src/store/records/hosted-files.ts';
import { T, storePerTest, type StoreFactory } from './engine.ts';

/** HostedFilesRepository: a file comes back byte for byte until it expires, then is not served, and the sweep deletes it. */
export function hostedFilesContract(open: StoreFactory): void {
  describe('hosted files', () => {
    const engine = storePerTest(open);
    const files = () => engine().store.hostedFiles;
    // Every byte value, so a blob that lost or changed any shows.
    const file = (name: string, expiresAt = T + 60_000): HostedFile => ({
      name,
      contentType: 'image/png',
      content: Buffer.concat([Buffer.from(name), Buffer.from(Array.from({ length: 256 }, (_, i) => i))]),
      createdAt: T,
      expiresAt,
    });

    it('serves a stored file by its name, exactly as it was put', async () => {
      await files().put(file('a.png'));
      await files().put({ ...file('b.webp'), contentType: 'image/webp' });
      expect(await files().get('a.png', T)).toEqual(file('a.png'));
      expect(await files().get('b.webp', T + 1)).toEqual({ ...file('b.webp'), contentType: 'image/webp' });
      expect(await files().get('c.png', T)).toBeUndefined();
    });

    it('refuses a second file under a name already taken', async () => {
      await files().put(file('a.png'));
      await expect(files().put({ ...file('a.png'), content: Buffer.from('other') })).rejects.toThrow();
      expect(await files().get('a.png', T)).toEqual(file('a.png'));
    });

    it('does not serve a file once it has expired, even before a sweep', async () => {
      await files().put(file('a.png', T + 100));
      expect(await files().get('a.png', T + 99)).toBeDefined();
      expect(await files().get('a.png', T + 100)).toBeUndefined();
    });

    it('sweeps away the expired files only, and says how many', async () => {
      await files().put(file('old.png', T + 10));
      await files().put(file('older.png', T + 5));
      await files().put(file('new.png', T + 100));
      expect(await files().sweep(T + 10)).toBe(2);
      expect(await files().sweep(T + 10)).toBe(0);
      expect(await files().get('new.png', T + 10)).toEqual(file('new.png', T + 100));
      // Even with the clock turned back, the swept files are gone.
      expect(await files().get('old.png', T)).toBeUndefined();
    });
  });
}
