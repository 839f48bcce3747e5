// Issue 9: a task that waits on several provider ids (one per image) ends when all of them have,
// and is delivered once, as one album; what failed is refunded; a restart resumes the parts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, type SqliteStore } from '../../src/store/index.ts';
import type { Job } from '../../src/providers/jobs.ts';
import type { ImageProvider, ProviderTaskView } from '../../src/providers/types.ts';
import { scope } from '../support/memory-chat.ts';
import { testProvider } from '../support/provider.ts';
import { testServices, type TestServices } from '../support/services.ts';

const ana = scope();
const PROVIDER = 'imagesvc';
let dir: string;
let store: SqliteStore;
let s: TestServices;
let submitted: Job[];
let polled: string[][];
/** What the service says of each image id when polled. */
let states: Map<string, ProviderTaskView>;
/** The most images the service queues per request (it may queue fewer than asked). */
let queueAtMost: number;

/** A service that answers one id per image and is polled for each. */
function multiImageService(): ImageProvider {
  return testProvider({
    id: PROVIDER,
    keyVariable: 'IMAGESVC_TOKEN',
    handles: (type) => type === 'gen.image',
    noBlindResubmit: true,
    submit: async (job) => {
      submitted.push(job);
      const n = job.type === 'gen.image' ? job.count : 1;
      const ids = Array.from({ length: Math.min(n, queueAtMost) }, (_, i) => `img-${submitted.length}-${i + 1}`);
      return { providerTaskId: ids[0]!, more: ids.slice(1), unqueued: n - ids.length };
    },
    fetchMany: async (ids) => {
      polled.push([...ids]);
      return ids.flatMap((id) => (states.has(id) ? [states.get(id)!] : []));
    },
  });
}

const finished = (id: string): ProviderTaskView => ({ providerTaskId: id, state: 'finished', result: { kind: 'photos', imageUrls: [`https://cdn.example/${id}.png`] } });
const failed = (id: string): ProviderTaskView => ({ providerTaskId: id, state: 'failed', message: 'content filter' });

