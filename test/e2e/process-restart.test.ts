import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeApiframe } from '../fakes/apiframe.ts';
import { FakeTelegram, type TgChat, type TgUser } from '../fakes/telegram.ts';
import { BotProcess } from '../support/bot-process.ts';

/** The real process, killed with SIGKILL in the middle of a job and started again. */
let apiframe: FakeApiframe;
let telegram: FakeTelegram;
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
    LOG_LEVEL: 'info',
    FREE_CREDITS: '100',
  };
}
function startBot(): BotProcess {
  const bot = BotProcess.start(env());
  bots.push(bot);
  return bot;
}
const photos = () => telegram.messagesIn(group.id).filter((m) => m.photo && !m.deleted);

beforeEach(async () => {
  apiframe = await FakeApiframe.start();
  telegram = await FakeTelegram.start();
  dir = mkdtempSync(join(tmpdir(), 'framebot-restart-'));
});
afterEach(async () => {
  for (const bot of bots) await bot.kill();
  bots = [];
  await telegram.close();
  await apiframe.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a crash in the middle of a job', () => {
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
    const db = new Database(join(dir, 'framebot.sqlite'), { readonly: true });
    try {
      const wallet = db.prepare('SELECT balance FROM wallets WHERE id = ?').get(`telegram:chat:${group.id}`) as { balance: number };
      const ledger = db.prepare('SELECT kind, amount FROM ledger ORDER BY id').all();
      expect(ledger).toEqual([
        { kind: 'grant', amount: 100 },
        { kind: 'reserve', amount: -4 },
        { kind: 'capture', amount: 0 },
        { kind: 'reserve', amount: -2 },
      ]);
      expect(wallet.balance).toBe(94);
    } finally {
      db.close();
    }
  }, 60_000);

  it('stops with one clear line when configuration is missing', async () => {
    const bot = BotProcess.start({ TELEGRAM_BOT_TOKEN: telegram.token });
    bots.push(bot);
    expect(await bot.exited()).toBe(1);
    expect(bot.output.join('\n')).toContain('APIFRAME_API_KEY is required');
    expect(bot.output.join('\n')).not.toContain(telegram.token);
  });
});
