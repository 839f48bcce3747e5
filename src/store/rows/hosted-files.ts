// The hosted_files table's rows as both engines read them back (a BLOB and a BYTEA both arrive as a Buffer).
import type { HostedFile } from '../records/hosted-files.ts';

export interface HostedFileRow {
  name: string;
  content_type: string;
  content: Buffer;
  created_at: number;
  expires_at: number;
}

export const toHostedFile = (r: HostedFileRow): HostedFile => ({
  name: r.name,
  contentType: r.content_type,
  content: r.content,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
});
