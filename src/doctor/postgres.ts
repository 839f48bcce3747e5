import { inspectPostgres, type DatabaseUrl, type PostgresInspection, type PostgresMigration } from '../store/postgres/inspect.ts';
import { databaseFailure } from '../startup/database.ts';
import { fail, pass, type CheckResult } from './checklist.ts';

const NAME = 'Database';

/** The schema's state as one phrase, and whether the bot can start on it. */
function schemaState({ applied, known }: PostgresInspection): { ok: boolean; text: string } {
  if (applied === undefined || applied.length === 0) return { ok: true, text: `not migrated yet: the bot migrates it at start (${known} of ${known} migrations to apply)` };
  // As migratePostgres counts: versions 1, 2, 3… with no gap.
  if (applied.some((version, index) => version !== index + 1)) {
    return { ok: false, text: `schema_migrations holds versions ${applied.join(', ')}: they should count 1, 2, 3… with no gap; restore a backup` };
  }
  const at = applied.length;
  if (at > known) return { ok: false, text: `this database was migrated by a newer framebot (schema version ${at}; this build knows ${known}): run the newer build, or restore a backup` };
  if (at < known) return { ok: true, text: `schema at version ${at} of ${known}: the bot applies the rest at start` };
  return { ok: true, text: `schema up to date (version ${at} of ${known})` };
}

/**
 * DATABASE_URL: the server is reached within `timeoutMs`, and its version and schema state are
 * shown. Read-only: the doctor never migrates or writes. The URL is shown without its password, and
 * a failure is the line start-up would stop with.
 */
export async function checkPostgres(url: DatabaseUrl, o: { timeoutMs: number; migrations?: readonly PostgresMigration[] }): Promise<CheckResult> {
  let found: PostgresInspection;
  try {
    found = await inspectPostgres(url, o);
  } catch (err) {
    return fail(NAME, databaseFailure(err, url.redacted, o.timeoutMs).message);
  }
  const state = schemaState(found);
  const head = `PostgreSQL ${found.serverVersion} at ${url.redacted} is reachable`;
  return state.ok ? pass(NAME, `${head}; ${state.text}`) : fail(NAME, `${head}, but ${state.text}`);
}
