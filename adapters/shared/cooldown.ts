/**
 * "At most once per `ms` per key", for courtesy messages (a hint) that must not repeat for every
 * message of a burst. Bounded: the oldest keys are forgotten first, so it cannot grow without end.
 */
export class Cooldown {
  private readonly last = new Map<string, number>();

  constructor(
    private readonly ms: number,
    private readonly maxKeys = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** True (and the key's turn is used) when `key` has not had one within the last `ms`. */
  take(key: string): boolean {
    const now = this.now();
    const at = this.last.get(key);
    if (at !== undefined && now - at < this.ms) return false;
    // Re-inserted so the map stays in order of use: the first key is the one to forget.
    this.last.delete(key);
    this.last.set(key, now);
    if (this.last.size > this.maxKeys) this.last.delete(this.last.keys().next().value!);
    return true;
  }
}
