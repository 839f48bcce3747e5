// The real process, killed with SIGKILL in the middle of a job and in each window where "exactly
// once" used to break (issue 7, parts 3, 4 and 5), and stopped with SIGTERM where stopping used to
// hang (part 9).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeApiframe } from '../fakes/apiframe.ts';
import { FakeAiphotogenerator } from '../fakes/aiphotogenerator.ts';
import { FakeTelegram, type TgChat, type TgUser } from '../fakes/telegram.ts';
import { BotProcess } from '../support/bot-process.ts';
import { eventually } from './harness.ts';
import { closedPort } from '../support/ports.ts';

let apiframe: FakeApiframe;
let telegram: FakeTelegram;
/** Started by the /generate cases only. */
let aiphoto: FakeAiphotogenerator | undefined;
let dir: string;
let bots: BotProcess[] = [];
const group: TgChat = { id: -1001, type: 'supergroup', title: 'Artists' };
const ana: TgUser = { id: 7, is_bot: false, first_name: 'Ana', username: 'ana' };

function env(): Record<string, string> {
  return {
    APIFRAME_API_KEY: apiframe.apiKey,
    APIFRAME_BASE_URL: apiframe.url,
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    DATABASE_PATH: join(dir, 'framebot.sqlite'),
    PORT: '0',
    POLL_INTERVAL_MS: '200',
    POLL_MAX_INTERVAL_MS: '200',
    LOG_LEVEL: 'debug',
    FREE_CREDITS: '100',
    SHUTDOWN_GRACE_MS: '2000',
  };
}
/** The bot with aiphotogenerator.net only (no Apiframe key), for /generate. */
function generateEnv(fake: FakeAiphotogenerator): Record<string, string> {
  const { APIFRAME_API_KEY: _key, APIFRAME_BASE_URL: _url, ...rest } = env();
  return { ...rest, AIPHOTOGENERATOR_API_TOKEN: fake.token, AIPHOTOGENERATOR_BASE_URL: fake.url };
}
function startBot(how: 'node' | 'npm' = 'node', vars: Record<string, string> = env()): BotProcess {
  const bot = how === 'npm' ? BotProcess.startWithNpm(vars) : BotProcess.start(vars);
  bots.push(bot);
  return bot;
}
const photos = () => telegram.messagesIn(group.id).filter((m) => m.photo && !m.deleted);
/** Waits for a line, or gives up quietly: the code before the fix never writes some of them. */
const mayLog = (bot: BotProcess, pattern: RegExp, ms: number) => bot.waitForLine(pattern, ms).catch(() => undefined);

/** The group's ledger after the last bot stopped: what it was charged, and whether the books balance. */
function books(): { ledger: Array<{ kind: string; amount: number }>; balance: number } {
  const db = new Database(join(dir, 'framebot.sqlite'), { readonly: true });
  try {
    const wallet = db.prepare('SELECT balance FROM wallets WHERE id = ?').get(`telegram:chat:${group.id}`) as { balance: number };
    return { ledger: db.prepare('SELECT kind, amount FROM ledger ORDER BY id').all() as Array<{ kind: string; amount: number }>, balance: wallet.balance };
  } finally {
    db.close();
  }
}
/** The provider task ids the bot recorded, oldest first. */
function submittedIds(): Array<string | null> {
  const db = new Database(join(dir, 'framebot.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT provider_task_id AS id FROM tasks ORDER BY created_at').all() as Array<{ id: string | null }>).map((r) => r.id);
  } finally {
    db.close();
  }
}
const PAID_ONCE = {
  ledger: [
    { kind: 'grant', amount: 100 },
    { kind: 'reserve', amount: -4 },
    { kind: 'capture', amount: 0 },
  ],
  balance: 96,
};

beforeEach(async () => {
  apiframe = await FakeApiframe.start();
  telegram = await FakeTelegram.start();
  dir = mkdtempSync(join(tmpdir(), 'framebot-crash-'));
});
afterEach(async () => {
  for (const bot of bots) await bot.kill();
  bots = [];
  await telegram.close();
  await apiframe.close();
  await aiphoto?.close();
  aiphoto = undefined;
  rmSync(dir, { recursive: true, force: true });
});

