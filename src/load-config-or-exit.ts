import { ConfigError, loadConfig, type Config } from './config.ts';
import { loadDotEnv } from './dotenv.ts';

/**
 * The configuration of a command run by hand (`npm start`, `npm run register`): the env file, then
 * the variables. A problem the operator can fix is one line on stderr and exit 1, not a stack trace.
 */
export function loadConfigOrExit(check: (config: Config) => void = () => undefined): Config {
  try {
    loadDotEnv();
    const config = loadConfig();
    check(config);
    return config;
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
}
