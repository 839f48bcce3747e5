import { randomBytes } from 'node:crypto';

/** A random URL-safe id; 12 characters carry 72 bits, short enough for Telegram's 64-byte callback data. */
export function newId(length = 12): string {
  return randomBytes(Math.ceil((length * 3) / 4))
    .toString('base64url')
    .slice(0, length);
}
