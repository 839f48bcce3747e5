// Issue 8: one catalog entry per button. Every entry has a cost, appears under some result, and
// the fullest keyboard fits both platforms; task rows read back as typed jobs, old ones included.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ACTIONS } from '../../src/core/actions/entries.ts';
import { actionEntry, buttonRows, launchesOf, layoutFor, variantsOf } from '../../src/core/actions/catalog.ts';
import type { ActionEntry, ParentTask, TaskEntry } from '../../src/core/actions/types.ts';
import { COST_KEYS } from '../../src/core/costs.ts';
import { jobSchema, RESULT_OF, type Job } from '../../src/providers/jobs.ts';
import type { TaskResult } from '../../src/providers/types.ts';
import type { ActionRecord } from '../../src/store/records/actions.ts';
import { migrate } from '../../src/store/db.ts';
import { migrations } from '../../src/store/migrations.ts';
import { TasksRepo } from '../../src/store/tasks-repo.ts';
import type { TaskRecord } from '../../src/store/records/tasks.ts';
import { ActionsRepo } from '../../src/store/actions-repo.ts';

const entries: readonly ActionEntry[] = ACTIONS;

const PROMPTS = ['a fox in snow --ar 3:2', 'a red fox, watercolor', 'fox portrait', 'a fox at dusk'];

const RESULTS: Record<TaskResult['kind'], TaskResult> = {
  grid: { kind: 'grid', gridUrl: 'https://cdn.example/g.png', imageUrls: ['https://cdn.example/1.png'] },
  image: { kind: 'image', imageUrl: 'https://cdn.example/u.png' },
  photos: { kind: 'photos', imageUrls: ['https://cdn.example/p.png'] },
  prepared: { kind: 'prepared' },
  trained: { kind: 'trained', triggerWord: 'TOKABC' },
  seed: { kind: 'seed', seed: '1234567890' },
  prompts: { kind: 'prompts', prompts: PROMPTS, tokens: ['fox', 'snow'] },
};

const SAMPLE_JOBS: Job[] = [
  { type: 'mj.imagine', prompt: 'a fox', aspectRatio: '16:9' },
  { type: 'mj.reroll', parent: 'p0', prompt: 'a fox' },
  { type: 'mj.upscale', parent: 'p0', index: 2 },
  { type: 'mj.upscale', parent: 'p0', index: 1, aspectRatio: '16:9' },
  { type: 'mj.upscaleAlt', parent: 'p1', mode: 'creative' },
  { type: 'mj.outpaint', parent: 'p1', zoom: 1.5, aspectRatio: '2:3' },
  { type: 'mj.pan', parent: 'p1', direction: 'left' },
  { type: 'mj.seed', parent: 'p0' },
  { type: 'mj.describe', imageUrl: 'https://cdn.example/cat.png' },
  { type: 'mj.shorten', prompt: 'a very beautiful red fox standing in the fresh snow' },
  { type: 'mj.variations', parent: 'p0', index: 3 },
  { type: 'photo.prepare', setId: 's1', photoCount: 10, gender: 'female', ethnicity: 'white' },
  { type: 'photo.train', trainingImagesId: 'p1', triggerWord: 'TOKABC' },
  { type: 'photo.generate', trainingId: 'p2', prompt: 'TOKABC white woman, a portrait', count: 2 },
  { type: 'gen.image', model: 'flux-2', prompt: 'a fox', width: 1344, height: 768, count: 10 },
];

/** A /generate's result holds one image per image asked for. */
const TEN = Array.from({ length: 10 }, (_, i) => `https://cdn.example/g${i + 1}.png`);

/** A finished task of each kind of job, with the result that job ends in. */
function finished(job: Job): ParentTask {
  return {
    id: `t-${job.type}`, provider: 'apiframe', job, actionKey: null, status: 'finished', providerTaskId: `p-${job.type}`, parentId: null, prompt: 'a fox', label: 'Imagine',
    platform: 'telegram', guildId: null, chatId: '-100', userId: '7', userName: '@ana', message: null, progress: 100, locale: 'en',
    result: job.type === 'gen.image' ? { kind: 'photos', imageUrls: TEN } : RESULTS[RESULT_OF[job.type]],
    error: null, delivery: 'pending', deliveryAttempts: 0, nextDeliveryAt: null, createdAt: 0, updatedAt: 0, submittedAt: 0, finishedAt: 0, deadlineAt: 1,
    walletId: null, cost: 0, submitLeaseUntil: null, submitAttempts: 1, deliveryJournal: {}, origin: null, waitingSince: null, admittedAt: 0,
  };
}

