import { ConfigError, loadConfig, type Config } from '../config.ts';
import { loadDotEnv } from '../dotenv.ts';
import { createLogger, makeScrubber } from '../logger.ts';
import { fail, formatChecklist, pass, type CheckResult } from './checklist.ts';
import { checkDatabase } from './database.ts';
import { checkPostgres } from './postgres.ts';
import { checkPublicUrl } from './public-url.ts';
import { checkServices } from './services.ts';

/** Each service gets this long at most (or STARTUP_TIMEOUT_MS when that is shorter): a doctor answers quickly. */
const CHECK_TIMEOUT_MS = 10_000;

export interface DoctorOptions {
  /** The environment (process.env after the .env file, in `npm run doctor`). */
  env?: NodeJS.ProcessEnv;
  /** Where the checklist goes. */
  write?: (text: string) => void;
  /** Reads FRAMEBOT_ENV_FILE / .env first, as the bot does. */
  readEnvFile?: boolean;
}

function summary(config: Config): string {
  const platforms = [config.telegram && 'Telegram', config.discord && 'Discord'].filter(Boolean).join(', ');
  const services = [config.apiframe && 'Apiframe', config.aiphotogenerator && 'aiphotogenerator.net'].filter(Boolean).join(', ');
  return `valid (platforms: ${platforms}; image services: ${services}; updates by ${config.publicUrl ? 'webhooks to PUBLIC_URL' : 'polling'})`;
}

/**
 * `npm run doctor` (`npm start -- --check`): validates the configuration as the bot does, reaches
 * each configured service once with a short timeout, checks the database (read-only, for
 * PostgreSQL) and PUBLIC_URL, and
 * prints a checklist. Returns the exit code: 0 when every check passed. Never prints a secret.
 */
export async function runDoctor(o: DoctorOptions = {}): Promise<number> {
  const env = o.env ?? process.env;
  const write = o.write ?? ((text: string) => void process.stdout.write(text));
  let config: Config;
  try {
    if (o.readEnvFile) loadDotEnv(env);
    config = loadConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    // The configuration's own message never echoes a value.
    write(`${formatChecklist([fail('Configuration', `${err.message.replace(/^Configuration problem: /, '')}`)])}\n`);
    return 1;
  }
  const scrub = makeScrubber(config.secrets);
  // The clients log their retries: not for the checklist.
  const log = createLogger({ level: 'silent', secrets: config.secrets });
  const timeoutMs = Math.min(CHECK_TIMEOUT_MS, config.startupTimeoutMs);
  const [database, services, publicUrl] = await Promise.all([
    // PostgreSQL holds the data with DATABASE_URL; DATABASE_PATH's folder still holds the files.
    // With DATABASE_URL everything is in PostgreSQL (photos and hosted files too): nothing is written beside DATABASE_PATH.
    config.databaseUrl ? checkPostgres(config.databaseUrl, { timeoutMs }).then((db) => [db]) : [checkDatabase(config.databasePath)],
    checkServices(config, { timeoutMs, log }),
    config.publicUrl ? checkPublicUrl({ publicUrl: config.publicUrl, host: config.host, port: config.port, timeoutMs }) : undefined,
  ]);
  const results: CheckResult[] = [pass('Configuration', summary(config)), ...database, ...services, ...(publicUrl ? [publicUrl] : [])];
  write(`${scrub(formatChecklist(results))}\n`);
  return results.every((r) => r.ok) ? 0 : 1;
}
