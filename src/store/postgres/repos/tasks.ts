import type { Executor } from '../executor.ts';
import { refusing } from '../errors.ts';
import { UNQUEUED_PART_ERROR, unqueuedPartId, type TasksRepository } from '../../records/tasks.ts';
import { jobSchema } from '../../../providers/jobs.ts';
import { toPart, toTask as toRecord, type PartRow, type TaskRow as Row } from '../../rows/tasks.ts';
import { GROUP_OF, HOLDS_SLOT, lineAnswer, lineQuery, numbered } from '../../rows/queue.ts';
import { fairOrder, groupLine, placesOf, runAsync, type LineRead } from '../../rows/fair-order.ts';
import { SOURCE_LOCALE } from '../../../i18n/index.ts';

/**
 * A pending task no live submit holds: no lease, an expired one, or (forced) another owner's.
 * $1 now, $2 owner, $3 force.
 */
const FREE_OF_LEASE = `(submit_lease_until IS NULL OR submit_lease_until <= $1 OR ($3 AND submit_owner IS DISTINCT FROM $2))`;

/** A delivery left sending by an instance whose lease lapsed (none recorded: from before leases). */
const DELIVERY_LAPSED = `COALESCE(delivery_lease_until, 0) <= $1`;
const NO_DELIVERY_LEASE = `delivery_owner = NULL, delivery_lease_until = NULL`;
/** A task whose message is its place on its chat's board (not posted yet: see MessageRef.unposted). */
const ON_BOARD = `message_json LIKE '%"unposted":true%'`;

/** Answers one read of the fair order (rows/fair-order.ts, its SQL in rows/queue.ts) on `ex`. */
async function lineRead(ex: Executor, read: LineRead): Promise<unknown> {
  const q = lineQuery(read);
  return lineAnswer(read, (await ex.query<Record<string, unknown>>(numbered(q.sql), q.args)).rows);
}

/**
 * The lock on a provider's line, until the transaction ends: admissions, jobs joining (the insert
 * trigger takes it too) and cancels of a provider run one at a time, so their counts never share a
 * free slot and their row locks never cross into a deadlock.
 */
const lockLine = (ex: Executor, provider: string) => ex.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`framebot:queue:${provider}`]);
/** Moves the provider's line on: places read before this are not recorded (markLineShown). */
const moveEpoch = (ex: Executor, provider: string) =>
  ex.query(`INSERT INTO queue_epochs AS q (provider, epoch) VALUES ($1, 1) ON CONFLICT (provider) DO UPDATE SET epoch = q.epoch + 1`, [provider]);

const TASK_RULES = {
  tasks_pkey: 'a task with this id exists',
  tasks_origin: 'this platform event already made a task',
};

