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

  it("takes the queue's waiting tasks from the waiting index, and each user's and group's last turn by index lookups", () => {
    for (const name of ['waitingInOrder', 'slotsHeld', 'admit', 'openOfUser', 'openOfGroup', 'runningSince']) {
      const lines = plan(statements[name]!).filter((l) => TASKS.test(l));
      expect(lines.length, name).toBeGreaterThan(0);
      expect(lines.every((l) => l.startsWith('SEARCH')), `${name}: ${lines.join('; ')}`).toBe(true);
    }
    const order = plan(statements.waitingInOrder!);
    // The waiting tasks themselves, then "served longest ago" per user and per group: lookups on all four columns.
    expect(order.filter((l) => /^SEARCH tasks USING INDEX tasks_waiting \(provider=\?\)/.test(l)).length).toBeGreaterThan(0);
    expect(order.some((l) => l.includes('INDEX tasks_served (provider=? AND platform=? AND <expr>=? AND user_id=?)'))).toBe(true);
    expect(order.some((l) => l.includes('INDEX tasks_served (provider=? AND platform=? AND <expr>=?)'))).toBe(true);
  });
});
