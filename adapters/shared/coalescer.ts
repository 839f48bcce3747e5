/**
 * Latest-wins, rate-limited edits per message: progress can arrive faster than a platform accepts
 * edits, and only the newest text matters. Each adapter picks its own interval. An edit gets a
 * signal that aborts when the message's final edit is ready, so one still waiting for the
 * platform's limits is dropped rather than waited for.
 */
type Edit = (signal: AbortSignal) => Promise<void>;

interface Slot {
  last: number;
  pending?: Edit;
  timer?: NodeJS.Timeout;
  running?: Promise<void>;
  /** Aborts the edit in flight (see cancel). */
  abort?: AbortController;
  /** Forgets the idle slot once its interval has passed. */
  expiry?: NodeJS.Timeout;
}

export class EditCoalescer {
  private readonly slots = new Map<string, Slot>();

  constructor(private readonly minIntervalMs: number, private readonly onError: (err: unknown) => void) {}

  schedule(key: string, edit: Edit): void {
    const slot = this.slots.get(key) ?? { last: 0 };
    this.slots.set(key, slot);
    slot.pending = edit;
    clearTimeout(slot.expiry);
    slot.expiry = undefined;
    if (slot.timer || slot.running) return;
    const wait = Math.max(0, slot.last + this.minIntervalMs - Date.now());
    slot.timer = setTimeout(() => this.flush(key), wait);
  }

  /** Messages with an edit waiting, running, or edited within the interval. */
  get size(): number {
    return this.slots.size;
  }

  private flush(key: string): void {
    const slot = this.slots.get(key);
    if (!slot) return;
    slot.timer = undefined;
    const edit = slot.pending;
    slot.pending = undefined;
    if (!edit) return;
    slot.last = Date.now();
    const abort = new AbortController();
    slot.abort = abort;
    slot.running = edit(abort.signal)
      .catch(this.onError)
      .finally(() => {
        slot.running = undefined;
        slot.abort = undefined;
        if (slot.pending) this.schedule(key, slot.pending);
        else if (this.slots.get(key) === slot) this.forgetLater(key, slot);
      });
  }

  /**
   * Past its interval an idle slot holds nothing an absent one would not, so it goes: a message
   * edited here whose final edit is made elsewhere (another instance delivered its result) would
   * otherwise be remembered for good, one slot per finished job.
   */
  private forgetLater(key: string, slot: Slot): void {
    slot.expiry = setTimeout(
      () => {
        if (this.slots.get(key) === slot && !slot.pending && !slot.timer && !slot.running) this.slots.delete(key);
      },
      Math.max(0, slot.last + this.minIntervalMs - Date.now()),
    );
    slot.expiry.unref();
  }

  /**
   * Drops queued edits for a message, and the one in flight if it still waits for the platform,
   * then waits for it to settle, so a final edit lands last.
   */
  async cancel(key: string): Promise<void> {
    const slot = this.slots.get(key);
    if (!slot) return;
    clearTimeout(slot.timer);
    clearTimeout(slot.expiry);
    slot.pending = undefined;
    slot.abort?.abort();
    this.slots.delete(key);
    await slot.running;
  }

  clear(): void {
    for (const slot of this.slots.values()) {
      clearTimeout(slot.timer);
      clearTimeout(slot.expiry);
      slot.abort?.abort();
    }
    this.slots.clear();
  }
}
