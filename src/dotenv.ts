import { existsSync } from 'node:fs';
import { ConfigError } from './config.ts';

/** `FRAMEBOT_ENV_FILE=none` reads no file: what the tests' bot processes run with. */
export const NO_ENV_FILE = 'none';

/**
 * Loads the operator's variables file: `FRAMEBOT_ENV_FILE` names it (default `.env` in the
 * working directory), `none` reads none. Variables already set win. Returns the file read.
 */
export function loadDotEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const chosen = env.FRAMEBOT_ENV_FILE?.trim();
  if (chosen === NO_ENV_FILE) return undefined;
  const path = chosen || '.env';
  if (!existsSync(path)) {
    // A file asked for by name and missing is a mistake; the default one is optional.
    if (chosen) throw new ConfigError(`Configuration problem: FRAMEBOT_ENV_FILE names ${path}, which does not exist (use "none" to read no file).`);
    return undefined;
  }
  process.loadEnvFile(path);
  return path;
}
