// GET /readyz tells the truth: the real discord.js and grammY clients and the provider clients
// against the fakes, with the fakes failing the way the real services do.
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, startHarness, type Harness } from './harness.ts';
import type { TgChat, TgUser } from '../fakes/telegram.ts';

const alice: TgUser = { id: 1001, is_bot: false, first_name: 'Alice', username: 'alice' };
const dm: TgChat = { id: 1001, type: 'private', first_name: 'Alice', username: 'alice' };

interface Report {
  ready: boolean;
  checks: Record<string, { ok: boolean; detail?: string }>;
}

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function get(path: string): Promise<{ status: number; body: Report }> {
  const res = await fetch(`http://127.0.0.1:${h!.app.port}${path}`);
  return { status: res.status, body: (await res.json()) as Report };
}

/** Reads /readyz until `check` holds: a platform notices a lost connection in its own time. */
async function readyzUntil(check: (r: { status: number; body: Report }) => boolean, what: string): Promise<{ status: number; body: Report }> {
  let last: { status: number; body: Report } | undefined;
  for (let i = 0; i < 1000; i++) {
    last = await get('/readyz');
    if (check(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`/readyz never showed ${what}; last: ${JSON.stringify(last)}`);
}

describe('GET /readyz', () => {
  it('is 200 once both platforms are connected, naming the store, each platform and each image service', async () => {
    h = await startHarness({ discord: true, telegram: true, aiphotogenerator: true });
    const { status, body } = await get('/readyz');
    expect(body).toEqual({
      ready: true,
      checks: { store: { ok: true }, discord: { ok: true }, telegram: { ok: true }, apiframe: { ok: true }, aiphotogenerator: { ok: true } },
    });
    expect(status).toBe(200);
    // Liveness stays what it was.
    const health = await fetch(`http://127.0.0.1:${h.app.port}/healthz`);
    expect(health.status).toBe(200);
  });

  it('is 503 naming Discord while its gateway is down, and 200 again once the client has resumed', async () => {
    h = await startHarness({ discord: true, telegram: true });
    h.discord!.gatewayDown();
    const down = await readyzUntil((r) => r.status === 503, 'a 503');
    expect(down.body.ready).toBe(false);
    expect(down.body.checks.discord).toEqual({ ok: false, detail: expect.stringMatching(/gateway/) });
    // Only what is down is named.
    expect(down.body.checks.telegram).toEqual({ ok: true });
    expect(down.body.checks.store).toEqual({ ok: true });

    h.discord!.gatewayUp();
    const up = await readyzUntil((r) => r.status === 200, 'a 200 after the gateway came back');
    expect(up.body.checks.discord).toEqual({ ok: true });
  });

  it('is 503 naming Discord when the whole Discord service has gone', async () => {
    h = await startHarness({ discord: true, telegram: true });
    await h.discord!.close();
    const down = await readyzUntil((r) => r.status === 503, 'a 503');
    expect(down.body.checks.discord!.ok).toBe(false);
    expect(down.body.checks.telegram!.ok).toBe(true);
  });

  it('is 503 naming Telegram when getUpdates keeps failing', async () => {
    h = await startHarness({ telegram: true });
    const tg = h.telegram!;
    tg.failNext('getUpdates', { error_code: 502, description: 'Bad Gateway' }, 50);
    // The long poll under way ends with this update; every poll after it fails.
    tg.userSends({ chat: dm, from: alice, text: '/help' });
    const down = await readyzUntil((r) => r.status === 503, 'a 503');
    expect(down.body.checks.telegram).toEqual({ ok: false, detail: expect.stringMatching(/getUpdates.*HTTP 502/) });
    expect(down.body.checks.store).toEqual({ ok: true });
  });

  it('is 503 naming Telegram when polling has stopped (another instance took the updates)', async () => {
    h = await startHarness({ telegram: true });
    const tg = h.telegram!;
    tg.failNext('getUpdates', { error_code: 409, description: 'Conflict: terminated by other getUpdates request' });
    tg.userSends({ chat: dm, from: alice, text: '/help' });
    const down = await readyzUntil((r) => r.status === 503, 'a 503');
    expect(down.body.checks.telegram).toEqual({ ok: false, detail: expect.stringMatching(/not polling/) });
  });

  it('is 503 naming an image service whose calls fail, and 200 once it answers again', async () => {
    h = await startHarness({ telegram: true });
    const tg = h.telegram!;
    // Start-up's account read answered, so one failure is not enough: three in a row are.
    h.apiframe.failNext('/imagine', { status: 500, body: { message: 'boom' } }, 3);
    for (const animal of ['fox', 'owl', 'cat']) tg.userSends({ chat: dm, from: alice, text: `/imagine a red ${animal}` });
    const apologies = () => tg.messagesIn(dm.id).filter((m) => /went wrong/i.test(m.text ?? '')).length;
    await eventually(() => apologies() === 3, 10_000, 'three apologies');
    const down = await get('/readyz');
    expect(down.status).toBe(503);
    expect(down.body.checks.apiframe).toEqual({ ok: false, detail: expect.stringMatching(/imagine: unavailable \(HTTP 500\)/) });
    expect(down.body.checks.telegram).toEqual({ ok: true });
    // The service's own words never reach the report.
    expect(JSON.stringify(down.body)).not.toContain('boom');

    tg.userSends({ chat: dm, from: alice, text: '/imagine a blue fox' });
    await h.apiframe.waitForTask('imagine');
    await eventually(() => h!.apiframe.callCount('/imagine') === 4, 5_000, 'the fourth imagine');
    const up = await readyzUntil((r) => r.status === 200, 'a 200 after a call succeeded');
    expect(up.body.checks.apiframe).toEqual({ ok: true });
  });
});
