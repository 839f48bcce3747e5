// Issue 11, part 4: in webhook mode Telegram forgets an update once the bot answered 200, so the
// bot writes it down first. Here the real process is killed after its 200 and before the command
// could finish: the next start hands the update to the handlers again, and the command runs once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeApiframe } from '../fakes/apiframe.ts';
import { FakeTelegram, type TgChat, type TgUser } from '../fakes/telegram.ts';
import { BotProcess } from '../support/bot-process.ts';
import { closedPort } from '../support/ports.ts';
import { eventually } from './harness.ts';

const SECRET = 'crash-test-telegram-webhook-secret_01';
const group: TgChat = { id: -1002, type: 'supergroup', title: 'Hooked' };
const ana: TgUser = { id: 7, is_bot: false, first_name: 'Ana', username: 'ana' };

let apiframe: FakeApiframe;
let telegram: FakeTelegram;
let dir: string;
let bots: BotProcess[] = [];

beforeEach(async () => {
  apiframe = await FakeApiframe.start();
  telegram = await FakeTelegram.start();
  dir = mkdtempSync(join(tmpdir(), 'framebot-hook-crash-'));
});
afterEach(async () => {
  for (const bot of bots) await bot.kill();
  bots = [];
  await telegram.close();
  await apiframe.close();
  rmSync(dir, { recursive: true, force: true });
});

function startBot(port: number): BotProcess {
  const bot = BotProcess.start({
    APIFRAME_API_KEY: apiframe.apiKey,
    APIFRAME_BASE_URL: apiframe.url,
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    TELEGRAM_WEBHOOK_URL: `http://127.0.0.1:${port}/telegram`,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    DATABASE_PATH: join(dir, 'framebot.sqlite'),
    HOST: '127.0.0.1',
    PORT: String(port),
    POLL_INTERVAL_MS: '200',
    POLL_MAX_INTERVAL_MS: '200',
    LOG_LEVEL: 'debug',
    FREE_CREDITS: '100',
    SHUTDOWN_GRACE_MS: '2000',
  });
  bots.push(bot);
  return bot;
}

function books(): { ledger: Array<{ kind: string; amount: number }>; balance: number } {
  const db = new Database(join(dir, 'framebot.sqlite'), { readonly: true });
  try {
    const wallet = db.prepare('SELECT balance FROM wallets WHERE id = ?').get(`telegram:chat:${group.id}`) as { balance: number };
    return { ledger: db.prepare('SELECT kind, amount FROM ledger ORDER BY id').all() as Array<{ kind: string; amount: number }>, balance: wallet.balance };
  } finally {
    db.close();
  }
}

describe('webhook mode across a crash', () => {
  it('a command answered 200 just before the crash runs after the restart, once', async () => {
    const port = await closedPort();
    const first = startBot(port);
    await first.waitForLine(/telegram ready/);
    // Nothing the bot sends reaches the chat: it can only have written the command down.
    telegram.stall('sendChatAction', { apply: false });
    telegram.stall('sendMessage', { apply: false });
    const cmd = telegram.userSends({ chat: group, from: ana, text: '/imagine a lighthouse at dusk' });
    await telegram.waitForCall('sendChatAction', undefined, 10_000);
    // Telegram has its 200: it will not deliver this update again.
    await eventually(() => telegram.webhookDeliveries.find((d) => d.update_id === cmd.update_id), 10_000, 'the delivery to be answered');
    expect(telegram.webhookDeliveries.map((d) => d.status)).toEqual([200]);
    // The submit may go out meanwhile (the progress message, stalled, is sent beside it); the
    // update stays unfinished in the inbox either way, since its handler cannot end.
    await first.waitForLine(/task submitted/, 3_000).catch(() => undefined);
    await first.kill();
    telegram.unstall();

    const second = startBot(port);
    await second.waitForLine(/telegram ready/);
    const job = await apiframe.waitForTask('imagine', 1, 10_000);
    await second.waitForLine(/task submitted|already started its task/);
    await apiframe.finish(job.id);
    await telegram.waitForMessage(group.id, (m) => Boolean(m.photo), 10_000);
    await second.waitForLine(/task delivered/);
    expect(await second.stop()).toBe(0);

    expect(telegram.webhookDeliveries).toHaveLength(1);
    expect(second.output.some((l) => l.includes('handling telegram updates a stop or crash interrupted'))).toBe(true);
    expect(apiframe.callCount('/imagine')).toBe(1);
    expect(telegram.messagesIn(group.id).filter((m) => m.photo && !m.deleted)).toHaveLength(1);
    expect(books()).toEqual({
      ledger: [
        { kind: 'grant', amount: 100 },
        { kind: 'reserve', amount: -4 },
        { kind: 'capture', amount: 0 },
      ],
      balance: 96,
    });
  }, 60_000);
});
