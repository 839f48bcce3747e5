// The queue's SQL, shared by both engines (only the placeholders differ), so the fair order (see
// ./fair-order.ts) and the slot count cannot drift apart between SQLite and PostgreSQL.
import { aheadByRound, type GroupTurn, type LineRead, type UserTurn } from './fair-order.ts';

/** The group a job counts against: the Discord server, else the chat. */
export const GROUP_OF = (t = '') => `COALESCE(${t}guild_id, ${t}chat_id)`;

/** Tasks holding a slot at a provider: admitted (not waiting) and unfinished. */
export const HOLDS_SLOT = `status IN ('pending', 'submitted') AND waiting_since IS NULL`;

/*
 * The reads' SQL, with `?` placeholders in the order of each read's `args` (PostgreSQL numbers them:
 * numbered()). Each is a range of one index: queue_groups_turn, queue_users_turn,
 * tasks_waiting_by_user, or a primary key; the plan tests prove it on both engines. A page goes on
 * from the last row by a row value alone: SQLite seeks a row value over the index's columns, but
 * only the first of them when the row value is cast or beside a bound on that first column.
 */
const WAITING = `waiting_since IS NOT NULL`;
/**
 * The waiting groups (users) by how many jobs wait, up to a cap, and whether they are ahead of one
 * (its key the last four (three) placeholders): from these counts the jobs ahead of its nth are
 * min(waiting, n - 1) of each, plus one of each ahead of it that has n or more (see aheadByRound).
 */
const COUNTED = (key: string, of: string) =>
  `SELECT CASE WHEN waiting < CAST(? AS BIGINT) THEN waiting ELSE CAST(? AS BIGINT) END AS w, CASE WHEN ${key} < ${of} THEN 1 ELSE 0 END AS ahead, COUNT(*) AS n`;

export const LINE_SQL = {
  groups: `SELECT platform, grp, served, first_at, waiting FROM queue_groups WHERE provider = ? AND waiting > 0
             AND (served, first_at, platform, grp) > (?, ?, ?, ?)
           ORDER BY served, first_at, platform, grp LIMIT ?`,
  users: `SELECT user_id, served, first_at, waiting FROM queue_users WHERE provider = ? AND platform = ? AND grp = ? AND waiting > 0
            AND (served, first_at, user_id) > (?, ?, ?)
          ORDER BY served, first_at, user_id LIMIT ?`,
  jobs: `SELECT id, created_at FROM tasks WHERE provider = ? AND platform = ? AND ${GROUP_OF()} = ? AND user_id = ? AND ${WAITING}
           AND (created_at, id) > (?, ?)
         ORDER BY created_at, id LIMIT ?`,
  task: `SELECT id, created_at, provider, platform, ${GROUP_OF()} AS grp, user_id FROM tasks WHERE id = ? AND ${WAITING}`,
  group: `SELECT platform, grp, served, first_at, waiting FROM queue_groups WHERE provider = ? AND platform = ? AND grp = ?`,
  user: `SELECT user_id, served, first_at, waiting FROM queue_users WHERE provider = ? AND platform = ? AND grp = ? AND user_id = ?`,
  userRound: `SELECT COUNT(*) AS n FROM tasks WHERE provider = ? AND platform = ? AND ${GROUP_OF()} = ? AND user_id = ? AND ${WAITING}
                AND (created_at, id) < (?, ?)`,
  usersAhead: `${COUNTED('(served, first_at, user_id)', '(CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS TEXT))')}
               FROM queue_users WHERE provider = ? AND platform = ? AND grp = ? AND waiting > 0 GROUP BY 1, 2`,
  groupsAhead: `${COUNTED('(served, first_at, platform, grp)', '(CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS TEXT), CAST(? AS TEXT))')}
                FROM queue_groups WHERE provider = ? AND waiting > 0 GROUP BY 1, 2`,
} as const;

/** The SQL of a read and its arguments, in placeholder order. */
export function lineQuery(read: LineRead): { sql: string; args: unknown[]; shape: 'rows' | 'row' | 'count' } {
  switch (read.kind) {
    case 'groups': {
      const a = read.after;
      return { sql: LINE_SQL.groups, args: [read.provider, a?.served ?? -1, a?.firstAt ?? -1, a?.platform ?? '', a?.grp ?? '', read.limit], shape: 'rows' };
    }
    case 'users': {
      const { where: w, after: a } = read;
      return { sql: LINE_SQL.users, args: [w.provider, w.platform, w.grp, a?.served ?? -1, a?.firstAt ?? -1, a?.userId ?? '', read.limit], shape: 'rows' };
    }
    case 'jobs': {
      const { where: w, after: a } = read;
      return { sql: LINE_SQL.jobs, args: [w.provider, w.platform, w.grp, read.userId, a?.createdAt ?? -1, a?.id ?? '', read.limit], shape: 'rows' };
    }
    case 'task':
      return { sql: LINE_SQL.task, args: [read.id], shape: 'row' };
    case 'group':
      return { sql: LINE_SQL.group, args: [read.where.provider, read.where.platform, read.where.grp], shape: 'row' };
    case 'user':
      return { sql: LINE_SQL.user, args: [read.where.provider, read.where.platform, read.where.grp, read.userId], shape: 'row' };
    case 'userRound': {
      const t = read.task;
      return { sql: LINE_SQL.userRound, args: [t.provider, t.platform, t.grp, t.userId, t.createdAt, t.id], shape: 'count' };
    }
    case 'usersAhead': {
      const { where: w, user: u, rounds } = read;
      return { sql: LINE_SQL.usersAhead, args: [rounds, rounds, u.served, u.firstAt, u.userId, w.provider, w.platform, w.grp], shape: 'rows' };
    }
    case 'groupsAhead': {
      const { group: g, rounds } = read;
      return { sql: LINE_SQL.groupsAhead, args: [rounds, rounds, g.served, g.firstAt, g.platform, g.grp, read.provider], shape: 'rows' };
    }
  }
}

/** A row of a line read as the merge takes it (engines return snake_case, BIGINT perhaps as text). */
export function lineAnswer(read: LineRead, rows: ReadonlyArray<Record<string, unknown>>): unknown {
  const num = (v: unknown) => Number(v);
  const group = (r: Record<string, unknown>): GroupTurn => ({ platform: String(r.platform), grp: String(r.grp), served: num(r.served), firstAt: num(r.first_at), waiting: num(r.waiting) });
  const user = (r: Record<string, unknown>): UserTurn => ({ userId: String(r.user_id), served: num(r.served), firstAt: num(r.first_at), waiting: num(r.waiting) });
  switch (read.kind) {
    case 'groups':
      return rows.map(group);
    case 'users':
      return rows.map(user);
    case 'jobs':
      return rows.map((r) => ({ id: String(r.id), createdAt: num(r.created_at) }));
    case 'task': {
      const r = rows[0];
      return r && { id: String(r.id), createdAt: num(r.created_at), provider: String(r.provider), platform: String(r.platform), grp: String(r.grp), userId: String(r.user_id) };
    }
    case 'group':
      return rows[0] && group(rows[0]);
    case 'user':
      return rows[0] && user(rows[0]);
    case 'usersAhead':
    case 'groupsAhead':
      return aheadByRound(rows.map((r) => ({ w: num(r.w), ahead: num(r.ahead), n: num(r.n) })), read.rounds);
    default:
      return num(rows[0]?.n ?? 0);
  }
}

/** `?` placeholders as PostgreSQL's $1, $2, … */
export const numbered = (sql: string): string => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};
