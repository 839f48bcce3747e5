import { createHash, timingSafeEqual } from 'node:crypto';

/** Constant-time comparison; hashing first hides the secret's length too. */
export function secretMatches(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
