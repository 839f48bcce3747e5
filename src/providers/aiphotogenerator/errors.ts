import { NOTHING_SAID, ProviderError } from '../types.ts';
import { errorBody } from './schemas.ts';
import { AIPHOTOGENERATOR } from './service.ts';

export type Operation = 'generate' | 'lookup';

const MAX_SAID_CHARS = 500;

/**
 * What an HTTP error answer means: a ProviderError to throw at once, or undefined when the status
 * is one that may be retried (429, 5xx, 408) — whether it is depends on the operation.
 */
export function refusal(status: number, json: unknown, operation: Operation, scrub: (text: string) => string): ProviderError | undefined {
  if (status === 401 || status === 403) {
    return new ProviderError('auth', operation, `aiphotogenerator.net refused the API token (HTTP ${status})`, status, AIPHOTOGENERATOR);
  }
  if (status === 402) {
    return new ProviderError('out_of_credits', operation, 'aiphotogenerator.net says the account has too few credits (HTTP 402)', status, AIPHOTOGENERATOR);
  }
  if (status === 400 || status === 422) {
    return new ProviderError('rejected', operation, scrub(validationMessage(json) ?? NOTHING_SAID), status, AIPHOTOGENERATOR);
  }
  if (status === 404) {
    // For a lookup: no such image (the client leaves it out). For a submit: the base URL is wrong.
    const message = operation === 'lookup' ? 'no such image' : 'aiphotogenerator.net has no /images/generate there (HTTP 404): check AIPHOTOGENERATOR_BASE_URL';
    return new ProviderError(operation === 'lookup' ? 'rejected' : 'unavailable', operation, message, status, AIPHOTOGENERATOR);
  }
  if (status === 408 || status === 429 || status >= 500) return undefined;
  return new ProviderError('unavailable', operation, `aiphotogenerator.net answered HTTP ${status}`, status, AIPHOTOGENERATOR);
}

/**
 * The service's own words on a refused request: each field's first complaint (Laravel's `errors`),
 * else its `message` or `error`. Shown to the user, so bounded.
 */
export function validationMessage(json: unknown): string | undefined {
  const body = errorBody.safeParse(json);
  if (!body.success) return undefined;
  const perField = Object.values(body.data.errors ?? {})
    .map((v) => (Array.isArray(v) ? v[0] : v))
    .filter((v): v is string => typeof v === 'string' && v.trim() !== '')
    .map((v) => v.trim());
  const said = perField.length > 0 ? perField.slice(0, 3).join(' ') : (body.data.message ?? body.data.error)?.trim();
  if (!said) return undefined;
  return said.length > MAX_SAID_CHARS ? `${said.slice(0, MAX_SAID_CHARS)}…` : said;
}

/** Retry-After in milliseconds: whole seconds or an HTTP date (RFC 9110); undefined when absent or unreadable. */
export function retryAfterMs(header: string | string[] | undefined, now: number): number | undefined {
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (!value) return undefined;
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
