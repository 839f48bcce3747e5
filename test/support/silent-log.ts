import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/logger.ts';

/** A logger that keeps its lines in memory, so tests can read them (and prove secrets are absent). */
export function memoryLogger(secrets: string[] = [], level = 'debug'): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      lines.push(String(chunk));
      cb();
    },
  });
  return { log: createLogger({ level, secrets, destination }), lines };
}
