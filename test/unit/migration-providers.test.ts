// Issue 9: tasks written before providers were recorded belong to Apiframe, and the ids they wait
// on become their parts, so a database from the previous release keeps polling and delivering.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../src/store/db.ts';
import { migrations } from '../../src/store/migrations.ts';
import { TasksRepo } from '../../src/store/tasks-repo.ts';

function previousRelease(): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  db.transaction(() => {
    for (const sql of migrations.slice(0, 6)) db.exec(sql);
    db.pragma('user_version = 6');
  })();
  const insert = db.prepare(
    `INSERT INTO tasks (id, kind, endpoint, request_json, job_json, status, provider_task_id, prompt, label, platform, chat_id, user_id, user_name, created_at, updated_at, deadline_at, parent_id, result_json, error)
     VALUES (?, 'imagine', 'imagine', '{}', ?, ?, ?, 'a fox', 'Imagine', 'telegram', '-100', '7', '@ana', 0, 0, 1, ?, ?, ?)`,
  );
  const imagine = JSON.stringify({ type: 'mj.imagine', prompt: 'a fox' });
  const grid = JSON.stringify({ kind: 'grid', gridUrl: 'https://cdn.example/g.png', imageUrls: ['https://cdn.example/1.png'] });
  insert.run('done', imagine, 'finished', 'p1', null, grid, null);
  insert.run('running', JSON.stringify({ type: 'mj.upscale', parent: 'p1', index: 1 }), 'submitted', 'p2', 'done', null, null);
  insert.run('broken', imagine, 'failed', 'p3', null, null, 'content filter');
  insert.run('pending', imagine, 'pending', null, null, null, null);
  db.prepare(`INSERT INTO actions (id, task_id, kind, arg, platform, chat_id, created_at) VALUES ('b1', 'done', 'upscale', '1', 'telegram', '-100', 0)`).run();
  return db;
}

describe('migrating tasks to providers and parts', () => {
  it('gives old tasks to Apiframe and makes each provider id a part in its task’s state', async () => {
    const db = previousRelease();
    try {
      migrate(db);
      const tasks = new TasksRepo(db);
      expect((await tasks.get('running'))?.provider).toBe('apiframe');
      expect((await tasks.byProviderId('apiframe', 'p2'))?.id).toBe('running');
      expect(await tasks.byProviderId('other', 'p2')).toBeUndefined();
      expect(await tasks.parts('running')).toMatchObject([{ provider: 'apiframe', partId: 'p2', state: 'waiting' }]);
      expect(await tasks.parts('done')).toMatchObject([{ partId: 'p1', state: 'finished', result: { kind: 'grid' } }]);
      expect(await tasks.parts('broken')).toMatchObject([{ partId: 'p3', state: 'failed', error: 'content filter' }]);
      expect(await tasks.parts('pending')).toEqual([]);
      // Rows that pointed at the rebuilt table still do.
      expect((await tasks.get('running'))?.parentId).toBe('done');
      expect(db.prepare('SELECT task_id FROM actions WHERE id = ?').get('b1')).toEqual({ task_id: 'done' });
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    } finally {
      db.close();
    }
  });

  it('lets two providers use the same task id', async () => {
    const db = previousRelease();
    try {
      migrate(db);
      const tasks = new TasksRepo(db);
      db.prepare(
        `INSERT INTO tasks (id, kind, endpoint, request_json, job_json, status, provider, prompt, label, platform, chat_id, user_id, user_name, created_at, updated_at, deadline_at)
         VALUES ('gen', 'gen.image', 'gen.image', '{}', ?, 'pending', 'apiframe', 'a fox', 'Generate', 'telegram', '-100', '7', '@ana', 0, 0, 1)`,
      ).run(JSON.stringify({ type: 'gen.image', model: 'flux-2', prompt: 'a fox', width: 1024, height: 1024, count: 1 }));
      expect(await tasks.markSubmitted('gen', 'aiphotogenerator', ['p2'], 1)).toBe(true);
      expect((await tasks.byProviderId('aiphotogenerator', 'p2'))?.id).toBe('gen');
      expect((await tasks.byProviderId('apiframe', 'p2'))?.id).toBe('running');
    } finally {
      db.close();
    }
  });
});
