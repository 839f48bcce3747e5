import type { Db } from './db.ts';
import type { Statement } from 'better-sqlite3';
import type { MessageRef, Sync } from './types.ts';
import {
  UNQUEUED_PART_ERROR,
  unqueuedPartId,
  type NewTask,
  type PartOutcome,
  type DeliverableCursor,
  type ListCursor,
  type TaskPart,
  type TaskRecord,
  type TasksRepository,
} from './records/tasks.ts';
import type { TaskResult } from '../providers/types.ts';
import { jobSchema } from '../providers/jobs.ts';
import { toPart, toTask as toRecord, type PartRow, type TaskRow as Row } from './rows/tasks.ts';
import { GROUP_OF, HOLDS_SLOT, LINE_SQL, lineAnswer, lineQuery } from './rows/queue.ts';
import { fairOrder, groupLine, placesOf, runSync, type LineRead } from './rows/fair-order.ts';
import type { JobOwner, OpenJobs } from './records/tasks.ts';
import type { Platform } from './types.ts';
import { SOURCE_LOCALE } from '../i18n/index.ts';

/** A pending task no live submit holds: no lease, an expired one, or (forced) another owner's. */
const FREE_OF_LEASE = `(submit_lease_until IS NULL OR submit_lease_until <= @now OR (@force = 1 AND submit_owner IS NOT @owner))`;

/** A delivery left sending by an instance whose lease lapsed (none recorded: from before leases). */
const DELIVERY_LAPSED = `COALESCE(delivery_lease_until, 0) <= @now`;
const NO_DELIVERY_LEASE = `delivery_owner = NULL, delivery_lease_until = NULL`;
/** A task whose message is its place on its chat's board (not posted yet: see MessageRef.unposted). */
const ON_BOARD = `message_json LIKE '%"unposted":true%'`;

/** TasksRepository on SQLite (see there what each method promises). */
export class TasksRepo implements Sync<TasksRepository> {
  private readonly s;
  /** The fair order's reads (rows/fair-order.ts; their SQL: rows/queue.ts), by kind. */
  readonly line: Record<keyof typeof LINE_SQL, Statement>;

