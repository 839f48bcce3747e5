import { z } from 'zod';

/** DATABASE_URL once checked: what to connect to, a form safe for logs, and what the log scrubber must hide. */
export interface DatabaseUrl {
  /** The URL as given (password included): for the driver only. */
  readonly href: string;
  /** The same URL with the password replaced, for logs and the doctor. */
  readonly redacted: string;
  /** What makeScrubber/createLogger({ secrets }) must remove: the URL and its password, as written and decoded. */
  readonly secrets: readonly string[];
}

const EXAMPLE = 'postgres://framebot:password@db.example.com:5432/framebot';

/**
 * DATABASE_URL: postgres:// or postgresql:// naming a host (or a socket folder in `?host=`) and a
 * database. Messages never repeat the value, since it holds a password.
 */
export const databaseUrlSchema = z
  .string()
  .trim()
  .transform((text, ctx): DatabaseUrl => {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      ctx.addIssue({ code: 'custom', message: `must be a URL such as ${EXAMPLE}` });
      return z.NEVER;
    }
    if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
      ctx.addIssue({ code: 'custom', message: `must start with postgres:// or postgresql://, e.g. ${EXAMPLE}` });
      return z.NEVER;
    }
    if (url.hostname === '' && !url.searchParams.get('host')) {
      ctx.addIssue({ code: 'custom', message: `must name the server's host, e.g. ${EXAMPLE}` });
      return z.NEVER;
    }
    if (url.pathname.replace(/^\//, '') === '') {
      ctx.addIssue({ code: 'custom', message: `must name the database after the host, e.g. ${EXAMPLE}` });
      return z.NEVER;
    }
    return { href: text, redacted: redact(url), secrets: secretsOf(text, url) };
  });

function redact(url: URL): string {
  const copy = new URL(url.href);
  if (copy.password !== '') copy.password = 'redacted';
  // `?password=` is accepted by the driver too.
  if (copy.searchParams.has('password')) copy.searchParams.set('password', 'redacted');
  return copy.href;
}

function secretsOf(text: string, url: URL): string[] {
  const passwords = [url.password, url.searchParams.get('password') ?? ''].filter((p) => p !== '');
  const forms = passwords.flatMap((p) => [p, safeDecode(p)]);
  return [...new Set(passwords.length > 0 ? [text, ...forms] : [])];
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
