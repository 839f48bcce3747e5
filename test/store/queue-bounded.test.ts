// Issue 14, part 2: with 10,000 jobs waiting, an admission reads only what it needs to pick the
// next jobs in the fair order, a refresh only the first places it shows, and one job's place a
// handful of rows; counted as statements run and rows read, on SQLite (PostgreSQL:
// test/postgres/task-query-plans.test.ts). The order itself is the whole-line query's (oracle).
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Statement } from 'better-sqlite3';
import { createStore, type SqliteStore } from '../../src/store/index.ts';
import { TasksRepo } from '../../src/store/tasks-repo.ts';
import { fairOrderSql } from '../support/fair-order-oracle.ts';
import { T, newTask } from '../support/store-contract/engine.ts';

const WAITING = 10_000;
const store: SqliteStore = createStore(':memory:');
const repo = new TasksRepo(store.db);
const read = { statements: 0, rows: 0 };

beforeAll(() => {
  store.db.transaction(() => {
    // Half in one busy chat of 100 people, half from 5,000 chats of one job each, interleaved.
    for (let i = 0; i < WAITING; i++) {
      const busy = i % 2 === 0;
      const over = busy ? { chatId: '-100', userId: `b${i % 200}` } : { chatId: `c${i}`, userId: `u${i}` };
      repo.insert(newTask(`w${i}`, { ...over, provider: 'apiframe', waiting: true }), T + i);
    }
  })();
  // Counts every read of the line the repository makes.
  for (const [kind, stmt] of Object.entries(repo.line) as Array<[keyof typeof repo.line, Statement]>) {
    const all = stmt.all.bind(stmt);
    const get = stmt.get.bind(stmt);
    repo.line[kind] = Object.assign(Object.create(stmt) as Statement, {
      all: (...args: unknown[]) => {
        const rows = all(...args);
        read.statements++;
        read.rows += rows.length;
        return rows;
      },
      get: (...args: unknown[]) => {
        const row = get(...args);
        read.statements++;
        read.rows += row === undefined ? 0 : 1;
        return row;
      },
    });
  }
});
afterAll(() => store.close());

const counting = <R>(work: () => R): { result: R; statements: number; rows: number } => {
  read.statements = 0;
  read.rows = 0;
  const result = work();
  return { result, ...read };
};
const oracle = (limit: number) =>
  (store.db.prepare(`SELECT q.id FROM (${fairOrderSql("'apiframe'")}) q ORDER BY q.turn LIMIT ?`).all(limit) as Array<{ id: string }>).map((r) => r.id);

it('reads the first 50 of 10,000 waiting in a few rows per job, in the whole-line order', () => {
  const { result, statements, rows } = counting(() => repo.waitingInOrder('apiframe', 50));
  expect(result.map((t) => t.id)).toEqual(oracle(50));
  // Pages of groups, then per job its group's user and that user's job; pages double from one row,
  // so a list is read at most twice as far as used. 10,000 rows (and twice 10,000 lookups) before.
  expect(rows).toBeLessThanOrEqual(4 * 50);
  expect(statements).toBeLessThanOrEqual(3 * 50 + 10);
});

it('places a job at the back of 10,000 in six reads, however far back it is', () => {
  const last = oracle(WAITING).at(-1)!;
  const { result, statements } = counting(() => repo.placesInLine('apiframe', [last]));
  expect(result.get(last)).toBe(WAITING);
  expect(statements).toBe(6);
});

it('admits the next job of 10,000 waiting reading a handful of rows, and the next three in a few more', () => {
  const next = oracle(4);
  const one = counting(() => repo.admitWaiting('apiframe', 1, T + WAITING + 1));
  expect(one.result.map((t) => t.id)).toEqual(next.slice(0, 1));
  // One group, one user, one job.
  expect(one.rows).toBeLessThanOrEqual(3);
  const three = counting(() => repo.admitWaiting('apiframe', 4, T + WAITING + 2));
  expect(three.result.map((t) => t.id)).toEqual(next.slice(1, 4));
  expect(three.rows).toBeLessThanOrEqual(15);
  // The line moved on exactly as the whole-line query says.
  expect(repo.waitingInOrder('apiframe', 5).map((t) => t.id)).toEqual(oracle(5));
});