/** TasksRepository on PostgreSQL; every guarded change is an UPDATE … WHERE re-checked after the row lock. */
export function pgTasks(ex: Executor): TasksRepository {
  const one = async (text: string, values: readonly unknown[]) => {
    const row = (await ex.query<Row>(text, values)).rows[0];
    return row && toRecord(row);
  };
  const many = async (text: string, values: readonly unknown[]) => (await ex.query<Row>(text, values)).rows.map(toRecord);
  const changed = async (text: string, values: readonly unknown[]) => (await ex.query(text, values)).rowCount === 1;

  return {
    async insert(task, now) {
      // Checked on the way in as on the way out: a job built wrong fails here, not at the provider.
      const job = JSON.stringify(jobSchema.parse(task.job));
      const { rows } = await refusing(TASK_RULES, () =>
        ex.catchable<Row>(
          `INSERT INTO tasks (id, kind, endpoint, request_json, job_json, action_key, status, parent_id, prompt, label, platform, guild_id,
             chat_id, user_id, user_name, created_at, updated_at, deadline_at, wallet_id, cost, origin, provider, waiting_since, admitted_at, locale)
           VALUES ($1, $2, $2, '{}', $3, $4, 'pending', $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, $14, $15, $16, $17, COALESCE($18, 'apiframe'),
             CASE WHEN $19 THEN $13::bigint END, CASE WHEN $19 THEN NULL ELSE $13::bigint END, $20)
           RETURNING *`,
          [
            task.id,
            task.job.type,
            job,
            task.actionKey ?? null,
            task.parentId,
            task.prompt,
            task.label,
            task.platform,
            task.guildId,
            task.chatId,
            task.userId,
            task.userName,
            now,
            task.deadlineAt,
            task.walletId,
            task.cost,
            task.origin ?? null,
            task.provider ?? null,
            task.waiting ?? false,
            task.locale ?? SOURCE_LOCALE,
          ],
        ),
      );
      return toRecord(rows[0]!);
    },
    get: (id) => one('SELECT * FROM tasks WHERE id = $1', [id]),
    byProviderId: (provider, partId) => one('SELECT t.* FROM task_parts p JOIN tasks t ON t.id = p.task_id WHERE p.provider = $1 AND p.part_id = $2', [provider, partId]),
    async parts(taskId) {
      // seq is SQLite's rowid: the order recorded.
      const { rows } = await ex.query<PartRow>('SELECT * FROM task_parts WHERE task_id = $1 ORDER BY seq', [taskId]);
      return rows.map(toPart);
    },
    settlePart: (provider, partId, outcome, now) =>
      changed(
        `UPDATE task_parts SET state = $1, result_json = $2, error = $3, updated_at = $4 WHERE provider = $5 AND part_id = $6 AND state = 'waiting'`,
        [outcome.state, outcome.result ? JSON.stringify(outcome.result) : null, outcome.error ?? null, now, provider, partId],
      ),
    byOrigin: (origin) => one('SELECT * FROM tasks WHERE origin = $1', [origin]),
    async claimSubmit(id, owner, now, leaseMs, force = false) {
      const { rows } = await ex.query<{ n: number }>(
        `UPDATE tasks SET submit_lease_until = $4, submit_owner = $2, submit_attempts = submit_attempts + 1, updated_at = $1
         WHERE id = $5 AND status = 'pending' AND waiting_since IS NULL AND ${FREE_OF_LEASE} RETURNING submit_attempts AS n`,
        [now, owner, force, now + leaseMs, id],
      );
      return rows[0]?.n ?? 0;
    },
    expire: (id, reason, owner, now, force = false) =>
      changed(
        `UPDATE tasks SET status = 'failed', error = $4, finished_at = $1, updated_at = $1, delivery = 'pending'
         WHERE id = $5 AND deadline_at <= $1 AND (status = 'submitted' OR (status = 'pending' AND waiting_since IS NULL AND ${FREE_OF_LEASE}))`,
        [now, owner, force, reason, id],
      ),
    async recordDeliveryStep(id, journal) {
      await ex.query(`UPDATE tasks SET delivery_json = $1 WHERE id = $2 AND delivery = 'sending'`, [JSON.stringify(journal), id]);
    },
    setMessage: (id, ref, now) =>
      changed(`UPDATE tasks SET message_json = $1, updated_at = $2 WHERE id = $3 AND delivery IN ('none', 'pending')`, [JSON.stringify(ref), now, id]),
    markSubmitted(id, provider, partIds, now, unqueued = 0) {
      // Status and parts together (a savepoint inside a unit).
      return ex.atomic(async (ex) => {
        const moved = await ex.query(
          `UPDATE tasks SET status = 'submitted', provider = $1, provider_task_id = $2, submitted_at = $3, updated_at = $3, submit_lease_until = NULL, submit_owner = NULL
           WHERE id = $4 AND status = 'pending'`,
          [provider, partIds[0], now, id],
        );
        if (moved.rowCount !== 1) return false;
        for (const part of partIds) {
          await ex.query(`INSERT INTO task_parts (provider, part_id, task_id, updated_at) VALUES ($1, $2, $3, $4)`, [provider, part, id, now]);
        }
        // Images the service never queued are parts failed from the start, so their share is refunded.
        for (let n = 1; n <= unqueued; n++) {
          await ex.query(`INSERT INTO task_parts (provider, part_id, task_id, state, error, updated_at) VALUES ($1, $2, $3, 'failed', $4, $5)`, [
            provider,
            unqueuedPartId(id, n),
            id,
            UNQUEUED_PART_ERROR,
            now,
          ]);
        }
        return true;
      });
    },
    recordProgress: (id, percentage, now) =>
      changed(`UPDATE tasks SET progress = $1, updated_at = $2 WHERE id = $3 AND status IN ('pending', 'submitted') AND progress < $1`, [percentage, now, id]),
    finish: (id, result, now) =>
      changed(
        `UPDATE tasks SET status = 'finished', result_json = $1, progress = 100, finished_at = $2, updated_at = $2, delivery = 'pending', waiting_since = NULL
         WHERE id = $3 AND status IN ('pending', 'submitted')`,
        [JSON.stringify(result), now, id],
      ),
    fail: (id, error, now, notify = true) =>
      changed(
        `UPDATE tasks SET status = 'failed', error = $1, finished_at = $2, updated_at = $2, delivery = CASE WHEN $4 THEN 'pending' ELSE delivery END, waiting_since = NULL
         WHERE id = $3 AND status IN ('pending', 'submitted')`,
        [error, now, id, notify],
      ),
    claimDelivery: (id, owner, now, leaseUntil) =>
      changed(
        `UPDATE tasks SET delivery = 'sending', delivery_owner = $2, delivery_lease_until = $3, delivery_attempts = delivery_attempts + 1, updated_at = $1
         WHERE id = $4 AND (delivery = 'pending' OR (delivery = 'sending' AND ${DELIVERY_LAPSED}))`,
        [now, owner, leaseUntil, id],
      ),
    async markDelivered(id, ref, now) {
      await ex.query(`UPDATE tasks SET delivery = 'sent', result_message_json = $1, next_delivery_at = NULL, ${NO_DELIVERY_LEASE}, updated_at = $2 WHERE id = $3 AND delivery = 'sending'`, [
        ref ? JSON.stringify(ref) : null,
        now,
        id,
      ]);
    },
    async releaseDelivery(id, retryAt, now) {
      await ex.query(`UPDATE tasks SET delivery = 'pending', next_delivery_at = $1, ${NO_DELIVERY_LEASE}, updated_at = $2 WHERE id = $3 AND delivery = 'sending'`, [retryAt, now, id]);
    },
    async giveUpDelivery(id, now) {
      await ex.query(`UPDATE tasks SET delivery = 'gave_up', ${NO_DELIVERY_LEASE}, updated_at = $1 WHERE id = $2 AND delivery = 'sending'`, [now, id]);
    },
    listUnfinished: (limit) => many(`SELECT * FROM tasks WHERE status IN ('pending', 'submitted') ORDER BY created_at LIMIT $1`, [limit]),
    // The IN term and the order match the partial index tasks_deliverable (migration 10): a page is
    // a range of it, never a sort of every undelivered task.
    listDeliverable: (now, limit, after) =>
      many(
        `SELECT * FROM tasks WHERE delivery IN ('pending', 'sending')
           AND ((delivery = 'pending' AND (next_delivery_at IS NULL OR next_delivery_at <= $1)) OR (delivery = 'sending' AND ${DELIVERY_LAPSED}))
           AND COALESCE(finished_at, 0) >= $3::bigint AND (COALESCE(finished_at, 0), id) > ($3::bigint, $4::text)
         ORDER BY COALESCE(finished_at, 0), id LIMIT $2`,
        [now, limit, after?.finishedAt ?? -1, after?.id ?? ''],
      ),
    listExpired: (now, limit, after) =>
      many(
        `SELECT * FROM tasks WHERE status IN ('pending', 'submitted') AND waiting_since IS NULL AND deadline_at <= $1
           AND (deadline_at, id) > ($3::bigint, $4::text) ORDER BY deadline_at, id LIMIT $2`,
        [now, limit, after?.at ?? -1, after?.id ?? ''],
      ),
    listStalledSubmits: (now, limit, after, quietSince) =>
      many(
        `SELECT * FROM tasks WHERE status = 'pending' AND waiting_since IS NULL AND (submit_lease_until IS NULL OR submit_lease_until <= $1)
           AND ($5::bigint IS NULL OR updated_at <= $5) AND (created_at, id) > ($3::bigint, $4::text) ORDER BY created_at, id LIMIT $2`,
        [now, limit, after?.at ?? -1, after?.id ?? '', quietSince ?? null],
      ),
    async claimPolls(provider, now, o) {
      // SKIP LOCKED: a row another instance is claiming right now is its, not a wait for this one.
      const rows = await many(
        `UPDATE tasks SET poll_due_at = $3
         WHERE id IN (SELECT id FROM tasks WHERE status = 'submitted' AND provider = $1
                        AND ($6 OR (COALESCE(poll_due_at, 0) <= $2 AND updated_at <= $4))
                      ORDER BY COALESCE(poll_due_at, 0), created_at LIMIT $5 FOR UPDATE SKIP LOCKED)
         RETURNING *`,
        [provider, now, o.nextDueAt, o.quietSince, o.limit, o.all ?? false],
      );
      // RETURNING gives no order: the oldest first, as listed.
      return rows.sort((a, b) => a.createdAt - b.createdAt);
    },
    async schedulePolls(due, now) {
      if (due.length === 0) return;
      // One statement for the whole sweep's tasks.
      await ex.query(
        `UPDATE tasks SET poll_due_at = d.at, polled_at = $3 FROM unnest($1::text[], $2::bigint[]) AS d(id, at) WHERE tasks.id = d.id AND tasks.status = 'submitted'`,
        [due.map((d) => d.id), due.map((d) => d.at), now],
      );
    },
    async renewLeases(owner, until) {
      const submits = await ex.query(`UPDATE tasks SET submit_lease_until = $1 WHERE status = 'pending' AND submit_owner = $2`, [until, owner]);
      const deliveries = await ex.query(`UPDATE tasks SET delivery_lease_until = $1 WHERE delivery = 'sending' AND delivery_owner = $2`, [until, owner]);
      return submits.rowCount + deliveries.rowCount;
    },
    async releaseLeases(owner) {
      const submits = await ex.query(
        `UPDATE tasks SET submit_lease_until = NULL WHERE status = 'pending' AND submit_lease_until IS NOT NULL AND ($1::text IS NULL OR submit_owner = $1)`,
        [owner],
      );
      const deliveries = await ex.query(
        `UPDATE tasks SET delivery_lease_until = NULL WHERE delivery = 'sending' AND delivery_lease_until IS NOT NULL AND ($1::text IS NULL OR delivery_owner = $1)`,
        [owner],
      );
      return submits.rowCount + deliveries.rowCount;
    },
    async reopenInterruptedDeliveries(now) {
      return (await ex.query(`UPDATE tasks SET delivery = 'pending', updated_at = $1 WHERE delivery = 'sending'`, [now])).rowCount;
    },
    findLiveChild: (parentId, actionKey) =>
      one(`SELECT * FROM tasks WHERE parent_id = $1 AND action_key = $2 AND status <> 'failed' ORDER BY created_at DESC LIMIT 1`, [parentId, actionKey]),
    async countLiveChildren(parentId, actionKey) {
      return (await ex.query<{ n: number }>(`SELECT COUNT(*) AS n FROM tasks WHERE parent_id = $1 AND action_key = $2 AND status <> 'failed'`, [parentId, actionKey])).rows[0]!.n;
    },
    async countUnfinished() {
      return (await ex.query<{ n: number }>(`SELECT COUNT(*) AS n FROM tasks WHERE status IN ('pending', 'submitted')`)).rows[0]!.n;
    },
    admitWaiting(provider, limit, now) {
      return ex.atomic(async (ex) => {
        await lockLine(ex, provider);
        const held = (await ex.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM tasks WHERE provider = $1 AND ${HOLDS_SLOT}`, [provider])).rows[0]!.n;
        const free = limit - held;
        if (free <= 0) return [];
        // Only as far down the line as the free slots reach (rows/fair-order.ts).
        const ids = await runAsync(fairOrder(provider, free), (read) => lineRead(ex, read));
        if (ids.length > 0) {
          await moveEpoch(ex, provider);
        }
        const admitted = [];
        // 1 ms apart, so the batch keeps its order as "served longest ago" in the next round.
        for (const [i, id] of ids.entries()) {
          const row = (
            await ex.query<Row>(
              `UPDATE tasks SET waiting_since = NULL, admitted_at = $2, deadline_at = deadline_at + ($3 - waiting_since), updated_at = $3
               WHERE id = $1 AND status = 'pending' AND waiting_since IS NOT NULL RETURNING *`,
              [id, now + i, now],
            )
          ).rows[0];
          if (row) admitted.push(toRecord(row));
        }
        return admitted;
      });
    },
    async waitingInOrder(provider, limit) {
      const ids = await runAsync(fairOrder(provider, limit), (read) => lineRead(ex, read));
      return inOrder(ids, await many(`SELECT * FROM tasks WHERE id = ANY($1::text[])`, [ids]));
    },
    placesInLine: (provider, ids) => runAsync(placesOf(provider, ids), (read) => lineRead(ex, read)),
    async waitingInGroup(provider, platform, groupId, limit) {
      const line = await runAsync(groupLine({ provider, platform, grp: groupId }, limit), (read) => lineRead(ex, read));
      const tasks = inOrder(line.map((l) => l.id), await many(`SELECT * FROM tasks WHERE id = ANY($1::text[])`, [line.map((l) => l.id)]));
      return tasks.map((task, i) => ({ task, place: line[i]!.place }));
    },
    async onBoard(provider, platform, chatId) {
      const where = `provider = $1 AND platform = $2 AND chat_id = $3 AND waiting_since IS NOT NULL AND ${ON_BOARD}`;
      const count = Number((await ex.query<{ n: string }>(`SELECT COUNT(*) AS n FROM tasks WHERE ${where}`, [provider, platform, chatId])).rows[0]!.n);
      const newest = count > 0 ? await one(`SELECT * FROM tasks WHERE ${where} ORDER BY created_at DESC LIMIT 1`, [provider, platform, chatId]) : undefined;
      return { count, newest };
    },
    async boardChats(provider, limit) {
      const { rows } = await ex.query<{ platform: string; chat_id: string }>(
        `SELECT DISTINCT platform, chat_id FROM tasks WHERE provider = $1 AND waiting_since IS NOT NULL AND ${ON_BOARD} LIMIT $2`,
        [provider, limit],
      );
      return rows.map((r) => `${r.platform}:${r.chat_id}`);
    },
    async openJobs(owner) {
      // Held to the end of the unit: a concurrent start of the same user or group counts after this one's insert.
      await ex.query(`SELECT pg_advisory_xact_lock(hashtext($1)), pg_advisory_xact_lock(hashtext($2))`, [
        `framebot:jobs:user:${owner.platform}:${owner.userId}`,
        `framebot:jobs:group:${owner.platform}:${owner.groupId}`,
      ]);
      const { rows } = await ex.query<{ usr: number; grp: number }>(
        `SELECT (SELECT COUNT(*)::int FROM tasks WHERE platform = $1 AND user_id = $2 AND status IN ('pending', 'submitted')) AS usr,
                (SELECT COUNT(*)::int FROM tasks WHERE platform = $1 AND ${GROUP_OF()} = $3 AND status IN ('pending', 'submitted')) AS grp`,
        [owner.platform, owner.userId, owner.groupId],
      );
      return { user: rows[0]!.usr, group: rows[0]!.grp };
    },
    openInChat: (platform, chatId, userId, limit) =>
      many(
        `SELECT * FROM tasks WHERE platform = $1 AND chat_id = $2 AND ($3::text IS NULL OR user_id = $3) AND status IN ('pending', 'submitted')
         ORDER BY created_at, id LIMIT $4`,
        [platform, chatId, userId ?? null, limit],
      ),
    cancelWaiting(id, reason, now) {
      return ex.atomic(async (ex) => {
        const provider = (await ex.query<{ provider: string | null }>(`SELECT provider FROM tasks WHERE id = $1 AND waiting_since IS NOT NULL`, [id])).rows[0]?.provider;
        if (!provider) return false;
        // Before any row: an admission locks the epoch, then the task rows; this cancel the task, then the epoch.
        await lockLine(ex, provider);
        const cancelled = await ex.query(
          `UPDATE tasks SET status = 'failed', error = $2, finished_at = $3, updated_at = $3, waiting_since = NULL
           WHERE id = $1 AND status = 'pending' AND waiting_since IS NOT NULL`,
          [id, reason, now],
        );
        if (cancelled.rowCount !== 1) return false;
        // The places behind it moved.
        await moveEpoch(ex, provider);
        return true;
      });
    },
    async recentRunMs(provider, sample) {
      const { rows } = await ex.query<{ ms: string | number | null }>(
        `SELECT AVG(finished_at - submitted_at) AS ms FROM (
           SELECT finished_at, submitted_at FROM tasks WHERE provider = $1 AND status = 'finished' AND submitted_at IS NOT NULL
           ORDER BY finished_at DESC LIMIT $2) r`,
        [provider, sample],
      );
      const ms = rows[0]?.ms;
      return ms === null || ms === undefined ? undefined : Math.round(Number(ms));
    },
    async recentRunTimes(provider, kind, limit) {
      const { rows } = await ex.query<{ ms: string | number }>(
        `SELECT CASE WHEN polled_at IS NOT NULL AND polled_at < finished_at THEN (polled_at + finished_at) / 2 ELSE finished_at END - submitted_at AS ms FROM tasks WHERE provider = $1 AND kind = $2 AND status = 'finished' AND submitted_at IS NOT NULL
         ORDER BY finished_at DESC LIMIT $3`,
        [provider, kind, limit],
      );
      return rows.map((r) => Number(r.ms));
    },
    async runningSince(provider, limit) {
      const { rows } = await ex.query<{ since: string }>(
        `SELECT COALESCE(submitted_at, admitted_at, created_at) AS since FROM tasks WHERE provider = $1 AND ${HOLDS_SLOT} ORDER BY since LIMIT $2`,
        [provider, limit],
      );
      return rows.map((r) => Number(r.since));
    },
    markLineShown: (id, text, epoch) =>
      changed(
        `UPDATE tasks SET line_text = $2 WHERE id = $1 AND waiting_since IS NOT NULL AND line_text IS DISTINCT FROM $2
           AND ($3::bigint IS NULL OR COALESCE((SELECT epoch FROM queue_epochs WHERE provider = tasks.provider), 0) = $3::bigint)`,
        [id, text, epoch ?? null],
      ),
    async lineEpoch(provider) {
      const row = (await ex.query<{ epoch: string }>(`SELECT epoch FROM queue_epochs WHERE provider = $1`, [provider])).rows[0];
      return row ? Number(row.epoch) : 0;
    },
  };
}

/** `tasks` in the order of `ids` (a task that has gone since is left out). */
function inOrder<T extends { id: string }>(ids: readonly string[], tasks: readonly T[]): T[] {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  return ids.map((id) => byId.get(id)).filter((t): t is T => t !== undefined);
}
