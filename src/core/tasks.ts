import type { Logger } from '../logger.ts';
import type { Store } from '../store/index.ts';
import type { ActionKind, ActionRecord } from '../store/actions-repo.ts';
import type { NewTask, TaskRecord } from '../store/tasks-repo.ts';
import { ProviderError, type ImageProvider, type ProviderTaskView, type WebhookTarget } from '../providers/types.ts';
import type { ChatPort, Destination, MessageRef, Platform, Responder, ResultMessage, Scope } from './chat.ts';
import { newId } from './ids.ts';
import { failureText, progressText, resultMessage } from './render.ts';

/** Hooks run inside the transaction that changes a task's state (credits reserve/capture/refund). */
export interface TaskHooks {
  created?(task: TaskRecord): void;
  finished?(task: TaskRecord): void;
  failed?(task: TaskRecord): void;
}

export interface TaskServiceOptions {
  store: Store;
  provider: ImageProvider;
  log: Logger;
  webhook?: WebhookTarget;
  /** How long a task may stay unfinished before it is failed. */
  deadlineMs: number;
  hooks?: TaskHooks;
  now?: () => number;
  /** Unfinished tasks polled per sweep at most (each batch of 20 is one request). */
  maxPolledPerSweep?: number;
  /** With webhooks, a task is polled only after this long without news. */
  webhookGraceMs?: number;
}

export interface StartTask {
  scope: Scope;
  kind: string;
  endpoint: string;
  request: Record<string, unknown>;
  prompt: string;
  label: string;
  parentId?: string;
  /** Overrides the default deadline (AI-photo training takes longer than an imagine). */
  deadlineMs?: number;
  /** Who pays, and how much; reserved in the insert transaction (see CreditService). */
  charge?: { walletId: string; cost: number };
  /** Runs inside the insert transaction, after the row is written; throwing aborts the task before anything is sent. */
  onInsert?: (task: TaskRecord) => void;
}

/** What a kind of task does beyond the common lifecycle (AI Photos chain two jobs, for example). */
export interface TaskKindBehaviour {
  /** Builds the provider request when it is sent (e.g. reads collected photos from disk). */
  request?(task: TaskRecord): Promise<Record<string, unknown>>;
  /** The message for a finished task; null sends nothing. Default: the image result with its buttons. */
  render?(task: TaskRecord, actions: ActionRecord[]): ResultMessage | null;
  /** Runs after the task finished (outside the transaction, before delivery). */
  finished?(task: TaskRecord): Promise<void>;
  /** Runs after the task failed (outside the transaction, before delivery). */
  failed?(task: TaskRecord): Promise<void>;
}

/** Which buttons a finished result gets, by the kind of result. */
const BUTTONS: Record<string, Array<{ kind: ActionKind; arg: string | null }>> = {
  grid: [
    { kind: 'upscale', arg: '1' },
    { kind: 'upscale', arg: '2' },
    { kind: 'upscale', arg: '3' },
    { kind: 'upscale', arg: '4' },
    { kind: 'reroll', arg: null },
    { kind: 'variation', arg: '1' },
    { kind: 'variation', arg: '2' },
    { kind: 'variation', arg: '3' },
    { kind: 'variation', arg: '4' },
  ],
  image: [
    { kind: 'variation', arg: 'strong' },
    { kind: 'variation', arg: 'subtle' },
  ],
  photos: [{ kind: 'regenerate', arg: null }],
};

const MAX_DELIVERY_ATTEMPTS = 6;
/** A pending row older than this with no submit in flight was interrupted by a crash. */
const STUCK_PENDING_MS = 30_000;

/**
 * The task lifecycle: a row is written before the provider is called, every status change is a
 * guarded row update (so webhook replays and poll races are no-ops), and a result is delivered by
 * whoever wins the delivery claim.
 */
export class TaskService {
  private readonly ports = new Map<Platform, ChatPort>();
  private readonly kinds = new Map<string, TaskKindBehaviour>();
  private readonly submitting = new Set<string>();
  private readonly lastPolled = new Map<string, number>();
  private readonly now: () => number;
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<void>;
  private stopped = false;

