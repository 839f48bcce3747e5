import type { MessageRef, Platform } from '../types.ts';
import type { TaskResult } from '../../providers/types.ts';
import type { Job } from '../../providers/jobs.ts';
import type { Locale } from '../../i18n/index.ts';

/*
 * What a task is, and what every engine's tasks repository promises. The guarded changes are the
 * exactly-once machinery: each says whether it changed the row, so a replay, a race between a
 * webhook and a poll, or a second instance is a no-op that the caller can see.
 */

export type TaskStatus = 'pending' | 'submitted' | 'finished' | 'failed';
export type DeliveryState = 'none' | 'pending' | 'sending' | 'sent' | 'gave_up';

export interface TaskRecord {
  id: string;
  /** What the task runs, as a typed provider job. */
  job: Job;
  /** The provider that runs it (its id in the registry). */
  provider: string;
  /** The catalog action (and its variant) whose button made this task, e.g. `upscale:2`. */
  actionKey: string | null;
  status: TaskStatus;
  providerTaskId: string | null;
  parentId: string | null;
  prompt: string;
  label: string;
  platform: Platform;
  guildId: string | null;
  chatId: string;
  userId: string;
  userName: string;
  message: MessageRef | null;
  progress: number;
  result: TaskResult | null;
  error: string | null;
  delivery: DeliveryState;
  deliveryAttempts: number;
  nextDeliveryAt: number | null;
  createdAt: number;
  updatedAt: number;
  submittedAt: number | null;
  finishedAt: number | null;
  deadlineAt: number;
  /** The wallet this task is charged to, and how much (0 = free). */
  walletId: string | null;
  cost: number;
  /** While a submit is in flight: until when its process holds it (a lease; see claimSubmit). */
  submitLeaseUntil: number | null;
  /** How many times a submit was started; more than one means an earlier one may have reached the provider. */
  submitAttempts: number;
  /** What an interrupted delivery already sent (the adapter's steps), so a retry skips them. */
  deliveryJournal: Record<string, unknown>;
  /** The platform event (a Telegram update, a Discord interaction) that created the task: run once. */
  origin: string | null;
  /** The language its progress, result and failure are shown in: its command's (English for older tasks). */
  locale: Locale;
  /**
   * While the task waits in its provider's queue for a slot (status stays `pending`, nothing is
   * submitted): since when. Null once admitted (or never queued).
   */
  waitingSince: number | null;
  /** When it took a slot at its provider (the fair order serves who was served longest ago first). */
  admittedAt: number | null;
}

export type NewTask = Pick<
  TaskRecord,
  | 'id'
  | 'job'
  | 'parentId'
  | 'prompt'
  | 'label'
  | 'platform'
  | 'guildId'
  | 'chatId'
  | 'userId'
  | 'userName'
  | 'deadlineAt'
  | 'walletId'
  | 'cost'
> & {
  origin?: string | null;
  /** Absent: English. */
  locale?: Locale;
  actionKey?: string | null;
  /** The provider that will run it, known before the submit (its queue and its slots). */
  provider?: string;
  /** Written waiting in the provider's queue (see admitWaiting) instead of admitted at once. */
  waiting?: boolean;
};

/** Open (waiting or running) jobs counted against the caps. */
export interface OpenJobs {
  user: number;
  group: number;
}

/** Whose open jobs: a platform's user, and the group (a Discord server, else the chat) the job is in. */
export interface JobOwner {
  platform: Platform;
  userId: string;
  /** The server (Discord guild) or, without one, the chat. */
  groupId: string;
}

/** Where a page of listDeliverable ended: the last task's finish time (0 when none) and id. */
export interface DeliverableCursor {
  finishedAt: number;
  id: string;
}

/** The cursor just past `task` in listDeliverable's order. */
export const deliverableCursor = (task: Pick<TaskRecord, 'finishedAt' | 'id'>): DeliverableCursor => ({ finishedAt: task.finishedAt ?? 0, id: task.id });

