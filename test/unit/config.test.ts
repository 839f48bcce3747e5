import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

const base = { APIFRAME_API_KEY: 'key-123456', TELEGRAM_BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghi' };
const problem = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('loadConfig', () => {
  it('fills the documented defaults', () => {
    const c = loadConfig(base);
    expect(c).toMatchObject({
      apiframe: { baseUrl: 'https://api.apiframe.pro' },
      telegram: { apiRoot: 'https://api.telegram.org' },
      databasePath: 'data/framebot.sqlite',
      port: 8080,
      pollIntervalMs: 3000,
      pollMaxIntervalMs: 30_000,
      logLevel: 'info',
    });
    expect(c.discord).toBeUndefined();
  });

  it('needs the key of at least one image service, naming both in one line', () => {
    const msg = problem({ TELEGRAM_BOT_TOKEN: base.TELEGRAM_BOT_TOKEN });
    expect(msg).toContain('APIFRAME_API_KEY is required unless AIPHOTOGENERATOR_API_TOKEN is set');
    expect(msg.split('\n')).toHaveLength(1);
  });

  it('reads USER_RATE_LIMIT as commands per window (s, m or h), off by default or when set to off, and refuses other spellings', () => {
    expect(loadConfig(base).userRateLimit).toBeUndefined();
    expect(loadConfig({ ...base, USER_RATE_LIMIT: 'off' }).userRateLimit).toBeUndefined();
    expect(loadConfig({ ...base, USER_RATE_LIMIT: '10/60s' }).userRateLimit).toEqual({ limit: 10, windowMs: 60_000 });
    expect(loadConfig({ ...base, USER_RATE_LIMIT: '5 / 2m' }).userRateLimit).toEqual({ limit: 5, windowMs: 120_000 });
    expect(loadConfig({ ...base, USER_RATE_LIMIT: '100/1h' }).userRateLimit).toEqual({ limit: 100, windowMs: 3_600_000 });
    expect(loadConfig({ ...base, USER_RATE_LIMIT: '3/30' }).userRateLimit).toEqual({ limit: 3, windowMs: 30_000 });
    expect(problem({ ...base, USER_RATE_LIMIT: 'ten a minute' })).toContain('USER_RATE_LIMIT must look like 10/60s');
    expect(problem({ ...base, USER_RATE_LIMIT: '0/60s' })).toContain('USER_RATE_LIMIT must allow 1 to 100000 commands');
    expect(problem({ ...base, USER_RATE_LIMIT: '10/2d' })).toContain('USER_RATE_LIMIT must look like');
  });

  it('needs at least one platform token', () => {
    expect(problem({ APIFRAME_API_KEY: 'k' })).toContain('TELEGRAM_BOT_TOKEN must be set');
  });

  it('needs the application id with a Discord token', () => {
    expect(problem({ APIFRAME_API_KEY: 'k', DISCORD_TOKEN: 'abc.def.ghi' })).toContain('DISCORD_APPLICATION_ID');
  });

  it('needs a webhook secret with a public URL, and never prints secret values', () => {
    const msg = problem({ ...base, PUBLIC_URL: 'https://bot.example.com' });
    expect(msg).toContain('WEBHOOK_SECRET is required when PUBLIC_URL is set');
    expect(msg).not.toContain(base.APIFRAME_API_KEY);
    expect(msg).not.toContain(base.TELEGRAM_BOT_TOKEN);
  });

  it('explains a malformed Telegram token without echoing it', () => {
    const msg = problem({ APIFRAME_API_KEY: 'k', TELEGRAM_BOT_TOKEN: 'not-a-token-value' });
    expect(msg).toContain('TELEGRAM_BOT_TOKEN must look like');
    expect(msg).not.toContain('not-a-token-value');
  });

  it('rejects a base URL without a scheme and a non-numeric port', () => {
    expect(problem({ ...base, APIFRAME_BASE_URL: 'api.apiframe.pro' })).toContain('APIFRAME_BASE_URL');
    expect(problem({ ...base, PORT: 'eighty' })).toContain('PORT must be a whole number');
  });

  it('bounds start-up at 30 s and warns below 500 provider credits unless told otherwise', () => {
    expect(loadConfig(base)).toMatchObject({ startupTimeoutMs: 30_000, creditsWarnBelow: 500 });
    expect(loadConfig({ ...base, STARTUP_TIMEOUT_MS: '5000', PROVIDER_CREDITS_WARN: '0' })).toMatchObject({ startupTimeoutMs: 5_000, creditsWarnBelow: 0 });
    expect(problem({ ...base, STARTUP_TIMEOUT_MS: 'soon' })).toContain('STARTUP_TIMEOUT_MS must be a whole number');
  });

  it('treats the empty lines of .env.example as unset', () => {
    const c = loadConfig({ ...base, POLL_INTERVAL_MS: '', DISCORD_TOKEN: '', PORT: '', PUBLIC_URL: ' ' });
    expect(c).toMatchObject({ pollIntervalMs: 3000, port: 8080 });
    expect(c.discord).toBeUndefined();
  });

  it('reads DISCORD_MESSAGE_CONTENT as a yes/no switch, off by default', () => {
    const discord = { APIFRAME_API_KEY: 'k', DISCORD_TOKEN: 'abc.def.ghi', DISCORD_APPLICATION_ID: '100000000000000001' };
    expect(loadConfig(discord).discord?.messageContent).toBe(false);
    expect(loadConfig({ ...discord, DISCORD_MESSAGE_CONTENT: 'true' }).discord?.messageContent).toBe(true);
    expect(problem({ ...discord, DISCORD_MESSAGE_CONTENT: 'maybe' })).toContain('DISCORD_MESSAGE_CONTENT must be true or false');
  });

  it('polls slowly when webhooks carry the updates', () => {
    const c = loadConfig({ ...base, PUBLIC_URL: 'https://bot.example.com/', WEBHOOK_SECRET: 'x'.repeat(24) });
    expect(c.publicUrl).toBe('https://bot.example.com');
    expect(c.pollIntervalMs).toBe(30_000);
  });

  it('lists every secret so the logger can scrub it', () => {
    const c = loadConfig({ ...base, PUBLIC_URL: 'https://b.example', WEBHOOK_SECRET: 'w'.repeat(20) });
    expect(c.secrets).toEqual(expect.arrayContaining([base.APIFRAME_API_KEY, base.TELEGRAM_BOT_TOKEN, 'w'.repeat(20)]));
  });
});

describe('Telegram webhook mode', () => {
  const secret = 'tg_hook-SECRET-0123456789abcdef';
  const hook = (url: string, more: Record<string, string> = {}) => ({ ...base, TELEGRAM_WEBHOOK_URL: url, TELEGRAM_WEBHOOK_SECRET: secret, ...more });

  it('is off by default (long polling), and on with an HTTPS URL and its secret, which the logger scrubs', () => {
    expect(loadConfig(base).telegram?.webhook).toBeUndefined();
    const c = loadConfig(hook('https://bot.example.com/telegram'));
    expect(c.telegram?.webhook).toEqual({ url: 'https://bot.example.com/telegram', secret });
    expect(c.secrets).toContain(secret);
    // Telegram's other ports, and plain http on this machine (tests, a local proxy).
    for (const url of ['https://bot.example.com:8443/tg', 'https://bot.example.com:88/', 'http://127.0.0.1:9999/telegram', 'http://localhost:1234/t']) {
      expect(loadConfig(hook(url)).telegram?.webhook?.url).toBe(url);
    }
  });

  it('needs HTTPS, a port Telegram posts to, no query, and a path the server does not use', () => {
    expect(problem(hook('http://bot.example.com/telegram'))).toContain('TELEGRAM_WEBHOOK_URL must be an https:// address');
    expect(problem(hook('https://bot.example.com:8080/telegram'))).toContain('TELEGRAM_WEBHOOK_URL must use port 443, 80, 88 or 8443');
    expect(problem(hook('https://bot.example.com/telegram?token=abc'))).toContain('TELEGRAM_WEBHOOK_URL must have no ?query');
    for (const path of ['/healthz', '/readyz', '/metrics', '/files/x', '/webhooks/apiframe', '/webhooks']) {
      expect(problem(hook(`https://bot.example.com${path}`))).toContain(`must not use the path ${path}`);
    }
    expect(problem(hook('bot.example.com/telegram'))).toContain('TELEGRAM_WEBHOOK_URL must be a URL');
  });

  it('requires the secret with the URL (the same on every instance), in Telegram\'s alphabet, and the URL with the secret', () => {
    const { TELEGRAM_WEBHOOK_SECRET: _s, ...noSecret } = hook('https://bot.example.com/telegram');
    expect(problem(noSecret)).toContain('TELEGRAM_WEBHOOK_SECRET is required when TELEGRAM_WEBHOOK_URL is set');
    const bad = problem(hook('https://bot.example.com/telegram', { TELEGRAM_WEBHOOK_SECRET: 'has spaces and: colons!!' }));
    expect(bad).toContain('TELEGRAM_WEBHOOK_SECRET must be 16 to 256 characters of A-Z, a-z, 0-9, _ and -');
    expect(bad).not.toContain('colons');
    expect(problem(hook('https://bot.example.com/telegram', { TELEGRAM_WEBHOOK_SECRET: 'short' }))).toContain('TELEGRAM_WEBHOOK_SECRET must be 16 to 256');
    expect(problem(hook('https://bot.example.com/telegram', { TELEGRAM_WEBHOOK_SECRET: 'a'.repeat(257) }))).toContain('TELEGRAM_WEBHOOK_SECRET must be 16 to 256');
    expect(problem({ ...base, TELEGRAM_WEBHOOK_SECRET: secret })).toContain('TELEGRAM_WEBHOOK_URL is required when TELEGRAM_WEBHOOK_SECRET is set');
    const { TELEGRAM_BOT_TOKEN: _t, ...noToken } = hook('https://bot.example.com/telegram', { DISCORD_TOKEN: 'abc.def.ghi', DISCORD_APPLICATION_ID: '123456789012345678' });
    expect(problem(noToken)).toContain('TELEGRAM_WEBHOOK_URL needs TELEGRAM_BOT_TOKEN');
  });
});

describe('HOST', () => {
  it('listens on every interface by default, or on the address HOST names', () => {
    expect(loadConfig(base).host).toBe('0.0.0.0');
    expect(loadConfig({ ...base, HOST: '127.0.0.1' }).host).toBe('127.0.0.1');
    expect(loadConfig({ ...base, HOST: '::1' }).host).toBe('::1');
    expect(loadConfig({ ...base, HOST: 'localhost' }).host).toBe('localhost');
  });

  it('explains a HOST that is not an address', () => {
    expect(problem({ ...base, HOST: 'http://127.0.0.1:8080' })).toContain('HOST must be an address to listen on');
  });
});

describe('aiphotogenerator.net settings', () => {
  const TOKEN = '42|aiphotoTokenSecretValue0123456789';
  const only = { AIPHOTOGENERATOR_API_TOKEN: TOKEN, TELEGRAM_BOT_TOKEN: base.TELEGRAM_BOT_TOKEN };

  it('loads with only the aiphotogenerator.net token, filling its defaults', () => {
    const c = loadConfig(only);
    expect(c.apiframe).toBeUndefined();
    expect(c.aiphotogenerator).toEqual({
      token: TOKEN,
      baseUrl: 'https://www.aiphotogenerator.net/api',
      timeoutMs: 30_000,
      models: ['flux-2', 'flux-2-flex', 'nano-banana', 'nano-banana-pro', 'nano-banana-2', 'seedream-4', 'stable-diffusion-xl'],
      lookup: { path: '/images/{id}', statuses: { 0: 'queued', 1: 'running', 2: 'finished', 3: 'failed' }, urlFields: ['url', 'image_url', 'output_url'] },
    });
    expect(c.secrets).toContain(TOKEN);
  });

  it('loads with only the Apiframe key, leaving aiphotogenerator.net off', () => {
    const c = loadConfig(base);
    expect(c.apiframe?.apiKey).toBe(base.APIFRAME_API_KEY);
    expect(c.aiphotogenerator).toBeUndefined();
  });

  it('runs both services when both keys are set', () => {
    const c = loadConfig({ ...base, AIPHOTOGENERATOR_API_TOKEN: TOKEN });
    expect(c.apiframe).toBeDefined();
    expect(c.aiphotogenerator).toBeDefined();
  });

  it('reads the base URL, timeout and a narrower model list in the given order', () => {
    const c = loadConfig({
      ...only,
      AIPHOTOGENERATOR_BASE_URL: 'http://127.0.0.1:9100/api/',
      AIPHOTOGENERATOR_TIMEOUT_MS: '5000',
      AIPHOTOGENERATOR_MODELS: ' seedream-4, flux-2 ,seedream-4',
    });
    expect(c.aiphotogenerator).toMatchObject({ baseUrl: 'http://127.0.0.1:9100/api', timeoutMs: 5000, models: ['seedream-4', 'flux-2'] });
  });

  it('names AIPHOTOGENERATOR_MODELS and the valid ids when a model is unknown', () => {
    const msg = problem({ ...only, AIPHOTOGENERATOR_MODELS: 'flux-2,flux-1' });
    expect(msg).toContain('AIPHOTOGENERATOR_MODELS names unknown model "flux-1"');
    expect(msg).toContain('valid: flux-2, flux-2-flex, nano-banana, nano-banana-pro, nano-banana-2, seedream-4, stable-diffusion-xl');
    expect(msg.split('\n')).toHaveLength(1);
  });

  it('takes the lookup table from the environment', () => {
    const c = loadConfig({
      ...only,
      AIPHOTOGENERATOR_LOOKUP_PATH: '/v2/images/{id}/status',
      AIPHOTOGENERATOR_STATUS_MAP: 'pending=queued, Working=running,done=finished,error=failed',
      AIPHOTOGENERATOR_URL_FIELDS: 'result.src, url',
    });
    expect(c.aiphotogenerator?.lookup).toEqual({
      path: '/v2/images/{id}/status',
      statuses: { pending: 'queued', working: 'running', done: 'finished', error: 'failed' },
      urlFields: ['result.src', 'url'],
    });
  });

  it.each([
    ['AIPHOTOGENERATOR_LOOKUP_PATH', '/images/latest', 'must contain {id} exactly once'],
    ['AIPHOTOGENERATOR_LOOKUP_PATH', 'https://x.example/images/{id}', 'must be a path below the base URL'],
    ['AIPHOTOGENERATOR_STATUS_MAP', '0:queued', 'must look like 0=queued,1=running,2=finished,3=failed'],
    ['AIPHOTOGENERATOR_STATUS_MAP', '0=queued,2=done', 'must map each status to one of queued, running, finished, failed'],
    ['AIPHOTOGENERATOR_STATUS_MAP', '0=queued,1=running', 'must say which status means finished'],
    ['AIPHOTOGENERATOR_STATUS_MAP', '2=finished,2=failed', 'names a status twice'],
    ['AIPHOTOGENERATOR_URL_FIELDS', 'url,image url', 'must list field names'],
    ['AIPHOTOGENERATOR_URL_FIELDS', ' , ', 'must name at least one field'],
    ['AIPHOTOGENERATOR_BASE_URL', 'www.aiphotogenerator.net/api', 'must'],
    ['AIPHOTOGENERATOR_TIMEOUT_MS', 'soon', 'must be a whole number'],
  ])('stops start-up with one line naming %s when it is %j', (name, value, says) => {
    const msg = problem({ ...only, [name]: value });
    expect(msg).toContain(`${name} ${says}`);
    expect(msg.split('\n')).toHaveLength(1);
    expect(msg).not.toContain(TOKEN);
  });

  it('explains a malformed token without echoing it', () => {
    const msg = problem({ ...only, AIPHOTOGENERATOR_API_TOKEN: 'two words-secretvalue' });
    expect(msg).toContain('AIPHOTOGENERATOR_API_TOKEN must be the API token');
    expect(msg).not.toContain('secretvalue');
  });

  it('keeps polling quick with a public URL, since its webhook may never be registered', () => {
    const hooks = { PUBLIC_URL: 'https://bot.example.com', WEBHOOK_SECRET: 'x'.repeat(24) };
    expect(loadConfig({ ...only, ...hooks }).pollIntervalMs).toBe(3_000);
    expect(loadConfig({ ...base, ...hooks }).pollIntervalMs).toBe(30_000);
    expect(loadConfig({ ...only, ...hooks, POLL_INTERVAL_MS: '10000' }).pollIntervalMs).toBe(10_000);
  });

  it('reads the longest gap between polls of a job (adaptive polling), 30 s unless set', () => {
    expect(loadConfig(base).pollMaxIntervalMs).toBe(30_000);
    expect(loadConfig({ ...base, POLL_MAX_INTERVAL_MS: '3000' }).pollMaxIntervalMs).toBe(3_000);
    expect(problem({ ...base, POLL_MAX_INTERVAL_MS: 'soon' })).toContain('POLL_MAX_INTERVAL_MS');
  });
});