  constructor(private readonly db: Db) {
    this.line = Object.fromEntries(Object.entries(LINE_SQL).map(([kind, sql]) => [kind, db.prepare(sql)])) as Record<keyof typeof LINE_SQL, Statement>;
    this.s = {
      insert: db.prepare(
        `INSERT INTO tasks (id, kind, endpoint, request_json, job_json, action_key, status, parent_id, prompt, label, platform, guild_id,
           chat_id, user_id, user_name, created_at, updated_at, deadline_at, wallet_id, cost, origin, provider, waiting_since, admitted_at, locale)
         VALUES (@id, @kind, @kind, '{}', @job_json, @action_key, 'pending', @parent_id, @prompt, @label, @platform, @guild_id,
           @chat_id, @user_id, @user_name, @now, @now, @deadline_at, @wallet_id, @cost, @origin, COALESCE(@provider, 'apiframe'),
           CASE WHEN @waiting = 1 THEN @now END, CASE WHEN @waiting = 1 THEN NULL ELSE @now END, @locale)`,
      ),
      get: db.prepare('SELECT * FROM tasks WHERE id = ?'),
      byProvider: db.prepare('SELECT t.* FROM task_parts p JOIN tasks t ON t.id = p.task_id WHERE p.provider = ? AND p.part_id = ?'),
      addPart: db.prepare(`INSERT INTO task_parts (provider, part_id, task_id, updated_at) VALUES (?, ?, ?, ?)`),
      addFailedPart: db.prepare(`INSERT INTO task_parts (provider, part_id, task_id, state, error, updated_at) VALUES (?, ?, ?, 'failed', ?, ?)`),
      parts: db.prepare('SELECT * FROM task_parts WHERE task_id = ? ORDER BY rowid'),
      settlePart: db.prepare(
        `UPDATE task_parts SET state = @state, result_json = @result, error = @error, updated_at = @now WHERE provider = @provider AND part_id = @part AND state = 'waiting'`,
      ),
      byOrigin: db.prepare('SELECT * FROM tasks WHERE origin = ?'),
      claimSubmit: db.prepare(
        `UPDATE tasks SET submit_lease_until = @until, submit_owner = @owner, submit_attempts = submit_attempts + 1, updated_at = @now
         WHERE id = @id AND status = 'pending' AND waiting_since IS NULL AND ${FREE_OF_LEASE}`,
      ),
      attempts: db.prepare('SELECT submit_attempts AS n FROM tasks WHERE id = ?'),
      setMessage: db.prepare(`UPDATE tasks SET message_json = ?, updated_at = ? WHERE id = ? AND delivery IN ('none', 'pending')`),
      submitted: db.prepare(
        `UPDATE tasks SET status = 'submitted', provider = ?, provider_task_id = ?, submitted_at = ?, updated_at = ?, submit_lease_until = NULL, submit_owner = NULL
         WHERE id = ? AND status = 'pending'`,
      ),
      expire: db.prepare(
        `UPDATE tasks SET status = 'failed', error = @reason, finished_at = @now, updated_at = @now, delivery = 'pending'
         WHERE id = @id AND deadline_at <= @now AND (status = 'submitted' OR (status = 'pending' AND waiting_since IS NULL AND ${FREE_OF_LEASE}))`,
      ),
      journal: db.prepare(`UPDATE tasks SET delivery_json = ? WHERE id = ? AND delivery = 'sending'`),
      progress: db.prepare(
        `UPDATE tasks SET progress = ?, updated_at = ? WHERE id = ? AND status IN ('pending', 'submitted') AND progress < ?`,
      ),
      finish: db.prepare(
        `UPDATE tasks SET status = 'finished', result_json = ?, progress = 100, finished_at = ?, updated_at = ?, delivery = 'pending', waiting_since = NULL
         WHERE id = ? AND status IN ('pending', 'submitted')`,
      ),
      fail: db.prepare(
        `UPDATE tasks SET status = 'failed', error = ?, finished_at = ?, updated_at = ?, delivery = 'pending', waiting_since = NULL
         WHERE id = ? AND status IN ('pending', 'submitted')`,
      ),
      failSilently: db.prepare(
        `UPDATE tasks SET status = 'failed', error = ?, finished_at = ?, updated_at = ?, waiting_since = NULL WHERE id = ? AND status IN ('pending', 'submitted')`,
      ),
      claim: db.prepare(
        `UPDATE tasks SET delivery = 'sending', delivery_owner = @owner, delivery_lease_until = @until, delivery_attempts = delivery_attempts + 1, updated_at = @now
         WHERE id = @id AND (delivery = 'pending' OR (delivery = 'sending' AND ${DELIVERY_LAPSED}))`,
      ),
      delivered: db.prepare(
        `UPDATE tasks SET delivery = 'sent', result_message_json = ?, next_delivery_at = NULL, ${NO_DELIVERY_LEASE}, updated_at = ? WHERE id = ? AND delivery = 'sending'`,
      ),
      release: db.prepare(
        `UPDATE tasks SET delivery = 'pending', next_delivery_at = ?, ${NO_DELIVERY_LEASE}, updated_at = ? WHERE id = ? AND delivery = 'sending'`,
      ),
      giveUp: db.prepare(`UPDATE tasks SET delivery = 'gave_up', ${NO_DELIVERY_LEASE}, updated_at = ? WHERE id = ? AND delivery = 'sending'`),
      unfinished: db.prepare(
        `SELECT * FROM tasks WHERE status IN ('pending', 'submitted') ORDER BY created_at LIMIT ?`,
      ),
      // A page is a range of the partial index tasks_deliverable (migration 17), never a sort of
      // every undelivered task. The sweep queries name their index: without statistics SQLite would
      // pick an equality on a wider one and sort (test/store/task-query-plans.test.ts proves each plan).
      deliverable: db.prepare(
        `SELECT * FROM tasks INDEXED BY tasks_deliverable WHERE delivery IN ('pending', 'sending')
           AND ((delivery = 'pending' AND (next_delivery_at IS NULL OR next_delivery_at <= @now)) OR (delivery = 'sending' AND ${DELIVERY_LAPSED}))
           AND COALESCE(finished_at, 0) >= @at AND (COALESCE(finished_at, 0), id) > (@at, @after)
         ORDER BY COALESCE(finished_at, 0), id LIMIT @limit`,
      ),
      expired: db.prepare(
        `SELECT * FROM tasks INDEXED BY tasks_due WHERE status IN ('pending', 'submitted') AND waiting_since IS NULL AND deadline_at <= @now
           AND (deadline_at, id) > (@at, @after) ORDER BY deadline_at, id LIMIT @limit`,
      ),
      stalled: db.prepare(
        `SELECT * FROM tasks INDEXED BY tasks_unsubmitted WHERE status = 'pending' AND waiting_since IS NULL AND (submit_lease_until IS NULL OR submit_lease_until <= @now)
           AND (@quiet IS NULL OR updated_at <= @quiet) AND (created_at, id) > (@at, @after) ORDER BY created_at, id LIMIT @limit`,
      ),
      claimPolls: db.prepare(
        `UPDATE tasks SET poll_due_at = @next
         WHERE id IN (SELECT id FROM tasks WHERE status = 'submitted' AND provider = @provider
                        AND (@all = 1 OR (COALESCE(poll_due_at, 0) <= @now AND updated_at <= @quiet))
                      ORDER BY COALESCE(poll_due_at, 0), created_at LIMIT @limit)
         RETURNING *`,
      ),
      renewSubmits: db.prepare(`UPDATE tasks SET submit_lease_until = ? WHERE status = 'pending' AND submit_owner = ?`),
      renewDeliveries: db.prepare(`UPDATE tasks SET delivery_lease_until = ? WHERE delivery = 'sending' AND delivery_owner = ?`),
      releaseSubmits: db.prepare(`UPDATE tasks SET submit_lease_until = NULL WHERE status = 'pending' AND submit_lease_until IS NOT NULL AND (@owner IS NULL OR submit_owner = @owner)`),
      releaseDeliveries: db.prepare(
        `UPDATE tasks SET delivery_lease_until = NULL WHERE delivery = 'sending' AND delivery_lease_until IS NOT NULL AND (@owner IS NULL OR delivery_owner = @owner)`,
      ),
      reopenSending: db.prepare(`UPDATE tasks SET delivery = 'pending', updated_at = ? WHERE delivery = 'sending'`),
      child: db.prepare(
        `SELECT * FROM tasks WHERE parent_id = ? AND action_key = ? AND status != 'failed' ORDER BY created_at DESC LIMIT 1`,
      ),
      countChildren: db.prepare(`SELECT COUNT(*) AS n FROM tasks WHERE parent_id = ? AND action_key = ? AND status != 'failed'`),
      countUnfinished: db.prepare(`SELECT COUNT(*) AS n FROM tasks WHERE status IN ('pending', 'submitted')`),
      // Named: with statistics SQLite would count every task of the provider (tasks_served) instead.
      slotsHeld: db.prepare(`SELECT COUNT(*) AS n FROM tasks INDEXED BY tasks_slots WHERE provider = ? AND ${HOLDS_SLOT}`),
      onBoard: db.prepare(`SELECT COUNT(*) AS n FROM tasks WHERE provider = ? AND platform = ? AND chat_id = ? AND waiting_since IS NOT NULL AND ${ON_BOARD}`),
      newestOnBoard: db.prepare(
        `SELECT * FROM tasks WHERE provider = ? AND platform = ? AND chat_id = ? AND waiting_since IS NOT NULL AND ${ON_BOARD} ORDER BY created_at DESC LIMIT 1`,
      ),
      boardChats: db.prepare(`SELECT DISTINCT platform, chat_id FROM tasks WHERE provider = ? AND waiting_since IS NOT NULL AND ${ON_BOARD} LIMIT ?`),
      admit: db.prepare(
        `UPDATE tasks SET waiting_since = NULL, admitted_at = @at, deadline_at = deadline_at + (@now - waiting_since), updated_at = @now
         WHERE id = @id AND status = 'pending' AND waiting_since IS NOT NULL`,
      ),
      openOfUser: db.prepare(`SELECT COUNT(*) AS n FROM tasks WHERE platform = ? AND user_id = ? AND status IN ('pending', 'submitted')`),
      openOfGroup: db.prepare(`SELECT COUNT(*) AS n FROM tasks WHERE platform = ? AND ${GROUP_OF()} = ? AND status IN ('pending', 'submitted')`),
      openInChat: db.prepare(
        `SELECT * FROM tasks WHERE platform = @platform AND chat_id = @chat AND (@user IS NULL OR user_id = @user) AND status IN ('pending', 'submitted')
         ORDER BY created_at, id LIMIT @limit`,
      ),
      cancelWaiting: db.prepare(
        `UPDATE tasks SET status = 'failed', error = @reason, finished_at = @now, updated_at = @now, waiting_since = NULL
         WHERE id = @id AND status = 'pending' AND waiting_since IS NOT NULL`,
      ),
      runningSince: db.prepare(
        `SELECT COALESCE(submitted_at, admitted_at, created_at) AS since FROM tasks WHERE provider = ? AND ${HOLDS_SLOT} ORDER BY since LIMIT ?`,
      ),
      lineShown: db.prepare(
        `UPDATE tasks SET line_text = @text WHERE id = @id AND waiting_since IS NOT NULL AND line_text IS NOT @text
           AND (@epoch IS NULL OR COALESCE((SELECT epoch FROM queue_epochs WHERE provider = tasks.provider), 0) = @epoch)`,
      ),
      lineEpoch: db.prepare(`SELECT epoch FROM queue_epochs WHERE provider = ?`),
      moveEpoch: db.prepare(`INSERT INTO queue_epochs (provider, epoch) VALUES (?, 1) ON CONFLICT (provider) DO UPDATE SET epoch = epoch + 1`),
      schedulePoll: db.prepare(`UPDATE tasks SET poll_due_at = ?, polled_at = ? WHERE id = ? AND status = 'submitted'`),
      recentRunTimes: db.prepare(
        `SELECT CASE WHEN polled_at IS NOT NULL AND polled_at < finished_at THEN (polled_at + finished_at) / 2 ELSE finished_at END - submitted_at AS ms FROM tasks WHERE provider = ? AND kind = ? AND status = 'finished' AND submitted_at IS NOT NULL
         ORDER BY finished_at DESC LIMIT ?`,
      ),
      recentRun: db.prepare(
        `SELECT AVG(finished_at - submitted_at) AS ms, COUNT(*) AS n FROM (
           SELECT finished_at, submitted_at FROM tasks WHERE provider = ? AND status = 'finished' AND submitted_at IS NOT NULL
           ORDER BY finished_at DESC LIMIT ?)`,
      ),
    };
  }

