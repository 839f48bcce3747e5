import { CopyError } from './copy-error.ts';
import type { ColumnKind } from './plan.ts';
import type { SourceValue } from './source.ts';

/** What pg is given for a column: integers as decimal text, so none loses digits on the way; bytes as a Buffer. */
export type TargetValue = string | boolean | Buffer | null;

/**
 * One SQLite value as PostgreSQL's column wants it. SQLite stores 0/1 for a boolean and does not
 * enforce column types, so anything that is not what the column means stops the copy, named.
 */
export function toPostgres(value: SourceValue, kind: ColumnKind, where: () => string): TargetValue {
  if (value === null) return null;
  switch (kind) {
    case 'boolean':
      if (value === 0n || value === 1n) return value === 1n;
      break;
    case 'integer':
      if (typeof value === 'bigint') return value.toString();
      break;
    case 'text':
      if (typeof value === 'string') return value;
      break;
    case 'bytes':
      if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength);
      break;
  }
  throw new CopyError(`${where()} holds ${describe(value)}, which is not ${WHAT[kind]}: fix that row in SQLite, then copy again`);
}

const WHAT: Record<ColumnKind, string> = { boolean: 'a 0 or 1', integer: 'a whole number', text: 'a text', bytes: 'a blob' };

function describe(value: Exclude<SourceValue, null>): string {
  if (value instanceof Uint8Array) return `a blob of ${value.length} bytes`;
  if (typeof value === 'string') return `the text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `the number ${String(value)}`;
}