function keyboardOf(task: TaskRecord) {
  const actions: ActionRecord[] = layoutFor(task).map((b, i) => ({
    id: `a${i}xxxxxxxxxxx`, taskId: task.id, kind: b.id, arg: b.variant, platform: 'telegram', chatId: '-100', createdAt: 0, lastUsedAt: null, lastTaskId: null,
  }));
  return buttonRows(actions);
}

describe('the action catalog', () => {
  it('names each entry once, with a known cost under every result it shows under and a label for every variant', () => {
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
    const tasks = SAMPLE_JOBS.map(finished);
    for (const e of entries) {
      if (e.sends) continue; // a file of the result is free
      const costs = tasks.filter((t) => e.appliesTo(t)).flatMap((t) => (typeof e.cost === 'function' ? [e.cost({}, t), e.cost({ subtle: true }, t)] : [e.cost]));
      for (const cost of costs) expect(COST_KEYS).toContain(cost);
    }
    for (const e of entries) {
      for (const v of new Set(tasks.flatMap((t) => variantsOf(e, t)))) expect(e.label(v).trim()).not.toBe('');
      expect(actionEntry(e.id)).toBe(e);
    }
  });

  it('shows every entry under some finished result, and each press makes a valid job or sends an image of the result', () => {
    const tasks = SAMPLE_JOBS.map(finished);
    for (const e of entries) {
      const under = tasks.filter((t) => e.appliesTo(t));
      expect(under.length, `${e.id} appears under no result`).toBeGreaterThan(0);
      if (e.sends) {
        for (const parent of under) {
          for (const v of variantsOf(e, parent)) expect(TEN).toContain(e.sends(parent, v).image.url);
        }
        continue;
      }
      const answers = e.asks === 'zoom' ? { zoom: 1.5, prompt: 'a wider fox' } : {};
      for (const parent of under) {
        for (const v of variantsOf(e, parent)) {
          const launches = launchesOf(e, parent, v, answers);
          expect(launches.length, `${e.id} ${v} starts nothing`).toBeGreaterThan(0);
          for (const launch of launches) expect(() => jobSchema.parse(launch.job)).not.toThrow();
        }
      }
    }
  });

  it('lays out a grid as Midjourney does and keeps every keyboard within both platforms’ limits', () => {
    const grid = keyboardOf(finished(SAMPLE_JOBS[0]!));
    expect(grid.map((row) => row.map((b) => b.label))).toEqual([
      ['U1', 'U2', 'U3', 'U4', '🔄'],
      ['V1', 'V2', 'V3', 'V4'],
    ]);
    // The fullest keyboard: an upscale of a wide image (Make Square shows).
    const fullest = keyboardOf(finished({ type: 'mj.upscale', parent: 'p0', index: 1, aspectRatio: '16:9' }));
    expect(fullest.map((row) => row.map((b) => b.label))).toEqual([
      ['Upscale (Subtle)', 'Upscale (Creative)', 'Upscale 2x', 'Upscale 4x'],
      ['Vary (Subtle)', 'Vary (Strong)'],
      ['Zoom Out 2x', 'Zoom Out 1.5x', 'Custom Zoom', 'Make Square'],
      ['⬅️', '➡️', '⬆️', '⬇️'],
      ['🌱 Seed'],
    ]);
    for (const job of SAMPLE_JOBS) {
      const rows = keyboardOf(finished(job));
      // Discord: at most 5 rows of 5 buttons; Telegram: at most 8 per row, 64-byte payloads.
      expect(rows.length).toBeLessThanOrEqual(5);
      for (const row of rows) {
        expect(row.length).toBeLessThanOrEqual(5);
        for (const b of row) expect(Buffer.byteLength(b.id)).toBeLessThanOrEqual(64);
      }
    }
  });

  it('puts 1–4 and 🎉 Imagine all under /describe, one button per prompt under /shorten; Imagine all starts one imagine per prompt', () => {
    const described = finished({ type: 'mj.describe', imageUrl: 'https://cdn.example/cat.png' });
    expect(keyboardOf(described).map((row) => row.map((b) => b.label))).toEqual([['1', '2', '3', '4'], ['🎉 Imagine all']]);
    const shortened = { ...finished({ type: 'mj.shorten', prompt: 'a fox' }), result: { kind: 'prompts' as const, prompts: ['a', 'b', 'c', 'd', 'e', 'f'] } };
    // Five at most: one Discord row.
    expect(keyboardOf(shortened).map((row) => row.map((b) => b.label))).toEqual([['1', '2', '3', '4', '5']]);
    const all = launchesOf(actionEntry('imagine-all') as TaskEntry, described, null);
    expect(all).toEqual(PROMPTS.map((prompt) => ({ job: { type: 'mj.imagine', prompt }, prompt })));
    expect(launchesOf(actionEntry('imagine-prompt') as TaskEntry, described, '2')).toEqual([{ job: { type: 'mj.imagine', prompt: 'a red fox, watercolor' }, prompt: 'a red fox, watercolor' }]);
  });

  it('drops a stored button whose entry no longer exists instead of showing it', () => {
    const stale: ActionRecord = { id: 'a1xxxxxxxxxx', taskId: 't', kind: 'retired-action', arg: null, platform: 'telegram', chatId: '-100', createdAt: 0, lastUsedAt: null, lastTaskId: null };
    expect(buttonRows([stale])).toEqual([]);
    expect(actionEntry('retired-action')).toBeUndefined();
  });
});

