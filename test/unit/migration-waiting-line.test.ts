// Issue 14: a database from before the queue's tables (SQLite migration 19) keeps its line: the
// migration fills queue_groups and queue_users from the tasks, so the jobs waiting at the upgrade
// keep the order and places the whole-line query gave them, and the line moves on from there.
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { migrate } from '../../src/store/db.ts';
import { migrations } from '../../src/store/migrations.ts';
import { TasksRepo } from '../../src/store/tasks-repo.ts';
import { fairOrderSql } from '../support/fair-order-oracle.ts';

const T = 1_700_000_000_000;

it('fills the waiting line from the tasks an upgrade finds, in the order and places they had', () => {
  const db = new Database(':memory:');
  try {
    db.pragma('foreign_keys = ON');
    db.transaction(() => {
      for (const sql of migrations.slice(0, 18)) db.exec(sql);
      db.pragma('user_version = 18');
    })();
    const insert = db.prepare(
      `INSERT INTO tasks (id, kind, endpoint, request_json, job_json, status, provider, prompt, label, platform, guild_id, chat_id, user_id, user_name,
         created_at, updated_at, deadline_at, waiting_since, admitted_at)
       VALUES (?, 'mj.imagine', 'mj.imagine', '{}', '{"type":"mj.imagine","prompt":"a fox"}', ?, 'apiframe', 'a fox', 'Imagine', ?, ?, ?, ?, 'user', ?, ?, ?, ?, ?)`,
    );
    // Served before: ana in -100 long ago, dee's server lately; then jobs waiting in three groups.
    insert.run('old-ana', 'finished', 'telegram', null, '-100', 'ana', T, T, T + 1e6, null, T);
    insert.run('old-dee', 'finished', 'discord', 'guild-1', 'chan-1', 'dee', T + 5, T + 5, T + 1e6, null, T + 50);
    const waiting: Array<[string, string, string | null, string, string]> = [
      ['a1', 'telegram', null, '-100', 'ana'],
      ['a2', 'telegram', null, '-100', 'ana'],
      ['b1', 'telegram', null, '-100', 'bo'],
      ['d1', 'discord', 'guild-1', 'chan-2', 'dee'],
      ['e1', 'discord', 'guild-1', 'chan-1', 'eve'],
      ['c1', 'telegram', null, '-200', 'cy'],
      ['c2', 'telegram', null, '-200', 'cy'],
    ];
    for (const [i, [id, platform, guild, chat, user]] of waiting.entries()) insert.run(id, 'pending', platform, guild, chat, user, T + 100 + i, T + 100 + i, T + 1e6, T + 100 + i, null);
    const oracle = () => (db.prepare(`SELECT q.id FROM (${fairOrderSql("'apiframe'")}) q ORDER BY q.turn`).all() as Array<{ id: string }>).map((r) => r.id);
    const before = oracle();

    migrate(db);
    const tasks = new TasksRepo(db);
    expect(tasks.waitingInOrder('apiframe', 100).map((t) => t.id)).toEqual(before);
    expect(Object.fromEntries(tasks.placesInLine('apiframe', before))).toEqual(Object.fromEntries(before.map((id, i) => [id, i + 1])));
    // The line moves on as it did.
    expect(tasks.admitWaiting('apiframe', 2, T + 1_000).map((t) => t.id)).toEqual(before.slice(0, 2));
    expect(tasks.waitingInOrder('apiframe', 100).map((t) => t.id)).toEqual(oracle());
  } finally {
    db.close();
  }
});
