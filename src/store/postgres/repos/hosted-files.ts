import type { Executor } from '../executor.ts';
import type { HostedFilesRepository } from '../../records/hosted-files.ts';
import { toHostedFile, type HostedFileRow } from '../../rows/hosted-files.ts';

/** HostedFilesRepository on PostgreSQL (see there what each method promises). */
export function pgHostedFiles(ex: Executor): HostedFilesRepository {
  return {
    async put(file) {
      await ex.query('INSERT INTO hosted_files (name, content_type, content, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [
        file.name,
        file.contentType,
        file.content,
        file.createdAt,
        file.expiresAt,
      ]);
    },
    async get(name, now) {
      const row = (await ex.query<HostedFileRow>('SELECT * FROM hosted_files WHERE name = $1 AND expires_at > $2', [name, now])).rows[0];
      return row && toHostedFile(row);
    },
    async sweep(now) {
      return (await ex.query('DELETE FROM hosted_files WHERE expires_at <= $1', [now])).rowCount;
    },
  };
}
