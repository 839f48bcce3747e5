import type { Logger } from '../logger.ts';
import type { ImageProvider } from '../providers/types.ts';
import { logAccount } from './accounts.ts';
import { deadline } from '../deadline-signal.ts';

/** How often the credits are read again after start: often enough to warn before they run out. */
export const CREDIT_CHECK_MS = 3_600_000;
/** How long one of those reads may take. */
const CHECK_TIMEOUT_MS = 30_000;

/**
 * Reads each provider's account now and then, so the low-credits warning comes when the credits
 * run low, not only at start. Failures are logged and tried again next time.
 */
export class CreditWatch {
  private timer?: NodeJS.Timeout;
  private readonly stopping = new AbortController();

  constructor(
    private readonly providers: readonly ImageProvider[],
    private readonly o: { warnBelow: number; log: Logger; everyMs?: number },
  ) {}

  start(): void {
    if (!this.providers.some((p) => typeof p.account === 'function')) return;
    // unref: the watch never keeps the process alive on its own.
    this.timer = setInterval(() => void this.check(), this.o.everyMs ?? CREDIT_CHECK_MS).unref();
  }

  async check(): Promise<void> {
    for (const provider of this.providers) {
      if (!provider.account || this.stopping.signal.aborted) continue;
      const bound = deadline(CHECK_TIMEOUT_MS, this.stopping.signal);
      try {
        logAccount(provider, await provider.account({ signal: bound.signal }), this.o.warnBelow, this.o.log);
      } catch (err) {
        if (!this.stopping.signal.aborted) this.o.log.warn({ err, provider: provider.id }, 'could not read the provider account; trying again later');
      } finally {
        bound.clear();
      }
    }
  }

  stop(): void {
    clearInterval(this.timer);
    this.stopping.abort();
  }
}
