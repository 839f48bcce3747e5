// GET /metrics: Prometheus text from prom-client, whose counters move as jobs run end to end
// through the real clients and the fakes, behind METRICS_TOKEN when one is set, with labels that
// never carry a secret, an id or a prompt.
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, startHarness, WEBHOOK_SECRET, type Harness } from './harness.ts';
import { parsePrometheusText, valueOf, type Family } from '../support/prometheus-text.ts';
import type { TgChat, TgUser } from '../fakes/telegram.ts';

const alice: TgUser = { id: 1001, is_bot: false, first_name: 'Alice', username: 'alice' };
const dm: TgChat = { id: 1001, type: 'private', first_name: 'Alice', username: 'alice' };
const METRICS_TOKEN = 'metrics-token-0123456789abcdef';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function scrape(headers: Record<string, string> = {}): Promise<{ status: number; contentType: string | null; text: string }> {
  const res = await fetch(`http://127.0.0.1:${h!.app.port}/metrics`, { headers });
  return { status: res.status, contentType: res.headers.get('content-type'), text: await res.text() };
}

async function metrics(headers: Record<string, string> = {}): Promise<Map<string, Family>> {
  const res = await scrape(headers);
  expect(res.status).toBe(200);
  return parsePrometheusText(res.text);
}

/** Scrapes until `check` holds: a handler counts its command once it has answered, a moment after the answer arrives. */
async function metricsUntil(check: (families: Map<string, Family>) => boolean, what: string): Promise<Map<string, Family>> {
  let families = await metrics();
  for (let i = 0; i < 200 && !check(families); i++) {
    await new Promise((r) => setTimeout(r, 25));
    families = await metrics();
  }
  if (!check(families)) throw new Error(`/metrics never showed ${what}`);
  return families;
}

/** Every label value of the bot's own metrics. */
function labelValues(families: Map<string, Family>): string[] {
  return [...families.values()].filter((f) => f.name.startsWith('framebot_')).flatMap((f) => f.samples.flatMap((s) => Object.values(s.labels)));
}

/** What no label may hold: secrets, ids of users, chats and jobs, and what users typed. */
function forbidden(harness: Harness, extra: string[]): string[] {
  const { env } = harness;
  return [env.APIFRAME_API_KEY, env.TELEGRAM_BOT_TOKEN, env.DISCORD_TOKEN, env.AIPHOTOGENERATOR_API_TOKEN, WEBHOOK_SECRET, METRICS_TOKEN, ...extra].filter((s): s is string => Boolean(s));
}

