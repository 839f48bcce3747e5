// Issue 10, parts 1 and 2: start-up never hangs and never blames the wrong thing. Each platform and
// provider gets STARTUP_TIMEOUT_MS; then one line says what could not be reached and what to check.
// Only a refusal by the service itself blames a token or key.
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { startApp, type App } from '../../src/app.ts';
import { StartupError, StartupStopped } from '../../src/startup/errors.ts';
import { FakeApiframe } from '../fakes/apiframe.ts';
import { FakeTelegram, type FakeTelegramOptions } from '../fakes/telegram.ts';
import { FakeDiscord } from '../fakes/discord.ts';
import { memoryLogger } from '../support/silent-log.ts';
import { configuredProviders } from '../../src/providers/configured.ts';
import { CreditWatch } from '../../src/startup/credit-watch.ts';
import { eventually } from './harness.ts';
import { closedPort } from '../support/ports.ts';

let apiframe: FakeApiframe;
let dir: string;
const cleanups: Array<() => Promise<unknown> | unknown> = [];

beforeEach(async () => {
  apiframe = await FakeApiframe.start();
  dir = mkdtempSync(join(tmpdir(), 'framebot-startup-'));
});
afterEach(async () => {
  for (const clean of cleanups.splice(0).reverse()) await clean();
  await apiframe.close();
  rmSync(dir, { recursive: true, force: true });
});

async function telegramFake(opts: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  const fake = await FakeTelegram.start(opts);
  cleanups.push(() => fake.close());
  return fake;
}
async function discordFake(): Promise<FakeDiscord> {
  const fake = await FakeDiscord.start({ heartbeatIntervalMs: 200 });
  cleanups.push(() => fake.close());
  return fake;
}
/** A server that takes every request and never answers: a service that has gone silent. */
async function silentServer(): Promise<string> {
  const server = http.createServer(() => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  });
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

function baseEnv(): Record<string, string> {
  return {
    APIFRAME_API_KEY: apiframe.apiKey,
    APIFRAME_BASE_URL: apiframe.url,
    DATABASE_PATH: join(dir, 'framebot.sqlite'),
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'debug',
    STARTUP_TIMEOUT_MS: '1500',
  };
}
const tg = (fake: FakeTelegram, over: Record<string, string> = {}) => ({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, ...over });
const dc = (fake: FakeDiscord, over: Record<string, string> = {}) => ({
  DISCORD_TOKEN: fake.token,
  DISCORD_APPLICATION_ID: fake.applicationId,
  DISCORD_API_URL: fake.apiBase,
  ...over,
});

/** Starts the app; returns it, or the error start-up ended in, with every log line. */
async function start(env: Record<string, string>, signal?: AbortSignal): Promise<{ app?: App; error?: Error; lines: Array<Record<string, unknown>> }> {
  const config = loadConfig(env);
  const { log, lines } = memoryLogger(config.secrets);
  const parsed = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  try {
    const app = await startApp(config, log, { signal });
    cleanups.push(() => app.stop());
    return { app, lines: parsed() };
  } catch (error) {
    return { error: error as Error, lines: parsed() };
  }
}

