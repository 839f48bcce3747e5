// Issue 11: collected photos and hosted images move from the disk into the database. A database
// from the release before keeps its photo rows: their bytes are NULL and their path names the file
// that release wrote, which PhotoService reads until the set is uploaded (see test/unit/photos.test.ts).
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/store/db.ts';
import { migrations } from '../../src/store/migrations.ts';
import { PhotosRepo } from '../../src/store/photos-repo.ts';
import { HostedFilesRepo } from '../../src/store/hosted-files-repo.ts';

/** The migration that brings files into the database, found by what it does (its number may move in a merge). */
const STORED_FILES = migrations.findIndex((sql) => sql.includes('CREATE TABLE hosted_files'));

function previousRelease(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  db.transaction(() => {
    for (const sql of migrations.slice(0, STORED_FILES)) db.exec(sql);
    db.pragma(`user_version = ${STORED_FILES}`);
  })();
  db.prepare(
    `INSERT INTO photo_sets (id, platform, chat_id, user_id, user_name, gender, ethnicity, status, created_at, updated_at, expires_at)
     VALUES ('s1', 'telegram', '-100', '7', '@ana', 'female', 'white', 'collecting', 0, 0, 1)`,
  ).run();
  db.prepare(`INSERT INTO photo_files (set_id, sha256, path, bytes, width, height, content_type, created_at) VALUES ('s1', 'abc', 'data/photos/s1/abc.jpg', 10, 512, 512, 'image/jpeg', 0)`).run();
  return db;
}

describe('migrating to files kept in the database', () => {
  it('keeps photos collected before it, with no bytes and the path they were written to', async () => {
    const db = previousRelease();
    try {
      migrate(db);
      const photos = new PhotosRepo(db);
      expect(photos.files('s1')).toEqual([{ setId: 's1', sha256: 'abc', path: 'data/photos/s1/abc.jpg', bytes: 10, width: 512, height: 512, contentType: 'image/jpeg' }]);
      expect(photos.contents('s1')).toEqual([{ sha256: 'abc', content: null, path: 'data/photos/s1/abc.jpg' }]);
      // New photos go in beside them with their bytes.
      expect(photos.addFile({ setId: 's1', sha256: 'def', bytes: 3, width: 512, height: 512, contentType: 'image/jpeg', content: Buffer.from([1, 2, 3]) }, 1)).toBe(true);
      expect(photos.contents('s1')[1]).toEqual({ sha256: 'def', content: Buffer.from([1, 2, 3]), path: '' });
      const hosted = new HostedFilesRepo(db);
      hosted.put({ name: 'x.png', contentType: 'image/png', content: Buffer.from([9]), createdAt: 0, expiresAt: 10 });
      expect(hosted.get('x.png', 5)?.content).toEqual(Buffer.from([9]));
    } finally {
      db.close();
    }
  });
});