  constructor(private readonly opts: TaskServiceOptions) {
    this.now = opts.now ?? Date.now;
  }

  attach(port: ChatPort): void {
    this.ports.set(port.platform, port);
  }

  defineKind(kind: string, behaviour: TaskKindBehaviour): void {
    this.kinds.set(kind, behaviour);
  }

  /**
   * A Responder for a task started by the bot itself (a follow-up job): it keeps using `ref`, the
   * message of the job before it, or shows nothing until the result.
   */
  continueIn(dest: Destination, ref: MessageRef | undefined): Responder {
    const port = this.ports.get(dest.platform);
    return {
      progress: async (text) => {
        if (ref) await port?.updateProgress(ref, text);
        return ref;
      },
      text: async (text) => port?.deliverFailure(dest, ref, text),
      error: async (text) => port?.deliverFailure(dest, ref, text),
    };
  }

  /** Writes the task, shows progress, submits it. Provider errors fail the task and are rethrown for the caller to show. */
  async start(input: StartTask, respond: Responder): Promise<TaskRecord> {
    const { store, log } = this.opts;
    const now = this.now();
    const draft: NewTask = {
      id: newId(),
      kind: input.kind,
      endpoint: input.endpoint,
      request: input.request,
      parentId: input.parentId ?? null,
      prompt: input.prompt,
      label: input.label,
      platform: input.scope.platform,
      guildId: input.scope.guildId ?? null,
      chatId: input.scope.chatId,
      userId: input.scope.userId,
      userName: input.scope.userName,
      deadlineAt: now + (input.deadlineMs ?? this.opts.deadlineMs),
      walletId: input.charge?.walletId ?? null,
      cost: input.charge?.cost ?? 0,
    };
    const task = store.tasks.transaction(() => {
      const inserted = store.tasks.insert(draft, now);
      input.onInsert?.(inserted);
      this.opts.hooks?.created?.(inserted);
      return inserted;
    });
    this.submitting.add(task.id);
    try {
      let ref: MessageRef | undefined;
      try {
        ref = await respond.progress(progressText(task, 0));
      } catch (err) {
        // The job still runs; the result is then posted as a new message.
        log.warn({ err, taskId: task.id }, 'could not show progress');
      }
      if (ref) store.tasks.setMessage(task.id, ref, this.now());
      await this.submit(task);
      return store.tasks.get(task.id)!;
    } finally {
      this.submitting.delete(task.id);
    }
  }

  /**
   * Calls the provider for a pending task. On failure the task fails; `notify` says whether the
   * chat is told through delivery (a resubmit after a restart) or by the caller (a live command).
   */
  private async submit(task: TaskRecord, notify = false): Promise<void> {
    const { store, provider, log } = this.opts;
    try {
      const request = (await this.kinds.get(task.kind)?.request?.(task)) ?? task.request;
      if (provider.isSynchronous?.(task.endpoint) && provider.run) {
        const view = await provider.run(task.endpoint, request);
        store.tasks.markSubmitted(task.id, view.providerTaskId, this.now());
        log.info({ taskId: task.id, providerTaskId: view.providerTaskId, endpoint: task.endpoint }, 'task submitted');
        await this.applyUpdate(view);
        return;
      }
      const providerTaskId = await provider.submit(task.endpoint, request, this.opts.webhook);
      store.tasks.markSubmitted(task.id, providerTaskId, this.now());
      log.info({ taskId: task.id, providerTaskId, endpoint: task.endpoint }, 'task submitted');
    } catch (err) {
      const reason = err instanceof ProviderError && err.kind === 'rejected' ? err.message : 'it could not be started';
      if (this.failTask(task.id, reason, notify)) await this.runListener(task.id, 'failed');
      throw err;
    }
  }