describe('a crash in any window loses nothing and does nothing twice', () => {
  it('delivers the result exactly once after a restart, and old buttons still work', async () => {
    const first = startBot();
    await first.waitForLine(/telegram ready/);
    telegram.userSends({ chat: group, from: ana, text: '/imagine a lighthouse at dusk' });
    const job = await apiframe.waitForTask('imagine', 1, 10_000);
    await first.waitForLine(/task submitted/);
    await apiframe.progress(job.id, 30);
    await first.kill();

    await apiframe.finish(job.id);
    const second = startBot();
    await second.waitForLine(/telegram ready/);
    const photo = await telegram.waitForMessage(group.id, (m) => Boolean(m.photo), 10_000);
    expect(photo.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual(['U1', 'U2', 'U3', 'U4', '🔄', 'V1', 'V2', 'V3', 'V4']);

    // Several more sweeps and another restart must not deliver it again.
    await second.waitForLine(/task delivered/);
    expect(await second.stop()).toBe(0);
    const third = startBot();
    await third.waitForLine(/telegram ready/);
    await new Promise((r) => setTimeout(r, 800));
    expect(photos()).toHaveLength(1);

    const u2 = photo.reply_markup!.inline_keyboard[0]![1]!;
    telegram.userPresses({ chat: group, from: ana, message_id: photo.message_id, data: u2.callback_data! });
    const upscale = await apiframe.waitForTask('upscale-1x', 1, 10_000);
    expect(upscale.body).toMatchObject({ parent_task_id: job.id, index: '2' });

    // Across the crash and two restarts the group paid once for each job, and the books balance.
    await third.waitForLine(/task submitted/);
    expect(await third.stop()).toBe(0);
    expect(books()).toEqual({
      ledger: [...PAID_ONCE.ledger, { kind: 'reserve', amount: -2 }],
      balance: 94,
    });
  }, 60_000);

  it('a command Telegram handed over just before the crash runs after the restart, once', async () => {
    const first = startBot();
    await first.waitForLine(/telegram ready/);
    // Nothing the bot sends reaches the chat: it can only have written the command down.
    telegram.stall('sendChatAction', { apply: false });
    telegram.stall('sendMessage', { apply: false });
    telegram.userSends({ chat: group, from: ana, text: '/imagine a lighthouse at dusk' });
    await telegram.waitForCall('sendChatAction', undefined, 10_000);
    // The next long poll has confirmed the update to Telegram: it will not be offered again.
    await eventually(() => telegram.pendingUpdates === 0, 10_000, 'the update to be confirmed');
    await mayLog(first, /task submitted/, 3_000);
    await first.kill();
    telegram.unstall();

    const second = startBot();
    await second.waitForLine(/telegram ready/);
    const job = await apiframe.waitForTask('imagine', 1, 10_000);
    await second.waitForLine(/task submitted|already started its task/);
    await apiframe.finish(job.id);
    await telegram.waitForMessage(group.id, (m) => Boolean(m.photo), 10_000);
    await second.waitForLine(/task delivered/);
    expect(await second.stop()).toBe(0);

    expect(apiframe.callCount('/imagine')).toBe(1);
    expect(photos()).toHaveLength(1);
    expect(books()).toEqual(PAID_ONCE);
  }, 60_000);

  it('a result Telegram showed just before the crash is not posted again after the restart', async () => {
    const first = startBot();
    await first.waitForLine(/telegram ready/);
    telegram.userSends({ chat: group, from: ana, text: '/imagine a lighthouse at dusk' });
    const job = await apiframe.waitForTask('imagine', 1, 10_000);
    await first.waitForLine(/task submitted/);
    // Telegram takes the result, but its answer never comes back.
    for (const method of ['sendPhoto', 'editMessageMedia', 'sendMediaGroup', 'deleteMessage']) telegram.stall(method, { apply: true });
    await apiframe.finish(job.id);
    await telegram.waitForMessage(group.id, (m) => Boolean(m.photo), 10_000);
    await first.kill();
    telegram.unstall();

    const second = startBot();
    await second.waitForLine(/task delivered/, 20_000);
    expect(await second.stop()).toBe(0);
    expect(photos()).toHaveLength(1);
    expect(photos()[0]!.reply_markup?.inline_keyboard.flat()).toHaveLength(9);
    expect(books()).toEqual(PAID_ONCE);
  }, 60_000);

  it('a submit Apiframe accepted just before the crash is resubmitted with a warning, and charged once', async () => {
    const first = startBot();
    await first.waitForLine(/telegram ready/);
    apiframe.stallNext('/imagine');
    telegram.userSends({ chat: group, from: ana, text: '/imagine a lighthouse at dusk' });
    // Apiframe has the job; its answer (the task id) never reaches the bot.
    await apiframe.waitForTask('imagine', 1, 10_000);
    await first.kill();

    const second = startBot();
    const warning = await second.waitForLine(/may run it twice/);
    expect(JSON.parse(warning)).toMatchObject({ level: 40, attempt: 2 });
    const job = await apiframe.waitForTask('imagine', 2, 10_000);
    await second.waitForLine(/task submitted/);
    await apiframe.finish(job.id);
    await second.waitForLine(/task delivered/);
    expect(await second.stop()).toBe(0);
    expect(photos()).toHaveLength(1);
    expect(books()).toEqual(PAID_ONCE);
  }, 60_000);
});

describe('a crash during a /generate of several images (aiphotogenerator.net, billed per submit)', () => {
  /** How many of the task's images the bot has recorded as back. */
  function partsBack(): number {
    const db = new Database(join(dir, 'framebot.sqlite'), { readonly: true });
    try {
      return (db.prepare(`SELECT COUNT(*) AS n FROM task_parts WHERE state = 'finished'`).get() as { n: number }).n;
    } finally {
      db.close();
    }
  }
  const album = () => telegram.messagesIn(group.id).filter((m) => m.media_group_id !== undefined && m.photo && !m.deleted);

  it('images half done at the crash are delivered once after the restart, and the request is never sent again', async () => {
    const fake = (aiphoto = await FakeAiphotogenerator.start());
    const first = startBot('node', generateEnv(fake));
    await first.waitForLine(/telegram ready/);
    telegram.userSends({ chat: group, from: ana, text: '/generate three lanterns --model flux-2 --count 3' });
    const images = [await fake.waitForImage(1), await fake.waitForImage(2), await fake.waitForImage(3)];
    await first.waitForLine(/task submitted/);
    await fake.finish(images[0]!.id);
    await eventually(() => partsBack() === 1, 10_000, 'the bot to see the first image back');
    await first.kill();

    await fake.finish(images[1]!.id);
    await fake.finish(images[2]!.id);
    const second = startBot('node', generateEnv(fake));
    await second.waitForLine(/task delivered/);
    const buttons = await telegram.waitForMessage(group.id, (m) => (m.text ?? '').startsWith('✅'), 10_000);
    expect(buttons.reply_markup?.inline_keyboard.flat().map((b) => b.text)).toEqual(['🔄', '⬇️ 1', '⬇️ 2', '⬇️ 3']);
    expect(await second.stop()).toBe(0);

    // Another start delivers nothing again.
    const third = startBot('node', generateEnv(fake));
    await third.waitForLine(/telegram ready/);
    await new Promise((r) => setTimeout(r, 800));
    expect(await third.stop()).toBe(0);
    expect(album()).toHaveLength(3);
    expect(telegram.calls.filter((c) => c.method === 'sendMediaGroup' && c.response.ok)).toHaveLength(1);
    expect(fake.callCount('/images/generate')).toBe(1);
    expect(books()).toEqual({
      ledger: [
        { kind: 'grant', amount: 100 },
        { kind: 'reserve', amount: -12 },
        { kind: 'capture', amount: 0 },
      ],
      balance: 88,
    });
  }, 60_000);

  it('a submit aiphotogenerator.net may have taken before the crash is not sent again: the user is told, and refunded', async () => {
    const fake = (aiphoto = await FakeAiphotogenerator.start());
    // The service takes the request and the bot dies before any answer.
    fake.failNext('/images/generate', 'timeout');
    const first = startBot('node', generateEnv(fake));
    await first.waitForLine(/telegram ready/);
    telegram.userSends({ chat: group, from: ana, text: '/generate three lanterns --model flux-2 --count 3' });
    await eventually(() => fake.callCount('/images/generate') === 1, 10_000, 'the submit to reach the service');
    await first.kill();

    const second = startBot('node', generateEnv(fake));
    const warning = await second.waitForLine(/not resubmitting/);
    expect(JSON.parse(warning)).toMatchObject({ level: 40, attempt: 2 });
    const failure = await telegram.waitForMessage(group.id, (m) => (m.text ?? '').startsWith('❌'), 10_000);
    expect(failure.text).toBe(
      "❌ Flux 2 Pro “three lanterns” did not finish: the bot restarted while sending it, and sending it again could run it twice, so please try again. The 12 credits were refunded to this group's wallet.",
    );
    await second.waitForLine(/task delivered/);
    expect(await second.stop()).toBe(0);
    expect(fake.callCount('/images/generate')).toBe(1);
    expect(books()).toEqual({
      ledger: [
        { kind: 'grant', amount: 100 },
        { kind: 'reserve', amount: -12 },
        { kind: 'refund', amount: 12 },
      ],
      balance: 100,
    });
  }, 60_000);
});

describe('starting and stopping', () => {
  it('stops with one clear line when configuration is missing', async () => {
    const bot = BotProcess.start({ TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.apiRoot });
    bots.push(bot);
    expect(await bot.exited()).toBe(1);
    expect(bot.output.join('\n')).toContain('APIFRAME_API_KEY is required');
    expect(bot.output.join('\n')).not.toContain(telegram.token);
  });
  it('Telegram on a closed port: the process ends within STARTUP_TIMEOUT_MS with one line saying what to check', async () => {
    const port = await closedPort();
    const bot = startBot('node', { ...env(), TELEGRAM_API_ROOT: `http://127.0.0.1:${port}`, STARTUP_TIMEOUT_MS: '2000' });
    expect(await bot.exited()).toBe(1);
    const fatal = bot.output.map((l) => (l.startsWith('{') ? JSON.parse(l) : {})).filter((l) => l.level === 60);
    expect(fatal.map((l) => l.msg)).toEqual([
      `framebot could not start: Telegram could not be reached at http://127.0.0.1:${port} within 2 s (ECONNREFUSED): check TELEGRAM_API_ROOT and this machine's network (DNS, proxy, firewall) (STARTUP_TIMEOUT_MS sets how long start-up waits)`,
    ]);
  });

  it('SIGTERM while the bot is still trying to reach Telegram ends the attempts and exits 0 at once', async () => {
    const port = await closedPort();
    // A bound far longer than the test: only the stop can end this start.
    const bot = startBot('node', { ...env(), TELEGRAM_API_ROOT: `http://127.0.0.1:${port}`, STARTUP_TIMEOUT_MS: '600000' });
    await bot.waitForLine(/Apiframe accepted APIFRAME_API_KEY/);
    expect(await bot.stop(10_000)).toBe(0);
    expect(bot.output.join('\n')).toContain('stopped during start-up');
  });

  it('one SIGTERM stops the bot within the grace period despite a group backlog, leaving it for the next start', async () => {
    apiframe.setMode('auto');
    const first = startBot();
    await first.waitForLine(/telegram ready/);
    for (let i = 0; i < 25; i++) telegram.userSends({ chat: group, from: ana, text: `/imagine fox ${i}` });
    await apiframe.waitForTask('imagine', 25, 15_000);
    const db = new Database(join(dir, 'framebot.sqlite'), { readonly: true });
    const count = (where: string) => (db.prepare(`SELECT COUNT(*) AS n FROM tasks WHERE ${where}`).get() as { n: number }).n;
    try {
      await eventually(() => count(`status = 'finished'`) === 25, 15_000, 'the bot to see all 25 jobs finished');
      // Telegram's group limit holds most results back now: a stop must not wait for them.
      expect(await first.stop()).toBe(0);
      expect(first.output.join('\n')).toContain('telegram stopped');
      expect(count(`delivery != 'sent'`)).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  }, 40_000);

  it('SIGTERM lets a submit already running finish and records it, so the next start does not send it again', async () => {
    const first = startBot();
    await first.waitForLine(/telegram ready/);
    // Apiframe takes the job at once and answers in 1.5 s: the stop comes in between.
    apiframe.slowNext('/imagine', 1_500);
    telegram.userSends({ chat: group, from: ana, text: '/imagine a lighthouse at dusk' });
    const job = await apiframe.waitForTask('imagine', 1, 10_000);
    expect(await first.stop()).toBe(0);
    expect(submittedIds()).toEqual([job.id]);

    const second = startBot();
    await second.waitForLine(/telegram ready/);
    await apiframe.finish(job.id);
    await second.waitForLine(/task delivered/);
    expect(await second.stop()).toBe(0);
    expect(apiframe.callCount('/imagine')).toBe(1);
    expect(photos()).toHaveLength(1);
    expect(books()).toEqual(PAID_ONCE);
  }, 60_000);

  it('SIGTERM takes no new command, even while it waits for a delivery; the command waits in Telegram for the next start', async () => {
    const first = startBot();
    await first.waitForLine(/telegram ready/);
    telegram.userSends({ chat: group, from: ana, text: '/imagine a lighthouse at dusk' });
    const job = await apiframe.waitForTask('imagine', 1, 10_000);
    await first.waitForLine(/task submitted/);
    // Telegram takes the result and never answers: a delivery is running when the stop comes.
    for (const method of ['sendPhoto', 'editMessageMedia', 'sendMediaGroup']) telegram.stall(method, { apply: true });
    await apiframe.finish(job.id);
    await telegram.waitForMessage(group.id, (m) => Boolean(m.photo), 10_000);
    const stopped = first.stop();
    await first.waitForLine(/"msg":"stopping"/);
    telegram.userSends({ chat: group, from: ana, text: '/imagine a second lighthouse' });
    expect(await stopped).toBe(0);
    expect(apiframe.callCount('/imagine')).toBe(1);
    expect(first.output.join('\n')).toContain('no longer taking commands');
    telegram.unstall();

    const second = startBot();
    const later = await apiframe.waitForTask('imagine', 2, 15_000);
    expect(later.body).toMatchObject({ prompt: 'a second lighthouse' });
    await second.waitForLine(/task submitted/);
    expect(await second.stop()).toBe(0);
  }, 60_000);

  it('stops when Telegram has become unreachable', async () => {
    const first = startBot();
    await first.waitForLine(/telegram ready/);
    const help = telegram.userSends({ chat: group, from: ana, text: '/help' });
    await telegram.waitForMessage(group.id, (m) => m.reply_to_message_id === help.message.message_id, 10_000);
    await telegram.close();
    await first.waitForLine(/getUpdates failed/, 10_000);
    expect(await first.stop()).toBe(0);
  }, 30_000);

  it('npm start passes SIGTERM to the bot and ends when the bot has stopped', async () => {
    await BotProcess.ensureBuilt(); // npm start runs the built JavaScript: compile first if the sources changed
    const bot = startBot('npm');
    await bot.waitForLine(/telegram ready/, 30_000);
    const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(bot.pid)], { encoding: 'utf8' }).split('\n').map(Number).filter(Boolean);
    expect(await bot.stop()).toBe(0);
    expect(bot.output.join('\n')).toContain('telegram stopped');
    // Nothing of the bot is left running behind npm.
    for (const pid of children) expect(() => process.kill(pid, 0)).toThrow();
  }, 220_000);
});
