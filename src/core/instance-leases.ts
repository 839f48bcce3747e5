import type { Logger } from '../logger.ts';
import type { Store } from '../store/index.ts';

/**
 * This instance's hold on the work it has taken: a submit in flight, a delivery in progress and a
 * platform update being handled carry its id and a lease that this heartbeat renews. When an
 * instance dies its leases lapse within `leaseMs`, and another instance takes the work over.
 */
export class InstanceLeases {
  private timer?: NodeJS.Timeout;
  private readonly now: () => number;

  constructor(
    private readonly o: {
      store: Store;
      /** This process: the owner its leases name. */
      owner: string;
      /** How long a lease lasts without renewal; renewed three times within it. */
      leaseMs: number;
      log: Logger;
      now?: () => number;
    },
  ) {
    this.now = o.now ?? Date.now;
  }

  get owner(): string {
    return this.o.owner;
  }

  get leaseMs(): number {
    return this.o.leaseMs;
  }

  /** Until when a lease taken now lasts. */
  until(): number {
    return this.now() + this.o.leaseMs;
  }

  start(): void {
    this.stop();
    const beat = () => {
      void this.renew().finally(() => {
        if (this.timer) this.timer = setTimeout(beat, Math.max(1, Math.floor(this.o.leaseMs / 3))).unref();
      });
    };
    this.timer = setTimeout(beat, Math.max(1, Math.floor(this.o.leaseMs / 3))).unref();
  }

  /** Extends every lease this instance holds; a failure is logged (the next beat tries again). */
  async renew(): Promise<void> {
    const until = this.until();
    try {
      await this.o.store.transaction(async (tx) => {
        await tx.tasks.renewLeases(this.o.owner, until);
        await tx.inbox.renewLeases(this.o.owner, until);
      });
    } catch (err) {
      this.o.log.warn({ err }, 'could not renew this instance\'s leases; another instance may take its work over if this goes on');
    }
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** At the end of a stop: what this instance still holds is let go, for another instance to take at once. */
  async release(): Promise<number> {
    this.stop();
    return await this.o.store.transaction(async (tx) => (await tx.tasks.releaseLeases(this.o.owner)) + (await tx.inbox.releaseLeases(this.o.owner)));
  }
}
