import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// A test worker runs without --expose-gc: the flag set now gives a fresh context the gc() function.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * A full garbage collection every `everyMs` until the returned function is called: what a busy
 * process does sooner or later, made certain, for bugs that only show when a collection comes at
 * the wrong moment.
 */
export function collectGarbageEvery(everyMs: number): () => void {
  const timer = setInterval(gc, everyMs);
  return () => clearInterval(timer);
}

/**
 * The promise's outcome, or 'still waiting' after `ms`: a bound far beyond what is expected, so
 * that a wait which would never end fails its test instead of hanging it.
 */
export function settledWithin<T>(work: Promise<T>, ms: number): Promise<T | 'still waiting'> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<'still waiting'>((resolve) => (timer = setTimeout(() => resolve('still waiting'), ms)));
  return Promise.race([work, bound]).finally(() => clearTimeout(timer));
}
