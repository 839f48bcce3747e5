import type { Store } from '../store/index.ts';
import type { Scope } from './chat.ts';
import { UserError } from './errors.ts';
import { msg, SOURCE_LOCALE, t, type Locale } from '../i18n/index.ts';

/** At most `limit` commands per user in any `windowMs` (USER_RATE_LIMIT). */
export interface RateLimit {
  limit: number;
  windowMs: number;
}

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000 } as const;
const SPEC = /^(\d+)\s*\/\s*(\d+)\s*([smh]?)$/i;

/** `10/60s`, `10/1m`, `100/1h` (a bare number is seconds); `off` is none. A string is what is wrong. */
export function parseRateLimit(text: string): RateLimit | 'off' | string {
  const t = text.trim().toLowerCase();
  if (t === 'off' || t === '0') return 'off';
  const m = SPEC.exec(t);
  if (!m) return 'must look like 10/60s (commands per window, the window in s, m or h), or off';
  const limit = Number(m[1]);
  const windowMs = Number(m[2]) * UNIT_MS[(m[3] || 's') as keyof typeof UNIT_MS];
  if (limit < 1 || limit > 100_000) return 'must allow 1 to 100000 commands per window';
  if (windowMs < 1_000 || windowMs > 86_400_000) return 'must have a window of 1 s to 24 h';
  return { limit, windowMs };
}

/** "a minute", "60 seconds" → the window as a user reads it. */
export function describeWindow(ms: number, locale: Locale = SOURCE_LOCALE): string {
  const [unit, count] = windowUnit(ms);
  return t(locale, 'rate-window', { unit, count });
}

/** The window in its largest whole unit. */
function windowUnit(ms: number): ['hour' | 'minute' | 'second', number] {
  if (ms % 3_600_000 === 0) return ['hour', ms / 3_600_000];
  if (ms % 60_000 === 0) return ['minute', ms / 60_000];
  return ['second', Math.round(ms / 1_000)];
}

export interface UserRateLimiterOptions {
  store: Store;
  /** None: every command is let through and nothing is stored. */
  limit?: RateLimit;
  /** Operators are never limited (they may be fixing something in a hurry). */
  isOperator(scope: Scope): boolean;
  now?: () => number;
}

/**
 * The per-user limit on commands and button presses: a sliding window kept in the store, so every
 * instance sharing the database counts the same commands. A refusal is itself not counted.
 */
export class UserRateLimiter {
  private readonly now: () => number;

  constructor(private readonly o: UserRateLimiterOptions) {
    this.now = o.now ?? Date.now;
  }

  /** Throws `rate_limited`, saying how long to wait, when this command would be one too many. */
  async check(scope: Scope): Promise<void> {
    const { limit } = this.o;
    if (!limit || this.o.isOperator(scope)) return;
    const now = this.now();
    const decision = await this.o.store.rateLimits.take(`${scope.platform}:user:${scope.userId}`, limit.limit, limit.windowMs, now);
    if (decision.allowed) return;
    const wait = Math.max(1, Math.ceil((decision.retryAt - now) / 1_000));
    const [unit, count] = windowUnit(limit.windowMs);
    throw new UserError('rate_limited', msg('error-rate-limited', { limit: limit.limit, unit, count, wait }), { waitSeconds: wait });
  }

  /** Forgets the windows nobody used for longer than the window (they are empty). */
  prune(): Promise<number> {
    const { limit } = this.o;
    return limit ? this.o.store.rateLimits.prune(this.now() - limit.windowMs) : Promise.resolve(0);
  }
}
