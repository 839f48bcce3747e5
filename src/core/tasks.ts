import type { Logger } from '../logger.ts';
import { clipForLog } from '../log-clip.ts';
import type { Metrics } from '../metrics.ts';
import type { Repositories, Store } from '../store/index.ts';
import type { ActionRecord } from '../store/records/actions.ts';
import { deliverableCursor, type DeliverableCursor, type ListCursor, type NewTask, type TaskRecord } from '../store/records/tasks.ts';
import { ProviderError, type ProviderTaskView, type TaskResult } from '../providers/types.ts';
import type { ProviderRegistry } from '../providers/registry.ts';
import { UserError } from './errors.ts';
import type { Job, JobType } from '../providers/jobs.ts';
import type { ChatPort, DeliveryJournal, Destination, MessageRef, Platform, Responder, ResultMessage, Scope } from './chat.ts';
import { ChatQueue } from './chat-queue.ts';
import { newId } from './ids.ts';
import { failureText, progressText, resultMessage } from './render.ts';
import { usableResult } from './results.ts';
import { layoutFor } from './actions/catalog.ts';
import { TaskMetrics } from './task-metrics.ts';
import { checkCaps, type QueueLimits } from './queue-limits.ts';
import { BOARD_LINES, DEFAULT_RUN_MS, boardEmpty, boardLocale, boardText, cancelledText, etaMs, waitingText, type BoardEntry } from './queue-text.ts';
import { refundNote } from './render.ts';
// INTERRUPTED_SUBMIT: why a task whose submit a crash interrupted was not sent again (for providers that bill every submit).
import { CANCELLED, INTERRUPTED_SUBMIT, NO_RESULT, NOT_STARTED, TOO_LONG } from './task-reasons.ts';
import { EarlyUpdates } from './early-updates.ts';
import { nextPollInMs } from './poll-schedule.ts';
import { RunTimes } from './run-times.ts';
import { msg, SOURCE_LOCALE, type Locale } from '../i18n/index.ts';

/** Hooks run inside the unit of work that changes a task's state (credits reserve/capture/refund), through its `tx`. */
export interface TaskHooks {
  created?(task: TaskRecord, tx: Repositories): Promise<void>;
  /** `partial`: some of the task's images did not come back (their share is refunded). */
  finished?(task: TaskRecord, tx: Repositories, partial?: { failed: number; of: number }): Promise<void>;
  failed?(task: TaskRecord, tx: Repositories): Promise<void>;
}

export interface TaskServiceOptions {
  store: Store;
  /** The image services; a task's job decides which one runs it. */
  providers: ProviderRegistry;
  log: Logger;
  /** How long a task may stay unfinished before it is failed. */
  deadlineMs: number;
  hooks?: TaskHooks;
  now?: () => number;
  /** Unfinished tasks polled per sweep at most (each batch of 20 is one request). */
  maxPolledPerSweep?: number;
  /** How often sweeps run, until startPolling says: a polled task is due again one interval later (default 0). */
  pollIntervalMs?: number;
  /** For a provider that posts updates (webhooks), a task is polled only after this long without news. */
  webhookGraceMs?: number;
  /**
   * Adaptive polling, for a provider that does not post updates: the longest a task goes unread.
   * Each task is then read according to how far along it is (poll-schedule.ts), at most once per
   * pollIntervalMs. Absent: every task is read once per pollIntervalMs.
   */
  pollMaxIntervalMs?: number;
  metrics?: Metrics;
  /** This process: the owner of the submits and deliveries it holds (see claimSubmit, claimDelivery). */
  instanceId?: string;
  /** Deliveries (and follow-ups) running at once across all chats; one chat runs one at a time. */
  deliveryConcurrency?: number;
  /**
   * How long this process's hold on a submit or a delivery lasts unless renewed (InstanceLeases
   * renews it while the process lives); then another instance, or the next start, takes it over.
   */
  leaseMs?: number;
  /**
   * Whether other instances share the store (PostgreSQL). Alone (SQLite), every lease another
   * owner holds at a start is a previous run's and is taken over at once.
   */
  shared?: boolean;
  /** Jobs each provider runs at once (the rest wait in the store, in the fair order) and the caps. */
  queue?: QueueLimits;
}

export interface StartTask {
  scope: Scope;
  /** What the provider is asked to do. */
  job: Job;
  /** What the user asked for, shown in progress and results (the job may carry more). */
  prompt: string;
  /** How progress and results name the job ("Imagine", "Upscale #2"). */
  label: string;
  parentId?: string;
  /** The catalog action (and variant) whose button started it, e.g. `upscale:2`. */
  actionKey?: string;
  /** Overrides the default deadline (AI-photo training takes longer than an imagine). */
  deadlineMs?: number;
  /** Who pays, and how much; reserved in the insert transaction (see CreditService). */
  charge?: { walletId: string; cost: number };
  /** Runs inside the insert transaction, after the row is written; throwing aborts the task before anything is sent. */
  onInsert?: (task: TaskRecord, tx: Repositories) => Promise<void>;
  /** The platform event that asked for it: a second start with the same origin (a replay) starts nothing. */
  origin?: string;
}

/** What a kind of job does beyond the common lifecycle (AI Photos chain two jobs, for example). */
export interface TaskKindBehaviour {
  /** Completes the job when it is sent (e.g. reads collected photos from disk into it). */
  prepare?(task: TaskRecord): Promise<Job>;
  /** The message for a finished task; null sends nothing. Default: the image result with its buttons. */
  render?(task: TaskRecord, actions: ActionRecord[]): ResultMessage | null | Promise<ResultMessage | null>;
  /** Runs after the task finished (outside the transaction, before delivery). */
  finished?(task: TaskRecord): Promise<void>;
  /** Runs after the task failed (outside the transaction, before delivery). */
  failed?(task: TaskRecord): Promise<void>;
  /** Completes a finished answer that lacks fields this kind can do without (default: as received). */
  completeResult?(task: TaskRecord, result: TaskResult | undefined): TaskResult | undefined;
}

const MAX_DELIVERY_ATTEMPTS = 6;

/** Without a heartbeat renewing leases: longer than a submit can take (the client's timeout and retries). */
const LEASE_MS = 5 * 60_000;
/**
 * Rows a sweep reads and handles at a time (deadlines, interrupted submits, polls, deliveries)
 * before it lets the event loop run: with 100,000 unfinished tasks a sweep is many short turns,
 * never one long one, so commands and webhooks are answered while it runs (issue 14).
 */
