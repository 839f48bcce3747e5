// `npm run register` (issue 11, part 5): the Discord slash commands registered once, without
// starting the bot, by the built script (node dist/src/register.js, as the image runs it): the
// payload start-up puts, the same clean-up of stale copies, the same one-line failures.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../fakes/discord.ts';
import { BotProcess } from '../support/bot-process.ts';
import { closedPort } from '../support/ports.ts';
import { startHarness, type Harness } from './harness.ts';

const GUILD = '200000000000000001';

let fake: FakeDiscord | undefined;
let harness: Harness | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await harness?.close();
  harness = undefined;
  await fake?.close();
  fake = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A configuration as the bot's: Apiframe's key (never called here) and Discord on the fake. */
function env(d: FakeDiscord, extra: Record<string, string> = {}): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'framebot-register-'));
  dirs.push(dir);
  return {
    APIFRAME_API_KEY: 'apiframe-key-never-used',
    APIFRAME_BASE_URL: 'http://127.0.0.1:1',
    DISCORD_TOKEN: d.token,
    DISCORD_APPLICATION_ID: d.applicationId,
    DISCORD_API_URL: d.apiBase,
    DATABASE_PATH: join(dir, 'framebot.sqlite'),
    STARTUP_TIMEOUT_MS: '10000',
    ...extra,
  };
}

async function register(e: Record<string, string>): Promise<{ code: number | null; output: string[] }> {
  const run = BotProcess.startWithNpm(e, ['run', 'register']);
  const code = await run.exited(60_000);
  return { code, output: run.output };
}

const globalPuts = (d: FakeDiscord) => d.restCalls.filter((c) => c.method === 'PUT' && c.path === `/applications/${d.applicationId}/commands`);

describe('npm run register', () => {
  it('puts the commands start-up would put, once, and exits 0 without connecting to the gateway', async () => {
    fake = await FakeDiscord.start();
    const { code, output } = await register(env(fake));
    expect(code).toBe(0);
    expect(globalPuts(fake)).toHaveLength(1);
    expect(fake.connections).toBe(0);
    expect(fake.restCalls.some((c) => c.path.startsWith('/gateway'))).toBe(false);
    const done = output.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'discord slash commands registered');
    expect(done).toMatchObject({ registeredIn: 'global', commands: expect.arrayContaining(['imagine', 'help']) });
    expect(output.join('\n')).not.toContain(fake.token);

    // The same body as the bot's own start-up registration, with the same configuration.
    harness = await startHarness({ discord: true });
    const atStart = globalPuts(harness.discord!);
    expect(atStart).toHaveLength(1);
    expect(globalPuts(fake)[0]!.body).toEqual(atStart[0]!.body);
  }, 90_000);

  it('cleans up stale copies as start-up does: the global list goes for a server registration, and back', async () => {
    fake = await FakeDiscord.start();
    expect((await register(env(fake, { DISCORD_GUILD_ID: GUILD }))).code).toBe(0);
    expect(fake.guildCommands.get(GUILD)!.length).toBeGreaterThan(0);
    expect(fake.globalCommands).toEqual([]);

    const back = await register(env(fake));
    expect(back.code).toBe(0);
    expect(fake.globalCommands.length).toBeGreaterThan(0);
    // Found in the bot's servers (GET /users/@me/guilds, as there is no gateway READY here) and emptied.
    expect(fake.guildCommands.get(GUILD)).toEqual([]);
    expect(back.output.some((l) => l.includes('removed slash commands left in a server from DISCORD_GUILD_ID'))).toBe(true);
  }, 90_000);

  it('exits 1 with the one line start-up gives when Discord refuses the token, and never prints it', async () => {
    fake = await FakeDiscord.start();
    const wrong = 'MTIzNDU2.wrong.token-value';
    const { code, output } = await register({ ...env(fake), DISCORD_TOKEN: wrong });
    expect(code).toBe(1);
    expect(output).toHaveLength(1);
    const line = JSON.parse(output[0]!) as { level: number; msg: string };
    expect(line.level).toBe(60);
    expect(line.msg).toBe(
      'framebot could not register the Discord slash commands: Discord refused DISCORD_TOKEN (401: invalid token): reset the token under Bot in the Developer Portal and copy it again',
    );
    expect(output[0]).not.toContain(wrong);
    expect(fake.globalCommands).toEqual([]);
  }, 60_000);

  it('exits 1 naming the address when Discord cannot be reached', async () => {
    fake = await FakeDiscord.start();
    const port = await closedPort();
    const { code, output } = await register({ ...env(fake), DISCORD_API_URL: `http://127.0.0.1:${port}/api` });
    expect(code).toBe(1);
    expect(output).toHaveLength(1);
    expect((JSON.parse(output[0]!) as { msg: string }).msg).toBe(
      `framebot could not register the Discord slash commands: Discord could not be reached at http://127.0.0.1:${port}/api (ECONNREFUSED): check DISCORD_API_URL (unset for Discord itself) and this machine's network (DNS, proxy, firewall)`,
    );
  }, 60_000);

  it('exits 1 with a configuration line when Discord is not configured', async () => {
    fake = await FakeDiscord.start();
    const { DISCORD_TOKEN: _t, DISCORD_APPLICATION_ID: _a, DISCORD_API_URL: _u, ...rest } = env(fake);
    const { code, output } = await register({ ...rest, TELEGRAM_BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghi', TELEGRAM_API_ROOT: 'http://127.0.0.1:1' });
    expect(code).toBe(1);
    expect(output).toEqual([
      'Configuration problem: DISCORD_TOKEN is not set, so there are no Discord slash commands to register (set it and DISCORD_APPLICATION_ID). See .env.example.',
    ]);
  }, 60_000);
});
