/**
 * Counts every Discord REST request and each 429 (one per attempt, retries included), by method
 * and route. The route is discord.js's bucket route with every segment that is not a fixed word
 * replaced: ids and interaction or webhook tokens never become labels.
 */
import { RESTEvents, type REST } from 'discord.js';
import type { Metrics } from '../../src/metrics.ts';

/** A path segment kept as it is: a lowercase word such as `channels`, `@original` or `bulk-delete`, or a placeholder. */
const WORD = /^(@?[a-z][a-z-]{0,23}|:[a-z]+)$/;

export function routeLabel(method: string, route: string): string {
  const path = route
    .split('?')[0]!
    .split('/')
    .map((segment) => {
      let decoded = segment;
      try {
        decoded = decodeURIComponent(segment);
      } catch {
        // Not valid percent-encoding: it is not a word either.
      }
      return decoded === '' || WORD.test(decoded) ? decoded : ':id';
    })
    .join('/');
  return `${method.toUpperCase()} ${path}`;
}

export function countRestCalls(rest: REST, metrics: Metrics): void {
  rest.on(RESTEvents.Response, (request, response) => {
    const labels = { platform: 'discord', method: routeLabel(request.method, request.route) };
    metrics.platformApiCalls.inc(labels);
    if (response.status === 429) metrics.platformApiRateLimited.inc(labels);
    // discord.js hands listeners a clone of the response. Its body is read to the end, not
    // cancelled: a 429's body discord.js never reads itself, and a stop that aborts the request
    // while that stream is still open rejects inside fetch where nobody can catch it.
    void (response as { arrayBuffer?: () => Promise<unknown> }).arrayBuffer?.().catch(() => undefined);
  });
}