const SWEEP_CHUNK = 100;
/**
 * Work changed this recently is being started by the process that wrote or admitted it (it submits
 * a moment later): the sweep, a safety net, leaves it alone until then. Otherwise any instance's
 * sweep could take a job its writer was about to submit, and log it as caught by a stop.
 */
const SETTLE_MS = 5_000;
/** Provider answers applied between two turns of the event loop. */
const APPLY_CHUNK = 50;
const DELIVERY_CONCURRENCY = 16;
/**
 * Waiting jobs whose position is kept up to date in their message (the rest see it as they move
 * up): a refresh reads only these from the line, and each board's chat (issue 14).
 */
const POSITIONS_SHOWN = 50;
/** A chat's jobs in line a board refresh reads to find the BOARD_LINES it names (some may have messages of their own). */
const BOARD_READ = 3 * BOARD_LINES;
/** The boards a start finds in the store (posted before it), at most. */
const BOARDS_FOUND = 1_000;
/** Finished jobs the ETA averages over. */
const ETA_SAMPLE = 20;

/**
 * The task lifecycle: a row is written before the provider is called, every status change is a
 * guarded row update (so webhook replays and poll races are no-ops), and a result is delivered by
 * whoever wins the delivery claim.
 *
 * Nothing here waits on a chat platform while it decides: a job is submitted as soon as its row
 * exists (its progress message is shown beside it), and results, failures and follow-ups go to a
 * ChatQueue that serves chats concurrently, in order within each chat.
 */
export class TaskService {
  private readonly ports = new Map<Platform, ChatPort>();
  private readonly kinds = new Map<JobType, TaskKindBehaviour>();
  /** Progress messages still being shown, by task: a delivery waits for its task's, so it lands last. */
  private readonly progressShown = new Map<string, Promise<void>>();
  /** One queue per platform, so a platform that is down cannot hold the other's deliveries. */
  private readonly queues = new Map<Platform, ChatQueue>();
  private readonly now: () => number;
  private readonly owner: string;
  private readonly counted: TaskMetrics;
  private timer?: NodeJS.Timeout;
  /** How often sweeps run (startPolling): a polled task is next due one interval later. */
  private pollEveryMs = 0;
  /** Adaptive polling's longest gap between reads of a task (startPolling); undefined: off. */
  private pollSlowestMs?: number;
  /** What each kind of job typically takes, for adaptive polling. */
  private readonly runTimes: RunTimes;
  private sweeping?: Promise<void>;
  private stopped = false;
  /**
   * The queue text each waiting message last showed (here), so an unchanged position is not even
   * checked in the store (which tells instances apart: markLineShown). An entry goes when its job
   * leaves the line: admitted or cancelled here, or (another instance took it) missing from this
   * provider's line at the next refresh.
   */
  private readonly shownInLine = new Map<string, { provider: string; text: string }>();
  /** Per provider, the chats whose board this process last showed with jobs on it (`platform:chat`), and the board's language. */
  private readonly boards = new Map<string, Map<string, Locale>>();
  /** `provider platform:chat` where this process took a job onto a board since the last refresh: it may post that board. */
  private readonly newOnBoard = new Set<string>();
  /** Providers whose boards left in the store (by an earlier run) this process has looked up. */
  private readonly boardsFound = new Set<string>();
  /** Position refreshes running, by provider, and whether another was asked for meanwhile. */
  private readonly refreshing = new Map<string, Promise<void>>();
  private readonly refreshAgain = new Set<string>();
  /** Tasks whose start() here has not yet decided; whoever admits one leaves its submit to that start. */
  private readonly starting = new Set<string>();
  /** Updates that arrived before their task's submit was recorded, applied once it is. */
  private readonly early: EarlyUpdates;

  constructor(private readonly opts: TaskServiceOptions) {
    this.now = opts.now ?? Date.now;
    this.owner = opts.instanceId ?? newId();
    this.pollEveryMs = opts.pollIntervalMs ?? 0;
    this.pollSlowestMs = opts.pollMaxIntervalMs;
    this.runTimes = new RunTimes(() => opts.store.tasks, this.now);
    this.counted = new TaskMetrics(opts.metrics, opts.providers);
    this.early = new EarlyUpdates(
      async (provider, view) => (await this.applyKnown(provider, view)) !== 'unknown',
      (provider, view) => opts.log.warn({ provider, providerTaskId: view.providerTaskId }, 'an update for a task id this bot never recorded was dropped; if it is ours, polling finds it'),
    );
  }

  /** Queues chat work for a task in its chat's lane (once per task at a time). */
  private enqueue(task: Pick<TaskRecord, 'id' | 'platform' | 'chatId'>, run: () => Promise<void>): void {
    let queue = this.queues.get(task.platform);
    if (!queue) {
      queue = new ChatQueue(this.opts.deliveryConcurrency ?? DELIVERY_CONCURRENCY, (err, id) => {
        this.opts.log.error({ err, taskId: id }, 'delivering a task failed');
      });
      if (this.stopped) queue.stop();
      this.queues.set(task.platform, queue);
    }
    queue.push(`${task.platform}:${task.chatId}`, task.id, run);
  }

  attach(port: ChatPort): void {
    this.ports.set(port.platform, port);
  }

