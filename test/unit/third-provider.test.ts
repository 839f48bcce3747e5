// Issue 9: providers are plugins. A service written here, in the test, plugs in through the
// registry alone (nothing in src/core names it): its jobs run, its webhook is served, it is polled,
// and the commands it cannot run are not offered.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, type Store } from '../../src/store/index.ts';
import { HttpServer } from '../../src/server/http.ts';
import { ProviderRegistry } from '../../src/providers/registry.ts';
import type { Job } from '../../src/providers/jobs.ts';
import type { ImageProvider, ProviderTaskView } from '../../src/providers/types.ts';
import { dispatch } from '../../src/core/dispatch.ts';
import { offeredCommands } from '../../src/core/command.ts';
import { commands } from '../../commands/index.ts';
import { imagine } from '../../commands/imagine.ts';
import { scope } from '../support/memory-chat.ts';
import { commandContext } from '../support/command-context.ts';
import { testServices, type TestServices } from '../support/services.ts';

const TOKEN = 'pixelforge-hook-token-123';
const ana = scope();

/** A made-up Midjourney-and-Flux service: its own ids, webhook path, header and body shape. */
class PixelForge implements ImageProvider {
  readonly id = 'pixelforge';
  readonly keyVariable = 'PIXELFORGE_KEY';
  readonly pushesUpdates = true;
  readonly jobs: Job[] = [];
  /** What a poll finds, by id. */
  readonly known = new Map<string, ProviderTaskView>();
  private next = 0;

  handles(type: Job['type']): boolean {
    return type === 'mj.imagine' || type === 'gen.image';
  }

  async submit(job: Job) {
    this.jobs.push(job);
    const n = job.type === 'gen.image' ? job.count : 1;
    const ids = Array.from({ length: n }, () => `pf-${++this.next}`);
    return { providerTaskId: ids[0]!, more: ids.slice(1) };
  }

  async fetchMany(ids: readonly string[]) {
    return ids.flatMap((id) => (this.known.has(id) ? [this.known.get(id)!] : []));
  }

  readonly webhook = {
    path: '/hooks/pixelforge',
    authorized: ({ headers }: { headers: Record<string, string | string[] | undefined> }) => headers['x-forge-token'] === TOKEN,
    parse: (body: unknown): ProviderTaskView[] | undefined => {
      const events = (body as { events?: Array<{ job: string; done: boolean; urls?: string[]; grid?: string }> }).events;
      if (!Array.isArray(events)) return undefined;
      return events.map((e) =>
        !e.done
          ? { providerTaskId: e.job, state: 'running' as const, percentage: 50 }
          : e.grid
            ? { providerTaskId: e.job, state: 'finished' as const, result: { kind: 'grid' as const, gridUrl: e.grid, imageUrls: e.urls ?? [] } }
            : { providerTaskId: e.job, state: 'finished' as const, result: { kind: 'photos' as const, imageUrls: e.urls ?? [] } },
      );
    },
  };
}

let store: Store;
let forge: PixelForge;
let s: TestServices;
let server: HttpServer;
let base: string;
let clock = Date.UTC(2026, 10, 26, 12);

beforeEach(async () => {
  store = createStore(':memory:');
  forge = new PixelForge();
  s = testServices(store, forge, { freeCredits: 100, now: () => clock });
  const providers = new ProviderRegistry([forge]);
  server = new HttpServer({
    port: 0,
    host: '127.0.0.1',
    webhookAt: (path) => providers.webhookAt(path),
    onUpdate: (provider, view) => s.tasks.applyUpdate(provider, view),
    log: s.log,
    health: () => ({}),
  });
  base = `http://127.0.0.1:${await server.listen()}`;
});
afterEach(async () => {
  await s.tasks.stop();
  await server.close();
  s.cleanup();
  store.close();
});

const push = (events: unknown[], token = TOKEN) =>
  fetch(`${base}/hooks/pixelforge`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forge-token': token }, body: JSON.stringify({ events }) });
const balance = async () => (await store.wallets.get('telegram:chat:-100'))!.balance;

describe('a third provider, defined in a test', () => {
  it('offers the commands it can run and no others', () => {
    const names = offeredCommands(commands, new ProviderRegistry([forge])).map((c) => c.name);
    expect(names).toContain('imagine');
    expect(names).not.toContain('describe');
    expect(names.some((n) => n.startsWith('photos'))).toBe(false);
  });

  it('runs /imagine, takes its result from its own webhook and delivers it with the grid buttons', async () => {
    await dispatch(imagine, { prompt: 'a fox' }, commandContext(s, ana), async () => undefined);
    expect(forge.jobs).toEqual([{ type: 'mj.imagine', prompt: 'a fox' }]);
    const task = (await store.tasks.byProviderId('pixelforge', 'pf-1'))!;
    expect(task.provider).toBe('pixelforge');

    expect((await push([{ job: 'pf-1', done: false }])).status).toBe(200);
    const done = await push([{ job: 'pf-1', done: true, grid: 'https://forge.example/g.png', urls: ['1', '2', '3', '4'].map((n) => `https://forge.example/${n}.png`) }]);
    expect(done.status).toBe(200);
    await s.tasks.idle();

    const result = await s.chat.waitFor((e) => e.kind === 'result');
    expect(result.result!.images[0]!.url).toBe('https://forge.example/g.png');
    expect(result.result!.buttons.flat().map((b) => b.label)).toContain('U1');
    expect(await balance()).toBe(96);
  });

  it('refuses a webhook without its token, and is polled when its webhook stays quiet', async () => {
    await dispatch(imagine, { prompt: 'a fox' }, commandContext(s, ana), async () => undefined);
    expect((await push([{ job: 'pf-1', done: true, grid: 'https://forge.example/g.png' }], 'wrong')).status).toBe(401);
    expect((await store.tasks.byProviderId('pixelforge', 'pf-1'))!.status).not.toBe('finished');

    forge.known.set('pf-1', { providerTaskId: 'pf-1', state: 'finished', result: { kind: 'grid', gridUrl: 'https://forge.example/g.png', imageUrls: [] } });
    clock += 120_000;
    await s.tasks.sweep();
    await s.tasks.idle();
    expect(s.chat.of('result')).toHaveLength(1);
  });

  it('runs a job of several images and delivers them as one album once all are back', async () => {
    const job: Job = { type: 'gen.image', model: 'flux-2', prompt: 'a fox', width: 1024, height: 1024, count: 3 };
    await s.tasks.start({ scope: ana, job, prompt: 'a fox', label: 'Generate', charge: await s.credits.charge(ana, 'photo_generate', 3) }, s.chat.responder(ana));
    await push([{ job: 'pf-1', done: true, urls: ['https://forge.example/a.png'] }, { job: 'pf-3', done: true, urls: ['https://forge.example/c.png'] }]);
    expect(s.chat.of('result')).toHaveLength(0);
    await push([{ job: 'pf-2', done: true, urls: ['https://forge.example/b.png'] }]);
    await s.tasks.idle();
    const result = await s.chat.waitFor((e) => e.kind === 'result');
    expect(result.result!.images.map((i) => i.url)).toEqual(['a', 'b', 'c'].map((x) => `https://forge.example/${x}.png`));
  });
});
