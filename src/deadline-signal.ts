/**
 * A signal bounded in time and by other signals, for work that takes both a caller's signal and a
 * timeout. Not AbortSignal.any([…, AbortSignal.timeout(ms)]): Node 20 holds the timeout inside it
 * only weakly, so a garbage collection while the work waits drops it and the composite never aborts
 * (nodejs/node#57736): a start-up bound that silently stops bounding anything.
 */
export interface Deadline {
  readonly signal: AbortSignal;
  /** The work is over: the timer is cleared and the other signals are no longer listened to. */
  clear(): void;
}

/** Aborts after `ms` with a TimeoutError (as AbortSignal.timeout does), or with the reason of the first of `signals` to abort. */
export function deadline(ms: number, ...signals: ReadonlyArray<AbortSignal | undefined>): Deadline {
  const controller = new AbortController();
  const sources = signals.filter((s): s is AbortSignal => s !== undefined);
  const early = sources.find((s) => s.aborted);
  if (early) {
    controller.abort(early.reason);
    return { signal: controller.signal, clear: () => undefined };
  }
  const end = (reason: unknown) => {
    clear();
    controller.abort(reason);
  };
  const onAbort = (event: Event) => end((event.target as AbortSignal).reason);
  // The timer holds the controller strongly; unref'd, like AbortSignal.timeout, so a bound alone never keeps the process alive.
  const timer = setTimeout(() => end(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), ms).unref();
  const clear = () => {
    clearTimeout(timer);
    for (const s of sources) s.removeEventListener('abort', onAbort);
  };
  for (const s of sources) s.addEventListener('abort', onAbort, { once: true });
  return { signal: controller.signal, clear };
}
