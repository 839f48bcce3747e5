import type { Store } from '../store/index.ts';
import type { InboxItem } from '../store/inbox-repo.ts';
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
    /** This process; an update started by another (dead) process may be taken over. */
    private readonly owner: string,
    private readonly now: () => number = Date.now,
  ) {}

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
    return await inbox.begin(item.id, this.owner, now);
  }

  async finish(id: string): Promise<void> {
    await this.store.inbox.finish(id, this.now());
  }

  /** What a stop or a crash left unhandled, oldest first. */
  async unfinished(platform: Platform, limit = 1_000): Promise<InboxItem[]> {
    return await this.store.inbox.open(platform, limit);
  }

  async prune(): Promise<number> {
    return await this.store.inbox.prune(this.now() - REMEMBER_MS);
  }
}
