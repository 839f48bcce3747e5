// Issue 10, part 3: `npm run doctor` (`npm start -- --check`) checks the configuration and every
// service it names, and prints a checklist: ✓ or ✗ with what to fix; exit 1 on any ✗.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runDoctor } from '../../src/doctor/run.ts';
import { checkDatabase } from '../../src/doctor/database.ts';
import { publicUrlProblem } from '../../src/doctor/public-url.ts';
import { FakeApiframe } from '../fakes/apiframe.ts';
import { FakeAiphotogenerator } from '../fakes/aiphotogenerator.ts';
import { FakeTelegram } from '../fakes/telegram.ts';
import { FakeDiscord } from '../fakes/discord.ts';
import { BotProcess } from '../support/bot-process.ts';
import { closedPort } from '../support/ports.ts';

const WEBHOOK_SECRET = 'doctor-webhook-secret-0123456789';
let apiframe: FakeApiframe;
let aiphoto: FakeAiphotogenerator;
let telegram: FakeTelegram;
let discord: FakeDiscord;
let dir: string;
let bot: BotProcess | undefined;

beforeEach(async () => {
  [apiframe, aiphoto, telegram, discord] = await Promise.all([FakeApiframe.start(), FakeAiphotogenerator.start(), FakeTelegram.start(), FakeDiscord.start({ heartbeatIntervalMs: 200 })]);
  dir = mkdtempSync(join(tmpdir(), 'framebot-doctor-'));
});
afterEach(async () => {
  await bot?.kill();
  bot = undefined;
  await Promise.all([apiframe.close(), aiphoto.close(), telegram.close(), discord.close()]);
  rmSync(dir, { recursive: true, force: true });
});

async function env(): Promise<Record<string, string>> {
  const port = await closedPort();
  return {
    APIFRAME_API_KEY: apiframe.apiKey,
    APIFRAME_BASE_URL: apiframe.url,
    AIPHOTOGENERATOR_API_TOKEN: aiphoto.token,
    AIPHOTOGENERATOR_BASE_URL: aiphoto.url,
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    DISCORD_TOKEN: discord.token,
    DISCORD_APPLICATION_ID: discord.applicationId,
    DISCORD_API_URL: discord.apiBase,
    DATABASE_PATH: join(dir, 'data', 'framebot.sqlite'),
    HOST: '127.0.0.1',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    WEBHOOK_SECRET,
  };
}
const secrets = () => [apiframe.apiKey, aiphoto.token, telegram.token, discord.token, WEBHOOK_SECRET];

/** The doctor run in this process: its exit code and checklist lines. */
async function doctor(vars: Record<string, string>): Promise<{ code: number; lines: string[] }> {
  let text = '';
  const code = await runDoctor({ env: vars, write: (t) => (text += t) });
  return { code, lines: text.split('\n').filter(Boolean) };
}

