// The fair order as one query over the whole waiting line: the store computed it so until issue
// 14 (src/store/rows/fair-order.ts now reads it lazily from the queue tables). Kept as the oracle the
// lazy order and places must equal, on both engines.

const GROUP_OF = (t = '') => `COALESCE(${t}guild_id, ${t}chat_id)`;

/**
 * The ids of `provider`'s waiting tasks in the fair order, with their place in it (`turn`).
 * Round robin in two levels: a task's round in its group is its place among its group's waiting
 * tasks once the group's users take turns (a user's nth waiting task is in their round n); the
 * groups then take turns the same way. A tie within a round goes to the user (group) served
 * longest ago (the latest admitted_at of theirs), then to the one waiting longest.
 *
 * `waitingIndex`: SQLite's INDEXED BY tasks_waiting, which it would otherwise pass over for an index
 * of every task of the provider, finished ones included.
 *
 * Admitting the first task moves every other task up by exactly one place (its user and group go
 * to the back of their ties), so positions shown only ever go down while no new job arrives.
 */
export function fairOrderSql(provider: string, waitingIndex = ''): string {
  const served = (where: string) => `(SELECT COALESCE(MAX(x.admitted_at), 0) FROM tasks x WHERE x.provider = ${provider} AND x.platform = w.platform AND ${GROUP_OF('x.')} = w.g${where})`;
  return `
    WITH w AS (
      SELECT id, created_at, platform, user_id, ${GROUP_OF()} AS g
      FROM tasks ${waitingIndex} WHERE provider = ${provider} AND status = 'pending' AND waiting_since IS NOT NULL
    ),
    users AS (
      SELECT platform, g, user_id, MIN(created_at) AS first_at, ${served(' AND x.user_id = w.user_id')} AS served
      FROM w GROUP BY platform, g, user_id
    ),
    grps AS (
      SELECT platform, g, MIN(created_at) AS first_at, ${served('')} AS served
      FROM w GROUP BY platform, g
    ),
    by_user AS (
      SELECT w.id, w.created_at, w.platform, w.g, u.served, u.first_at, w.user_id,
             ROW_NUMBER() OVER (PARTITION BY w.platform, w.g, w.user_id ORDER BY w.created_at, w.id) AS user_round
      FROM w JOIN users u ON u.platform = w.platform AND u.g = w.g AND u.user_id = w.user_id
    ),
    by_group AS (
      SELECT b.id, b.created_at, b.platform, b.g,
             ROW_NUMBER() OVER (PARTITION BY b.platform, b.g ORDER BY b.user_round, b.served, b.first_at, b.user_id) AS group_round
      FROM by_user b
    )
    SELECT b.id, ROW_NUMBER() OVER (ORDER BY b.group_round, gr.served, gr.first_at, b.platform, b.g) AS turn
    FROM by_group b JOIN grps gr ON gr.platform = b.platform AND gr.g = b.g`;
}