describe('a platform that cannot be reached', () => {
  it('Telegram on a closed port: start-up ends within the bound, naming the address and TELEGRAM_API_ROOT, not the token', async () => {
    const port = await closedPort();
    const { error } = await start({ ...baseEnv(), TELEGRAM_BOT_TOKEN: '123456:TEST-telegram-token', TELEGRAM_API_ROOT: `http://127.0.0.1:${port}` });
    expect(error).toBeInstanceOf(StartupError);
    expect(error!.message).toBe(
      `Telegram could not be reached at http://127.0.0.1:${port} within 1.5 s (ECONNREFUSED): check TELEGRAM_API_ROOT and this machine's network (DNS, proxy, firewall) (STARTUP_TIMEOUT_MS sets how long start-up waits)`,
    );
  });

  it('Telegram that takes the request and never answers: the bound ends it', async () => {
    const silent = await silentServer();
    const { error } = await start({ ...baseEnv(), TELEGRAM_BOT_TOKEN: '123456:TEST-telegram-token', TELEGRAM_API_ROOT: silent });
    expect(error).toBeInstanceOf(StartupError);
    expect(error!.message).toMatch(new RegExp(`^Telegram did not answer at ${silent} within 1.5 s: check TELEGRAM_API_ROOT`));
  });

  it('Discord on a closed port names DISCORD_API_URL, not DISCORD_TOKEN', async () => {
    const port = await closedPort();
    const { error } = await start({ ...baseEnv(), DISCORD_TOKEN: 'abc.def.ghi', DISCORD_APPLICATION_ID: '100000000000000001', DISCORD_API_URL: `http://127.0.0.1:${port}/api` });
    expect(error).toBeInstanceOf(StartupError);
    expect(error!.message).toBe(
      `Discord could not be reached at http://127.0.0.1:${port}/api (ECONNREFUSED): check DISCORD_API_URL (unset for Discord itself) and this machine's network (DNS, proxy, firewall)`,
    );
  });

  it("Discord's address that does not resolve (ENOTFOUND) is not reported as a bad token", async () => {
    // The test setup makes every name but loopback fail to resolve, as a machine without DNS does.
    const { error } = await start({ ...baseEnv(), DISCORD_TOKEN: 'abc.def.ghi', DISCORD_APPLICATION_ID: '100000000000000001', DISCORD_API_URL: 'http://discord.invalid/api' });
    expect(error).toBeInstanceOf(StartupError);
    expect(error!.message).toMatch(/^Discord could not be reached at http:\/\/discord\.invalid\/api \(ENOTFOUND\): check DISCORD_API_URL/);
    expect(error!.message).not.toContain('DISCORD_TOKEN');
  });

  it('Discord that never answers: the bound ends the login', async () => {
    const silent = await silentServer();
    const { error } = await start({ ...baseEnv(), DISCORD_TOKEN: 'abc.def.ghi', DISCORD_APPLICATION_ID: '100000000000000001', DISCORD_API_URL: `${silent}/api` });
    expect(error).toBeInstanceOf(StartupError);
    expect(error!.message).toMatch(new RegExp(`^Discord did not answer at ${silent}/api within 1.5 s: check DISCORD_API_URL`));
  });

  it('one platform failing stops start-up with its line, and the other platform is stopped too', async () => {
    const telegram = await telegramFake();
    const port = await closedPort();
    const { error, lines } = await start({ ...baseEnv(), ...tg(telegram), DISCORD_TOKEN: 'abc.def.ghi', DISCORD_APPLICATION_ID: '100000000000000001', DISCORD_API_URL: `http://127.0.0.1:${port}/api` });
    expect(error!.message).toMatch(/^Discord could not be reached/);
    expect(error!.message).not.toMatch(/Telegram/);
    expect(lines.some((l) => l.msg === 'telegram stopped')).toBe(true);
    // Nothing polls Telegram once start-up has given up.
    const polls = telegram.calls.filter((c) => c.method === 'getUpdates').length;
    await new Promise((r) => setTimeout(r, 300));
    expect(telegram.calls.filter((c) => c.method === 'getUpdates').length).toBe(polls);
  });
});

describe('a platform that refuses the token', () => {
  it('Telegram says token', async () => {
    const telegram = await telegramFake();
    const { error } = await start({ ...baseEnv(), ...tg(telegram, { TELEGRAM_BOT_TOKEN: '999999:WRONG-token-value' }) });
    expect(error).toBeInstanceOf(StartupError);
    expect(error!.message).toBe('Telegram refused TELEGRAM_BOT_TOKEN (401 Unauthorized): copy the token again from @BotFather');
  });

  it('Telegram refusing the webhook (issue 11, part 4): its reason, not the token', async () => {
    const telegram = await telegramFake();
    telegram.failNext('setWebhook', { error_code: 400, description: 'Bad Request: bad webhook: Failed to resolve host: Name or service not known' });
    const hook = { TELEGRAM_WEBHOOK_URL: 'https://bot.example.com/telegram', TELEGRAM_WEBHOOK_SECRET: 'startup-test-secret-0123456789' };
    const { error } = await start({ ...baseEnv(), ...tg(telegram, hook) });
    expect(error).toBeInstanceOf(StartupError);
    expect(error!.message).toBe('Telegram refused setWebhook (400: Bad Request: bad webhook: Failed to resolve host: Name or service not known)');
  });

  it('Discord says token', async () => {
    const discord = await discordFake();
    const { error } = await start({ ...baseEnv(), ...dc(discord, { DISCORD_TOKEN: 'wrong.discord.token' }) });
    expect(error).toBeInstanceOf(StartupError);
    expect(error!.message).toBe('Discord refused DISCORD_TOKEN (401: invalid token): reset the token under Bot in the Developer Portal and copy it again');
  });
});

