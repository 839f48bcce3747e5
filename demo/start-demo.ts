// framebot with nothing to sign up for: the real app, in this process, against the fake Apiframe
// and aiphotogenerator.net (both finishing jobs on their own) and the fake Telegram, with a
// throwaway database, some free credits, and a chat page in the browser.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { startApp, type App } from '../src/app.ts';
import { FakeApiframe } from '../test/fakes/apiframe.ts';
import { FakeAiphotogenerator } from '../test/fakes/aiphotogenerator.ts';
import { FakeTelegram, type TgChat, type TgUser } from '../test/fakes/telegram.ts';
import { startDemoWeb, type DemoWeb } from './web.ts';

export const DEMO_USER: TgUser = { id: 1001, is_bot: false, first_name: 'You', username: 'demo_user' };
export const DEMO_PRIVATE_CHAT: TgChat = { id: DEMO_USER.id, type: 'private', first_name: DEMO_USER.first_name, username: DEMO_USER.username };
export const DEMO_GROUP: TgChat = { id: -1001000000001, type: 'supergroup', title: 'Demo group' };
/** Enough for a few grids, an AI Photos training (42 with ten photos) and some generations, per wallet. */
const FREE_CREDITS = 200;

export interface DemoOptions {
  /** The chat page's port; 0 for any free one. */
  port: number;
  /** When `port` is taken, use any free port instead of failing (the default port only). */
  fallbackToFreePort: boolean;
  /** How long each step of a fake job takes: a person wants to see progress, a test wants speed. */
  apiframeStepMs?: number;
  aiphotogeneratorStepMs?: number;
  logLevel?: string;
}

export interface Demo {
  /** The chat page. */
  url: string;
  /** The bot's log file (in the throwaway folder). */
  logFile: string;
  app: App;
  web: DemoWeb;
  telegram: FakeTelegram;
  apiframe: FakeApiframe;
  aiphotogenerator: FakeAiphotogenerator;
  close(): Promise<void>;
}

export async function startDemo(opts: DemoOptions): Promise<Demo> {
  const dir = mkdtempSync(join(tmpdir(), 'framebot-demo-'));
  const cleanups: Array<() => Promise<unknown> | void> = [() => rmSync(dir, { recursive: true, force: true })];
  const close = async () => {
    // In reverse order of start: the page, the bot, then the fakes it talks to, then the folder.
    for (const cleanup of cleanups.reverse().splice(0)) await Promise.resolve(cleanup()).catch(() => undefined);
  };
  try {
    const apiframe = await FakeApiframe.start({ mode: 'auto', stepMs: opts.apiframeStepMs ?? 1_000 });
    cleanups.push(() => apiframe.close());
    const aiphotogenerator = await FakeAiphotogenerator.start({ mode: 'auto', stepMs: opts.aiphotogeneratorStepMs ?? 1_500 });
    cleanups.push(() => aiphotogenerator.close());
    const telegram = await FakeTelegram.start({ token: '700001:framebot-demo', botUsername: 'framebot_demo_bot', botFirstName: 'Framebot' });
    cleanups.push(() => telegram.close());
    // The user may grant credits and run the group's admin commands.
    telegram.setChatAdmins(DEMO_GROUP.id, [DEMO_USER.id]);

    // Jobs report back by webhook to the bot's own server, as in production; the poller stays the safety net.
    const botPort = await freePort();
    const publicUrl = `http://127.0.0.1:${botPort}`;
    const webhookSecret = randomBytes(24).toString('hex');
    aiphotogenerator.webhookUrl = `${publicUrl}/webhooks/aiphotogenerator?token=${webhookSecret}`;
    const logFile = join(dir, 'framebot.log');
    // Only what the demo sets: an operator's .env or environment never reaches it.
    const config = loadConfig({
      APIFRAME_API_KEY: apiframe.apiKey,
      APIFRAME_BASE_URL: apiframe.url,
      AIPHOTOGENERATOR_API_TOKEN: aiphotogenerator.token,
      AIPHOTOGENERATOR_BASE_URL: aiphotogenerator.url,
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.apiRoot,
      DATABASE_PATH: join(dir, 'framebot.sqlite'),
      HOST: '127.0.0.1',
      PORT: String(botPort),
      PUBLIC_URL: publicUrl,
      WEBHOOK_SECRET: webhookSecret,
      POLL_INTERVAL_MS: '1000',
      // The demo's jobs take seconds: read them every second.
      POLL_MAX_INTERVAL_MS: '1000',
      FREE_CREDITS: String(FREE_CREDITS),
      BOT_ADMINS: `telegram:${DEMO_USER.id}`,
      SHUTDOWN_GRACE_MS: '2000',
      LOG_LEVEL: opts.logLevel ?? 'info',
    });
    const log = createLogger({ level: config.logLevel, secrets: config.secrets, destination: pino.destination({ dest: logFile, sync: true }) });
    const app = await startApp(config, log);
    cleanups.push(() => app.stop());

    const web = await startDemoWeb({ telegram, user: DEMO_USER, chats: [DEMO_PRIVATE_CHAT, DEMO_GROUP], port: opts.port, fallbackToFreePort: opts.fallbackToFreePort });
    cleanups.push(() => web.close());
    return { url: web.url, logFile, app, web, telegram, apiframe, aiphotogenerator, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** A port nobody listens on right now (the bot's webhook URL must be known before it starts). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