  insert(task: NewTask, now: number): TaskRecord {
    this.s.insert.run({
      id: task.id,
      // kind and endpoint predate the typed job; they keep the job's type for a reader of the table.
      kind: task.job.type,
      // Checked on the way in as on the way out: a job the catalog built wrong fails here, not at Apiframe.
      job_json: JSON.stringify(jobSchema.parse(task.job)),
      action_key: task.actionKey ?? null,
      parent_id: task.parentId,
      prompt: task.prompt,
      label: task.label,
      platform: task.platform,
      guild_id: task.guildId,
      chat_id: task.chatId,
      user_id: task.userId,
      user_name: task.userName,
      now,
      deadline_at: task.deadlineAt,
      wallet_id: task.walletId,
      cost: task.cost,
      origin: task.origin ?? null,
      provider: task.provider ?? null,
      waiting: task.waiting ? 1 : 0,
      locale: task.locale ?? SOURCE_LOCALE,
    });
    return this.get(task.id)!;
  }

  get(id: string): TaskRecord | undefined {
    const row = this.s.get.get(id) as Row | undefined;
    return row && toRecord(row);
  }

  /** The task waiting on (or done with) `partId` at `provider`. */
  byProviderId(provider: string, partId: string): TaskRecord | undefined {
    const row = this.s.byProvider.get(provider, partId) as Row | undefined;
    return row && toRecord(row);
  }