describe('npm run doctor', () => {
  it('all good: every line ✓ and exit 0, with no secret printed', async () => {
    const vars = await env();
    bot = BotProcess.startWithNpm(vars, ['run', 'doctor']);
    expect(await bot.exited()).toBe(0);
    const out = bot.output;
    expect(out).toEqual([
      '✓ Configuration: valid (platforms: Telegram, Discord; image services: Apiframe, aiphotogenerator.net; updates by webhooks to PUBLIC_URL)',
      `✓ Database: ${vars.DATABASE_PATH} will be created in ${join(dir, 'data')}, which is writable`,
      '✓ Apiframe: APIFRAME_API_KEY accepted, 12000 credits left (plan starter)',
      '✓ aiphotogenerator.net: AIPHOTOGENERATOR_API_TOKEN accepted (a lookup of an image that cannot exist answered 404)',
      expect.stringMatching(/^✓ Telegram: TELEGRAM_BOT_TOKEN accepted: @\w+$/),
      expect.stringMatching(new RegExp(`^✓ Discord: DISCORD_TOKEN accepted: \\S+, application ${discord.applicationId}$`)),
      `✓ PUBLIC_URL: ${vars.PUBLIC_URL}/healthz reaches this machine's port ${vars.PORT}`,
      'All 7 checks passed.',
    ]);
    for (const secret of secrets()) expect(out.join('\n')).not.toContain(secret);
  }, 40_000);

  it('a closed port, refused keys and tokens, and an unwritable folder: the right ✗ lines, exit 1', async () => {
    // As root (CI) permissions stop nothing: a file where a folder should be makes any folder below it unwritable.
    const blocker = join(dir, 'not-a-folder');
    writeFileSync(blocker, 'a file where the data folder should be');
    const folder = join(blocker, 'data');
    const telegramPort = await closedPort();
    const { code, lines } = await doctor({
      ...(await env()),
      TELEGRAM_API_ROOT: `http://127.0.0.1:${telegramPort}`,
      DISCORD_TOKEN: 'wrong.discord.token',
      APIFRAME_API_KEY: 'wrong-apiframe-key',
      AIPHOTOGENERATOR_API_TOKEN: 'wrong-aiphoto-token',
      DATABASE_PATH: join(folder, 'framebot.sqlite'),
    });
    expect(code).toBe(1);
    expect(lines).toEqual([
      expect.stringMatching(/^✓ Configuration: valid/),
      `✗ Database: the folder ${folder} cannot be written (ENOTDIR): point DATABASE_PATH at a folder the bot's user may write, or fix the folder's owner and permissions`,
      '✗ Apiframe: Apiframe refused APIFRAME_API_KEY (HTTP 401): copy the key again from your Apiframe account',
      '✗ aiphotogenerator.net: aiphotogenerator.net refused AIPHOTOGENERATOR_API_TOKEN (HTTP 401): copy the key again from your aiphotogenerator.net account',
      `✗ Telegram: Telegram could not be reached at http://127.0.0.1:${telegramPort} (ECONNREFUSED): check TELEGRAM_API_ROOT and this machine's network (DNS, proxy, firewall)`,
      '✗ Discord: Discord refused DISCORD_TOKEN (401: invalid token): reset the token under Bot in the Developer Portal and copy it again',
      expect.stringMatching(/^✓ PUBLIC_URL: /),
      '5 of 7 checks failed: fix the lines marked ✗ and run it again.',
    ]);
    for (const secret of ['wrong-apiframe-key', 'wrong-aiphoto-token', 'wrong.discord.token', WEBHOOK_SECRET]) expect(lines.join('\n')).not.toContain(secret);
  });

  it('npm start -- --check: a configuration problem is one ✗ line, exit 1', async () => {
    bot = BotProcess.startWithNpm({ TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.apiRoot }, ['start', '--', '--check']);
    expect(await bot.exited()).toBe(1);
    expect(bot.output[0]).toBe(
      '✗ Configuration: APIFRAME_API_KEY is required unless AIPHOTOGENERATOR_API_TOKEN is set: framebot needs at least one image service (set either or both). See .env.example.',
    );
    expect(bot.output.join('\n')).not.toContain(telegram.token);
  }, 40_000);

  it('a Discord token of another application: DISCORD_APPLICATION_ID is named', async () => {
    const { code, lines } = await doctor({ ...(await env()), DISCORD_APPLICATION_ID: '100000000000000099' });
    expect(code).toBe(1);
    expect(lines).toContain(
      `✗ Discord: DISCORD_APPLICATION_ID is 100000000000000099, but DISCORD_TOKEN belongs to application ${discord.applicationId}: copy the Application ID of the same application (General Information)`,
    );
  });

  it('low credits pass, with a word to top up', async () => {
    apiframe.setCredits(40);
    const { lines } = await doctor({ ...(await env()), PROVIDER_CREDITS_WARN: '500' });
    expect(lines).toContain('✓ Apiframe: APIFRAME_API_KEY accepted, 40 credits left (plan starter) — below PROVIDER_CREDITS_WARN=500: top up soon');
  });

  it('Telegram webhook mode: an http address elsewhere is refused, and what Telegram says of the address is one line', async () => {
    const secret = 'doctor-telegram-hook-secret_0123';
    const hookUrl = 'http://127.0.0.1:8443/telegram';
    const vars = { ...(await env()), TELEGRAM_WEBHOOK_URL: hookUrl, TELEGRAM_WEBHOOK_SECRET: secret };
    const http = await doctor({ ...vars, TELEGRAM_WEBHOOK_URL: 'http://bot.example.com/telegram' });
    expect(http.code).toBe(1);
    expect(http.lines[0]).toContain('✗ Configuration: TELEGRAM_WEBHOOK_URL must be an https:// address');

    const unset = await doctor(vars);
    expect(unset.lines).toContain('✓ TELEGRAM_WEBHOOK_URL: HTTPS; not set at Telegram yet: the bot sets it when it starts');
    // Set, but Telegram cannot reach it (nothing listens there): ✗ with what to fix.
    const api = `${telegram.apiRoot}/bot${telegram.token}`;
    await fetch(`${api}/setWebhook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: hookUrl, secret_token: secret }) });
    telegram.userSends({ chat: { id: 5, type: 'private', first_name: 'A' }, from: { id: 5, is_bot: false, first_name: 'A' }, text: 'hi' });
    for (let i = 0; i < 200 && telegram.webhookDeliveries.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    const failing = await doctor(vars);
    expect(failing.code).toBe(1);
    expect(failing.lines.find((l) => l.includes('TELEGRAM_WEBHOOK_URL'))).toMatch(/^✗ TELEGRAM_WEBHOOK_URL: Telegram could not deliver to TELEGRAM_WEBHOOK_URL 0 min ago \(Connection refused; \d updates waiting\): make the address reach/);
    expect(failing.lines.join('\n')).not.toContain(secret);
  });

  it('PUBLIC_URL answered by another server than this bot: ✗', async () => {
    const vars = await env();
    // PUBLIC_URL points at the fake Telegram, which has no /healthz of ours; PORT is free.
    const { lines } = await doctor({ ...vars, PUBLIC_URL: telegram.apiRoot });
    expect(lines).toContain(
      `✗ PUBLIC_URL: ${telegram.apiRoot}/healthz answered HTTP 404, not the bot's health: make the reverse proxy forward ${telegram.apiRoot} to this bot's HOST:PORT (127.0.0.1:${vars.PORT})`,
    );
  });
});

describe('the doctor, piece by piece', () => {
  it('PUBLIC_URL must be HTTPS, except on this machine', () => {
    expect(publicUrlProblem('https://bot.example.com')).toBeUndefined();
    expect(publicUrlProblem('http://127.0.0.1:8080')).toBeUndefined();
    expect(publicUrlProblem('http://localhost:8080')).toBeUndefined();
    expect(publicUrlProblem('http://bot.example.com')).toMatch(/^http:\/\/bot\.example\.com is not HTTPS: /);
  });

  // Root writes anywhere, so this runs for a developer only; the ENOTDIR case above runs everywhere.
  it.skipIf(process.getuid?.() === 0)('a folder without write permission is named', () => {
    const folder = join(dir, 'read-only');
    mkdirSync(folder);
    chmodSync(folder, 0o555);
    try {
      expect(checkDatabase(join(folder, 'framebot.sqlite')).detail).toMatch(/^the folder .* cannot be written \(EACCES\)/);
    } finally {
      chmodSync(folder, 0o755);
    }
  });

  it('a file where the database folder should be is named', () => {
    const blocker = join(dir, 'data');
    writeFileSync(blocker, '');
    expect(checkDatabase(join(blocker, 'framebot.sqlite')).detail).toBe(`${blocker} is a file, not a folder: point DATABASE_PATH at a file in a folder the bot's user may write`);
  });

  it('an existing database opens for writing; a file that is not one is named', () => {
    const path = join(dir, 'framebot.sqlite');
    expect(checkDatabase(path)).toMatchObject({ ok: true, detail: `${path} will be created in ${dir}, which is writable` });
    new Database(path).close();
    expect(checkDatabase(path)).toMatchObject({ ok: true, detail: `${path} opens and is writable` });
    rmSync(path);
    writeFileSync(path, 'not a database at all, just text that is long enough to have a header');
    expect(checkDatabase(path)).toEqual({ ok: false, name: 'Database', detail: `${path} cannot be opened for writing (it is not a SQLite database): check DATABASE_PATH, the file's owner and permissions` });
  });
});