describe('task rows written before typed jobs', () => {
  it('read back as typed jobs, and their Vary buttons and upscales keep working', async () => {
    const db = new Database(':memory:');
    try {
      // The schema as the previous release left it (migrations 1–4), with its rows.
      db.transaction(() => {
        for (const sql of migrations.slice(0, 4)) db.exec(sql);
        db.pragma('user_version = 4');
      })();
      const insert = db.prepare(
        `INSERT INTO tasks (id, kind, endpoint, request_json, status, provider_task_id, prompt, label, platform, chat_id, user_id, user_name, created_at, updated_at, deadline_at, parent_id)
         VALUES (?, ?, ?, ?, 'finished', ?, 'a fox', 'x', 'telegram', '-100', '7', '@ana', 0, 0, 1, ?)`,
      );
      insert.run('imagine1', 'imagine', 'imagine', JSON.stringify({ prompt: 'a fox', aspect_ratio: '16:9' }), 'p1', null);
      insert.run('up1', 'upscale', 'upscale-1x', JSON.stringify({ parent_task_id: 'p1', index: '2' }), 'p2', 'imagine1');
      insert.run('vary1', 'variation', 'variations', JSON.stringify({ parent_task_id: 'p2', index: 'strong' }), 'p3', 'up1');
      insert.run('train1', 'photo-train', 'ai-photo-train', JSON.stringify({ training_images_id: 'p4' }), 'p5', null);
      insert.run('gen1', 'photo-generate', 'ai-photo-generate', JSON.stringify({ training_id: 'p5', prompt: 'TOKMSN a', number_of_images: '3', seed: 42 }), 'p6', null);
      db.prepare(`INSERT INTO actions (id, task_id, kind, arg, platform, chat_id, created_at) VALUES ('b1', 'up1', 'variation', 'strong', 'telegram', '-100', 0)`).run();

      migrate(db);
      const tasks = new TasksRepo(db);
      expect((await tasks.get('imagine1'))?.job).toEqual({ type: 'mj.imagine', prompt: 'a fox', aspectRatio: '16:9' });
      expect((await tasks.get('up1'))?.job).toEqual({ type: 'mj.upscale', parent: 'p1', index: 2 });
      expect((await tasks.get('vary1'))?.job).toEqual({ type: 'mj.variations', parent: 'p2', index: 'strong' });
      // A training sent without a trigger word got Apiframe's default.
      expect((await tasks.get('train1'))?.job).toEqual({ type: 'photo.train', trainingImagesId: 'p4', triggerWord: 'TOKMSN' });
      expect((await tasks.get('gen1'))?.job).toEqual({ type: 'photo.generate', trainingId: 'p5', prompt: 'TOKMSN a', count: 3, seed: 42 });
      // "Image #2 is already upscaled" still knows the old upscale.
      expect((await tasks.findLiveChild('imagine1', 'upscale:2'))?.id).toBe('up1');
      expect((await new ActionsRepo(db).get('b1'))?.kind).toBe('vary');
    } finally {
      db.close();
    }
  });
});