  /** The ids a task waits on at its provider (one, or one per image), with what came of each. */
  parts(taskId: string): TaskPart[] {
    return (this.s.parts.all(taskId) as PartRow[]).map(toPart);
  }

  /** Records what came of one part; false when it had already settled (a replay). */
  settlePart(provider: string, partId: string, outcome: PartOutcome, now: number): boolean {
    return (
      this.s.settlePart.run({ provider, part: partId, state: outcome.state, result: outcome.result ? JSON.stringify(outcome.result) : null, error: outcome.error ?? null, now })
        .changes === 1
    );
  }

  byOrigin(origin: string): TaskRecord | undefined {
    const row = this.s.byOrigin.get(origin) as Row | undefined;
    return row && toRecord(row);
  }

  /**
   * Takes the right to call the provider for a pending task, for `leaseMs`: returns the attempt
   * number (1 for the first), or 0 when the task is no longer pending or another submit holds it.
   * `force` takes over another owner's live lease (after a restart, the process that held it is gone).
   */
  claimSubmit(id: string, owner: string, now: number, leaseMs: number, force = false): number {
    const claimed = this.s.claimSubmit.run({ id, owner, now, until: now + leaseMs, force: force ? 1 : 0 }).changes === 1;
    return claimed ? (this.s.attempts.get(id) as { n: number }).n : 0;
  }

