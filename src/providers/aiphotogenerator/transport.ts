import { Pool } from 'undici';
import type { Logger } from '../../logger.ts';
import { ProviderError, type ProviderCallObserver, type Readiness } from '../types.ts';
import { CallHealth, failureReason, startAttempt } from '../call-health.ts';
import { deadline } from '../../deadline-signal.ts';
import { refusal, retryAfterMs, type Operation } from './errors.ts';
import { AIPHOTOGENERATOR, AIPHOTOGENERATOR_ID } from './service.ts';

/** Socket errors that prove the request never reached the service, so even a submit may be retried. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);

export interface TransportOptions {
  token: string;
  /** The API's base, including its path (https://www.aiphotogenerator.net/api). */
  baseUrl: string;
  log: Logger;
  timeoutMs: number;
  /** Extra attempts: reads on 429, 5xx and network errors; submits on 429 and unsent requests only. */
  retries: number;
  /** First backoff step; doubles each attempt, with jitter. */
  backoffMs: number;
  /** The longest Retry-After honoured; a longer one is waited for this long. */
  maxRetryAfterMs: number;
  connections: number;
  sleep: (ms: number) => Promise<void>;
  scrub: (text: string) => string;
  /** Told of every HTTP attempt (the app's metrics). */
  calls?: ProviderCallObserver;
}

interface Answer {
  status: number;
  json: unknown;
  retryAfterMs?: number;
}

/**
 * HTTP to aiphotogenerator.net over one keep-alive pool. A submit is sent again only when the
 * service cannot have acted on it (429, or the connection never opened): anything else might
 * have queued images the operator pays for.
 */
export class Transport {
  private readonly pool: Pool;
  private readonly prefix: string;
  private readonly health = new CallHealth();

  constructor(private readonly opts: TransportOptions) {
    const base = new URL(opts.baseUrl);
    this.prefix = base.pathname.replace(/\/+$/, '');
    this.pool = new Pool(base.origin, {
      connections: opts.connections,
      keepAliveTimeout: 30_000,
      headersTimeout: opts.timeoutMs,
      bodyTimeout: opts.timeoutMs,
    });
  }

  /**
   * The JSON of a 2xx answer; otherwise a ProviderError. `path` is below the base URL. `signal` ends
   * the attempts early (a check's bound or a stop); the last failure is then thrown. How it ended
   * counts towards readiness.
   */
  call(operation: Operation, req: { method: 'GET' | 'POST'; path: string; json?: unknown }, kind: 'read' | 'submit', signal?: AbortSignal): Promise<unknown> {
    return this.health.track(operation, this.attempts(operation, req, kind, signal));
  }

  /** Whether the service answered recently (GET /readyz). */
  status(): Readiness {
    return this.health.status();
  }

  private async attempts(operation: Operation, req: { method: 'GET' | 'POST'; path: string; json?: unknown }, kind: 'read' | 'submit', signal?: AbortSignal): Promise<unknown> {
    const { log, retries, scrub } = this.opts;
    let last: { status?: number; error?: unknown } = {};
    let delay = 0;
    for (let attempt = 0; attempt <= retries; attempt++) {
      if (attempt > 0 && !(await this.pause(delay, signal))) break;
      delay = this.backoff(attempt + 1);
      let answer: Answer;
      try {
        answer = await this.once(operation, req, signal);
      } catch (err) {
        const code = (err as { code?: string }).code ?? '';
        last = { error: err };
        const retryable = (kind === 'read' || NOT_SENT.has(code)) && !signal?.aborted;
        log.warn({ operation, attempt, code, reason: failureReason(err), retryable }, 'aiphotogenerator.net request failed');
        if (!retryable) break;
        continue;
      }
      const { status, json } = answer;
      if (status >= 200 && status < 300) return json;
      const refused = refusal(status, json, operation, scrub);
      if (refused) throw refused;
      last = { status };
      // A 429 was not processed, so even a submit may be repeated; a 5xx or 408 may have queued images.
      const retryable = kind === 'read' || status === 429;
      if (status === 429 && answer.retryAfterMs !== undefined) delay = Math.min(answer.retryAfterMs, this.opts.maxRetryAfterMs);
      log.warn({ operation, attempt, status, retryable, ...(retryable && attempt < retries ? { retryInMs: Math.round(delay) } : {}) }, 'aiphotogenerator.net answered with an error');
      if (!retryable) break;
    }
    if (last.status === 429) {
      throw new ProviderError('rate_limited', operation, 'aiphotogenerator.net is rate limiting us (HTTP 429)', 429, AIPHOTOGENERATOR);
    }
    const why = last.status !== undefined ? `HTTP ${last.status}` : failureReason(last.error);
    throw new ProviderError('unavailable', operation, scrub(`aiphotogenerator.net ${operation} failed: ${why}`), last.status, {
      ...AIPHOTOGENERATOR,
      cause: last.error,
    });
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  /** Waits between attempts; false when the signal ended the wait. */
  private async pause(ms: number, signal: AbortSignal | undefined): Promise<boolean> {
    if (!signal) {
      await this.opts.sleep(ms);
      return true;
    }
    if (signal.aborted) return false;
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<false>((resolve) => {
      onAbort = () => resolve(false);
      signal.addEventListener('abort', onAbort, { once: true });
    });
    const waited = await Promise.race([this.opts.sleep(ms).then(() => true as const), aborted]);
    signal.removeEventListener('abort', onAbort!);
    return waited;
  }

  private async once(operation: Operation, req: { method: 'GET' | 'POST'; path: string; json?: unknown }, signal?: AbortSignal): Promise<Answer> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.opts.token}`, accept: 'application/json' };
    let body: string | undefined;
    if (req.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(req.json);
    }
    // Counted by operation, never by path: a lookup's path holds the image id.
    const attempt = startAttempt(this.opts.calls, AIPHOTOGENERATOR_ID, operation);
    let res: Awaited<ReturnType<Pool['request']>>;
    let text: string;
    // The caller's signal and this call's own timeout, whichever ends first.
    const bound = deadline(this.opts.timeoutMs, signal);
    try {
      res = await this.pool.request({
        path: `${this.prefix}${req.path}`,
        method: req.method,
        headers,
        body,
        signal: bound.signal,
      });
      text = await res.body.text();
    } catch (err) {
      attempt.failed(err);
      throw err;
    } finally {
      bound.clear();
    }
    attempt.answered(res.statusCode);
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      // An HTML error page, say: never shown to users as the service's words.
      json = undefined;
    }
    return { status: res.statusCode, json, retryAfterMs: retryAfterMs(res.headers['retry-after'], Date.now()) };
  }

  /** Full jitter between half the step and the step, so a burst of pollers spreads out. */
  private backoff(attempt: number): number {
    const step = this.opts.backoffMs * 2 ** (attempt - 1);
    return step / 2 + Math.random() * (step / 2);
  }
}

