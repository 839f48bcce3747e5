import { pino, type Logger, type DestinationStream } from 'pino';
import { prettyDestination } from './log-pretty.ts';

export type { Logger };

/** Token-shaped strings that must never reach a log even if nobody registered them as secrets. */
const TOKEN_PATTERNS: RegExp[] = [
  /\bbot\d{5,}:[\w-]{20,}/g, // Telegram bot token inside a URL path
  /\b\d{5,}:[\w-]{30,}\b/g, // bare Telegram bot token
  /\b[\w-]{23,28}\.[\w-]{6,7}\.[\w-]{27,}\b/g, // Discord bot token
  /(\/(?:webhooks|interactions)\/\d+\/)[\w.:-]{20,}/g, // Discord interaction/webhook token in a route
];

export function makeScrubber(secrets: readonly string[]): (line: string) => string {
  const given = secrets.filter((s) => s.length >= 6);
  // A line is JSON, where a quote or a backslash inside a secret appears escaped: look for that form too.
  const known = [...new Set([...given, ...given.map((s) => JSON.stringify(s).slice(1, -1))])].sort((a, b) => b.length - a.length);
  return (line: string) => {
    let out = line;
    for (const secret of known) out = out.split(secret).join('[redacted]');
    for (const pattern of TOKEN_PATTERNS) {
      out = out.replace(pattern, (match, prefix?: string) => (typeof prefix === 'string' && match.startsWith(prefix) ? `${prefix}[redacted]` : '[redacted]'));
    }
    return out;
  };
}

export interface LoggerOptions {
  level: string;
  secrets: readonly string[];
  destination?: DestinationStream;
  /** Text for a person at a terminal instead of JSON lines (LOG_PRETTY); scrubbed all the same. */
  pretty?: boolean;
  /** With `pretty`: colours; by default when the terminal supports them. */
  colorize?: boolean;
}

/**
 * The one logger of the process. Every line passes through a scrubber that removes the configured
 * secrets and anything shaped like a bot token, so no error object or URL can leak one.
 */
export function createLogger(opts: LoggerOptions): Logger {
  const scrub = makeScrubber(opts.secrets);
  const out = opts.destination ?? pino.destination(1);
  return pino(
    {
      level: opts.level,
      base: { app: 'framebot' },
      redact: { paths: ['*.headers.authorization', '*.headers["x-webhook-secret"]', '*.headers["x-telegram-bot-api-secret-token"]', '*.apiKey', '*.token'], censor: '[redacted]' },
      hooks: { streamWrite: scrub },
    },
    opts.pretty ? prettyDestination(out, scrub, opts.colorize) : out,
  );
}