  /**
   * Fails a task whose deadline has passed, unless a live submit holds it (that submit decides);
   * false when it had ended or is being submitted. `force` as in claimSubmit.
   */
  expire(id: string, reason: string, owner: string, now: number, force = false): boolean {
    return this.s.expire.run({ id, reason, owner, now, force: force ? 1 : 0 }).changes === 1;
  }

  /** Records what a delivery in progress has already sent. */
  recordDeliveryStep(id: string, journal: Record<string, unknown>): void {
    this.s.journal.run(JSON.stringify(journal), id);
  }

  setMessage(id: string, ref: MessageRef, now: number): boolean {
    return this.s.setMessage.run(JSON.stringify(ref), now, id).changes === 1;
  }

  /** The provider took the task: what it runs it as (one id, or one per image). False when the task had ended. */
  markSubmitted(id: string, provider: string, partIds: readonly string[], now: number, unqueued = 0): boolean {
    return this.db.transaction(() => {
      if (this.s.submitted.run(provider, partIds[0], now, now, id).changes !== 1) return false;
      for (const part of partIds) this.s.addPart.run(provider, part, id, now);
      // Images the service never queued are parts that failed from the start, so the task's share
      // of them is refunded when it ends. Their ids cannot collide with the service's own.
      for (let n = 1; n <= unqueued; n++) this.s.addFailedPart.run(provider, unqueuedPartId(id, n), id, UNQUEUED_PART_ERROR, now);
      return true;
    })();
  }

  /** Records a higher percentage; false for a stale, repeated or late update. */
  recordProgress(id: string, percentage: number, now: number): boolean {
    return this.s.progress.run(percentage, now, id, percentage).changes === 1;
  }

  /** Marks the task finished and due for delivery; false when it had already ended. */
  finish(id: string, result: TaskResult, now: number): boolean {
    return this.s.finish.run(JSON.stringify(result), now, now, id).changes === 1;
  }

  /** Marks the task failed; `notify` decides whether the failure is still to be delivered to the chat. */
  fail(id: string, error: string, now: number, notify = true): boolean {
    const stmt = notify ? this.s.fail : this.s.failSilently;
    return stmt.run(error, now, now, id).changes === 1;
  }

