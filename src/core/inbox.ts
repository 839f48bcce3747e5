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
  record(platform: Platform, items: readonly InboxItem[]): void {
    if (items.length === 0) return;
    const { inbox } = this.store;
    const now = this.now();
    this.store.db.transaction(() => {
      for (const item of items) inbox.record(item.id, platform, item.payload, now);
    })();
  }

  /** True when the caller should handle the update now (false: done already, or in hand here). */
  begin(platform: Platform, item: InboxItem): boolean {
    const { inbox } = this.store;
    const now = this.now();
    inbox.record(item.id, platform, item.payload, now);
    return inbox.begin(item.id, this.owner, now);
  }

  finish(id: string): void {
    this.store.inbox.finish(id, this.now());
  }

  /** What a stop or a crash left unhandled, oldest first. */
  unfinished(platform: Platform, limit = 1_000): InboxItem[] {
    return this.store.inbox.open(platform, limit);
  }

  prune(): number {
    return this.store.inbox.prune(this.now() - REMEMBER_MS);
  }
}