  defineKind(kind: JobType, behaviour: TaskKindBehaviour): void {
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

  /**
   * Writes the task and submits it at once, showing its progress message beside the submit (never
   * before it: a chat may make that message wait). Provider errors fail the task and are rethrown
   * for the caller to show, once the progress message is there to show them in.
   */
  async start(input: StartTask, respond: Responder): Promise<TaskRecord> {
    const { store } = this.opts;
    if (input.origin) {
      const existing = await store.tasks.byOrigin(input.origin);
      if (existing) return this.alreadyStarted(existing, respond);
    }
    const now = this.now();
    const draft: NewTask = {
      id: newId(),
      job: input.job,
      actionKey: input.actionKey ?? null,
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
      origin: input.origin ?? null,
      locale: input.scope.locale ?? SOURCE_LOCALE,
    };
    const provider = this.opts.providers.forJob(input.job)?.id;
    if (provider) draft.provider = provider;
    const limit = provider === undefined ? undefined : this.limitOf(provider);
    draft.waiting = limit !== undefined;
    // A follow-up the bot starts itself (the training after a photo set is prepared) is part of a job already counted.
    const capped = this.opts.queue && !(input.parentId && !input.origin);
    const task = await store.transaction(async (tx) => {
      if (capped) await checkCaps(tx, input.scope, this.opts.queue!);
      const inserted = await tx.tasks.insert(draft, now);
      await input.onInsert?.(inserted, tx);
      await this.opts.hooks?.created?.(inserted, tx);
      return inserted;
    });
    this.counted.started(task);
    if (provider !== undefined && limit !== undefined) {
      // Takes a slot when one is free, in the fair order: another job may be ahead of this one.
      this.starting.add(task.id);
      try {
        const admitted = await this.admit(provider, limit);
        const self = admitted.find((t) => t.id === task.id);
        for (const other of admitted) if (other !== self) this.launchAdmitted(other);
        if (!self && (await store.tasks.get(task.id))?.waitingSince !== null) {
          await this.showWaiting(task, provider, respond);
          this.refreshPositions(provider);
          return (await store.tasks.get(task.id))!;
        }
        // Admitted (here, or by a concurrent start that left it to this one, or by another instance
        // whose submit the lease lets only one of us make): submitted below, its errors shown here.
        if (admitted.length > 1) this.refreshPositions(provider);
      } finally {
        this.starting.delete(task.id);
      }
    }
    const shown = this.showProgress(task, respond);
    try {
      await this.submit(task);
    } catch (err) {
      await shown;
      throw err;
    }
    await shown;
    return (await store.tasks.get(task.id))!;
  }

  /**
   * True when the event `origin` already started a task (a replay after a crash): its progress is
   * shown again if it never was, and nothing is charged or submitted twice.
   */
  async alreadyStartedBy(origin: string | undefined, respond: Responder): Promise<boolean> {
    const existing = origin ? await this.opts.store.tasks.byOrigin(origin) : undefined;
    if (!existing) return false;
    await this.alreadyStarted(existing, respond);
    return true;
  }

  /** A replayed command whose task exists: nothing is charged or submitted again. */
  private async alreadyStarted(task: TaskRecord, respond: Responder): Promise<TaskRecord> {
    this.opts.log.info({ taskId: task.id, origin: task.origin }, 'this command already started its task; not starting it twice');
    if (!task.message && task.waitingSince !== null) await this.showWaiting(task, task.provider, respond);
    else if (!task.message && (task.status === 'pending' || task.status === 'submitted')) await this.showProgress(task, respond);
    return (await this.opts.store.tasks.get(task.id))!;
  }

  /** Shows the "waiting" message and remembers where it is; never throws (the job runs without it). */
  private showProgress(task: TaskRecord, respond: Pick<Responder, 'progress'>, text = progressText(task, 0)): Promise<void> {
    const shown = (async () => {
      try {
        const ref = await respond.progress(text);
        // Another instance may have delivered the result meanwhile, without this message: it goes.
        if (ref && !(await this.opts.store.tasks.setMessage(task.id, ref, this.now()))) await this.ports.get(task.platform)?.removeProgress(ref);
      } catch (err) {
        // The job still runs; the result is then posted as a new message.
        this.opts.log.warn({ err, taskId: task.id }, 'could not show progress');
      }
    })();
    this.progressShown.set(task.id, shown);
    void shown.then(() => {
      if (this.progressShown.get(task.id) === shown) this.progressShown.delete(task.id);
    });
    return shown;
  }

  /**
   * Calls the provider for a pending task, once this process holds its submit lease (a task a
   * deadline failed is never submitted). On failure the task fails; `notify` says whether the
   * chat is told through delivery (a resubmit) or by the caller (a live command).
   */
  private async submit(task: TaskRecord, opts: { notify?: boolean } = {}): Promise<void> {
    const { store, providers, log } = this.opts;
    const attempt = await store.tasks.claimSubmit(task.id, this.owner, this.now(), this.leaseMs);
    if (attempt === 0) return;
    if (attempt > 1 && providers.forJob(task.job)?.noBlindResubmit) {
      // The earlier submit may have reached the service, which would run (and bill) it twice.
      log.warn({ taskId: task.id, attempt, job: task.job.type }, 'not resubmitting a task whose earlier submit was interrupted: its provider bills every submit');
      if (await this.failTask(task.id, INTERRUPTED_SUBMIT, opts.notify ?? false)) {
        if (opts.notify) this.afterEnd(task, 'failed');
        else await this.runListener(task.id, 'failed');
      }
      return;
    }
    if (attempt > 1) {
      log.warn(
        { taskId: task.id, attempt, job: task.job.type },
        'resubmitting a task whose earlier submit was interrupted after it may have reached the provider: the provider may run it twice (the user is charged once)',
      );
      this.opts.metrics?.duplicateRiskResubmits.inc();
    }
    try {
      const provider = providers.forJob(task.job);
      // A result button of a service this bot no longer runs (the operator removed its key).
      if (!provider) throw new UserError('service_off', msg('error-service-off'));
      const job = (await this.kinds.get(task.job.type)?.prepare?.(task)) ?? task.job;
      const submitted = await provider.submit(job);
      await this.recordSubmitted(task, provider.id, [submitted.providerTaskId, ...(submitted.more ?? [])], submitted.unqueued);
      if (submitted.finished) await this.applyKnown(provider.id, submitted.finished);
      else if (this.adaptive(provider)) await this.schedulePolls(provider.id, [{ ...task, submittedAt: this.now() }], new Map());
    } catch (err) {
      const reason = err instanceof ProviderError && err.kind === 'rejected' ? err.message : NOT_STARTED;
      if (await this.failTask(task.id, reason, opts.notify ?? false)) {
        if (opts.notify) this.afterEnd(task, 'failed');
        else await this.runListener(task.id, 'failed');
      }
      throw err;
    }
  }

  private async recordSubmitted(task: TaskRecord, provider: string, ids: readonly string[], unqueued = 0): Promise<void> {
    const { store, log } = this.opts;
    if (await store.tasks.markSubmitted(task.id, provider, ids, this.now(), unqueued)) {
      log.info({ taskId: task.id, provider, providerTaskId: ids[0], parts: ids.length, job: task.job.type }, 'task submitted');
      await this.early.recorded(provider, ids);
    } else {
      // The lease makes this unreachable in one process; say so loudly if it ever is not.
      log.error({ taskId: task.id, provider, providerTaskId: ids[0] }, 'a submit completed after its task had ended; the provider job is not watched');
    }
  }

  /**
   * Applies a progress or final update from a webhook or a poll, for one id the task waits on at
   * `provider`. Only records the change and queues what follows, so pollers and webhooks never
   * wait on a chat. A task of several ids (one per image) ends when all of them have.
   */
  async applyUpdate(provider: string, view: ProviderTaskView): Promise<'unknown' | 'ignored' | 'progress' | 'finished' | 'failed'> {
    const outcome = await this.applyKnown(provider, view);
    // Posted before the answer to its submit was recorded (here or on another instance): held, not lost.
    if (outcome === 'unknown') this.early.hold(provider, view);
    return outcome;
  }

  private async applyKnown(provider: string, view: ProviderTaskView): Promise<'unknown' | 'ignored' | 'progress' | 'finished' | 'failed'> {
    const { store } = this.opts;
    const task = await store.tasks.byProviderId(provider, view.providerTaskId);
    if (!task) return 'unknown';
    if (task.status === 'finished' || task.status === 'failed') return 'ignored';
    const parts = await store.tasks.parts(task.id);
    if (parts.length > 1) return this.applyToPart(task, provider, parts.length, view);
    const now = this.now();
    if (view.state === 'finished') {
      await store.tasks.settlePart(provider, view.providerTaskId, { state: 'finished', result: view.result }, now);
      const result = this.acceptResult(task, view);
      return result ? this.finishTask(task, result) : this.failAndQueue(task, NO_RESULT);
    }
    if (view.state === 'failed') {
      await store.tasks.settlePart(provider, view.providerTaskId, { state: 'failed', error: view.message }, now);
      return this.failAndQueue(task, view.message?.trim() || 'the image service reported a failure');
    }
    return this.reportProgress(task, view.percentage ?? 0);
  }

  /**
   * One image of a task of several: recorded; when the last one settles, the task finishes with
   * every image that came back (the ones that did not are refunded) or fails when none did.
   */
  private async applyToPart(task: TaskRecord, provider: string, count: number, view: ProviderTaskView): Promise<ReturnType<TaskService['applyUpdate']>> {
    const { store } = this.opts;
    const now = this.now();
    if (view.state === 'queued' || view.state === 'running') return Promise.resolve('ignored');
    const urls = view.state === 'finished' ? imagesOf(view.result) : [];
    const settled = await store.tasks.settlePart(
      provider,
      view.providerTaskId,
      urls.length > 0 ? { state: 'finished', result: view.result } : { state: 'failed', error: view.message?.trim() || NO_RESULT },
      now,
    );
    if (!settled) return Promise.resolve('ignored');
    const parts = await store.tasks.parts(task.id);
    const done = parts.filter((p) => p.state !== 'waiting').length;
    if (done < count) return this.reportProgress(task, Math.round((done / count) * 100));
    const images = parts.flatMap((p) => (p.state === 'finished' ? imagesOf(p.result ?? undefined) : []));
    if (images.length === 0) return this.failAndQueue(task, parts.find((p) => p.error)?.error ?? NO_RESULT);
    const failed = parts.filter((p) => p.state === 'failed').length;
    return this.finishTask(task, { kind: 'photos', imageUrls: images }, failed > 0 ? { failed, of: count } : undefined);
  }

  /** Finishes the task with its result (refunding the parts that failed) and queues its delivery. */
  private async finishTask(task: TaskRecord, result: TaskResult, partial?: { failed: number; of: number }): Promise<'ignored' | 'finished'> {
    const { store } = this.opts;
    const changed = await store.transaction(async (tx) => {
      if (!(await tx.tasks.finish(task.id, result, this.now()))) return false;
      await this.opts.hooks?.finished?.((await tx.tasks.get(task.id))!, tx, partial);
      return true;
    });
    if (!changed) return 'ignored';
    this.counted.ended(task, 'finished', this.now());
    this.slotFreed(task.provider);
    this.afterEnd(task, 'finished');
    return 'finished';
  }

  private async failAndQueue(task: TaskRecord, reason: string): Promise<'ignored' | 'failed'> {
    if (!(await this.failTask(task.id, reason, true))) return 'ignored';
    this.afterEnd(task, 'failed');
    return 'failed';
  }

  /** Records a higher percentage and shows it (best effort, coalesced by the platform). */
  private async reportProgress(task: TaskRecord, pct: number): Promise<'ignored' | 'progress'> {
    if (pct <= 0 || !(await this.opts.store.tasks.recordProgress(task.id, pct, this.now())) || !task.message) return 'ignored';
    const port = this.ports.get(task.platform);
    port?.updateProgress(task.message, progressText(task, pct)).catch((err: unknown) => {
      this.opts.log.debug({ err, taskId: task.id }, 'progress update not shown');
    });
    return 'progress';
  }

  /** The result a finished answer carries, when it is what this task needs; logs the answer otherwise. */
  private acceptResult(task: TaskRecord, view: ProviderTaskView): TaskResult | undefined {
    const complete = this.kinds.get(task.job.type)?.completeResult;
    const result = usableResult(task.job.type, complete ? complete(task, view.result) : view.result);
    if (!result) {
      this.opts.metrics?.invalidResults.inc();
      this.opts.log.warn(
        { taskId: task.id, job: task.job.type, got: view.result?.kind ?? 'nothing', body: clipForLog(view.raw) },
        'the provider said a task finished but its answer holds no usable result; failing and refunding it',
      );
    }
    return result;
  }

  /** Fails the task (and refunds it) in one transaction; the caller then runs the kind's follow-up. */
  private async failTask(id: string, reason: string, notify: boolean): Promise<boolean> {
    const { store } = this.opts;
    const failed = await store.transaction(async (tx) => {
      if (!(await tx.tasks.fail(id, reason, this.now(), notify))) return undefined;
      const task = (await tx.tasks.get(id))!;
      await this.opts.hooks?.failed?.(task, tx);
      return task;
    });
    if (!failed) return false;
    this.counted.ended(failed, 'failed', this.now());
    this.slotFreed(failed.provider);
    return true;
  }

  /** Fails a task past its deadline unless a live submit holds it; true when it did. */
  private async expireTask(task: TaskRecord): Promise<boolean> {
    const { store } = this.opts;
    const changed = await store.transaction(async (tx) => {
      if (!(await tx.tasks.expire(task.id, TOO_LONG, this.owner, this.now()))) return false;
      await this.opts.hooks?.failed?.((await tx.tasks.get(task.id))!, tx);
      return true;
    });
    if (changed) {
      this.counted.ended(task, 'failed', this.now());
      this.slotFreed(task.provider);
    }
    return changed;
  }

  private get leaseMs(): number {
    return this.opts.leaseMs ?? LEASE_MS;
  }

  /** Queues what follows the end of a task, in its chat's lane: the kind's follow-up, then delivery. */
  private afterEnd(task: TaskRecord, event: 'finished' | 'failed'): void {
    this.enqueue(task, async () => {
      await this.runListener(task.id, event);
      await this.deliver(task.id);
    });
  }

  /** A kind's follow-up after a state change; its errors are logged, never thrown at the poller. */
  private async runListener(id: string, event: 'finished' | 'failed'): Promise<void> {
    // A task may end before its progress message is shown; its follow-up (a training that carries
    // on in that message) must see the message, as its delivery does.
    await this.progressShown.get(id);
    const task = await this.opts.store.tasks.get(id);
    const listener = task && this.kinds.get(task.job.type)?.[event];
    if (!task || !listener) return;
    try {
      await listener.call(this.kinds.get(task.job.type), task);
    } catch (err) {
      this.opts.log.error({ err, taskId: id, job: task.job.type, event }, 'task follow-up failed');
    }
  }

  /** Delivers a finished or failed task once: only the caller that wins the claim sends. */
  async deliver(id: string): Promise<void> {
    const { store, log } = this.opts;
    // A progress message still on its way is replaced by the result, not left behind it.
    await this.progressShown.get(id);
    const initial = await store.tasks.get(id);
    if (!initial) return;
    const port = this.ports.get(initial.platform);
    if (!port) return; // that platform is not running in this process; the task waits for it
    const claimed = await store.transaction(async (tx) => {
      const now = this.now();
      if (!(await tx.tasks.claimDelivery(id, this.owner, now, now + this.leaseMs))) return undefined;
      const task = (await tx.tasks.get(id))!;
      return { task, actions: task.status === 'finished' ? await this.actionsFor(task, tx) : [] };
    });
    if (!claimed) return;
    const { task, actions } = claimed;
    const dest: Destination = { platform: task.platform, chatId: task.chatId, userId: task.userId, userName: task.userName };
    const journal = this.journalOf(task);
    try {
      let ref: MessageRef | undefined;
      if (task.status === 'finished') {
        const render = this.kinds.get(task.job.type)?.render;
        const message = render ? await render(task, actions) : resultMessage(task, actions);
        // A kind may finish silently (its follow-up job carries on in the same message).
        if (message) ref = await port.deliverResult(dest, task.message ?? undefined, message, task.id, journal);
      } else {
        await port.deliverFailure(dest, task.message ?? undefined, failureText(task, (await store.wallets.entryFor(task.id, 'refund'))?.amount ?? 0), journal);
      }
      await store.tasks.markDelivered(id, ref, this.now());
      log.info({ taskId: id, status: task.status }, 'task delivered');
    } catch (err) {
      const attempts = task.deliveryAttempts;
      if (attempts >= MAX_DELIVERY_ATTEMPTS) {
        await store.tasks.giveUpDelivery(id, this.now());
        log.error({ err, taskId: id, attempts }, 'gave up delivering a task');
      } else {
        const retryAt = this.now() + Math.min(5_000 * 3 ** (attempts - 1), 10 * 60_000);
        await store.tasks.releaseDelivery(id, retryAt, this.now());
        log.warn({ err, taskId: id, attempts, retryAt }, 'delivery failed; will retry');
      }
    }
  }

  /** The task's delivery journal: each step is written to the store the moment it is recorded. */
  private journalOf(task: TaskRecord): DeliveryJournal {
    const steps: Record<string, unknown> = { ...task.deliveryJournal };
    return {
      get: (step) => steps[step],
      record: async (step, value) => {
        steps[step] = value;
        await this.opts.store.tasks.recordDeliveryStep(task.id, steps);
      },
    };
  }

  /** The button rows of a result, created once (a retried delivery reuses them). */
  private async actionsFor(task: TaskRecord, tx: Repositories): Promise<ActionRecord[]> {
    const existing = await tx.actions.forTask(task.id);
    if (existing.length > 0) return existing;
    const layout = layoutFor(task);
    if (layout.length === 0) return [];
    const now = this.now();
    for (const b of layout) {
      await tx.actions.insert({ id: newId(), taskId: task.id, kind: b.id, arg: b.variant, platform: task.platform, chatId: task.chatId, createdAt: now });
    }
    return await tx.actions.forTask(task.id);
  }

  /** The provider's concurrency, when the queue limits it. */
  private limitOf(provider: string): number | undefined {
    const limit = this.opts.queue?.concurrency[provider];
    return limit && limit > 0 ? limit : undefined;
  }

  /** Takes the provider's free slots for waiting jobs, in the fair order (in the store: every instance shares them). */
  private async admit(provider: string, limit: number): Promise<TaskRecord[]> {
    const admitted = await this.opts.store.tasks.admitWaiting(provider, limit, this.now());
    for (const task of admitted) {
      this.shownInLine.delete(task.id);
      this.opts.log.info({ taskId: task.id, provider, waitedMs: this.now() - task.createdAt }, 'a waiting task took a free slot');
    }
    return admitted;
  }

  /**
   * Submits a task the queue admitted for someone else's event: its message turns into the progress
   * bar, or, for a job that waited on its chat's board, its progress message is posted now.
   */
  private launchAdmitted(task: TaskRecord): void {
    // Its own start, still running here, submits it and shows any error as a command's.
    if (this.starting.has(task.id)) return;
    void (async () => {
      await this.progressShown.get(task.id);
      const current = (await this.opts.store.tasks.get(task.id)) ?? task;
      const port = this.ports.get(current.platform);
      const board = current.message?.unposted ? current.message : undefined;
      if (board && port?.postProgress) {
        // Beside the submit, as a command's own progress is; its delivery waits for it.
        void this.showProgress(current, { progress: (text) => port.postProgress!(board, text) });
      } else if (current.message && !board) {
        port
          ?.updateProgress(current.message, progressText(current, 0))
          .catch((err: unknown) => this.opts.log.debug({ err, taskId: task.id }, 'start of a waiting task not shown'));
      }
      await this.submit(current, { notify: true });
    })().catch((err: unknown) => this.opts.log.warn({ err, taskId: task.id }, 'submitting a task the queue admitted failed'));
  }

  /** A slot of `provider` is free: the next waiting jobs start. */
  private slotFreed(provider: string): void {
    if (this.limitOf(provider) === undefined) return;
    this.pump(provider).catch((err: unknown) => this.opts.log.warn({ err, provider }, 'starting waiting tasks failed; the sweep will'));
  }

  /**
   * Admits and submits what fits; then the waiting messages show their new places (`always`: even if
   * none moved). With `settled`, only when the line's first job has waited since then at least:
   * a job written a moment ago is admitted by its writer.
   */
  private async pump(provider: string, always = false, settled?: number): Promise<void> {
    const limit = this.limitOf(provider);
    if (limit === undefined) return;
    if (settled !== undefined) {
      const [first] = await this.opts.store.tasks.waitingInOrder(provider, 1);
      if (first && (first.waitingSince ?? first.createdAt) > settled) {
        if (always) this.refreshPositions(provider);
        return;
      }
    }
    const admitted = await this.admit(provider, limit);
    for (const task of admitted) this.launchAdmitted(task);
    if (admitted.length > 0 || always) this.refreshPositions(provider);
  }

  /**
   * Shows a waiting job's place in line and its ETA: in its own message, or, where the chat takes
   * one board for all its waiting jobs (a busy Telegram group), on that board.
   */
  private async showWaiting(task: TaskRecord, provider: string, respond: Responder): Promise<void> {
    // Its own place, however far back (admitted meanwhile: it is next).
    const position = (await this.opts.store.tasks.placesInLine(provider, [task.id])).get(task.id) ?? 1;
    const text = waitingText(task, position, (await this.etaOf(provider))(position));
    const onBoard = await respond.inLine?.(text).catch((err: unknown) => {
      this.opts.log.warn({ err, taskId: task.id }, 'could not put a job on its chat board; showing it on its own');
      return undefined;
    });
    if (onBoard) {
      await this.opts.store.tasks.setMessage(task.id, onBoard, this.now());
      this.newOnBoard.add(`${provider} ${task.platform}:${task.chatId}`);
      return;
    }
    this.shownInLine.set(task.id, { provider, text });
    await this.opts.store.tasks.markLineShown(task.id, text);
    await this.showProgress(task, respond, text);
  }

  /** When the job at each place in the provider's line starts, from its recent run times and what its running jobs have left. */
  private async etaOf(provider: string): Promise<(position: number) => number> {
    const { tasks } = this.opts.store;
    const concurrency = this.limitOf(provider) ?? 1;
    const runMs = (await tasks.recentRunMs(provider, ETA_SAMPLE)) ?? DEFAULT_RUN_MS;
    const now = this.now();
    const runningFor = (await tasks.runningSince(provider, concurrency)).map((since) => now - since);
    return (position) => etaMs(position, concurrency, runMs, runningFor);
  }

  /**
   * Edits the messages of the first waiting jobs to their current place (edits go through each
   * platform's coalescer, which keeps to its edit limits), and each chat board to the jobs it
   * lists; one refresh per provider at a time.
   */
  private refreshPositions(provider: string): void {
    if (this.refreshing.has(provider)) {
      this.refreshAgain.add(provider);
      return;
    }
    const run = (async () => {
      do {
        this.refreshAgain.delete(provider);
        const asked = [...this.newOnBoard].filter((key) => key.startsWith(`${provider} `));
        const { tasks } = this.opts.store;
        // Read first: a place is recorded only while the line has not moved since (markLineShown).
        const epoch = await tasks.lineEpoch(provider);
        // Only the places shown are read: the first jobs' own messages, then each board's chat.
        const first = await tasks.waitingInOrder(provider, POSITIONS_SHOWN);
        // What was shown of a job past them (or gone: another instance admitted it) is forgotten,
        // so the map holds at most the first places; the store's line_text still stops a repeat edit.
        const inFirst = new Set(first.map((task) => task.id));
        for (const [id, shown] of this.shownInLine) if (shown.provider === provider && !inFirst.has(id)) this.shownInLine.delete(id);
        const eta = await this.etaOf(provider);
        for (const [i, task] of first.entries()) {
          const position = i + 1;
          const port = this.ports.get(task.platform);
          if (task.message?.unposted || !task.message || !port) continue;
          const text = waitingText(task, position, eta(position));
          if (this.shownInLine.get(task.id)?.text === text) continue;
          // Another instance's refresh may have shown it already, or moved the line since this reading.
          if (!(await tasks.markLineShown(task.id, text, epoch))) {
            this.shownInLine.delete(task.id);
            continue;
          }
          this.shownInLine.set(task.id, { provider, text });
          port.updateProgress(task.message, text).catch((err: unknown) => this.opts.log.debug({ err, taskId: task.id }, 'place in line not shown'));
        }
        const boards = new Map<string, Board>();
        for (const key of await this.boardChats(provider)) {
          // Each board's reads in a turn of their own (SQLite runs them on the event loop).
          await yieldToLoop();
          const [platform, ...rest] = key.split(':') as [Platform, ...string[]];
          const chatId = rest.join(':');
          const { count, newest } = await tasks.onBoard(provider, platform, chatId);
          if (count === 0) continue;
          // A board's chat is its group (boards are Telegram's): its jobs in the line's order, with their places.
          const line = (await tasks.waitingInGroup(provider, platform, chatId, BOARD_READ)).filter(({ task }) => task.chatId === chatId && task.message?.unposted);
          const entries = line.map(({ task, place }) => ({ task, position: place, eta: eta(place) }));
          const refs = [...line.map(({ task }) => task.message!), ...(newest?.message ? [newest.message] : [])];
          boards.set(key, { chatId, platform, entries, refs, count, newest });
        }
        this.showBoards(provider, boards);
        for (const key of asked) this.newOnBoard.delete(key);
      } while (this.refreshAgain.has(provider) && !this.stopped);
    })()
      .catch((err: unknown) => this.opts.log.warn({ err, provider }, 'could not show places in line'))
      .finally(() => this.refreshing.delete(provider));
    this.refreshing.set(provider, run);
  }

  /**
   * Shows each chat's board (one per image service), and tells the boards whose jobs have all
   * started. Alone on the store a board may be posted anywhere; shared, only where this process
   * took a job onto it, so instances do not each post one in every chat.
   */
  private showBoards(provider: string, boards: Map<string, Board>): void {
    const shown = new Map(this.boards.get(provider) ?? []);
    const onError = (err: unknown) => this.opts.log.debug({ err, provider }, 'chat board not shown');
    for (const [key, board] of boards) {
      const mayPost = !this.opts.shared || this.newOnBoard.has(`${provider} ${key}`);
      const locale = boardLocale([...board.entries.map((e) => e.task), ...(board.newest ? [board.newest] : [])]);
      shown.set(key, locale);
      this.ports.get(board.platform)?.showLine?.(board.chatId, provider, boardText(board.entries, locale, board.count), board.refs, mayPost).catch(onError);
    }
    for (const [key, locale] of shown) {
      if (boards.has(key)) continue;
      const [platform, ...chat] = key.split(':');
      // In the language the board was last written in.
      this.ports.get(platform as Platform)?.showLine?.(chat.join(':'), provider, boardEmpty(locale), [], false).catch(onError);
    }
    this.boards.set(provider, new Map([...boards.keys()].map((key) => [key, shown.get(key) ?? SOURCE_LOCALE])));
  }

  /**
   * The chats whose board a refresh shows: those this process showed or took a job onto, and after
   * a start those an earlier run left in the store.
   */
  private async boardChats(provider: string): Promise<Set<string>> {
    const chats = new Set(this.boards.get(provider)?.keys());
    for (const key of this.newOnBoard) if (key.startsWith(`${provider} `)) chats.add(key.slice(provider.length + 1));
    if (!this.boardsFound.has(provider)) {
      for (const key of await this.opts.store.tasks.boardChats(provider, BOARDS_FOUND)) chats.add(key);
      this.boardsFound.add(provider);
    }
    return chats;
  }

  /**
   * Takes back a waiting job: it is never submitted, its credits are refunded in full, and its
   * message says so. `running` when it has already started (a provider cannot stop it), `gone`
   * when it has ended or does not exist.
   */
  async cancel(id: string): Promise<{ outcome: 'cancelled'; task: TaskRecord; refunded: number } | { outcome: 'running' | 'gone'; task?: TaskRecord }> {
    const { store } = this.opts;
    const result = await store.transaction(async (tx) => {
      if (!(await tx.tasks.cancelWaiting(id, CANCELLED, this.now()))) return undefined;
      const task = (await tx.tasks.get(id))!;
      await this.opts.hooks?.failed?.(task, tx);
      return task;
    });
    if (!result) {
      const task = await store.tasks.get(id);
      const running = task && (task.status === 'pending' || task.status === 'submitted');
      return running ? { outcome: 'running', task } : { outcome: 'gone', task };
    }
    this.counted.ended(result, 'failed', this.now());
    this.shownInLine.delete(id);
    this.opts.log.info({ taskId: id }, 'a waiting task was cancelled');
    const refunded = (await store.wallets.entryFor(id, 'refund'))?.amount ?? 0;
    if (result.message && !result.message.unposted) {
      await this.ports
        .get(result.platform)
        ?.updateProgress(result.message, cancelledText(result, refundNote(result, refunded)))
        .catch((err: unknown) => this.opts.log.debug({ err, taskId: id }, 'cancel not shown in the job message'));
    }
    this.refreshPositions(result.provider);
    return { outcome: 'cancelled', task: result, refunded };
  }

  /** The open jobs in a chat (one user's, or everyone's), with each waiting one's place in line. */
  async openJobs(platform: Platform, chatId: string, userId: string | undefined, limit = 20): Promise<Array<{ task: TaskRecord; position?: number }>> {
    const open = await this.opts.store.tasks.openInChat(platform, chatId, userId, limit);
    const places = new Map<string, Map<string, number>>();
    const waiting = open.filter((t) => t.waitingSince !== null);
    for (const provider of new Set(waiting.map((t) => t.provider))) {
      places.set(provider, await this.opts.store.tasks.placesInLine(provider, waiting.filter((t) => t.provider === provider).map((t) => t.id)));
    }
    return open.map((task) => ({ task, position: task.waitingSince === null ? undefined : places.get(task.provider)?.get(task.id) }));
  }

  /**
   * After a start: offers interrupted deliveries again, resubmits tasks a crash caught before or
   * during their submit, and polls everything unfinished once. Alone on the store, what a previous
   * run held is taken over at once; shared, another instance's work waits for its lease to lapse.
   */
  async resume(): Promise<void> {
    const { store, log } = this.opts;
    if (!this.opts.shared) {
      await store.tasks.releaseLeases(null);
      const reopened = await store.tasks.reopenInterruptedDeliveries(this.now());
      if (reopened > 0) log.warn({ reopened }, 'deliveries interrupted by a stop are offered again');
    }
    await this.sweep({ force: true });
  }

  /**
   * One pass of the safety net: deadlines, interrupted submits, polling, pending deliveries.
   * `force` polls every unfinished task now, whether it is due or not.
   */
  async sweep(opts: { force?: boolean } = {}): Promise<void> {
    if (this.sweeping) return this.sweeping;
    this.sweeping = this.sweepOnce(opts.force ?? false).finally(() => {
      this.sweeping = undefined;
    });
    return this.sweeping;
  }

  private async sweepOnce(force: boolean): Promise<void> {
    const { store } = this.opts;
    const now = this.now();
    // A stop ends the sweep between chunks; what is left stays due for the next start.
    const halted = () => this.stopped;
    await inPages((after) => store.tasks.listExpired(now, SWEEP_CHUNK, after), (task) => ({ at: task.deadlineAt, id: task.id }), async (task) => {
      if (await this.expireTask(task)) this.afterEnd(task, 'failed');
    }, halted);
    // Alone on the store, a start's sweep has nobody else's fresh work to leave alone.
    const settled = force && !this.opts.shared ? undefined : now - SETTLE_MS;
    // A pending task no live submit holds was interrupted (by a crash or a stop) before or while it was sent.
    await inPages((after) => store.tasks.listStalledSubmits(now, SWEEP_CHUNK, after, settled), (task) => ({ at: task.createdAt, id: task.id }), (task) => this.resubmit(task), halted);
    // Slots a dead instance's jobs freed, or waiting jobs a restart left: the queue moves on. A
    // service no longer configured is pumped too: its waiting jobs then fail as unavailable, refunded.
    const queued = new Set([...this.opts.providers.all().map((p) => p.id), ...Object.keys(this.opts.queue?.concurrency ?? {})]);
    for (const provider of queued) await this.pump(provider, true, settled);
    await this.poll(now, force);
    // A listed delivery stays due until it is made, so the pages follow a cursor (every due one is offered).
    const offerAt = this.now();
    let after: DeliverableCursor | undefined;
    for (;;) {
      const page = await store.tasks.listDeliverable(offerAt, SWEEP_CHUNK, after);
      for (const task of page) this.enqueue(task, () => this.deliver(task.id));
      await yieldToLoop();
      if (page.length < SWEEP_CHUNK || halted()) break;
      after = deliverableCursor(page.at(-1)!);
    }
  }

  /**
   * Reads the unfinished tasks that are due, from each provider in one go (batched by its client).
   * Each task is claimed in the store until its next turn, so instances sweeping side by side
   * share the polling: each task is read by one of them per interval. A provider that posts its
   * updates is asked only about tasks it has been quiet about for a while.
   */
  private async poll(now: number, force: boolean): Promise<void> {
    const { store, providers, log } = this.opts;
    for (const provider of providers.all()) {
      const grace = provider.pushesUpdates ? (this.opts.webhookGraceMs ?? 60_000) : 0;
      const adaptive = this.adaptive(provider);
      // Claimed a chunk at a time (each claimed task is due again later, so the next chunk is others).
      let left = this.opts.maxPolledPerSweep ?? 400;
      while (left > 0) {
        const due = await store.tasks.claimPolls(provider.id, now, {
          quietSince: now - grace,
          // Adaptive: held until the longest gap (should this instance stop mid-read), then each is scheduled below.
          nextDueAt: now + (adaptive ? Math.max(this.pollSlowestMs!, this.pollEveryMs) : Math.max(this.pollEveryMs, grace)),
          limit: Math.min(left, SWEEP_CHUNK),
          all: force,
        });
        left -= due.length;
        const ids: string[] = [];
        const partsOf = new Map<string, string[]>();
        for (const task of due) {
          const waiting = (await store.tasks.parts(task.id)).filter((p) => p.state === 'waiting' && p.provider === provider.id).map((p) => p.partId);
          partsOf.set(task.id, waiting);
          ids.push(...waiting);
        }
        await yieldToLoop();
        const percentages = new Map<string, number>();
        if (ids.length > 0) {
          try {
            const views = await provider.fetchMany(ids);
            for (const [i, view] of views.entries()) {
              percentages.set(view.providerTaskId, view.percentage ?? 0);
              await this.applyKnown(provider.id, view);
              if ((i + 1) % APPLY_CHUNK === 0) await yieldToLoop();
            }
          } catch (err) {
            log.warn({ err, provider: provider.id, count: ids.length }, 'polling unfinished tasks failed; will try again');
          }
        }
        if (adaptive) {
          const reported = new Map(due.map((t) => [t.id, Math.max(0, ...(partsOf.get(t.id) ?? []).map((id) => percentages.get(id) ?? 0))]));
          await this.schedulePolls(provider.id, due, reported);
        }
        if (due.length < SWEEP_CHUNK || this.stopped) break;
      }
    }
  }

  /** Whether a provider's tasks are polled adaptively: it posts no updates and startPolling set a longest gap. */
  private adaptive(provider: { pushesUpdates?: boolean }): boolean {
    return !provider.pushesUpdates && this.pollSlowestMs !== undefined;
  }

  /**
   * Sets each unfinished task's next poll from how far along it is: its kind's typical run time
   * at `provider`, the time since its submit and the percentage last reported (`reported`, by task).
   */
  private async schedulePolls(provider: string, tasks: readonly TaskRecord[], reported: ReadonlyMap<string, number>): Promise<void> {
    const now = this.now();
    const pace = { cadenceMs: this.pollEveryMs, slowestMs: this.pollSlowestMs ?? this.pollEveryMs };
    const due: Array<{ id: string; at: number }> = [];
    for (const task of tasks) {
      const expectedMs = await this.runTimes.expectedMs(provider, task.job.type);
      const percentage = Math.max(task.progress, reported.get(task.id) ?? 0);
      due.push({ id: task.id, at: now + nextPollInMs({ elapsedMs: now - (task.submittedAt ?? now), expectedMs, percentage }, pace) });
    }
    await this.opts.store.tasks.schedulePolls(due, now);
  }

  private async resubmit(task: TaskRecord): Promise<void> {
    if (task.submitAttempts === 0) this.opts.log.warn({ taskId: task.id }, 'submitting a task a stop caught before it reached the provider');
    try {
      await this.submit(task, { notify: true });
    } catch (err) {
      this.opts.log.warn({ err, taskId: task.id }, 'resubmit failed');
    }
  }

  /** Resolves once every queued delivery and follow-up has run (tests and benchmarks). */
  async idle(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.idle()));
  }

  /**
   * What this process holds in memory about tasks, by kind (tests): each entry goes when its task
   * or chat no longer needs it, so none of these grows with the number of finished tasks.
   */
  sizes(): Record<string, number> {
    let boards = 0;
    for (const chats of this.boards.values()) boards += chats.size;
    let queued = 0;
    for (const queue of this.queues.values()) queued += queue.size;
    return {
      progressShown: this.progressShown.size,
      shownInLine: this.shownInLine.size,
      boards,
      newOnBoard: this.newOnBoard.size,
      refreshing: this.refreshing.size,
      starting: this.starting.size,
      early: this.early.size,
      queued,
    };
  }

  /**
   * Sweeps every `intervalMs`. `maxIntervalMs` turns on adaptive polling (see pollMaxIntervalMs);
   * absent, the one given to the constructor applies.
   */
  startPolling(intervalMs: number, maxIntervalMs?: number): void {
    this.stopped = false;
    this.pollEveryMs = intervalMs;
    if (maxIntervalMs !== undefined) this.pollSlowestMs = maxIntervalMs;
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

  /**
   * Stops polling and drops deliveries that have not started; waits at most `graceMs` for what is
   * running. Whatever is left stays in the store for the next start.
   */
  async stop(graceMs = 5_000): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.early.clear();
    for (const queue of this.queues.values()) queue.stop();
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, graceMs);
    });
    await Promise.race([Promise.allSettled([this.sweeping, this.idle()]), grace]);
    clearTimeout(timer);
  }
}