  /** Takes the right to deliver; exactly one caller gets true. */
  claimDelivery(id: string, owner: string, now: number, leaseUntil: number): boolean {
    return this.s.claim.run({ id, owner, now, until: leaseUntil }).changes === 1;
  }

  markDelivered(id: string, ref: MessageRef | undefined, now: number): void {
    this.s.delivered.run(ref ? JSON.stringify(ref) : null, now, id);
  }

  releaseDelivery(id: string, retryAt: number, now: number): void {
    this.s.release.run(retryAt, now, id);
  }

  giveUpDelivery(id: string, now: number): void {
    this.s.giveUp.run(now, id);
  }

  listUnfinished(limit: number): TaskRecord[] {
    return (this.s.unfinished.all(limit) as Row[]).map(toRecord);
  }

  listDeliverable(now: number, limit: number, after?: DeliverableCursor): TaskRecord[] {
    return (this.s.deliverable.all({ now, limit, at: after?.finishedAt ?? -1, after: after?.id ?? '' }) as Row[]).map(toRecord);
  }

  listExpired(now: number, limit: number, after?: ListCursor): TaskRecord[] {
    return (this.s.expired.all({ now, limit, at: after?.at ?? -1, after: after?.id ?? '' }) as Row[]).map(toRecord);
  }

  listStalledSubmits(now: number, limit: number, after?: ListCursor, quietSince?: number): TaskRecord[] {
    return (this.s.stalled.all({ now, quiet: quietSince ?? null, limit, at: after?.at ?? -1, after: after?.id ?? '' }) as Row[]).map(toRecord);
  }

  claimPolls(provider: string, now: number, o: { quietSince: number; nextDueAt: number; limit: number; all?: boolean }): TaskRecord[] {
    const rows = this.s.claimPolls.all({ provider, now, quiet: o.quietSince, next: o.nextDueAt, limit: o.limit, all: o.all ? 1 : 0 }) as Row[];
    // RETURNING gives no order: the oldest first, as listed.
    return rows.map(toRecord).sort((a, b) => a.createdAt - b.createdAt);
  }

  schedulePolls(due: ReadonlyArray<{ id: string; at: number }>, now: number): void {
    if (due.length === 0) return;
    this.db.transaction(() => {
      for (const d of due) this.s.schedulePoll.run(d.at, now, d.id);
    })();
  }

  renewLeases(owner: string, until: number): number {
    return this.s.renewSubmits.run(until, owner).changes + this.s.renewDeliveries.run(until, owner).changes;
  }

  releaseLeases(owner: string | null): number {
    return this.s.releaseSubmits.run({ owner }).changes + this.s.releaseDeliveries.run({ owner }).changes;
  }

  /**
   * After a restart, a delivery that was in flight may or may not have reached the chat; it is
   * offered again (adapters de-duplicate where the platform allows).
   */
  reopenInterruptedDeliveries(now: number): number {
    return this.s.reopenSending.run(now).changes;
  }

  /** The newest child task of `parentId` made by that action (`upscale:2`) that has not failed. */
  findLiveChild(parentId: string, actionKey: string): TaskRecord | undefined {
    const row = this.s.child.get(parentId, actionKey) as Row | undefined;
    return row && toRecord(row);
  }

  /** How many children of `parentId` made by that action have not failed. */
  countLiveChildren(parentId: string, actionKey: string): number {
    return (this.s.countChildren.get(parentId, actionKey) as { n: number }).n;
  }

  countUnfinished(): number {
    return (this.s.countUnfinished.get() as { n: number }).n;
  }

