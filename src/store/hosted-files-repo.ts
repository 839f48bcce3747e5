import type { Db } from './db.ts';
import type { Sync } from './types.ts';
import type { HostedFile, HostedFilesRepository } from './records/hosted-files.ts';
import { toHostedFile, type HostedFileRow } from './rows/hosted-files.ts';

/** HostedFilesRepository on SQLite (see there what each method promises). */
export class HostedFilesRepo implements Sync<HostedFilesRepository> {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      put: db.prepare('INSERT INTO hosted_files (name, content_type, content, created_at, expires_at) VALUES (?, ?, ?, ?, ?)'),
      get: db.prepare('SELECT * FROM hosted_files WHERE name = ? AND expires_at > ?'),
      sweep: db.prepare('DELETE FROM hosted_files WHERE expires_at <= ?'),
    };
  }

  put(file: HostedFile): void {
    this.s.put.run(file.name, file.contentType, file.content, file.createdAt, file.expiresAt);
  }

  get(name: string, now: number): HostedFile | undefined {
    const row = this.s.get.get(name, now) as HostedFileRow | undefined;
    return row && toHostedFile(row);
  }

  sweep(now: number): number {
    return this.s.sweep.run(now).changes;
  }
}
