import { StartupError } from './errors.ts';
import { networkCode, unreachableLine } from './network.ts';

/**
 * The one line for a PostgreSQL server that could not be used at start. `where` is the URL with
 * its password replaced; the driver's messages name the user at most, never the password.
 */
export function databaseFailure(err: unknown, where: string, timeoutMs: number): StartupError {
  const code = networkCode(err);
  if (code) return new StartupError(unreachableLine({ service: 'PostgreSQL', url: where, code, timeoutMs: code === 'timed out' ? timeoutMs : undefined, check: 'DATABASE_URL' }));
  const sqlState = (err as { code?: unknown }).code;
  // 28xxx: authentication; 3D000: no such database.
  // pg says so in plain text, with no code, when sslmode asks for TLS and the server has none.
  const noTls = /does not support SSL/i.test((err as Error).message ?? '');
  const what =
    typeof sqlState === 'string' && /^28/.test(sqlState)
      ? 'refused the user or password in DATABASE_URL'
      : sqlState === '3D000'
        ? 'has no such database: create it, or fix its name in DATABASE_URL'
        : noTls
          ? 'offers no TLS, which sslmode in DATABASE_URL asks for: enable SSL on the server, or change sslmode'
          : 'could not be used';
  return new StartupError(`PostgreSQL at ${where} ${what} (${(err as Error).message})`);
}