  admitWaiting(provider: string, limit: number, now: number): TaskRecord[] {
    // One connection, one writer: the count and the admissions cannot interleave with another's.
    return this.db.transaction(() => {
      const free = limit - (this.s.slotsHeld.get(provider) as { n: number }).n;
      if (free <= 0) return [];
      // Only as far down the line as the free slots reach (rows/fair-order.ts).
      const next = runSync(fairOrder(provider, free), (read) => this.read(read));
      if (next.length > 0) this.s.moveEpoch.run(provider);
      // 1 ms apart, so the batch keeps its order as "served longest ago" in the next round.
      next.forEach((id, i) => this.s.admit.run({ id, now, at: now + i }));
      return next.map((id) => this.get(id)!);
    })();
  }

  /** Answers one read of the fair order (rows/fair-order.ts). */
  private read(read: LineRead): unknown {
    const q = lineQuery(read);
    const stmt = this.line[read.kind];
    return lineAnswer(read, (q.shape === 'rows' ? stmt.all(...q.args) : [stmt.get(...q.args)].filter(Boolean)) as Array<Record<string, unknown>>);
  }

  waitingInOrder(provider: string, limit: number): TaskRecord[] {
    return runSync(fairOrder(provider, limit), (read) => this.read(read)).map((id) => this.get(id)!);
  }

  placesInLine(provider: string, ids: readonly string[]): Map<string, number> {
    return runSync(placesOf(provider, ids), (read) => this.read(read));
  }

  waitingInGroup(provider: string, platform: Platform, groupId: string, limit: number): Array<{ task: TaskRecord; place: number }> {
    return runSync(groupLine({ provider, platform, grp: groupId }, limit), (read) => this.read(read)).map(({ id, place }) => ({ task: this.get(id)!, place }));
  }

  onBoard(provider: string, platform: Platform, chatId: string): { count: number; newest: TaskRecord | undefined } {
    const { n } = this.s.onBoard.get(provider, platform, chatId) as { n: number };
    const newest = n > 0 ? (this.s.newestOnBoard.get(provider, platform, chatId) as Row | undefined) : undefined;
    return { count: n, newest: newest && toRecord(newest) };
  }

  boardChats(provider: string, limit: number): string[] {
    return (this.s.boardChats.all(provider, limit) as Array<{ platform: string; chat_id: string }>).map((r) => `${r.platform}:${r.chat_id}`);
  }

  openJobs(owner: JobOwner): OpenJobs {
    return {
      user: (this.s.openOfUser.get(owner.platform, owner.userId) as { n: number }).n,
      group: (this.s.openOfGroup.get(owner.platform, owner.groupId) as { n: number }).n,
    };
  }

  openInChat(platform: Platform, chatId: string, userId: string | undefined, limit: number): TaskRecord[] {
    return (this.s.openInChat.all({ platform, chat: chatId, user: userId ?? null, limit }) as Row[]).map(toRecord);
  }

  cancelWaiting(id: string, reason: string, now: number): boolean {
    return this.db.transaction(() => {
      const task = this.get(id);
      if (this.s.cancelWaiting.run({ id, reason, now }).changes !== 1) return false;
      // The places behind it moved: a refresh read before this records nothing (markLineShown).
      if (task?.provider) this.s.moveEpoch.run(task.provider);
      return true;
    })();
  }

  recentRunMs(provider: string, sample: number): number | undefined {
    const row = this.s.recentRun.get(provider, sample) as { ms: number | null; n: number };
    return row.n > 0 && row.ms !== null ? Math.round(row.ms) : undefined;
  }

  recentRunTimes(provider: string, kind: string, limit: number): number[] {
    return (this.s.recentRunTimes.all(provider, kind, limit) as Array<{ ms: number }>).map((r) => r.ms);
  }

  runningSince(provider: string, limit: number): number[] {
    return (this.s.runningSince.all(provider, limit) as Array<{ since: number }>).map((r) => r.since);
  }

  markLineShown(id: string, text: string, epoch?: number): boolean {
    return this.s.lineShown.run({ id, text, epoch: epoch ?? null }).changes === 1;
  }

  lineEpoch(provider: string): number {
    return (this.s.lineEpoch.get(provider) as { epoch: number } | undefined)?.epoch ?? 0;
  }
}
