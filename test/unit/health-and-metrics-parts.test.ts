// The small pieces behind /readyz and /metrics, each on its own: Discord route labels, the bearer
// check, the Telegram API watcher, the readiness report and METRICS_TOKEN's configuration.
import { describe, expect, it } from 'vitest';
import type { Transformer } from 'grammy';
import { routeLabel } from '../../adapters/discord/rest-metrics.ts';
import { POLL_FAILURES_IN_A_ROW, watchApi } from '../../adapters/telegram/api-watch.ts';
import { bearerMatches } from '../../src/server/bearer.ts';
import { readiness } from '../../src/server/readiness.ts';
import { createMetrics } from '../../src/metrics.ts';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { parsePrometheusText, valueOf } from '../support/prometheus-text.ts';

describe('routeLabel (Discord REST)', () => {
  it('keeps the words of a route and drops ids, tokens, emoji and the query', () => {
    expect(routeLabel('post', '/interactions/:id/:token/callback')).toBe('POST /interactions/:id/:token/callback');
    expect(routeLabel('patch', '/webhooks/:id/:token/messages/@original')).toBe('PATCH /webhooks/:id/:token/messages/@original');
    // Ids discord.js leaves in (it only replaces 17–19 digit snowflakes) and a token it did not recognise.
    expect(routeLabel('patch', '/webhooks/1234/aW50ZXJhY3Rpb246MTIzNDU2Nzg5OmFiY2RlZg/messages/%40original?wait=true')).toBe(
      'PATCH /webhooks/:id/:id/messages/@original',
    );
    expect(routeLabel('put', '/channels/:id/messages/:id/reactions/%F0%9F%91%8D/@me')).toBe('PUT /channels/:id/messages/:id/reactions/:id/@me');
    expect(routeLabel('get', '/channels/:id/messages/%E0%A4%A')).toBe('GET /channels/:id/messages/:id');
  });
});

describe('bearerMatches', () => {
  const token = 'metrics-token-0123456789abcdef';
  it('takes exactly "Bearer <token>"', () => {
    expect(bearerMatches(`Bearer ${token}`, token)).toBe(true);
    expect(bearerMatches(`bearer ${token}`, token)).toBe(true);
    for (const header of [undefined, '', token, `Basic ${token}`, `Bearer ${token}x`, `Bearer ${token.slice(0, -1)}`, 'Bearer ', `Bearer ${token} extra`]) {
      expect(bearerMatches(header, token), String(header)).toBe(false);
    }
  });
});

describe('watchApi (Telegram)', () => {
  const ok = { ok: true as const, result: [] };
  const bad = { ok: false as const, error_code: 502, description: 'Bad Gateway' };
  function call(transformer: Transformer, method: string, answer: unknown, signal?: AbortSignal) {
    const prev = (async () => {
      if (answer instanceof Error) throw answer;
      return answer;
    }) as unknown as Parameters<Transformer>[0];
    return transformer(prev, method as never, {} as never, signal as never);
  }

  it(`is not ready after ${POLL_FAILURES_IN_A_ROW} failed getUpdates in a row, network errors included, and ready after one that worked`, async () => {
    const { transformer, polling } = watchApi(createMetrics());
    await call(transformer, 'getUpdates', bad);
    await call(transformer, 'getUpdates', bad);
    expect(polling.status()).toEqual({ ready: true });
    await call(transformer, 'getUpdates', new Error('fetch failed')).catch(() => undefined);
    expect(polling.status()).toEqual({ ready: false, detail: `the last ${POLL_FAILURES_IN_A_ROW} getUpdates calls failed (last: Telegram could not be reached)` });
    // Other methods failing say nothing about polling.
    await call(transformer, 'sendMessage', ok);
    expect(polling.status().ready).toBe(false);
    await call(transformer, 'getUpdates', ok);
    expect(polling.status()).toEqual({ ready: true });
  });

  it('does not count a poll the stop cut short', async () => {
    const { transformer, polling } = watchApi(createMetrics());
    const stop = new AbortController();
    stop.abort();
    for (let i = 0; i < POLL_FAILURES_IN_A_ROW; i++) await call(transformer, 'getUpdates', new Error('aborted'), stop.signal).catch(() => undefined);
    expect(polling.status()).toEqual({ ready: true });
  });

  it('counts calls and 429s by method', async () => {
    const metrics = createMetrics();
    const { transformer } = watchApi(metrics);
    await call(transformer, 'sendPhoto', { ok: false, error_code: 429, description: 'Too Many Requests', parameters: { retry_after: 1 } });
    await call(transformer, 'sendPhoto', ok);
    const families = parsePrometheusText(await metrics.registry.metrics());
    expect(valueOf(families, 'framebot_platform_api_calls_total', { platform: 'telegram', method: 'sendPhoto' })).toBe(2);
    expect(valueOf(families, 'framebot_platform_api_rate_limited_total', { platform: 'telegram', method: 'sendPhoto' })).toBe(1);
  });
});

describe('readiness', () => {
  it('is ready only when every check is, and a check that throws is not ready with what it threw', async () => {
    expect(await readiness({ a: () => ({ ready: true }) })).toEqual({ ready: true, checks: { a: { ok: true } } });
    const report = await readiness({
      store: () => {
        throw new TypeError('The database connection is not open');
      },
      telegram: () => ({ ready: false, detail: 'x'.repeat(500) }),
      discord: () => ({ ready: true }),
    });
    expect(report.ready).toBe(false);
    expect(report.checks.store).toEqual({ ok: false, detail: 'The database connection is not open' });
    expect(report.checks.telegram!.detail).toHaveLength(200);
    expect(report.checks.discord).toEqual({ ok: true });
  });
});

describe('METRICS_TOKEN', () => {
  const base = { APIFRAME_API_KEY: 'key-123456', TELEGRAM_BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghi' };
  it('is optional, a secret the logger scrubs, and refused when short or spaced, without echoing it', () => {
    expect(loadConfig(base).metricsToken).toBeUndefined();
    const c = loadConfig({ ...base, METRICS_TOKEN: 'metrics-token-0123456789abcdef' });
    expect(c.metricsToken).toBe('metrics-token-0123456789abcdef');
    expect(c.secrets).toContain('metrics-token-0123456789abcdef');
    for (const bad of ['short-token', 'sixteen chars and spaces']) {
      let message = '';
      try {
        loadConfig({ ...base, METRICS_TOKEN: bad });
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        message = (err as Error).message;
      }
      expect(message).toMatch(/METRICS_TOKEN must be at least 16 characters/);
      expect(message).not.toContain(bad);
    }
  });
});
