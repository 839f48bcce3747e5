// Issue 11, part 6: without webhooks every unfinished task is polled, and two instances share that
// work rather than doubling it: over a window of several poll intervals, Apiframe is asked about
// each task about once per interval in total. Which instance reads a task is whichever sweeps
// first once it is due, so one instance may do most of the reading: the point is the total.
import { afterEach, expect, it } from 'vitest';
import { FakeLoadBalancer } from '../../fakes/load-balancer.ts';
import { describePostgres } from '../../support/postgres.ts';
import { Fleet, TELEGRAM_WEBHOOK_PATH, until, WAIT_MS } from '../../support/instances.ts';
import type { TgChat, TgUser } from '../../fakes/telegram.ts';

/** Few enough that a sweep of them is short beside the interval, even on a busy machine. */
const TASKS = 10;
/** Long beside a sweep of the tasks, so that one instance's sweeps alone come about once an interval. */
const POLL_MS = 1_000;
/** The window: this many poll intervals. */
const INTERVALS = 6;
const users: TgUser[] = Array.from({ length: TASKS }, (_, i) => ({ id: 6300 + i, is_bot: false, first_name: `User ${i}` }));
const chatOf = (u: TgUser): TgChat => ({ id: u.id, type: 'private', first_name: u.first_name });

let fleet: Fleet | undefined;
let proxies: FakeLoadBalancer[] = [];
afterEach(async () => {
  await fleet?.close();
  fleet = undefined;
  await Promise.all(proxies.map((p) => p.close()));
  proxies = [];
});

/** The task ids one request to Apiframe asked about (/fetch or /fetch-many), or none. */
function idsRead(r: { path: string; body: unknown }): string[] {
  const body = (r.body ?? {}) as { task_id?: unknown; task_ids?: unknown };
  if (r.path === '/fetch-many' && Array.isArray(body.task_ids)) return body.task_ids.map(String);
  if (r.path === '/fetch' && typeof body.task_id === 'string') return [body.task_id];
  return [];
}

describePostgres('polling shared between two instances', (server) => {
  it('10 unfinished tasks, no webhooks: over 6 poll intervals each task is read about once per interval in total, not once per instance', { timeout: 90_000 }, async () => {
    fleet = await Fleet.create(server, { providerWebhooks: false, env: { POLL_INTERVAL_MS: String(POLL_MS) } });
    // Each instance reaches Apiframe through a proxy of its own, so the reads can be told apart.
    proxies = await Promise.all([FakeLoadBalancer.start(), FakeLoadBalancer.start()]);
    for (const p of proxies) p.setBackends([fleet.apiframe.url]);
    await fleet.start(2, { env: (i) => ({ APIFRAME_BASE_URL: proxies[i]!.url }) });
    const { telegram: tg, apiframe } = fleet;

    for (const u of users) tg.userSends({ chat: chatOf(u), from: u, text: `/imagine a slow river ${u.id}` });
    await apiframe.waitForTask('imagine', TASKS, WAIT_MS);
    await until(() => fleet!.countLines(/"msg":"task submitted"/) === TASKS, 20_000, 'every task to be submitted');
    // Both instances took commands. Which one submits a task is not fixed: an instance taking the
    // free slots may admit a task the other has just written, and the submit lease picks one of them.
    expect(fleet.balancer.answeredBy(TELEGRAM_WEBHOOK_PATH).every((n) => n > 0)).toBe(true);
    // Settled: the start-up sweeps are over.
    await new Promise((r) => setTimeout(r, 2 * POLL_MS));

    const ids = new Set([...apiframe.tasks.keys()]);
    const from = apiframe.requests.length;
    const perInstanceFrom = proxies.map((p) => p.requests.length);
    const started = Date.now();
    await new Promise((r) => setTimeout(r, INTERVALS * POLL_MS));
    const window = apiframe.requests.slice(from);
    const elapsedIntervals = (Date.now() - started) / POLL_MS;
    const perInstance = proxies.map((p, i) => p.requests.slice(perInstanceFrom[i]).filter((r) => r.path === '/fetch' || r.path === '/fetch-many').length);

    const reads = new Map<string, number>();
    for (const r of window) for (const id of idsRead(r)) if (ids.has(id)) reads.set(id, (reads.get(id) ?? 0) + 1);
    const total = [...reads.values()].reduce((a, b) => a + b, 0);
    // Every task was polled in the window…
    expect(reads.size).toBe(TASKS);
    // …about once per interval in total (one instance each time), not once per interval per
    // instance (2 × TASKS × intervals): a task polled once an interval is read at most
    // intervals + 1 times in the window. A slow machine polls less often, never more.
    const perTaskPerInterval = total / TASKS / elapsedIntervals;
    expect(total, `${perTaskPerInterval.toFixed(2)} reads per task per interval`).toBeLessThanOrEqual(1.3 * TASKS * (elapsedIntervals + 1));
    // Some instance read them (which one is the first to sweep once a task is due).
    expect(perInstance.some((n) => n > 0)).toBe(true);
    // Nothing finished, nothing was delivered: the tasks were only read.
    expect(fleet.countLines(/"msg":"task delivered"/)).toBe(0);
  });
});
