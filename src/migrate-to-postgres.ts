// `npm run migrate-to-postgres` (in the image: `node dist/src/migrate-to-postgres.js`): copies the
// bot's SQLite database (DATABASE_PATH) into an empty PostgreSQL database (DATABASE_URL), all or
// nothing, and checks the ledger sums match. Only those two variables are read, so it needs none of
// the bot's keys. One line per table, then one line of result; or one line saying what to fix (exit 1).
import { z } from 'zod';
import { ConfigError, DEFAULT_DATABASE_PATH } from './config.ts';
import { loadDotEnv } from './dotenv.ts';
import { makeScrubber } from './logger.ts';
import { CopyError, copySqliteToPostgres } from './store/postgres/copy-from-sqlite/index.ts';
import { MigrationError } from './store/postgres/migrate.ts';
import { createPostgresPool } from './store/postgres/pool.ts';
import { databaseUrlSchema, type DatabaseUrl } from './store/postgres/url.ts';

const EXAMPLE = 'postgres://framebot:password@db.example.com:5432/framebot';
const blankIsUnset = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const envSchema = z.object({
  DATABASE_PATH: z.preprocess(blankIsUnset, z.string().trim().default(DEFAULT_DATABASE_PATH)),
  DATABASE_URL: z.preprocess(
    blankIsUnset,
    z.string({ error: (issue) => (issue.input === undefined ? `is not set: name the empty PostgreSQL database to copy into, e.g. ${EXAMPLE}` : 'must be text') }).pipe(databaseUrlSchema),
  ),
});

function readEnv(): { path: string; url: DatabaseUrl } {
  loadDotEnv();
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    // The messages name the variable and what is wrong, never its value (it holds a password).
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; '));
  }
  return { path: parsed.data.DATABASE_PATH, url: parsed.data.DATABASE_URL };
}

/** Errors the operator can act on are shown as they are; anything else with its kind. */
function reason(err: unknown): string {
  if (err instanceof CopyError || err instanceof ConfigError || err instanceof MigrationError) return err.message;
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

let scrub = (line: string): string => line;
try {
  const { path, url } = readEnv();
  scrub = makeScrubber(url.secrets);
  console.log(`migrate-to-postgres: copying ${path} into ${url.redacted}`);
  const pool = createPostgresPool(url, {
    max: 2,
    applicationName: 'framebot-migrate-to-postgres',
    // An idle connection's error also fails the copy's next query, which is what is reported.
    onError: () => undefined,
  });
  try {
    const result = await copySqliteToPostgres(path, pool, {
      onTable: (table, rows) => console.log(`copied ${table}: ${rows} ${rows === 1 ? 'row' : 'rows'}`),
    });
    console.log(`copied ${result.rows} rows in ${result.tables.length} tables; ledger sums match`);
  } finally {
    await pool.end();
  }
} catch (err) {
  console.error(scrub(`migrate-to-postgres failed: ${reason(err)}`));
  process.exitCode = 1;
}
