/**
 * Latest-wins, rate-limited edits per message: progress can arrive faster than a platform accepts
 * edits, and only the newest text matters. Each adapter picks its own interval. An edit gets a
 * signal that aborts when the message's final edit is ready, so one still waiting for the
 * platform's limits is dropped rather than waited for.
 */
type Edit = (signal: AbortSignal) => Promise<void>;

export class EditCoalescer {
  private readonly slots = new Map<string, { last: number; pending?: Edit; timer?: NodeJS.Timeout; running?: Promise<void>; abort?: AbortController }>();

  constructor(private readonly minIntervalMs: number, private readonly onError: (err: unknown) => void) {}

  schedule(key: string, edit: Edit): void {
    const slot = this.slots.get(key) ?? { last: 0 };
    this.slots.set(key, slot);
    slot.pending = edit;
    if (slot.timer || slot.running) return;
    const wait = Math.max(0, slot.last + this.minIntervalMs - Date.now());
    slot.timer = setTimeout(() => this.flush(key), wait);
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
      });
  }

  /**
   * Drops queued edits for a message, and the one in flight if it still waits for the platform,
   * then waits for it to settle, so a final edit lands last.
   */
  async cancel(key: string): Promise<void> {
    const slot = this.slots.get(key);
    if (!slot) return;
    if (slot.timer) clearTimeout(slot.timer);
    slot.pending = undefined;
    slot.abort?.abort();
    this.slots.delete(key);
    await slot.running;
  }

  clear(): void {
    for (const slot of this.slots.values()) {
      if (slot.timer) clearTimeout(slot.timer);
      slot.abort?.abort();
    }
    this.slots.clear();
  }
}
