// Issue 10, part 9: the tests' bot processes never read the operator's `.env`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeApiframe } from '../fakes/apiframe.ts';
import { FakeTelegram } from '../fakes/telegram.ts';
import { BotProcess } from '../support/bot-process.ts';
import { assertLoopbackOnly } from '../support/hermetic.ts';
import { closedPort } from '../support/ports.ts';

let apiframe: FakeApiframe;
let telegram: FakeTelegram;
let dir: string;
let bot: BotProcess | undefined;

beforeEach(async () => {
  apiframe = await FakeApiframe.start();
  telegram = await FakeTelegram.start();
  dir = mkdtempSync(join(tmpdir(), 'framebot-dotenv-'));
});
afterEach(async () => {
  await bot?.kill();
  bot = undefined;
  await telegram.close();
  await apiframe.close();
  rmSync(dir, { recursive: true, force: true });
});

/** An operator's filled `.env` in the bot's working directory: a Discord bot (on a closed loopback port, so even a leak reaches nothing). */
async function writeOperatorsDotEnv(): Promise<string> {
  const path = join(dir, '.env');
  writeFileSync(
    path,
    [
      'DISCORD_TOKEN=operators.real.discord-token-value',
      'DISCORD_APPLICATION_ID=100000000000000001',
      `DISCORD_API_URL=http://127.0.0.1:${await closedPort()}/api`,
      'FREE_CREDITS=777',
      '',
    ].join('\n'),
  );
  return path;
}

function env(): Record<string, string> {
  return {
    APIFRAME_API_KEY: apiframe.apiKey,
    APIFRAME_BASE_URL: apiframe.url,
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    DATABASE_PATH: join(dir, 'framebot.sqlite'),
    PORT: '0',
    LOG_LEVEL: 'debug',
    STARTUP_TIMEOUT_MS: '3000',
  };
}

describe("the tests' bot ignores the operator's .env", () => {
  it('starts with only what the test gave it, though a .env sits in its working directory', async () => {
    await writeOperatorsDotEnv();
    bot = BotProcess.start(env(), { cwd: dir });
    await bot.waitForLine(/telegram ready/);
    expect(await bot.stop()).toBe(0);
    const output = bot.output.join('\n');
    expect(output).not.toMatch(/discord/i);
    expect(output).not.toContain('operators.real.discord-token-value');
  });

  it('does read a file it is told to read (FRAMEBOT_ENV_FILE), so the test above proves something', async () => {
    const path = await writeOperatorsDotEnv();
    bot = BotProcess.start({ ...env(), FRAMEBOT_ENV_FILE: path }, { cwd: dir });
    expect(await bot.exited()).toBe(1);
    expect(bot.output.join('\n')).toMatch(/Discord/);
    expect(bot.output.join('\n')).not.toContain('operators.real.discord-token-value');
  });

  it('cannot reach past this machine, whatever network it runs on', async () => {
    const err = await fetch('http://example.com/').catch((e: unknown) => e as Error & { cause?: { code?: string; message?: string } });
    expect(err).toBeInstanceOf(Error);
    expect((err as { cause?: { code?: string } }).cause?.code).toBe('ENOTFOUND');
    expect((err as { cause?: { message?: string } }).cause?.message).toContain('a test may only reach 127.0.0.1');
    expect(process.env.FRAMEBOT_ENV_FILE).toBe('none');
  });

  it('refuses to spawn a bot that would talk to a service off this machine', () => {
    expect(() => assertLoopbackOnly({ DISCORD_TOKEN: 'x' })).toThrow(/DISCORD_TOKEN is set without DISCORD_API_URL/);
    expect(() => assertLoopbackOnly({ TELEGRAM_BOT_TOKEN: 'x', TELEGRAM_API_ROOT: 'https://api.telegram.org' })).toThrow(/not on this machine/);
    expect(() => assertLoopbackOnly(env())).not.toThrow();
  });
});
