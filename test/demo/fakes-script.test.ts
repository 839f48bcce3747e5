// `npm run fakes` keeps its promises: the line it prints starts the real bot against its fakes, and
// the curl lines it prints talk to that bot through the fake Telegram.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BotProcess } from '../support/bot-process.ts';
import type { ChatMessageView } from '../fakes/telegram-chat-api.ts';

const ROOT = resolve(import.meta.dirname, '../..');
/** The fakes step their jobs every 1.5 s, as for a person watching: a grid takes several seconds. */
const WAIT_MS = 30_000;

const stops: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop();
});

describe('npm run fakes', () => {
  it('prints the environment for npm start, the chat page and curl lines that work', { timeout: 90_000 }, async () => {
    const fakes = spawn(process.execPath, ['--import', 'tsx', 'demo/fakes.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = new Promise<number | null>((r) => fakes.once('exit', (code) => r(code)));
    stops.push(async () => {
      fakes.kill('SIGTERM');
      expect(await exited).toBe(0);
    });
    let out = '';
    fakes.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    fakes.stderr.on('data', (c: Buffer) => (out += c.toString('utf8')));
    const deadline = Date.now() + WAIT_MS;
    while (!out.includes('# On the fake Discord') && fakes.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));

    const start = out.split('\n').find((l) => l.endsWith(' npm start'));
    expect(start, out).toBeDefined();
    const env = Object.fromEntries(start!.replace(/ npm start$/, '').split(' ').map((pair) => pair.split(/=(.*)/s).slice(0, 2) as [string, string]));
    expect(Object.keys(env)).toEqual(expect.arrayContaining(['APIFRAME_API_KEY', 'TELEGRAM_BOT_TOKEN', 'TELEGRAM_API_ROOT', 'DISCORD_TOKEN', 'DATABASE_PATH', 'FREE_CREDITS']));
    const curl = out.split('\n').find((l) => l.startsWith('curl -s -X POST') && l.includes('/imagine'));
    const messagesUrl = /curl -s -X POST (\S+\/messages) /.exec(curl ?? '')?.[1];
    expect(messagesUrl, out).toBeDefined();

    // The printed line, as a second terminal would run it (its own HTTP port aside).
    const bot = BotProcess.start({ ...env, PORT: '0' });
    stops.push(() => bot.stop());
    await bot.waitForLine(/telegram ready/);
    await bot.waitForLine(/discord ready/);

    // The printed curl: /imagine in the private chat, then the chat shows the grid.
    const body = /-d '(.*)'$/.exec(curl!)?.[1];
    const sent = await fetch(messagesUrl!, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(sent.status).toBe(200);
    const until = Date.now() + WAIT_MS;
    let grid: ChatMessageView | undefined;
    while (!grid && Date.now() < until) {
      const { messages } = (await (await fetch(messagesUrl!)).json()) as { messages: ChatMessageView[] };
      grid = messages.find((m) => m.from.bot && m.photo && (m.buttons ?? []).flat().some((b) => b.text === 'U1'));
      if (!grid) await new Promise((r) => setTimeout(r, 100));
    }
    expect(grid?.caption).toContain('a lighthouse at dusk');

    // And the fake Discord's scripted /imagine was answered, and printed.
    const discord = Date.now() + WAIT_MS;
    while (!/discord \d+: \[image\] /.test(out) && Date.now() < discord) await new Promise((r) => setTimeout(r, 100));
    expect(out).toContain('# discord: sent /imagine');
    expect(out).toMatch(/discord \d+: \[image\] .*a red fox in snow/);
  });
});