function open(): TestServices {
  store = createStore(join(dir, 'bot.sqlite'));
  return testServices(store, multiImageService(), { freeCredits: 100 });
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'framebot-parts-'));
  submitted = [];
  polled = [];
  states = new Map();
  queueAtMost = 10;
  s = open();
});
afterEach(async () => {
  await s.tasks.stop();
  s.cleanup();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const balance = async () => (await store.wallets.get('telegram:chat:-100'))!.balance;

async function generate(count: number) {
  const job: Job = { type: 'gen.image', model: 'flux-2', prompt: 'a fox', width: 1024, height: 1024, count };
  return s.tasks.start({ scope: ana, job, prompt: 'a fox', label: 'Generate', charge: await s.credits.charge(ana, 'photo_generate', count) }, s.chat.responder(ana));
}

const settle = async () => {
  await s.tasks.sweep();
  await s.tasks.idle();
};

describe('a task of several images', () => {
  it('records one part per image and finishes only when the last one has, as one result in order', async () => {
    const task = await generate(3);
    expect((await store.tasks.parts(task.id)).map((p) => p.partId)).toEqual(['img-1-1', 'img-1-2', 'img-1-3']);

    expect(await s.tasks.applyUpdate(PROVIDER, finished('img-1-2'))).toBe('progress');
    expect(await s.tasks.applyUpdate(PROVIDER, finished('img-1-1'))).toBe('progress');
    expect((await store.tasks.get(task.id))!.status).not.toBe('finished');
    // A replayed update of a settled image changes nothing.
    expect(await s.tasks.applyUpdate(PROVIDER, finished('img-1-1'))).toBe('ignored');
    expect(await s.tasks.applyUpdate(PROVIDER, finished('img-1-3'))).toBe('finished');
    await s.tasks.idle();

    const results = s.chat.of('result');
    expect(results).toHaveLength(1);
    expect(results[0]!.result!.images.map((i) => i.url)).toEqual(['img-1-1', 'img-1-2', 'img-1-3'].map((id) => `https://cdn.example/${id}.png`));
    expect(await balance()).toBe(97);
  });

  it('shows progress as images come back', async () => {
    await generate(4);
    await s.tasks.applyUpdate(PROVIDER, finished('img-1-1'));
    await s.tasks.applyUpdate(PROVIDER, failed('img-1-2'));
    await s.tasks.idle();
    const shown = s.chat.of('edit').map((e) => e.text);
    expect(shown.some((t) => t.includes('50%'))).toBe(true);
  });

  it('delivers the images that came back and refunds the ones that did not', async () => {
    const task = await generate(4);
    expect(await balance()).toBe(96);
    for (const id of ['img-1-1', 'img-1-3']) states.set(id, finished(id));
    for (const id of ['img-1-2', 'img-1-4']) states.set(id, failed(id));
    await settle();

    expect((await store.tasks.get(task.id))!.status).toBe('finished');
    expect(s.chat.of('result')[0]!.result!.images).toHaveLength(2);
    expect(await balance()).toBe(98);
    const refund = (await store.wallets.history('telegram:chat:-100', 10, 0)).find((e) => e.kind === 'refund');
    expect(refund?.note).toContain('2 of 4 images');
  });

  it('refunds the images the service did not queue, as if they had failed', async () => {
    queueAtMost = 2;
    const task = await generate(4);
    expect(await balance()).toBe(96);
    expect((await store.tasks.parts(task.id)).map((p) => p.state)).toEqual(['waiting', 'waiting', 'failed', 'failed']);
    for (const id of ['img-1-1', 'img-1-2']) states.set(id, finished(id));
    await settle();
    expect(s.chat.of('result')[0]!.result!.images).toHaveLength(2);
    expect(await balance()).toBe(98);
    // Only the ids the service gave are ever asked about.
    expect(polled.flat().every((id) => id.startsWith('img-'))).toBe(true);
  });

  it('fails and refunds everything when no image comes back', async () => {
    const task = await generate(2);
    states.set('img-1-1', failed('img-1-1'));
    states.set('img-1-2', failed('img-1-2'));
    await settle();
    expect(await store.tasks.get(task.id)).toMatchObject({ status: 'failed', error: 'content filter' });
    expect(s.chat.of('failure')).toHaveLength(1);
    expect(await balance()).toBe(100);
  });

  it('polls only the images still waiting', async () => {
    await generate(3);
    states.set('img-1-1', finished('img-1-1'));
    await settle();
    expect(polled.at(-1)).toEqual(['img-1-1', 'img-1-2', 'img-1-3']);
    await settle();
    expect(polled.at(-1)).toEqual(['img-1-2', 'img-1-3']);
  });

  it('an id of another provider is not mistaken for one of this task', async () => {
    await generate(1);
    expect(await s.tasks.applyUpdate('apiframe', finished('img-1-1'))).toBe('unknown');
  });
});

describe('a restart', () => {
  it('resumes the images still waiting without submitting again, and delivers once', async () => {
    const task = await generate(3);
    states.set('img-1-1', finished('img-1-1'));
    await settle();
    // The process dies with two images still being made.
    await s.tasks.stop();
    s.cleanup();
    store.close();

    s = open();
    for (const id of ['img-1-2', 'img-1-3']) states.set(id, finished(id));
    await settle();
    expect(submitted).toHaveLength(1);
    expect((await store.tasks.get(task.id))!.status).toBe('finished');
    expect(s.chat.of('result')).toHaveLength(1);
    expect(s.chat.of('result')[0]!.result!.images).toHaveLength(3);
    expect(await balance()).toBe(97);
  });

  it('a submit the crash interrupted is not sent again to a provider that bills every submit: it fails and is refunded', async () => {
    const task = await generate(2);
    // As a crash leaves it: the submit was claimed (it may have reached the service), never recorded.
    store.db.prepare("UPDATE tasks SET status = 'pending', provider_task_id = NULL, submit_lease_until = 0 WHERE id = ?").run(task.id);
    store.db.prepare('DELETE FROM task_parts WHERE task_id = ?').run(task.id);
    // The next start finds it.
    await s.tasks.resume();
    await s.tasks.idle();
    expect(submitted).toHaveLength(1);
    expect(await store.tasks.get(task.id)).toMatchObject({ status: 'failed' });
    expect((await store.tasks.get(task.id))!.error).toContain('could run it twice');
    expect(s.chat.of('failure')).toHaveLength(1);
    expect(await balance()).toBe(100);
  });
});
