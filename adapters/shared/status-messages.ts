/**
 * Running status messages (a photo set's count): one message per key, edited as news arrives
 * rather than a new message per update. Edits keep to the chat's pace and only the newest text is
 * shown; a new message is posted when the last one is far up the chat (more than `farAfter`
 * messages above the update) or gone. Each adapter supplies how to send and edit, and a position
 * that grows as the chat moves on (a Telegram message id, a count of Discord messages).
 */

export interface StatusIo<Ref> {
  send(text: string): Promise<Ref>;
  /** False when the message is gone (deleted); true when it shows `text`. */
  edit(ref: Ref, text: string): Promise<boolean>;
}

interface Entry<Ref> {
  ref: Ref;
  /** Where in the chat the message was posted. */
  position: number;
  /** The newest text, how to show it and where its update came from. */
  text: string;
  io: StatusIo<Ref>;
  latest: number;
  /** The newest text is not shown yet. */
  dirty: boolean;
  lastShown: number;
  timer?: NodeJS.Timeout;
}

export interface StatusMessagesOptions {
  /** Messages below the status after which an update posts a new one instead of editing. */
  farAfter: number;
  /** The least time between two edits of a key's message (the chat's pace). */
  intervalMs: (key: string) => number;
  /** Where a scheduled edit's failure goes (the update that asked for it has long returned). */
  onError: (err: unknown) => void;
  /** Keys remembered at most (the one used longest ago is forgotten first). */
  maxKeys?: number;
}

export class StatusMessages<Ref> {
  private readonly entries = new Map<string, Entry<Ref>>();
  /** Per key, the work in flight: a key's sends and edits run one at a time, in order. */
  private readonly chains = new Map<string, Promise<void>>();

  constructor(private readonly opts: StatusMessagesOptions) {}

  /**
   * Shows `text` as the key's status for an update at `position`: posted (and awaited) when no
   * message of the key is near, else edited once the chat's pace allows (not awaited). With
   * `mayPost` false only a message already there is edited (and `position` may be omitted);
   * `olderIsNear`: an update from above the message (a press on an older message) edits it too.
   */
  show(key: string, text: string, position: number | undefined, io: StatusIo<Ref>, opts: { mayPost?: boolean; olderIsNear?: boolean } = {}): Promise<void> {
    return this.serial(key, async () => {
      const entry = this.entries.get(key);
      const above = entry !== undefined && position !== undefined && position < entry.position && !opts.olderIsNear;
      const far = !entry || above || (position !== undefined && position - entry.position > this.opts.farAfter);
      if (far && opts.mayPost !== false && position !== undefined) {
        await this.post(key, text, position, io);
        return;
      }
      if (!entry) return;
      // Nothing new to show: no edit (the platform would only say "not modified").
      if (!entry.dirty && entry.text === text) return;
      Object.assign(entry, { text, io, latest: Math.max(entry.latest, position ?? entry.latest), dirty: true });
      if (entry.timer) return; // the edit already waiting shows this newest text
      const wait = Math.max(0, entry.lastShown + this.opts.intervalMs(key) - Date.now());
      entry.timer = setTimeout(() => {
        entry.timer = undefined;
        this.serial(key, () => this.flush(key)).catch(this.opts.onError);
      }, wait);
    });
  }

  /** Takes a message shown elsewhere (a Discord interaction reply) as the key's status from now on. */
  adopt(key: string, ref: Ref, text: string, position: number, io: StatusIo<Ref>): Promise<void> {
    return this.serial(key, async () => this.remember(key, this.fresh(ref, text, position, io)));
  }

  /** Forgets every status and drops the edits waiting (on stop). */
  clear(): void {
    for (const entry of this.entries.values()) clearTimeout(entry.timer);
    this.entries.clear();
  }

  private fresh(ref: Ref, text: string, position: number, io: StatusIo<Ref>): Entry<Ref> {
    return { ref, position, text, io, latest: position, dirty: false, lastShown: Date.now() };
  }

  private async post(key: string, text: string, position: number, io: StatusIo<Ref>): Promise<void> {
    const ref = await io.send(text);
    this.remember(key, this.fresh(ref, text, position, io));
  }

  /** Shows the newest text in the key's message; one that is gone is posted again, below the newest update. */
  private async flush(key: string): Promise<void> {
    const entry = this.entries.get(key);
    if (!entry?.dirty) return;
    entry.dirty = false;
    entry.lastShown = Date.now();
    if (await entry.io.edit(entry.ref, entry.text)) return;
    await this.post(key, entry.text, entry.latest, entry.io);
  }

  private remember(key: string, entry: Entry<Ref>): void {
    // A newer message replaces the old one: an edit still waiting for the old one would show less.
    clearTimeout(this.entries.get(key)?.timer);
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > (this.opts.maxKeys ?? 5_000)) {
      const [oldest, forgotten] = this.entries.entries().next().value!;
      clearTimeout(forgotten.timer);
      this.entries.delete(oldest);
    }
  }

  /** Runs `work` after the key's earlier work; the chain entry goes once nothing waits behind it. */
  private serial(key: string, work: () => Promise<void>): Promise<void> {
    const run = (this.chains.get(key) ?? Promise.resolve()).then(work);
    const settled = run.catch(() => undefined);
    this.chains.set(key, settled);
    void settled.then(() => {
      if (this.chains.get(key) === settled) this.chains.delete(key);
    });
    return run;
  }
}
