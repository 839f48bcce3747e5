import type { PlatformAdapter } from '../core/chat.ts';
import { StartupError, StartupStopped } from './errors.ts';

/**
 * Connects every platform at once, each within `timeoutMs`. One that fails stops start-up: the
 * others' attempts are ended and the failures are reported in one line (a platform silently
 * missing would leave its users unanswered while the operator believes all is well).
 */
export async function startPlatforms(adapters: readonly PlatformAdapter[], o: { signal?: AbortSignal; timeoutMs: number }): Promise<void> {
  const failed = new AbortController();
  const signal = o.signal ? AbortSignal.any([o.signal, failed.signal]) : failed.signal;
  const results = await Promise.allSettled(
    adapters.map((a) =>
      a.start({ signal, timeoutMs: o.timeoutMs }).catch((err: unknown) => {
        failed.abort(err);
        throw err;
      }),
    ),
  );
  if (o.signal?.aborted) throw new StartupStopped();
  // A platform whose attempt ended because another failed reports StartupStopped: not its fault.
  const reasons = results.flatMap((r) => (r.status === 'rejected' && !(r.reason instanceof StartupStopped) ? [r.reason as unknown] : []));
  if (reasons.length === 0) return;
  if (reasons.length === 1 && !(reasons[0] instanceof StartupError)) throw reasons[0];
  throw new StartupError(reasons.map((r) => (r instanceof Error ? r.message : String(r))).join('; '));
}
