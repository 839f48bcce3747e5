// Issue 14, part 2, on PostgreSQL: what a sweep, a restart, the leases' heartbeat and the queue
// run reads tasks through indexes, never a sequential scan of the table. PostgreSQL plans by its
// statistics, so the table holds a representative store (60,000 tasks, most of them finished and
// delivered, thousands unfinished, waiting or undelivered) and is analysed first; every statement
// the repository runs for these calls is explained with its own values.
import { beforeAll, expect, it } from 'vitest';
import { migratePostgres } from '../../src/store/postgres/migrate.ts';
import { pgTasks } from '../../src/store/postgres/repos/tasks.ts';
import type { Executor, Rows } from '../../src/store/postgres/executor.ts';
import type { Pool } from '../../src/store/postgres/pool.ts';
import { describePostgres } from '../support/postgres.ts';

const T = 1_700_000_000_000;
const ROWS = 60_000;

describePostgres('task queries on PostgreSQL use indexes', (server) => {
  let pool: Pool;
  /** Statements run by one refresh's read of the first 50, one job's place, and one admission. */
  const lineStatements = { refresh: 0, place: 0, admission: 0 };
  const explained: Array<{ sql: string; plan: string }> = [];

  /** Runs each statement as the pool would, after recording PostgreSQL's plan for it. */
  const explaining = (): Executor => {
    const ex: Executor = {
      async query<R>(text: string, values: readonly unknown[] = []): Promise<Rows<R>> {
        if (!/pg_advisory/.test(text)) {
          const { rows } = await pool.query(`EXPLAIN ${text}`, values as unknown[]);
          explained.push({ sql: text.replace(/\s+/g, ' ').trim(), plan: rows.map((r: Record<string, string>) => r['QUERY PLAN']).join('\n') });
        }
        const r = await pool.query(text, values as unknown[]);
        return { rows: r.rows as R[], rowCount: r.rowCount ?? 0 };
      },
      atomic: (work) => work(ex),
      catchable: (text, values) => ex.query(text, values),
    };
    return ex;
  };

  beforeAll(async () => {
    pool = server.pool(await server.newDatabase());
    await migratePostgres(pool);
    // i % 100: 0–79 finished and delivered, 80–89 submitted, 90–91 pending (one being submitted),
    // 92–95 waiting in the queue, 96–97 finished awaiting delivery, 98 being delivered, 99 failed and delivered.
    await pool.query(
      `INSERT INTO tasks (id, kind, endpoint, request_json, job_json, status, provider, prompt, label, platform, guild_id, chat_id, user_id, user_name,
         created_at, updated_at, deadline_at, submitted_at, finished_at, admitted_at, waiting_since, delivery, poll_due_at, submit_owner, submit_lease_until,
         delivery_owner, delivery_lease_until, provider_task_id)
       SELECT 't' || i, 'mj.imagine', 'mj.imagine', '{}', '{"type":"mj.imagine","prompt":"p"}',
         CASE WHEN m < 80 OR m BETWEEN 96 AND 98 THEN 'finished' WHEN m < 90 THEN 'submitted' WHEN m < 96 THEN 'pending' ELSE 'failed' END,
         'apiframe', 'p', 'Imagine', 'telegram', NULL, '-100' || (i % 500), 'u' || (i % 5000), 'user',
         $1::bigint + i, $1::bigint + i, $1::bigint + i + 600000,
         CASE WHEN m < 90 OR m > 95 THEN $1::bigint + i + 10 END,
         CASE WHEN m < 80 OR m > 95 THEN $1::bigint + i + 60000 END,
         CASE WHEN m < 92 OR m > 95 THEN $1::bigint + i END,
         CASE WHEN m BETWEEN 92 AND 95 THEN $1::bigint + i END,
         CASE WHEN m < 80 OR m = 99 THEN 'sent' WHEN m IN (96, 97) THEN 'pending' WHEN m = 98 THEN 'sending' ELSE 'none' END,
         CASE WHEN m BETWEEN 80 AND 89 THEN $1::bigint + i + 3000 END,
         CASE WHEN m = 91 THEN 'owner-a' END, CASE WHEN m = 91 THEN $1::bigint + i + 30000 END,
         CASE WHEN m = 98 THEN 'owner-a' END, CASE WHEN m = 98 THEN $1::bigint + i + 30000 END,
         CASE WHEN m < 90 OR m > 95 THEN 'p' || i END
       FROM (SELECT i::bigint AS i, i % 100 AS m FROM generate_series(1, $2::int) AS i) s`,
      [T, ROWS],
    );
    await pool.query(`INSERT INTO task_parts (provider, part_id, task_id, updated_at) SELECT 'apiframe', provider_task_id, id, $1 FROM tasks WHERE provider_task_id IS NOT NULL`, [T]);
    await pool.query('ANALYZE tasks');
    await pool.query('ANALYZE task_parts');
    await pool.query('ANALYZE queue_groups');
    await pool.query('ANALYZE queue_users');

    const tasks = pgTasks(explaining());
    const now = T + ROWS + 1_000;
    // As a sweep runs them (deadlines, stalled submits, polls, deliveries page by page)…
    const expired = await tasks.listExpired(now + 600_000 - ROWS / 2, 100);
    await tasks.listExpired(now + 600_000 - ROWS / 2, 100, { at: expired.at(-1)!.deadlineAt, id: expired.at(-1)!.id });
    const stalled = await tasks.listStalledSubmits(now, 100);
    await tasks.listStalledSubmits(now, 100, { at: stalled.at(-1)!.createdAt, id: stalled.at(-1)!.id });
    await tasks.claimPolls('apiframe', now, { quietSince: now, nextDueAt: now + 3_000, limit: 100 });
    await tasks.claimPolls('apiframe', now, { quietSince: now, nextDueAt: now + 3_000, limit: 100, all: true });
    const page = await tasks.listDeliverable(now + 60_000, 100);
    await tasks.listDeliverable(now + 60_000, 100, { finishedAt: page.at(-1)!.finishedAt!, id: page.at(-1)!.id });
    // …a restart and the heartbeat…
    await tasks.renewLeases('owner-a', now + 30_000);
    await tasks.releaseLeases('owner-a');
    await tasks.releaseLeases(null);
    await tasks.reopenInterruptedDeliveries(now);
    // …the queue and the caps…
    let from = explained.length;
    const first = await tasks.waitingInOrder('apiframe', 50);
    lineStatements.refresh = explained.length - from;
    from = explained.length;
    await tasks.placesInLine('apiframe', [first.at(-1)!.id]);
    lineStatements.place = explained.length - from;
    await tasks.waitingInGroup('apiframe', 'telegram', first[0]!.chatId, 30);
    await tasks.onBoard('apiframe', 'telegram', first[0]!.chatId);
    await tasks.boardChats('apiframe', 1000);
    from = explained.length;
    // One slot free (the 60,000 rows hold many more, so a limit above what is held).
    const held = (await pool.query(`SELECT COUNT(*)::int AS n FROM tasks WHERE status IN ('pending', 'submitted') AND waiting_since IS NULL`)).rows[0].n as number;
    expect(await tasks.admitWaiting('apiframe', held + 1, now)).toHaveLength(1);
    lineStatements.admission = explained.length - from;
    await tasks.admitWaiting('apiframe', 10_000, now);
    await tasks.openJobs({ platform: 'telegram', userId: 'u7', groupId: '-1007' });
    await tasks.runningSince('apiframe', 100);
    await tasks.recentRunMs('apiframe', 20);
    // …and what applying a poll's answer reads.
    await tasks.byProviderId('apiframe', 'p85');
    await tasks.parts('t85');
  }, 120_000);

  it('explains every statement those calls ran', () => {
    expect(explained.length).toBeGreaterThanOrEqual(18);
  });

  it('never reads the tasks table sequentially in a sweep, a restart, the heartbeat or the queue', () => {
    const sequential = explained.filter((e) => /Seq Scan on tasks\b/.test(e.plan));
    expect(sequential.map((e) => `${e.sql}\n${e.plan}`)).toEqual([]);
  });

  it('reads the sweep by the indexes made for it', () => {
    const planOf = (start: string) => explained.filter((e) => e.sql.includes(start)).map((e) => e.plan).join('\n');
    expect(planOf('AND deadline_at <= $1')).toMatch(/tasks_due/);
    expect(planOf("status = 'pending' AND waiting_since IS NULL AND (submit_lease_until IS NULL")).toMatch(/tasks_unsubmitted/);
    expect(planOf('SET poll_due_at')).toMatch(/tasks_poll_order/);
    // PostgreSQL may as well take the few due deliveries from the undelivered index and sort them.
    expect(planOf("delivery IN ('pending', 'sending')")).toMatch(/Index Scan( Backward)? using tasks_deliverable|Bitmap Index Scan on tasks_(deliverable|undelivered)/);
  });

  it("reads the waiting line (2,400 jobs here) from its own indexes, never a whole-line computation", () => {
    const lineReads = explained.filter((e) => /FROM queue_(groups|users)|waiting_since IS NOT NULL/.test(e.sql));
    expect(lineReads.length).toBeGreaterThan(10);
    for (const e of lineReads) expect(e.plan, e.sql).not.toMatch(/Seq Scan on (tasks|queue_groups|queue_users)\b|WindowAgg/);
    expect(explained.filter((e) => e.sql.includes('FROM queue_groups WHERE provider = $1 AND waiting > 0 AND (served')).map((e) => e.plan).join('\n')).toMatch(/queue_groups_turn/);
    expect(explained.filter((e) => e.sql.includes('AND user_id = $4 AND waiting_since IS NOT NULL AND (created_at, id) >')).map((e) => e.plan).join('\n')).toMatch(/tasks_waiting_by_user/);
  });

  it('reads the first 50 in a few statements per job, one place in six, and one admission in a handful', () => {
    // 500 chats here, so the first 50 are each a group's first: a page of groups, and per job its user and its first job, then the rows.
    expect(lineStatements.refresh).toBeLessThanOrEqual(3 * 50 + 10);
    expect(lineStatements.place).toBe(6);
    // The slots counted, one group, one user, one job, and its admission.
    expect(lineStatements.admission).toBeLessThanOrEqual(6);
  });
});
