import { deadline } from '../deadline-signal.ts';
import { StartupStopped } from './errors.ts';

/**
 * The signal one start-up step runs under: aborted by a stop, or by a TimeoutError after `ms`. Never
 * cleared: a step ends once, and its timer is unref'd.
 */
export function stepSignal(stop: AbortSignal | undefined, ms: number): AbortSignal {
  return deadline(ms, stop).signal;
}

/** Whether the step ended because its time ran out (rather than a stop). */
export function timedOut(signal: AbortSignal): boolean {
  return signal.aborted && (signal.reason as { name?: string } | undefined)?.name === 'TimeoutError';
}

/** Throws StartupStopped when the signal was aborted for any reason but its own bound. */
export function throwIfStopped(signal: AbortSignal): void {
  if (signal.aborted && !timedOut(signal)) throw new StartupStopped();
}

/** Settles with the work, or rejects when the signal aborts first: for calls that take no signal (a discord.js login). */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(err as Error);
      },
    );
  });
}
