import { ProviderError, type ProviderCallObserver, type Readiness } from './types.ts';

/** How far back "answered recently" looks (README: Health). */
export const RECENT_MS = 5 * 60_000;
/** Failed calls in a row (each after its own retries) that make a service not ready at once. */
export const FAILURES_IN_A_ROW = 3;

/**
 * Whether an image service answered recently, for GET /readyz. Each call is counted once it has
 * run its retries: answered (any answer the service chose to give, a refusal of the request
 * included) or failed (unreachable, timed out, 5xx, our key or account refused, still rate
 * limited). A service is not ready when it was called in the last RECENT_MS and every call in that
 * time failed, or its last FAILURES_IN_A_ROW calls did; with no call in that time, nothing says
 * it is down, so it is ready.
 */
export class CallHealth {
  private lastAnsweredAt?: number;
  private lastFailedAt?: number;
  private lastFailure = '';
  private failedInARow = 0;

  constructor(private readonly now: () => number = Date.now) {}

  /** Records how a call ended, as its promise settles, and passes it on unchanged. */
  async track<T>(endpoint: string, call: Promise<T>): Promise<T> {
    try {
      const value = await call;
      this.answered();
      return value;
    } catch (err) {
      if (err instanceof ProviderError && err.kind === 'rejected') this.answered();
      else this.failed(`${endpoint}: ${whatFailed(err)}`);
      throw err;
    }
  }

  answered(): void {
    this.lastAnsweredAt = this.now();
    this.failedInARow = 0;
  }

  failed(what: string): void {
    this.lastFailedAt = this.now();
    this.lastFailure = what;
    this.failedInARow++;
  }

  status(): Readiness {
    const since = this.now() - RECENT_MS;
    if (this.lastFailedAt === undefined || this.lastFailedAt < since) return { ready: true };
    const answeredRecently = this.lastAnsweredAt !== undefined && this.lastAnsweredAt >= since;
    if (answeredRecently && this.failedInARow < FAILURES_IN_A_ROW) return { ready: true };
    const which = answeredRecently ? `the last ${this.failedInARow} calls failed` : 'every call in the last 5 minutes failed';
    return { ready: false, detail: `${which} (last: ${this.lastFailure})` };
  }
}

/** A short, safe description of a failure: its kind and HTTP status or socket error, never the service's words. */
function whatFailed(err: unknown): string {
  if (!(err instanceof ProviderError)) return attemptStatus(err);
  if (err.status !== undefined) return `${err.kind} (HTTP ${err.status})`;
  const code = (err.cause as { code?: unknown } | undefined)?.code;
  return err.cause ? `${err.kind} (${typeof code === 'string' && /^[A-Z_]+$/.test(code) ? code : attemptStatus(err.cause)})` : err.kind;
}

/** What a request that got no HTTP answer ended in, for a log line or an error: "timed out" whichever timer ended it, else its code. */
export function failureReason(err: unknown): string {
  if (!err) return 'unknown error';
  if (attemptStatus(err) === 'timeout') return 'timed out';
  const e = err as { code?: string; message?: string };
  return e.code || (e.message ?? String(err));
}

/** What a request that got no HTTP answer ended in, as a metrics status. */
export function attemptStatus(err: unknown): 'timeout' | 'network' {
  const e = err as { code?: string; name?: string } | undefined;
  const timedOut = e?.name === 'TimeoutError' || e?.name === 'AbortError' || e?.code === 'UND_ERR_HEADERS_TIMEOUT' || e?.code === 'UND_ERR_BODY_TIMEOUT';
  return timedOut ? 'timeout' : 'network';
}

/**
 * Times one HTTP attempt and reports it once: with its status when the answer came, or as a
 * timeout or network failure when it did not.
 */
export function startAttempt(observer: ProviderCallObserver | undefined, provider: string, endpoint: string): { answered(status: number): void; failed(err: unknown): void } {
  const started = performance.now();
  let reported = false;
  const report = (status: number | 'timeout' | 'network') => {
    if (reported || !observer) return;
    reported = true;
    observer.call({ provider, endpoint, status, seconds: (performance.now() - started) / 1000 });
  };
  return { answered: (status) => report(status), failed: (err) => report(attemptStatus(err)) };
}
