// `npm run migrate-to-postgres`: the one-off copy of a SQLite database into PostgreSQL. Only the
// command (src/migrate-to-postgres.ts) uses it; the PostgreSQL engine itself never does.
export { copySqliteToPostgres, copyInto, type CopyOptions, type CopyResult } from './copy.ts';
export { CopyError } from './copy-error.ts';
export { COPIED_TABLES, DERIVED_TABLES, SEQ_COLUMN, type CopiedTable } from './tables.ts';
