import type { DestinationStream } from 'pino';
import { isColorSupported, prettyFactory } from 'pino-pretty';

/**
 * A destination that turns pino's JSON lines into text for a person at a terminal (LOG_PRETTY).
 * It formats in the calling thread, synchronously, unlike pino-pretty's transport: the last lines
 * before process.exit are not lost, and every line still passes the logger's scrubber first. The
 * text is scrubbed once more, because a secret JSON had to escape would be unescaped here.
 */
export function prettyDestination(out: DestinationStream, scrub: (line: string) => string, colorize = isColorSupported): DestinationStream {
  const prettify = prettyFactory({ colorize, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,app' });
  return { write: (line: string) => out.write(scrub(prettify(line))) };
}
