/**
 * Starts the fake Apiframe and aiphotogenerator.net (auto mode), Telegram and Discord servers on loopback and prints the
 * environment that points framebot at them, for trying the bot by hand without any real service:
 *
 *   npm run fakes                     # terminal 1
 *   <paste the printed lines> npm start   # terminal 2
 *
 * Then type into the fakes with the printed curl examples.
 */
import { FakeApiframe } from './apiframe.ts';
import { FakeAiphotogenerator } from './aiphotogenerator.ts';
import { FakeTelegram } from './telegram.ts';
import { FakeDiscord } from './discord.ts';

const apiframe = await FakeApiframe.start({ mode: 'auto', stepMs: 1500 });
const aiphoto = await FakeAiphotogenerator.start({ mode: 'auto', stepMs: 3000 });
const telegram = await FakeTelegram.start();
const discord = await FakeDiscord.start();

console.log('# fakes are running; start framebot with:');
console.log(
  [
    `APIFRAME_API_KEY=${apiframe.apiKey}`,
    `APIFRAME_BASE_URL=${apiframe.url}`,
    `AIPHOTOGENERATOR_API_TOKEN=${aiphoto.token}`,
    `AIPHOTOGENERATOR_BASE_URL=${aiphoto.url}`,
    `TELEGRAM_BOT_TOKEN=${telegram.token}`,
    `TELEGRAM_API_ROOT=${telegram.apiRoot}`,
    `DISCORD_TOKEN=${discord.token}`,
    `DISCORD_APPLICATION_ID=${discord.applicationId}`,
    `DISCORD_API_URL=${discord.apiBase}`,
    'DATABASE_PATH=data/fakes.sqlite',
    // Wallets start empty by default; give the scripted users something to spend.
    'FREE_CREDITS=100',
    'npm start',
  ].join(' '),
);

// A scripted user, so the bot has something to answer once it is up.
const group = { id: -1001, type: 'supergroup' as const, title: 'Fake group' };
const ana = { id: 7, is_bot: false, first_name: 'Ana', username: 'ana' };
setTimeout(() => {
  telegram.userSends({ chat: group, from: ana, text: '/imagine a lighthouse at dusk --ar 16:9' });
  console.log('# sent "/imagine a lighthouse at dusk --ar 16:9" on the fake Telegram (chat -1001)');
}, 8_000);
setTimeout(() => {
  discord
    .slashCommand({ name: 'imagine', options: [{ name: 'prompt', type: 3, value: 'a red fox in snow' }] })
    .then(() => console.log('# sent /imagine on the fake Discord'))
    .catch((err: unknown) => console.log(`# fake Discord: ${String(err)}`));
}, 9_000);
setInterval(() => {
  const lines = [
    ...telegram.sent.map((m) => `telegram #${m.message_id}: ${m.photo ? '[photo] ' : ''}${(m.text ?? m.caption ?? '').split('\n')[0]}`),
    ...discord.messagesIn('300000000000000001').map((m) => `discord ${m.id}: ${m.embeds.length ? '[image] ' : ''}${m.content.split('\n')[0]}`),
  ];
  if (lines.length) console.log(lines.slice(-6).join('\n'));
}, 5_000);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void Promise.allSettled([apiframe.close(), aiphoto.close(), telegram.close(), discord.close()]).then(() => process.exit(0));
  });
}