  /** Applies a progress or final update from a webhook or a poll. Returns what it did. */
  async applyUpdate(view: ProviderTaskView): Promise<'unknown' | 'ignored' | 'progress' | 'finished' | 'failed'> {
    const { store } = this.opts;
    const task = store.tasks.byProviderId(view.providerTaskId);
    if (!task) return 'unknown';
    if (task.status === 'finished' || task.status === 'failed') return 'ignored';
    const now = this.now();
    if (view.state === 'finished' && view.result) {
      const changed = store.tasks.transaction(() => {
        if (!store.tasks.finish(task.id, view.result!, now)) return false;
        this.opts.hooks?.finished?.(store.tasks.get(task.id)!);
        return true;
      });
      if (!changed) return 'ignored';
      this.lastPolled.delete(task.id);
      await this.runListener(task.id, 'finished');
      await this.deliver(task.id);
      return 'finished';
    }
    if (view.state === 'failed') {
      if (!this.failTask(task.id, view.message?.trim() || 'the image service reported a failure', true)) return 'ignored';
      await this.runListener(task.id, 'failed');
      await this.deliver(task.id);
      return 'failed';
    }
    const pct = view.percentage ?? 0;
    if (pct > 0 && store.tasks.recordProgress(task.id, pct, now) && task.message) {
      const port = this.ports.get(task.platform);
      port?.updateProgress(task.message, progressText(task, pct)).catch((err: unknown) => {
        this.opts.log.debug({ err, taskId: task.id }, 'progress update not shown');
      });
      return 'progress';
    }
    return 'ignored';
  }

  /** Fails the task (and refunds it) in one transaction; the caller then runs the kind's follow-up. */
  private failTask(id: string, reason: string, notify: boolean): boolean {
    const { store } = this.opts;
    const changed = store.tasks.transaction(() => {
      if (!store.tasks.fail(id, reason, this.now(), notify)) return false;
      this.opts.hooks?.failed?.(store.tasks.get(id)!);
      return true;
    });
    if (changed) this.lastPolled.delete(id);
    return changed;
  }

  /** A kind's follow-up after a state change; its errors are logged, never thrown at the poller. */
  private async runListener(id: string, event: 'finished' | 'failed'): Promise<void> {
    const task = this.opts.store.tasks.get(id);
    const listener = task && this.kinds.get(task.kind)?.[event];
    if (!task || !listener) return;
    try {
      await listener.call(this.kinds.get(task.kind), task);
    } catch (err) {
      this.opts.log.error({ err, taskId: id, kind: task.kind, event }, 'task follow-up failed');
    }
  }

  /** Delivers a finished or failed task once: only the caller that wins the claim sends. */
  async deliver(id: string): Promise<void> {
    const { store, log } = this.opts;
    const initial = store.tasks.get(id);
    if (!initial) return;
    const port = this.ports.get(initial.platform);
    if (!port) return; // that platform is not running in this process; the task waits for it
    const claimed = store.tasks.transaction(() => {
      if (!store.tasks.claimDelivery(id, this.now())) return undefined;
      const task = store.tasks.get(id)!;
      return { task, actions: task.status === 'finished' ? this.actionsFor(task) : [] };
    });
    if (!claimed) return;
    const { task, actions } = claimed;
    const dest: Destination = { platform: task.platform, chatId: task.chatId, userId: task.userId, userName: task.userName };
    try {
      let ref: MessageRef | undefined;
      if (task.status === 'finished') {
        const render = this.kinds.get(task.kind)?.render;
        const message = render ? render(task, actions) : resultMessage(task, actions);
        // A kind may finish silently (its follow-up job carries on in the same message).
        if (message) ref = await port.deliverResult(dest, task.message ?? undefined, message, task.id);
      } else {
        await port.deliverFailure(dest, task.message ?? undefined, failureText(task));
      }
      store.tasks.markDelivered(id, ref, this.now());
      log.info({ taskId: id, status: task.status }, 'task delivered');
    } catch (err) {
      const attempts = task.deliveryAttempts;
      if (attempts >= MAX_DELIVERY_ATTEMPTS) {
        store.tasks.giveUpDelivery(id, this.now());
        log.error({ err, taskId: id, attempts }, 'gave up delivering a task');
      } else {
        const retryAt = this.now() + Math.min(5_000 * 3 ** (attempts - 1), 10 * 60_000);
        store.tasks.releaseDelivery(id, retryAt, this.now());
        log.warn({ err, taskId: id, attempts, retryAt }, 'delivery failed; will retry');
      }
    }
  }

