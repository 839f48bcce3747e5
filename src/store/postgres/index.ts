// The PostgreSQL engine of the store. Only src/store and the composition root import it
// (test/architecture.test.ts).
export { databaseUrlSchema, type DatabaseUrl } from './url.ts';
export { createPostgresPool, type Pool, type PoolClient, type PoolOptions } from './pool.ts';
export { migratePostgres, MigrationError, MIGRATION_LOCK_KEY, type MigrateOptions, type MigrateResult } from './migrate.ts';
export { postgresMigrations, type PostgresMigration } from './schema.ts';
export { inTransaction } from './transaction.ts';
export { createPostgresStore, type PostgresStore } from './store.ts';