/** Where a page of listExpired (by deadline) or listStalledSubmits (by creation) ended: that time and the task's id. */
export interface ListCursor {
  at: number;
  id: string;
}

/** One id a task waits on at its provider. */
export interface TaskPart {
  provider: string;
  partId: string;
  state: 'waiting' | 'finished' | 'failed';
  result: TaskResult | null;
  error: string | null;
}

export interface PartOutcome {
  state: 'finished' | 'failed';
  result?: TaskResult;
  error?: string;
}

/** Why an image a service never queued is a failed part (every engine records the same words). */
export const UNQUEUED_PART_ERROR = 'the image service did not queue this image';

/** The id of the `n`th (from 1) image a service never queued; it cannot collide with a service's own. */
export const unqueuedPartId = (taskId: string, n: number): string => `unqueued:${taskId}:${n}`;

/** Every read and state change of tasks. Times are epoch milliseconds the caller passes in. */
export interface TasksRepository {
  /**
   * Writes a new pending task (delivery `none`, progress 0, no attempts) and returns it. Throws
   * when the job does not parse, the id exists, or another task has the same non-null `origin`
   * (one task per platform event: a replayed command finds the first with byOrigin).
   */
  insert(task: NewTask, now: number): Promise<TaskRecord>;
  get(id: string): Promise<TaskRecord | undefined>;
  /** The task waiting on (or done with) `partId` at `provider`; the same id at another provider is another task's. */
  byProviderId(provider: string, partId: string): Promise<TaskRecord | undefined>;
  /** The ids a task waits on at its provider (one, or one per image) in the order recorded, with what came of each. */
  parts(taskId: string): Promise<TaskPart[]>;
  /** Records what came of one waiting part; false when it had already settled (a replay) or is unknown. */
  settlePart(provider: string, partId: string, outcome: PartOutcome, now: number): Promise<boolean>;
  /** The task the platform event `origin` created, if any. */
  byOrigin(origin: string): Promise<TaskRecord | undefined>;
  /**
   * Takes the right to call the provider for a pending task, for `leaseMs`: returns the attempt
   * number (1 for the first), or 0 when the task is no longer pending or a live lease holds it.
   * Of concurrent claims, one wins. `force` takes over another owner's live lease (after a
   * restart, the process that held it is gone); never the caller's own.
   */
  claimSubmit(id: string, owner: string, now: number, leaseMs: number, force?: boolean): Promise<number>;
  /**
   * Fails (due for delivery) a task whose deadline has passed, unless a live submit lease holds
   * it (that submit decides); false when it had ended, is not due, or is being submitted.
   * `force` as in claimSubmit.
   */
  expire(id: string, reason: string, owner: string, now: number, force?: boolean): Promise<boolean>;
  /** Records what a delivery in progress has already sent; ignored unless the delivery is `sending`. */
  recordDeliveryStep(id: string, journal: Record<string, unknown>): Promise<void>;
  /**
   * Records the task's progress message, unless a delivery has already begun (or ended) without
   * it: false then, and the message is the caller's to remove (another instance delivered first).
   */
  setMessage(id: string, ref: MessageRef, now: number): Promise<boolean>;
  /**
   * pending → submitted: the provider took the task, as one part id or one per image (the first is
   * `providerTaskId`), plus `unqueued` images recorded as parts failed from the start (see
   * unqueuedPartId). Parts and status change together; false (nothing written) when the task was
   * no longer pending.
   */
  markSubmitted(id: string, provider: string, partIds: readonly string[], now: number, unqueued?: number): Promise<boolean>;
  /** Records a higher percentage on an unfinished task; false for a stale, repeated or late update. */
  recordProgress(id: string, percentage: number, now: number): Promise<boolean>;
  /** pending/submitted → finished (progress 100, delivery pending); false when it had already ended. */
  finish(id: string, result: TaskResult, now: number): Promise<boolean>;
  /**
   * pending/submitted → failed; false when it had already ended. `notify` (default) makes the
   * failure due for delivery to the chat; otherwise delivery stays `none`.
   */
  fail(id: string, error: string, now: number, notify?: boolean): Promise<boolean>;
  /**
   * delivery pending → sending by `owner` until `leaseUntil`, counting the attempt; also takes
   * over a delivery left `sending` whose lease lapsed (its instance died). Of concurrent claims
   * exactly one gets true.
   */
  claimDelivery(id: string, owner: string, now: number, leaseUntil: number): Promise<boolean>;
  /** sending → sent, keeping the result message; ignored unless `sending`. */
  markDelivered(id: string, ref: MessageRef | undefined, now: number): Promise<void>;
  /** sending → pending again, not before `retryAt`; ignored unless `sending`. */
  releaseDelivery(id: string, retryAt: number, now: number): Promise<void>;
  /** sending → gave_up; ignored unless `sending`. */
  giveUpDelivery(id: string, now: number): Promise<void>;
  /** Pending and submitted tasks, oldest first. */
  listUnfinished(limit: number): Promise<TaskRecord[]>;
  /**
   * Tasks due for delivery (pending with its retry time reached, or left sending by an instance
   * whose lease lapsed), in the order they finished (then by id); with `after`, only those past
   * that task in this order (a sweep reads them page by page: a listed delivery stays due until
   * it is made).
   */
  listDeliverable(now: number, limit: number, after?: DeliverableCursor): Promise<TaskRecord[]>;
  /**
   * Unfinished tasks whose deadline has passed, earliest deadline first (then by id); with `after`,
   * only those past that task in this order (a sweep reads them page by page).
   */
  listExpired(now: number, limit: number, after?: ListCursor): Promise<TaskRecord[]>;
  /**
   * Pending tasks no live submit lease holds (a submit a crash or a stop interrupted), and with
   * `quietSince` only those unchanged since then, oldest first (then by id); with `after`, only those past
   * that task in this order.
   */
  listStalledSubmits(now: number, limit: number, after?: ListCursor, quietSince?: number): Promise<TaskRecord[]>;
  /**
   * Claims submitted tasks of `provider` that are due for a poll (never polled, or due by `now`)
   * and have had no update since `quietSince`, at most `limit`, longest due first: each is made
   * due again at `nextDueAt`, so of several instances sweeping at once each task goes to one.
   * `all` ignores when they are due and how quiet they are (after a start).
   */
  claimPolls(provider: string, now: number, o: { quietSince: number; nextDueAt: number; limit: number; all?: boolean }): Promise<TaskRecord[]>;
  /**
   * Sets when each task is next due for a poll (each its own time: adaptive polling reads a job
   * according to how far along it is), for tasks still submitted; others are left alone. `now` is
   * recorded as when each was last seen unfinished (see recentRunTimes).
   */
  schedulePolls(due: ReadonlyArray<{ id: string; at: number }>, now: number): Promise<void>;
  /**
   * Extends to `until` every lease `owner` holds: its submits in flight and its deliveries in
   * progress (an instance's heartbeat). Returns how many.
   */
  renewLeases(owner: string, until: number): Promise<number>;
  /**
   * Lets go of the submit and delivery leases of `owner` (or of every owner: null), so another
   * instance (or the next start) takes the work over at once. Returns how many.
   */
  releaseLeases(owner: string | null): Promise<number>;
  /**
   * After a restart, a delivery that was in flight may or may not have reached the chat; it is
   * offered again (adapters de-duplicate where the platform allows). Returns how many.
   */
  reopenInterruptedDeliveries(now: number): Promise<number>;
  /** The newest child task of `parentId` made by that action (`upscale:2`) that has not failed. */
  findLiveChild(parentId: string, actionKey: string): Promise<TaskRecord | undefined>;
  /** How many children of `parentId` made by that action have not failed. */
  countLiveChildren(parentId: string, actionKey: string): Promise<number>;
  countUnfinished(): Promise<number>;