describe('GET /metrics', () => {
  it("is Prometheus text written by prom-client, with the bot's families and the process metrics", async () => {
    h = await startHarness({ telegram: true });
    const res = await scrape();
    expect(res.status).toBe(200);
    expect(res.contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    const families = parsePrometheusText(res.text);
    for (const name of ['process_cpu_user_seconds_total', 'process_resident_memory_bytes', 'nodejs_heap_size_used_bytes', 'nodejs_eventloop_lag_seconds']) {
      expect(families.has(name), name).toBe(true);
    }
    const ours = [...families.values()].filter((f) => f.name.startsWith('framebot_'));
    expect(ours.map((f) => f.name)).toEqual(
      expect.arrayContaining([
        'framebot_tasks_started_total',
        'framebot_tasks_finished_total',
        'framebot_tasks_failed_total',
        'framebot_task_duration_seconds',
        'framebot_tasks_in_flight',
        'framebot_provider_calls_total',
        'framebot_webhook_deliveries_total',
        'framebot_credits_reserved_total',
        'framebot_credits_captured_total',
        'framebot_credits_refunded_total',
        'framebot_platform_api_calls_total',
        'framebot_platform_api_rate_limited_total',
        'framebot_commands_total',
      ]),
    );
    for (const f of ours) {
      expect(f.help, f.name).toBeTruthy();
      if (f.type === 'counter') expect(f.name).toMatch(/_total$/);
      if (f.type === 'histogram') expect(f.name).toMatch(/_seconds$/);
    }
    // Start-up already talked to Telegram.
    expect(valueOf(families, 'framebot_platform_api_calls_total', { platform: 'telegram', method: 'getMe' })).toBe(1);
  });

  it('counts a job run end to end on Telegram: tasks, provider calls, webhooks, credits, commands and Bot API calls', async () => {
    h = await startHarness({ telegram: true, webhooks: true, env: { FREE_CREDITS: '100' } });
    const tg = h.telegram!;
    const { apiframe } = h;

    // One /imagine the service refuses with a 500 (failed, refunded)…
    apiframe.failNext('/imagine', { status: 500, body: { message: 'boom' } });
    tg.userSends({ chat: dm, from: alice, text: '/imagine a crimson heron' });
    await tg.waitForMessage(dm.id, (m) => /went wrong/i.test(m.text ?? ''));
    // …and one that runs to its grid, told by webhook.
    const cmd = tg.userSends({ chat: dm, from: alice, text: '/imagine a red fox' });
    const task = await apiframe.waitForTask('imagine');
    await eventually(async () => (await h!.app.services.store.tasks.countUnfinished()) === 1, 5_000, 'the task to be submitted');
    const during = await metrics();
    expect(valueOf(during, 'framebot_tasks_in_flight')).toBe(1);
    await apiframe.finish(task.id);
    await tg.waitForMessage(dm.id, (m) => m.photo !== undefined && m.reply_to_message_id === cmd.message.message_id);
    // A webhook with a wrong secret is refused and counted.
    const forged = await fetch(`http://127.0.0.1:${h.app.port}/webhooks/apiframe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-webhook-secret': 'not-the-secret' },
      body: JSON.stringify({ task_id: task.id, status: 'finished' }),
    });
    expect(forged.status).toBe(401);
    await h.app.services.tasks.idle();

    const after = await metricsUntil((f) => valueOf(f, 'framebot_commands_total', { command: 'imagine' }) === 2, 'both /imagine counted');
    const job = { provider: 'apiframe', kind: 'mj.imagine' };
    expect(valueOf(after, 'framebot_tasks_started_total', job)).toBe(2);
    expect(valueOf(after, 'framebot_tasks_finished_total', job)).toBe(1);
    expect(valueOf(after, 'framebot_tasks_failed_total', job)).toBe(1);
    expect(valueOf(after, 'framebot_task_duration_seconds_count', { ...job, outcome: 'finished' })).toBe(1);
    expect(valueOf(after, 'framebot_task_duration_seconds_count', { ...job, outcome: 'failed' })).toBe(1);
    expect(valueOf(after, 'framebot_tasks_in_flight')).toBe(0);
    expect(valueOf(after, 'framebot_provider_calls_total', { provider: 'apiframe', endpoint: 'imagine', status: '200' })).toBe(1);
    expect(valueOf(after, 'framebot_provider_calls_total', { provider: 'apiframe', endpoint: 'imagine', status: '500' })).toBe(1);
    expect(valueOf(after, 'framebot_provider_call_duration_seconds_count', { provider: 'apiframe', endpoint: 'imagine' })).toBe(2);
    expect(valueOf(after, 'framebot_webhook_deliveries_total', { provider: 'apiframe', outcome: 'accepted' })).toBeGreaterThanOrEqual(1);
    expect(valueOf(after, 'framebot_webhook_deliveries_total', { provider: 'apiframe', outcome: 'rejected_secret' })).toBe(1);
    expect(valueOf(after, 'framebot_credits_reserved_total')).toBe(8);
    expect(valueOf(after, 'framebot_credits_captured_total')).toBe(4);
    expect(valueOf(after, 'framebot_credits_refunded_total')).toBe(4);
    expect(valueOf(after, 'framebot_commands_total', { platform: 'telegram', command: 'imagine', outcome: 'ok' })).toBe(1);
    expect(valueOf(after, 'framebot_commands_total', { platform: 'telegram', command: 'imagine', outcome: 'failed' })).toBe(1);
    expect(valueOf(after, 'framebot_platform_api_calls_total', { platform: 'telegram', method: 'sendMessage' })).toBeGreaterThanOrEqual(2);
    expect(valueOf(after, 'framebot_platform_api_calls_total', { platform: 'telegram', method: 'getUpdates' })).toBeGreaterThanOrEqual(2);

    for (const value of labelValues(after)) {
      for (const secret of forbidden(h, [task.id, String(alice.id), 'crimson', 'heron', 'red fox'])) expect(value).not.toContain(secret);
    }
  });

  it('counts Telegram 429s by method', async () => {
    h = await startHarness({ telegram: true });
    const tg = h.telegram!;
    tg.failNext('sendMessage', { error_code: 429, description: 'Too Many Requests: retry after 1', retry_after: 1 });
    const cmd = tg.userSends({ chat: dm, from: alice, text: '/help' });
    await tg.waitForMessage(dm.id, (m) => m.reply_to_message_id === cmd.message.message_id);
    const families = await metricsUntil((f) => valueOf(f, 'framebot_commands_total', { command: 'help' }) === 1, '/help counted');
    expect(valueOf(families, 'framebot_platform_api_rate_limited_total', { platform: 'telegram', method: 'sendMessage' })).toBe(1);
    // The retry after the 429 is a call of its own.
    expect(valueOf(families, 'framebot_platform_api_calls_total', { platform: 'telegram', method: 'sendMessage' })).toBe(2);
    expect(valueOf(families, 'framebot_commands_total', { platform: 'telegram', command: 'help', outcome: 'ok' })).toBe(1);
  });

  it('counts Discord REST calls and 429s by route, with ids and interaction tokens left out', async () => {
    h = await startHarness({ discord: true, env: { FREE_CREDITS: '100' } });
    const d = h.discord!;
    d.failNext({ method: 'PATCH', pathIncludes: '/messages/' }, { status: 429, body: { message: 'You are being rate limited.', retry_after: 0.05, global: false }, retryAfterMs: 50 });
    const i = await d.slashCommand({ name: 'imagine', options: [{ name: 'prompt', value: 'a violet otter' }] });
    await d.waitForCallback(i);
    const task = await h.apiframe.waitForTask('imagine');
    await h.apiframe.finish(task.id);
    await d.waitForMessage(String(i.payload.channel_id), (m) => m.id === i.original?.id && m.embeds.length > 0);
    await h.app.services.tasks.idle();

    const families = await metricsUntil((f) => valueOf(f, 'framebot_commands_total', { command: 'imagine' }) === 1, '/imagine counted');
    expect(valueOf(families, 'framebot_commands_total', { platform: 'discord', command: 'imagine', outcome: 'ok' })).toBe(1);
    expect(valueOf(families, 'framebot_platform_api_calls_total', { platform: 'discord', method: 'POST /interactions/:id/:token/callback' })).toBe(1);
    expect(valueOf(families, 'framebot_platform_api_calls_total', { platform: 'discord', method: 'PUT /applications/:id/commands' })).toBe(1);
    const patch = 'PATCH /webhooks/:id/:token/messages/@original';
    expect(valueOf(families, 'framebot_platform_api_rate_limited_total', { platform: 'discord', method: patch })).toBe(1);
    expect(valueOf(families, 'framebot_platform_api_calls_total', { platform: 'discord', method: patch })).toBeGreaterThanOrEqual(2);
    const methods = families.get('framebot_platform_api_calls_total')!.samples.filter((s) => s.labels.platform === 'discord').map((s) => s.labels.method!);
    for (const method of methods) expect(method).toMatch(/^(GET|POST|PUT|PATCH|DELETE) (\/(@?[a-z][a-z-]*|:[a-z]+))+$/);
    for (const value of labelValues(families)) {
      for (const secret of forbidden(h, [task.id, i.token, i.id, d.applicationId, String(i.payload.channel_id), 'violet', 'otter'])) expect(value).not.toContain(secret);
    }
  });

  it('asks for METRICS_TOKEN as a bearer token when one is set; health and readiness stay open', async () => {
    h = await startHarness({ telegram: true, env: { METRICS_TOKEN } });
    expect((await scrape()).status).toBe(401);
    const wrong = await scrape({ authorization: 'Bearer metrics-token-0123456789abcdeX' });
    expect(wrong.status).toBe(401);
    expect(wrong.text).not.toContain('framebot_');
    expect((await scrape({ authorization: `Basic ${METRICS_TOKEN}` })).status).toBe(401);
    expect((await scrape({ authorization: METRICS_TOKEN })).status).toBe(401);
    const right = await scrape({ authorization: `Bearer ${METRICS_TOKEN}` });
    expect(right.status).toBe(200);
    parsePrometheusText(right.text);
    expect((await fetch(`http://127.0.0.1:${h.app.port}/healthz`)).status).toBe(200);
    expect((await fetch(`http://127.0.0.1:${h.app.port}/readyz`)).status).toBe(200);
    // The token is a secret like the others: never in a log line.
    expect(h.logs.join('\n')).not.toContain(METRICS_TOKEN);
  });
});
