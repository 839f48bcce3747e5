// Issue 10, part 7: production runs the built JavaScript, never TypeScript. On a copy of the
// project with no dist/ (as a fresh clone after `npm install`), `npm start` compiles once, runs
// `node dist/src/main.js` against the fakes, serves a job, passes the container's health check
// (node dist/src/healthcheck.js), and stops on SIGTERM with exit 0; an
// edited source is rebuilt at the next start, and an unchanged tree starts without compiling.
import { execFile, execFileSync } from 'node:child_process';
import { createServer } from 'node:net';
import { promisify } from 'node:util';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeApiframe } from '../fakes/apiframe.ts';
import { FakeTelegram, type TgChat, type TgUser } from '../fakes/telegram.ts';
import { BotProcess } from '../support/bot-process.ts';

const ROOT = resolve(import.meta.dirname, '../..');
/** What a clone holds that the build and `npm start` read; node_modules is linked, as `npm install` would provide it. */
const PROJECT = ['src', 'commands', 'adapters', 'scripts', 'package.json', 'tsconfig.json', 'tsconfig.build.json'];
/** A build on a busy 2-core machine can take a while; the bound still ends a hung one. */
const BUILD_MS = 180_000;

const group: TgChat = { id: -1001, type: 'supergroup', title: 'Artists' };
const ana: TgUser = { id: 7, is_bot: false, first_name: 'Ana', username: 'ana' };

let apiframe: FakeApiframe;
let telegram: FakeTelegram;
let copy: string;
const bots: BotProcess[] = [];

function env(extra: Record<string, string> = {}): Record<string, string> {
  return {
    APIFRAME_API_KEY: apiframe.apiKey,
    APIFRAME_BASE_URL: apiframe.url,
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    DATABASE_PATH: join(copy, 'data', 'framebot.sqlite'),
    PORT: '0',
    POLL_INTERVAL_MS: '200',
    POLL_MAX_INTERVAL_MS: '200',
    FREE_CREDITS: '100',
    SHUTDOWN_GRACE_MS: '2000',
    ...extra,
  };
}
function npmStart(extra?: Record<string, string>): BotProcess {
  const bot = BotProcess.startWithNpm(env(extra), ['start'], copy);
  bots.push(bot);
  return bot;
}
/** A port free right now: the container's health check needs a fixed one, not PORT=0. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}
/** The image's HEALTHCHECK command, run in the copy: its exit code and its line. */
async function healthcheck(port: number): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['dist/src/healthcheck.js'], { cwd: copy, env: { PATH: process.env.PATH ?? '', PORT: String(port) }, timeout: 20_000 });
    return { code: 0, out: stdout };
  } catch (err) {
    const e = err as { code: number; stdout: string };
    return { code: e.code, out: e.stdout };
  }
}
/** The command lines of the processes npm started: with `exec`, the bot itself. */
const childrenOf = (pid: number) =>
  execFileSync('ps', ['-o', 'args=', '--ppid', String(pid)], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);

beforeAll(async () => {
  apiframe = await FakeApiframe.start();
  apiframe.setMode('auto');
  telegram = await FakeTelegram.start();
  copy = mkdtempSync(join(tmpdir(), 'framebot-built-'));
  for (const name of PROJECT) cpSync(join(ROOT, name), join(copy, name), { recursive: true });
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'));
});
afterAll(async () => {
  for (const bot of bots) await bot.kill();
  await telegram.close();
  await apiframe.close();
  rmSync(copy, { recursive: true, force: true });
});

describe('the built bot', () => {
  it('npm start on a fresh clone compiles once, then runs node dist/src/main.js, serves a job and stops on SIGTERM', async () => {
    expect(existsSync(join(copy, 'dist'))).toBe(false);
    const port = await freePort();
    const bot = npmStart({ PORT: String(port) });
    await bot.waitForLine(/telegram ready/, BUILD_MS);
    expect(bot.output.join('\n')).toContain('compiling TypeScript into dist/ (dist/ has not been built)');

    // The process behind npm is plain node on the emitted JavaScript: no TypeScript loader.
    const running = childrenOf(bot.pid);
    expect(running).toHaveLength(1);
    expect(running[0]).toMatch(/node --enable-source-maps dist\/src\/main\.js$/);
    expect(running[0]).not.toContain('tsx');
    // Only JavaScript (and its maps) was emitted, from the runtime folders only.
    expect(readdirSync(join(copy, 'dist')).sort()).toEqual(['adapters', 'commands', 'src']);
    // Recursively: the store has engine folders (src/store/postgres).
    const store = join(copy, 'dist', 'src', 'store');
    const emitted = (readdirSync(store, { recursive: true }) as string[]).filter((f) => statSync(join(store, f)).isFile());
    expect(emitted).toContain(join('postgres', 'migrate.js'));
    expect(emitted.filter((f) => !/\.js(\.map)?$/.test(f))).toEqual([]);

    // The translations, which tsc does not emit, were copied beside the compiled catalogue, and the
    // bot read them: the Spanish command menu was set from dist/.
    expect(existsSync(join(copy, 'dist', 'src', 'i18n', 'locales', 'es', 'commands.ftl'))).toBe(true);
    expect(telegram.commandMenuFor(group, { ...ana, language_code: 'es' }).find((c) => c.command === 'imagine')?.description).toBe('Crea cuatro imágenes a partir de un prompt');

    // A whole job through the compiled store, provider client and adapter.
    telegram.userSends({ chat: group, from: ana, text: '/imagine a lighthouse at dusk' });
    const photo = await telegram.waitForMessage(group.id, (m) => Boolean(m.photo), 20_000);
    expect(photo.reply_markup?.inline_keyboard.flat()).toHaveLength(9);

    // The container's health check, as Docker runs it, against the running bot and after it.
    expect(await healthcheck(port)).toEqual({ code: 0, out: `healthcheck: http://127.0.0.1:${port}/healthz answered 200\n` });
    expect(await bot.stop()).toBe(0);
    expect(bot.output.join('\n')).toContain('telegram stopped');
    expect(await healthcheck(port)).toEqual({ code: 1, out: `healthcheck: http://127.0.0.1:${port}/healthz did not answer (ECONNREFUSED)\n` });
  }, BUILD_MS + 60_000);

  it('an edited source is compiled again at the next start; the logs are text with LOG_PRETTY=true, secrets still scrubbed', async () => {
    appendFileSync(join(copy, 'src', 'dotenv.ts'), '\n// an edit after the last build\n');
    const bot = npmStart({ LOG_PRETTY: 'true', LOG_LEVEL: 'debug' });
    const ready = await bot.waitForLine(/telegram ready/, BUILD_MS);
    expect(bot.output.join('\n')).toContain('compiling TypeScript into dist/ (src changed since the last build)');
    expect(ready).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: telegram ready/);
    expect(await bot.stop()).toBe(0);
    const text = bot.output.join('\n');
    expect(text).not.toContain(telegram.token);
    expect(text).not.toContain(apiframe.apiKey);
    expect(bot.output.filter((line) => line.startsWith('{"level"'))).toEqual([]);
  }, BUILD_MS + 60_000);

  it('an unchanged tree starts without compiling', async () => {
    expect(await BotProcess.ensureBuilt(copy)).toBe('');
  }, 30_000);
});
