/**
 * Work that talks to a chat platform (delivering a result, a failure, a follow-up), run off the
 * poller and the webhook handler: in order within one chat, several chats at once (bounded), and
 * chats served round-robin so one busy group never holds up everyone else's results.
 */
export class ChatQueue {
  private readonly lanes = new Map<string, Array<{ id: string; run: () => Promise<void> }>>();
  /** Chats with work waiting and none running, in the order they get a turn. */
  private readonly ready: string[] = [];
  private readonly busy = new Set<string>();
  /** Ids queued or running, so the same task is never queued twice. */
  private readonly known = new Set<string>();
  private active = 0;
  private idleWaiters: Array<() => void> = [];
  private stopped = false;

  constructor(
    private readonly concurrency: number,
    private readonly onError: (err: unknown, id: string) => void,
  ) {}

  /** Queues `run` for chat `lane` unless work with the same `id` is already queued or running. */
  push(lane: string, id: string, run: () => Promise<void>): void {
    if (this.stopped || this.known.has(id)) return;
    this.known.add(id);
    const jobs = this.lanes.get(lane);
    if (jobs) jobs.push({ id, run });
    else {
      this.lanes.set(lane, [{ id, run }]);
      if (!this.busy.has(lane)) this.ready.push(lane);
    }
    this.pump();
  }

  /** Jobs queued or running. */
  get size(): number {
    return this.known.size;
  }

  /** Resolves once nothing is queued or running (tests, benchmarks, shutdown). */
  idle(): Promise<void> {
    if (this.known.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Drops what has not started; running jobs finish on their own. The store still has the work. */
  stop(): void {
    this.stopped = true;
    for (const jobs of this.lanes.values()) for (const job of jobs) this.known.delete(job.id);
    this.lanes.clear();
    this.ready.length = 0;
    this.settleIdle();
  }

  private pump(): void {
    while (this.active < this.concurrency && this.ready.length > 0) {
      const lane = this.ready.shift()!;
      const jobs = this.lanes.get(lane);
      const job = jobs?.shift();
      if (!job) continue;
      if (jobs!.length === 0) this.lanes.delete(lane);
      this.active++;
      this.busy.add(lane);
      void job
        .run()
        .catch((err: unknown) => this.onError(err, job.id))
        .finally(() => {
          this.active--;
          this.busy.delete(lane);
          this.known.delete(job.id);
          // Back of the line: the other chats take their turn first.
          if (this.lanes.has(lane)) this.ready.push(lane);
          this.pump();
          this.settleIdle();
        });
    }
  }

  private settleIdle(): void {
    if (this.known.size > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}
