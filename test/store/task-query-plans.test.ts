// Issue 14, part 2: with 100,000 unfinished tasks a sweep, the queue and the leases' heartbeat
// must read ranges of indexes, never the whole tasks table (or a sort of every unfinished task),
// or each of them blocks the event loop for as long as the table is big. The plans are SQLite's
// own (EXPLAIN QUERY PLAN) for every statement the tasks repository prepares.
import { afterAll, describe, expect, it } from 'vitest';
import type { Statement } from 'better-sqlite3';
import { createStore, type SqliteStore } from '../../src/store/index.ts';
import { TasksRepo } from '../../src/store/tasks-repo.ts';

const store: SqliteStore = createStore(':memory:');
afterAll(() => store.close());
// The repository's own prepared statements (private: the plans are of exactly what it runs).
const statements = new TasksRepo(store.db)['s'] as Record<string, Statement>;

/** SQLite's plan lines for one statement, every parameter bound (the plan does not depend on values). */
function plan(stmt: Statement): string[] {
  const source = stmt.source;
  const named = [...new Set([...source.matchAll(/@(\w+)/g)].map((m) => m[1]!))];
  const explain = store.db.prepare(`EXPLAIN QUERY PLAN ${source}`);
  const rows = (named.length > 0 ? explain.all(Object.fromEntries(named.map((n) => [n, 0]))) : explain.all(...Array((source.match(/\?/g) ?? []).length).fill(0))) as Array<{ detail: string }>;
  return rows.map((r) => r.detail);
}

const partialIndexes = new Set(
  (store.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'tasks' AND sql LIKE '% WHERE %'`).all() as Array<{ name: string }>).map((r) => r.name),
);
/** The aliases the repository gives the tasks table. */
const TASKS = /^(SCAN|SEARCH) (tasks|t|x)\b/;

/** What the sweep, a restart and the heartbeat run, over however many unfinished tasks there are. */
const SWEEP = {
  expired: 'tasks_due',
  stalled: 'tasks_unsubmitted',
  claimPolls: 'tasks_poll_order',
  deliverable: 'tasks_deliverable',
  renewSubmits: 'tasks_submit_owner',
  renewDeliveries: 'tasks_delivery_owner',
  releaseSubmits: 'tasks_submit_owner',
  releaseDeliveries: 'tasks_delivery_owner',
  reopenSending: 'tasks_delivery_owner',
} as const;

describe('the tasks repository reads tasks through indexes only', () => {
  it('reads tasks by an index in every statement, and walks whole only partial indexes (the unfinished or undelivered ones)', () => {
    const inserts = Object.keys(statements).filter((name) => /^\s*INSERT/i.test(statements[name]!.source));
    const checked = Object.entries(statements).filter(([name]) => !inserts.includes(name));
    expect(checked.length).toBeGreaterThan(30);
    const offending: string[] = [];
    for (const [name, stmt] of checked) {
      for (const line of plan(stmt).filter((l) => TASKS.test(l))) {
        const index = line.match(/USING (?:COVERING )?INDEX (\w+)/)?.[1];
        const fine = line.startsWith('SEARCH') ? index !== undefined : index !== undefined && partialIndexes.has(index);
        if (!fine) offending.push(`${name}: ${line}`);
      }
    }
    expect(offending).toEqual([]);
  });

  it.each(Object.entries(SWEEP))('%s reads a range of %s in its order, with no sort of what it found', (name, index) => {
    const lines = plan(statements[name]!);
    expect(lines.some((l) => TASKS.test(l) && l.includes(`INDEX ${index}`))).toBe(true);
    expect(lines.filter((l) => l.includes('TEMP B-TREE'))).toEqual([]);
  });

  it("counts the queue's slots and caps by index lookups", () => {
    for (const name of ['slotsHeld', 'admit', 'openOfUser', 'openOfGroup', 'runningSince', 'onBoard', 'newestOnBoard']) {
      const lines = plan(statements[name]!).filter((l) => TASKS.test(l));
      expect(lines.length, name).toBeGreaterThan(0);
      expect(lines.every((l) => l.startsWith('SEARCH')), `${name}: ${lines.join('; ')}`).toBe(true);
    }
  });

  // The fair order's reads (src/store/rows/fair-order.ts, SQL in rows/queue.ts): each a range of one index, a page going on
  // from the last row by seeking the whole row value (not only its first column), so an admission
  // or a refresh reads about the rows it uses however long the line is. The counts behind a place
  // walk the waiting groups (users of a group) once, grouped by count in a small temporary tree.
  const LINE = {
    groups: 'queue_groups_turn (provider=? AND (served,first_at,platform,grp)>(?,?,?,?))',
    users: 'queue_users_turn (provider=? AND platform=? AND grp=? AND (served,first_at,user_id)>(?,?,?))',
    jobs: 'tasks_waiting_by_user (provider=? AND platform=? AND <expr>=? AND user_id=? AND (created_at,id)>(?,?))',
    task: 'sqlite_autoindex_tasks_1 (id=?)',
    group: 'sqlite_autoindex_queue_groups_1 (provider=? AND platform=? AND grp=?)',
    user: 'sqlite_autoindex_queue_users_1 (provider=? AND platform=? AND grp=? AND user_id=?)',
    userRound: 'tasks_waiting_by_user (provider=? AND platform=? AND <expr>=? AND user_id=? AND (created_at,id)<(?,?))',
    usersAhead: 'queue_users_turn (provider=? AND platform=? AND grp=?)',
    groupsAhead: 'queue_groups_turn (provider=?)',
  } as const;
  const line = new TasksRepo(store.db).line;

  it.each(Object.entries(LINE))('reads the line\'s %s from %s', (name, index) => {
    const lines = plan(line[name as keyof typeof LINE]);
    expect(lines[0]).toMatch(/^SEARCH /);
    expect(lines[0]).toContain(index);
    expect(lines.slice(1)).toEqual(name.endsWith('Ahead') ? ['USE TEMP B-TREE FOR GROUP BY'] : []);
  });

  it("finds a chat's board by its partial index: only the jobs on that board", () => {
    expect(plan(statements.onBoard!)).toEqual([expect.stringMatching(/^SEARCH tasks USING (COVERING )?INDEX tasks_on_board \(provider=\? AND platform=\? AND chat_id=\?\)$/)]);
    expect(plan(statements.newestOnBoard!)).toEqual(['SEARCH tasks USING INDEX tasks_on_board (provider=? AND platform=? AND chat_id=?)']);
    expect(plan(statements.boardChats!)[0]).toContain('INDEX tasks_on_board (provider=?)');
  });

  it("keeps the line's tables with seeks: a group's and a user's oldest waiting job, as the triggers read them", () => {
    const oldest = (extra: string) =>
      store.db
        .prepare(`EXPLAIN QUERY PLAN SELECT MIN(created_at) FROM tasks WHERE provider = ? AND platform = ? AND COALESCE(guild_id, chat_id) = ? ${extra} AND waiting_since IS NOT NULL`)
        .all(...Array(extra ? 4 : 3).fill('x'))
        .map((r) => (r as { detail: string }).detail);
    expect(oldest('')).toEqual([expect.stringMatching(/^SEARCH tasks USING (COVERING )?INDEX tasks_waiting_by_group \(provider=\? AND platform=\? AND <expr>=\?\)/)]);
    expect(oldest('AND user_id = ?')).toEqual([expect.stringMatching(/^SEARCH tasks USING (COVERING )?INDEX tasks_waiting_by_user \(provider=\? AND platform=\? AND <expr>=\? AND user_id=\?\)/)]);
  });
});