/** Lets the event loop run what is waiting (timers, sockets: commands, webhooks) before going on. */
const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Handles every row `list` returns, a page at a time after the last row of the page before (its
 * cursor), with a turn of the event loop between pages, until a page is short (or `halted` says
 * so: a stop). A row whose handling was refused (a live lease holds it) is passed, not read again,
 * so a page of them cannot hide the rows behind it.
 */
async function inPages(
  list: (after: ListCursor | undefined) => Promise<TaskRecord[]>,
  cursorOf: (task: TaskRecord) => ListCursor,
  handle: (task: TaskRecord) => Promise<void>,
  halted: () => boolean,
): Promise<void> {
  let after: ListCursor | undefined;
  for (;;) {
    const page = await list(after);
    for (const task of page) await handle(task);
    await yieldToLoop();
    if (page.length < SWEEP_CHUNK || halted()) return;
    after = cursorOf(page.at(-1)!);
  }
}

/** A chat's board as a refresh found it: the first jobs on it with their places, how many there are, and the newest. */
interface Board {
  chatId: string;
  platform: Platform;
  entries: BoardEntry[];
  refs: MessageRef[];
  count: number;
  newest: TaskRecord | undefined;
}

/** The image URLs a result holds (one image, or several). */
function imagesOf(result: TaskResult | undefined): string[] {
  if (result?.kind === 'image') return [result.imageUrl];
  if (result?.kind === 'photos') return result.imageUrls;
  return [];
}
