/**
 * Telling "could not be reached" from "was refused". A network failure arrives wrapped (fetch's
 * TypeError → cause, grammY's HttpError → error, several connection attempts → AggregateError):
 * the code underneath decides, and only a refusal by the service may blame a token.
 */

/** How deep the wrappers are searched: fetch and the platform libraries wrap two or three times. */
const MAX_DEPTH = 6;

/** undici's own codes for a connection that failed or went silent. */
const UNDICI_NETWORK = /^UND_ERR_(CONNECT_TIMEOUT|SOCKET|HEADERS_TIMEOUT|BODY_TIMEOUT|CLOSED)$/;
/** System errors (ECONNREFUSED, ENOTFOUND, EAI_AGAIN, ETIMEDOUT, ECONNRESET, EHOSTUNREACH…) and TLS ones. */
const SYSTEM_NETWORK = /^(E[A-Z]+|ERR_TLS_\w+|\w*CERT\w*|\w*SELF_SIGNED\w*)$/;

/** The code of the network failure under an error (ECONNREFUSED, ENOTFOUND, timed out…), or undefined when it is none. */
export function networkCode(err: unknown): string | undefined {
  const seen = new Set<unknown>();
  let level: unknown[] = [err];
  for (let depth = 0; depth < MAX_DEPTH && level.length > 0; depth++) {
    const next: unknown[] = [];
    for (const e of level) {
      if (!e || typeof e !== 'object' || seen.has(e)) continue;
      seen.add(e);
      const { code, name, cause, error, errors } = e as { code?: unknown; name?: unknown; cause?: unknown; error?: unknown; errors?: unknown };
      if (typeof code === 'string' && (UNDICI_NETWORK.test(code) || SYSTEM_NETWORK.test(code))) return code;
      if (name === 'TimeoutError' || name === 'ConnectTimeoutError') return 'timed out';
      next.push(cause, error, ...(Array.isArray(errors) ? errors : []));
    }
    level = next;
  }
  return undefined;
}

/** "2 s", "1.5 s", "30 s": a bound as an operator reads it. */
export function inSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(1))} s`;
}

/**
 * The one line for a service that could not be reached: where, why (the network code, or no answer
 * within the bound), and what to check.
 */
export function unreachableLine(o: { service: string; url: string; code?: string; timeoutMs?: number; check: string }): string {
  // "within 2 s (timed out)" says it twice.
  if (o.code === 'timed out' && o.timeoutMs !== undefined) o = { ...o, code: undefined };
  const why = o.code ? ` (${o.code})` : '';
  const within = o.timeoutMs !== undefined ? ` within ${inSeconds(o.timeoutMs)}` : '';
  const head = o.code || o.timeoutMs === undefined ? `${o.service} could not be reached at ${o.url}${within}${why}` : `${o.service} did not answer at ${o.url}${within}`;
  const bound = o.timeoutMs !== undefined ? ' (STARTUP_TIMEOUT_MS sets how long start-up waits)' : '';
  return `${head}: check ${o.check} and this machine's network (DNS, proxy, firewall)${bound}`;
}