describe('the image service key, checked at start (part 2)', () => {
  it('logs the credits Apiframe reports, and starts', async () => {
    const telegram = await telegramFake();
    const { app, lines } = await start({ ...baseEnv(), ...tg(telegram) });
    expect(app).toBeDefined();
    expect(apiframe.callCount('/account')).toBe(1);
    expect(lines.find((l) => l.provider === 'apiframe' && l.credits === 12000)).toMatchObject({ level: 30, msg: 'Apiframe accepted APIFRAME_API_KEY: 12000 credits left', detail: 'plan starter' });
    expect(lines.some((l) => l.level === 40 && String(l.msg).includes('running low'))).toBe(false);
  });

  it('warns when the credits are below PROVIDER_CREDITS_WARN', async () => {
    apiframe.setCredits(40);
    const telegram = await telegramFake();
    const { app, lines } = await start({ ...baseEnv(), ...tg(telegram), PROVIDER_CREDITS_WARN: '500' });
    expect(app).toBeDefined();
    expect(lines.find((l) => l.level === 40 && l.provider === 'apiframe')?.msg).toBe(
      'Apiframe credits are running low (40 left, below PROVIDER_CREDITS_WARN=500): top up the account, or jobs will start failing',
    );
  });

  it('a refused key stops start-up with a line naming APIFRAME_API_KEY, before any platform connects', async () => {
    const telegram = await telegramFake();
    const { error } = await start({ ...baseEnv(), ...tg(telegram), APIFRAME_API_KEY: 'not-the-key' });
    expect(error).toBeInstanceOf(StartupError);
    expect(error!.message).toBe('Apiframe refused APIFRAME_API_KEY (HTTP 401): copy the key again from your Apiframe account');
    expect(telegram.calls.filter((c) => c.method === 'getMe')).toHaveLength(0);
  });

  it('Apiframe on a closed port stops start-up with a line saying it could not be reached', async () => {
    const telegram = await telegramFake();
    const port = await closedPort();
    // A bound longer than the client's own retries, so the refusal (not the bound) ends the check.
    const { error } = await start({ ...baseEnv(), ...tg(telegram), APIFRAME_BASE_URL: `http://127.0.0.1:${port}`, STARTUP_TIMEOUT_MS: '10000' });
    expect(error).toBeInstanceOf(StartupError);
    expect(error!.message).toBe(
      `Apiframe could not be reached at http://127.0.0.1:${port} (ECONNREFUSED): check APIFRAME_BASE_URL and this machine's network (DNS, proxy, firewall)`,
    );
  });

  it('Apiframe that never answers: the bound ends the check', async () => {
    const telegram = await telegramFake();
    const silent = await silentServer();
    const { error } = await start({ ...baseEnv(), ...tg(telegram), APIFRAME_BASE_URL: silent });
    expect(error!.message).toMatch(new RegExp(`^Apiframe did not answer at ${silent} within 1.5 s: check APIFRAME_BASE_URL`));
  });

  it('an account answer that is only odd (a 500) does not stop the bot: the key was not refused', async () => {
    apiframe.failNext('/account', { status: 500, body: {} }, 4);
    const telegram = await telegramFake();
    const { app, lines } = await start({ ...baseEnv(), ...tg(telegram) });
    expect(app).toBeDefined();
    expect(lines.some((l) => l.level === 40 && l.msg === 'could not read the Apiframe account at start; its key is not checked')).toBe(true);
  });
});

describe('the credits, read again while the bot runs (part 2)', () => {
  it('warns once they fall below PROVIDER_CREDITS_WARN', async () => {
    const { log, lines } = memoryLogger();
    const providers = configuredProviders({ apiframe: { apiKey: apiframe.apiKey, baseUrl: apiframe.url, timeoutMs: 1_000 } }, log);
    const watch = new CreditWatch(providers.all(), { warnBelow: 500, log, everyMs: 50 });
    cleanups.push(() => {
      watch.stop();
      return providers.close();
    });
    watch.start();
    await eventually(() => lines.some((l) => l.includes('12000 credits left')), 5_000, 'a first read');
    expect(lines.some((l) => l.includes('running low'))).toBe(false);
    apiframe.setCredits(120);
    const warning = await eventually(() => lines.find((l) => l.includes('running low')), 5_000, 'the low-credits warning');
    expect(JSON.parse(warning)).toMatchObject({ level: 40, provider: 'apiframe', credits: 120, warnBelow: 500 });
  });

  it('a read that fails is logged and tried again later, never thrown', async () => {
    const { log, lines } = memoryLogger();
    const providers = configuredProviders({ apiframe: { apiKey: 'wrong-key', baseUrl: apiframe.url, timeoutMs: 1_000 } }, log);
    const watch = new CreditWatch(providers.all(), { warnBelow: 500, log });
    cleanups.push(() => providers.close());
    await watch.check();
    expect(lines.some((l) => l.includes('could not read the provider account; trying again later'))).toBe(true);
  });
});

describe('a stop while connecting', () => {
  it('ends the attempts at once and reports a stop, not a failure', async () => {
    const silent = await silentServer();
    const stop = new AbortController();
    const started = start({ ...baseEnv(), TELEGRAM_BOT_TOKEN: '123456:TEST-telegram-token', TELEGRAM_API_ROOT: silent, STARTUP_TIMEOUT_MS: '600000' }, stop.signal);
    await new Promise((r) => setTimeout(r, 300));
    stop.abort(new StartupStopped());
    const { error } = await started;
    expect(error).toBeInstanceOf(StartupStopped);
  });
});
