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
      logLevel: 'info',
    });
    expect(c.discord).toBeUndefined();
  });

  it('names a missing API key in one line', () => {
    const msg = problem({ TELEGRAM_BOT_TOKEN: base.TELEGRAM_BOT_TOKEN });
    expect(msg).toContain('APIFRAME_API_KEY is required');
    expect(msg.split('\n')).toHaveLength(1);
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
    expect(problem({ ...base, PORT: 'eighty' })).toContain('PORT');
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
