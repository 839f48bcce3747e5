import type { Store } from '../store/index.ts';
import type { InboxItem } from '../store/records/inbox.ts';
import type { Platform } from './chat.ts';

/** Handled updates are remembered this long, to recognise a redelivery. */
const REMEMBER_MS = 24 * 3_600_000;

/**
 * The durable inbox of platform updates. An adapter records what it received before the platform
 * learns that it was received, claims each update before handling it and marks it done after, and
 * on start hands back what a crash interrupted. Commands stay exactly-once on replay because the
 * things they write (a task, a credit movement) carry the update as their origin.
 */
export class Inbox {
  constructor(
    private readonly store: Store,
    /** This process, and how long its hold on an update lasts unless renewed (see InstanceLeases). */
    private readonly lease: { owner: string; leaseMs: number },
    /**
     * Whether other instances share the store. Alone, every update another owner started at a
     * start is a previous run's; shared, only one whose lease lapsed is, and a received one is
     * left to the instance that received it for a lease's time.
     */
    readonly shared: boolean,
    private readonly now: () => number = Date.now,
  ) {}

  /** How long a hold on an update lasts unless renewed: how often to look for ones left by a dead instance. */
  get leaseMs(): number {
    return this.lease.leaseMs;
  }

  /** Records updates in one transaction; ids already known are ignored. */
  async record(platform: Platform, items: readonly InboxItem[]): Promise<void> {
    if (items.length === 0) return;
    const now = this.now();
    await this.store.transaction(async (tx) => {
      for (const item of items) await tx.inbox.record(item.id, platform, item.payload, now);
    });
  }

  /** True when the caller should handle the update now (false: done already, or in hand here). */
  async begin(platform: Platform, item: InboxItem): Promise<boolean> {
    const { inbox } = this.store;
    const now = this.now();
    await inbox.record(item.id, platform, item.payload, now);
    return await inbox.begin(item.id, this.lease.owner, now, now + this.lease.leaseMs);
  }

  async finish(id: string): Promise<void> {
    await this.store.inbox.finish(id, this.now());
  }

  /** What a stop or a crash (of this process or, shared, of another instance) left unhandled, oldest first. */
  async unfinished(platform: Platform, limit = 1_000): Promise<InboxItem[]> {
    const now = this.now();
    if (!this.shared) {
      // Nobody else uses this store: what another owner holds is a previous run's. Handled here,
      // an update of this run is safe from its own replay (begin refuses its own owner).
      await this.store.inbox.releaseLeases(null);
      return await this.store.inbox.open(platform, now, now, limit);
    }
    return await this.store.inbox.open(platform, now, now - this.lease.leaseMs, limit);
  }

  async prune(): Promise<number> {
    return await this.store.inbox.prune(this.now() - REMEMBER_MS);
  }
}
