import type { ProviderTaskView } from '../providers/types.ts';

/** How long after it arrived an early update is tried again (ms), then given up to polling. */
const RETRY_AFTER_MS = [500, 1_000, 2_000, 4_000, 8_000, 16_000] as const;
/** Early updates held at most: beyond it the oldest is given up (polling still finds its task). */
const MAX_HELD = 1_000;

interface Held {
  provider: string;
  view: ProviderTaskView;
  attempt: number;
  timer?: NodeJS.Timeout;
}

/**
 * Updates (webhooks) for a provider task id the store does not know yet. A provider may post about
 * a task before the answer to its submit has been recorded (the submit's answer is still on its
 * way, or another instance sent it), and such an update used to be dropped: the task then waited
 * for a poll, a minute later where the provider posts updates. Held here, it is applied as soon as
 * this process records the id, else tried again a few times, newest view kept; past that the poll
 * remains the safety net. Only memory: a crash loses nothing polling would not find.
 */
export class EarlyUpdates {
  private readonly held = new Map<string, Held>();

  constructor(
    /** Applies the update; false while its id is still unknown. */
    private readonly apply: (provider: string, view: ProviderTaskView) => Promise<boolean>,
    private readonly onGiveUp: (provider: string, view: ProviderTaskView) => void,
  ) {}

  /** Holds an update whose id was unknown; a newer one for the same id replaces it. */
  hold(provider: string, view: ProviderTaskView): void {
    const key = keyOf(provider, view.providerTaskId);
    const before = this.held.get(key);
    if (before) {
      before.view = view;
      return;
    }
    if (this.held.size >= MAX_HELD) {
      const [oldest, entry] = this.held.entries().next().value!;
      clearTimeout(entry.timer);
      this.held.delete(oldest);
      this.onGiveUp(entry.provider, entry.view);
    }
    const entry: Held = { provider, view, attempt: 0 };
    this.held.set(key, entry);
    this.schedule(key, entry);
  }

  /** The ids a submit just recorded: what was held for them is applied now. */
  async recorded(provider: string, ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      const key = keyOf(provider, id);
      const entry = this.held.get(key);
      if (!entry) continue;
      clearTimeout(entry.timer);
      this.held.delete(key);
      await this.apply(provider, entry.view);
    }
  }

  /** Drops every held update and its timer (on stop). */
  clear(): void {
    for (const entry of this.held.values()) clearTimeout(entry.timer);
    this.held.clear();
  }

  get size(): number {
    return this.held.size;
  }

  private schedule(key: string, entry: Held): void {
    const wait = RETRY_AFTER_MS[entry.attempt];
    if (wait === undefined) {
      this.held.delete(key);
      this.onGiveUp(entry.provider, entry.view);
      return;
    }
    entry.timer = setTimeout(() => {
      if (this.held.get(key) !== entry) return;
      entry.attempt++;
      entry.timer = undefined;
      const tried = entry.view;
      this.apply(entry.provider, tried)
        .catch(() => false)
        .then((applied) => {
          // Taken meanwhile (recorded, cleared, or pushed out): nothing left to do here.
          if (this.held.get(key) !== entry) return;
          if (!applied) return this.schedule(key, entry);
          this.held.delete(key);
          // A newer view arrived while this one was applied: the id is known now, so it applies at once.
          if (entry.view !== tried) void this.apply(entry.provider, entry.view).catch(() => false);
        });
    }, wait);
    entry.timer.unref();
  }
}

function keyOf(provider: string, id: string): string {
  return `${provider}\u0000${id}`;
}
