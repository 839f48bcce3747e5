/**
 * `npm run fakes`: the fakes alone, for running the bot as its own process (`npm start`, a
 * debugger, Discord too) against them. It starts the fake Apiframe and aiphotogenerator.net (auto
 * mode), Telegram and Discord on loopback, and the demo's chat page over the fake Telegram, then
 * prints the environment that points framebot at them, the page, and curl lines that work:
 *
 *   npm run fakes                          # terminal 1
 *   <paste the printed line>               # terminal 2: the bot, against the fakes
 *
 * The fakes choose free ports each run, so the line changes: copy it again after a restart.
 * `npm run demo` does all of this in one process when a separate bot is not needed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeApiframe } from '../test/fakes/apiframe.ts';
import { FakeAiphotogenerator } from '../test/fakes/aiphotogenerator.ts';
import { FakeTelegram } from '../test/fakes/telegram.ts';
import { FakeDiscord } from '../test/fakes/discord.ts';
import { DEMO_GROUP, DEMO_PRIVATE_CHAT, DEMO_USER } from './start-demo.ts';
import { startDemoWeb } from './web.ts';

const DISCORD_CHANNEL = '300000000000000001';
const dir = mkdtempSync(join(tmpdir(), 'framebot-fakes-'));
const apiframe = await FakeApiframe.start({ mode: 'auto', stepMs: 1500 });
const aiphoto = await FakeAiphotogenerator.start({ mode: 'auto', stepMs: 2000 });
const telegram = await FakeTelegram.start({ botUsername: 'framebot_demo_bot', botFirstName: 'Framebot' });
telegram.setChatAdmins(DEMO_GROUP.id, [DEMO_USER.id]);
const discord = await FakeDiscord.start();
const web = await startDemoWeb({ telegram, user: DEMO_USER, chats: [DEMO_PRIVATE_CHAT, DEMO_GROUP], port: 5173, fallbackToFreePort: true });

const env = [
  `APIFRAME_API_KEY=${apiframe.apiKey}`,
  `APIFRAME_BASE_URL=${apiframe.url}`,
  `AIPHOTOGENERATOR_API_TOKEN=${aiphoto.token}`,
  `AIPHOTOGENERATOR_BASE_URL=${aiphoto.url}`,
  `TELEGRAM_BOT_TOKEN=${telegram.token}`,
  `TELEGRAM_API_ROOT=${telegram.apiRoot}`,
  `DISCORD_TOKEN=${discord.token}`,
  `DISCORD_APPLICATION_ID=${discord.applicationId}`,
  `DISCORD_API_URL=${discord.apiBase}`,
  // A fresh database each run, since the fakes forget their jobs; removed when this stops.
  `DATABASE_PATH=${join(dir, 'framebot.sqlite')}`,
  // Wallets start empty by default; give the users something to spend.
  'FREE_CREDITS=200',
  `BOT_ADMINS=telegram:${DEMO_USER.id}`,
  // The fake jobs finish in a second or two, not a real minute: read them every second, not on
  // adaptive polling's schedule for real Midjourney run times.
  'POLL_INTERVAL_MS=1000',
  'POLL_MAX_INTERVAL_MS=1000',
];
const api = `${web.url}api/chats/${DEMO_PRIVATE_CHAT.id}`;
console.log(
  [
    '# The fakes are running. In a second terminal, start framebot against them (these variables win over a .env):',
    `${env.join(' ')} npm start`,
    '',
    `# Then chat with it as a Telegram user at ${web.url}, or with curl:`,
    `curl -s -X POST ${api}/messages -H 'content-type: application/json' -d '{"text":"/imagine a lighthouse at dusk"}'`,
    `curl -s ${api}/messages        # the chat, with the bot's edits, photos and buttons`,
    `curl -s -X POST ${api}/press -H 'content-type: application/json' -d '{"message_id":2,"data":"<a button data from the chat>"}'`,
    '# On the fake Discord, /imagine is sent for you once the bot connects; what the bot posts there is printed below.',
  ].join('\n'),
);

// Discord has no page: a scripted user sends one /imagine, and the channel is printed as it changes.
const connected = setInterval(() => {
  if (discord.connections === 0) return;
  clearInterval(connected);
  discord
    .slashCommand({ name: 'imagine', options: [{ name: 'prompt', type: 3, value: 'a red fox in snow' }], channelId: DISCORD_CHANNEL })
    .then(() => console.log('# discord: sent /imagine a red fox in snow'))
    .catch((err: unknown) => console.log(`# discord: ${String(err)}`));
}, 500);
const printed = new Map<string, string>();
const printer = setInterval(() => {
  for (const m of discord.messagesIn(DISCORD_CHANNEL)) {
    const line = `discord ${m.id}: ${m.embeds.length ? '[image] ' : ''}${m.content.split('\n')[0]}`;
    if (printed.get(m.id) === line) continue;
    printed.set(m.id, line);
    console.log(line);
  }
}, 2_000);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    clearInterval(connected);
    clearInterval(printer);
    void Promise.allSettled([web.close(), apiframe.close(), aiphoto.close(), telegram.close(), discord.close()]).then(() => {
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    });
  });
}