  /*
   * The queue. A task over its provider's concurrency is written `pending` and waiting (charged,
   * not submitted). Slots are counted in the store, so several instances sharing it never run more
   * than the limit between them. The fair order: round robin across the groups (a Discord server,
   * else the chat) that have jobs waiting, and within a group round robin across its users; a tie
   * in a round goes to whoever was served (admitted) longest ago, then to whoever waited first.
   */

  /**
   * Takes the free slots of `provider` (at most `limit` admitted-and-unfinished tasks), admitting
   * waiting tasks in the fair order; returns them (now pending, not waiting, their deadline moved
   * by the time they waited). Of concurrent calls, together they never exceed `limit`.
   */
  admitWaiting(provider: string, limit: number, now: number): Promise<TaskRecord[]>;
  /**
   * The waiting tasks of `provider` in the fair order, the next to be admitted first; at most
   * `limit`. Reads about as many rows as it returns (a few per task), however long the line.
   */
  waitingInOrder(provider: string, limit: number): Promise<TaskRecord[]>;
  /** The place in `provider`'s line (from 1) of each of `ids` that waits there; the others are left out. */
  placesInLine(provider: string, ids: readonly string[]): Promise<Map<string, number>>;
  /**
   * The first `limit` waiting tasks of one group (a Discord server, else the chat) in the line's
   * order, each with its place in the whole line: what a chat's board shows.
   */
  waitingInGroup(provider: string, platform: Platform, groupId: string, limit: number): Promise<Array<{ task: TaskRecord; place: number }>>;
  /** How many of a chat's tasks wait on its board (an `unposted` message) at `provider`, and the newest of them. */
  onBoard(provider: string, platform: Platform, chatId: string): Promise<{ count: number; newest: TaskRecord | undefined }>;
  /** The chats (`platform:chatId`) with tasks waiting on a board at `provider`; at most `limit`. */
  boardChats(provider: string, limit: number): Promise<string[]>;
  /**
   * How many open (waiting or running) tasks the user and the group have. Inside a unit of work on
   * a shared engine, concurrent counts of the same user or group wait for the unit to end, so a
   * count and the insert it allows cannot both slip past a cap.
   */
  openJobs(owner: JobOwner): Promise<OpenJobs>;
  /** Open tasks in a chat (of one user when `userId` is given), oldest first; at most `limit`. */
  openInChat(platform: Platform, chatId: string, userId: string | undefined, limit: number): Promise<TaskRecord[]>;
  /** waiting → failed with `reason` (delivery stays `none`: the cancel answers); false unless it was waiting. */
  cancelWaiting(id: string, reason: string, now: number): Promise<boolean>;
  /** The mean time from submit to finish of the provider's last `sample` finished tasks; undefined with none. */
  recentRunMs(provider: string, sample: number): Promise<number | undefined>;
  /**
   * How long (submit to finish) each of the last `limit` finished tasks of `kind` (a job type) at
   * `provider` ran, the latest first. A task last seen unfinished by a poll (schedulePolls) ended
   * somewhere between then and when it was found finished: the midpoint counts, so reads that come
   * late do not make the next jobs look longer.
   */
  recentRunTimes(provider: string, kind: string, limit: number): Promise<number[]>;
  /** When each of the provider's slot-holding tasks started running (submitted, else admitted), earliest first; at most `limit`. */
  runningSince(provider: string, limit: number): Promise<number[]>;
  /**
   * Records `text` as what a waiting task's message shows; false when it already showed it, when
   * the task no longer waits, or, given the line's `epoch` when the places were read, when the line
   * has moved since (lineEpoch). Of instances refreshing the line side by side, only the one that
   * changed it, from a current reading, edits the message.
   */
  markLineShown(id: string, text: string, epoch?: number): Promise<boolean>;
  /** Moves on whenever a job joins the provider's line or is admitted from it (0 before any). */
  lineEpoch(provider: string): Promise<number>;
}