  /** The button rows of a result, created once (a retried delivery reuses them). */
  private actionsFor(task: TaskRecord): ActionRecord[] {
    const { store } = this.opts;
    const existing = store.actions.forTask(task.id);
    if (existing.length > 0) return existing;
    const layout = task.result ? BUTTONS[task.result.kind] : undefined;
    if (!layout) return [];
    const now = this.now();
    for (const b of layout) {
      store.actions.insert({ id: newId(), taskId: task.id, kind: b.kind, arg: b.arg, platform: task.platform, chatId: task.chatId, createdAt: now });
    }
    return store.actions.forTask(task.id);
  }

  /**
   * After a start: offers interrupted deliveries again, resubmits tasks a crash caught between the
   * row and the provider call, and polls everything unfinished once.
   */
  async resume(): Promise<void> {
    const reopened = this.opts.store.tasks.reopenInterruptedDeliveries(this.now());
    if (reopened > 0) this.opts.log.warn({ reopened }, 'deliveries interrupted by a stop are offered again');
    await this.sweep({ force: true });
  }

  /** One pass of the safety net: deadlines, stuck submits, polling, pending deliveries. */
  async sweep(opts: { force?: boolean } = {}): Promise<void> {
    if (this.sweeping) return this.sweeping;
    this.sweeping = this.sweepOnce(opts.force ?? false).finally(() => {
      this.sweeping = undefined;
    });
    return this.sweeping;
  }

  private async sweepOnce(force: boolean): Promise<void> {
    const { store, provider, log } = this.opts;
    const now = this.now();
    const due: TaskRecord[] = [];
    const maxPolled = this.opts.maxPolledPerSweep ?? 400;
    const grace = this.opts.webhook ? (this.opts.webhookGraceMs ?? 60_000) : 0;
    for (const task of store.tasks.listUnfinished(10_000)) {
      if (task.deadlineAt <= now) {
        if (this.failTask(task.id, 'it took too long, so it was stopped', true)) {
          await this.runListener(task.id, 'failed');
          await this.deliver(task.id);
        }
        continue;
      }
      if (task.status === 'pending') {
        if (!this.submitting.has(task.id) && (force || now - task.createdAt > STUCK_PENDING_MS)) await this.resubmit(task);
        continue;
      }
      const last = Math.max(task.updatedAt, this.lastPolled.get(task.id) ?? 0);
      if ((force || now - last >= grace) && due.length < maxPolled) due.push(task);
    }
    if (due.length > 0) {
      for (const task of due) this.lastPolled.set(task.id, now);
      try {
        const views = await provider.fetchMany(due.map((t) => t.providerTaskId!));
        for (const view of views) await this.applyUpdate(view);
      } catch (err) {
        log.warn({ err, count: due.length }, 'polling unfinished tasks failed; will try again');
      }
    }
    for (const task of store.tasks.listDeliverable(this.now(), 200)) await this.deliver(task.id);
  }

  private async resubmit(task: TaskRecord): Promise<void> {
    this.submitting.add(task.id);
    try {
      this.opts.log.warn({ taskId: task.id }, 'resubmitting a task interrupted before it reached the provider');
      await this.submit(task, true);
    } catch (err) {
      this.opts.log.warn({ err, taskId: task.id }, 'resubmit failed');
      await this.deliver(task.id);
    } finally {
      this.submitting.delete(task.id);
    }
  }

  startPolling(intervalMs: number): void {
    this.stopped = false;
    const tick = () => {
      if (this.stopped) return;
      this.sweep()
        .catch((err: unknown) => this.opts.log.error({ err }, 'sweep failed'))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, intervalMs);
        });
    };
    this.timer = setTimeout(tick, intervalMs);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.sweeping;
  }
}
