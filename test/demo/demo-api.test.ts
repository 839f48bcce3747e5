// The demo (`npm run demo`) without a browser: its page and chat API drive the real bot, which runs
// in-process against the fakes in auto mode, from /imagine to AI Photos and /generate.
import { existsSync } from 'node:fs';
import http from 'node:http';
import { spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_GROUP, DEMO_PRIVATE_CHAT, startDemo, type Demo } from '../../demo/start-demo.ts';
import { startDemoWeb } from '../../demo/web.ts';
import { FakeTelegram } from '../fakes/telegram.ts';
import type { ChatMessageView } from '../fakes/telegram-chat-api.ts';

const ROOT = resolve(import.meta.dirname, '../..');
/** Generous: photos are decoded one by one, and CI machines are shared. */
const WAIT_MS = 20_000;

let demo: Demo | undefined;
afterEach(async () => {
  await demo?.close();
  demo = undefined;
});

async function api<T>(path: string, body?: unknown): Promise<T> {
  const res = await fetch(new URL(path, demo!.url), body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await res.json()) as T & { error?: string };
  if (!res.ok) throw new Error(`${path}: ${res.status} ${json.error ?? ''}`);
  return json;
}

const messages = (chatId: number) => api<{ messages: ChatMessageView[] }>(`/api/chats/${chatId}/messages`).then((r) => r.messages);
const say = (chatId: number, text: string) => api<{ message_id: number }>(`/api/chats/${chatId}/messages`, { text });

/** Reads the chat until `find` matches one of its messages (bounded). */
async function until(chatId: number, what: string, find: (m: ChatMessageView, all: ChatMessageView[]) => boolean): Promise<ChatMessageView> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const all = await messages(chatId);
    const hit = all.find((m) => find(m, all));
    if (hit) return hit;
    if (Date.now() > deadline) throw new Error(`no ${what} in the chat; it shows:\n${all.map((m) => `  #${m.id} ${m.from.name}: ${JSON.stringify(m.text ?? m.caption ?? '[photo]')}`).join('\n')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const labels = (m: ChatMessageView) => (m.buttons ?? []).flat().map((b) => b.text);
const button = (m: ChatMessageView, label: string) => (m.buttons ?? []).flat().find((b) => b.text === label)!;

describe('npm run demo, through its API', () => {
  it('serves the page, runs /imagine to a grid and U1 to an upscale, in auto mode', async () => {
    demo = await startDemo({ port: 0, fallbackToFreePort: false, apiframeStepMs: 30 });
    const page = await fetch(demo.url);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<script src="/chat.js"');
    for (const asset of ['chat.js', 'chat.css']) expect((await fetch(new URL(asset, demo.url))).status).toBe(200);

    const chat = DEMO_PRIVATE_CHAT.id;
    const { message_id } = await say(chat, '/imagine a red fox');
    const progress = await until(chat, 'progress message', (m) => m.reply_to?.id === message_id && m.from.bot);
    expect(progress.text ?? progress.caption).toContain('a red fox');
    const grid = await until(chat, 'grid', (m) => m.id === progress.id && m.photo !== undefined);
    expect(labels(grid)).toEqual(expect.arrayContaining(['U1', 'U2', 'U3', 'U4', '🔄', 'V1', 'V2', 'V3', 'V4']));
    const image = await fetch(new URL(grid.photo!.url, demo.url));
    expect(image.headers.get('content-type')).toBe('image/png');

    const pressed = await api<{ answer: unknown }>(`/api/chats/${chat}/press`, { message_id: grid.id, data: button(grid, 'U1').data });
    expect(pressed).toHaveProperty('answer');
    const upscale = await until(chat, 'upscale', (m) => m.id > grid.id && m.photo !== undefined && /Upscale #1/.test(m.caption ?? ''));
    expect(labels(upscale)).toContain('Vary (Subtle)');
  });

  it('trains AI Photos on the ten sample photos in the group, generates, runs /generate and spends the free credits', async () => {
    demo = await startDemo({ port: 0, fallbackToFreePort: false, apiframeStepMs: 30, aiphotogeneratorStepMs: 30 });
    const chat = DEMO_GROUP.id;
    await say(chat, '/photos new female white 30');
    await until(chat, 'the new set', (m) => /New photo set started/.test(m.text ?? ''));
    const { message_ids } = await api<{ message_ids: number[] }>(`/api/chats/${chat}/sample-photos`, {});
    expect(message_ids).toHaveLength(10);
    await until(chat, 'the count', (m) => m.from.bot && /10 of 30 photos/.test(m.text ?? ''));

    await say(chat, '/photos train Ana');
    await until(chat, 'the trained model', (m) => /model “Ana” is ready/.test(m.text ?? ''));

    const photos = await say(chat, '/photos generate a portrait in a linen suit --count 2');
    await until(chat, 'the generated album', (m, all) => m.id > photos.message_id && m.album !== undefined && all.filter((x) => x.album === m.album && x.photo).length === 2);

    const generate = await say(chat, '/generate a lighthouse at dusk --count 2');
    const menu = await until(chat, 'the model keyboard', (m) => m.id > generate.message_id && labels(m).includes('Stable Diffusion XL'));
    await api(`/api/chats/${chat}/press`, { message_id: menu.id, data: button(menu, 'Stable Diffusion XL').data });
    await until(chat, 'the /generate album', (m, all) => m.id > menu.id && m.album !== undefined && all.filter((x) => x.album === m.album && x.photo).length === 2);

    // 200 free: preparing 2 + training 4 × 10, two AI photos at 1, two SDXL images at 1.
    await say(chat, '/credits');
    await until(chat, 'the balance', (m) => /wallet: 154 credits/.test(m.text ?? ''));
    // The demo's user is an operator, so granting works too.
    const grant = await say(chat, '/credits grant 100');
    await until(chat, 'the grant', (m) => m.reply_to?.id === grant.message_id);
    await say(chat, '/credits');
    await until(chat, 'the new balance', (m) => /wallet: 254 credits/.test(m.text ?? ''));
  });

  it('is only the demo: an operator’s environment never reaches the bot, and the throwaway folder goes at the end', async () => {
    const saved = { ...process.env };
    try {
      Object.assign(process.env, { APIFRAME_BASE_URL: 'http://127.0.0.1:9/none', TELEGRAM_API_ROOT: 'http://127.0.0.1:9', FREE_CREDITS: '0' });
      demo = await startDemo({ port: 0, fallbackToFreePort: false, apiframeStepMs: 30 });
    } finally {
      process.env = saved;
    }
    const { message_id } = await say(DEMO_PRIVATE_CHAT.id, '/imagine a calm sea');
    await until(DEMO_PRIVATE_CHAT.id, 'the grid', (m) => m.reply_to?.id === message_id && m.photo !== undefined);
    const folder = dirname(demo.logFile);
    expect(existsSync(folder)).toBe(true);
    await demo.close();
    demo = undefined;
    expect(existsSync(folder)).toBe(false);
  });

  it('acts only for its own page: another site may not post as the user, nor reach it by another host name', async () => {
    demo = await startDemo({ port: 0, fallbackToFreePort: false });
    const port = new URL(demo.url).port;
    const request = (headers: Record<string, string>, method = 'POST') =>
      new Promise<number>((done, fail) => {
        const req = http.request({ host: '127.0.0.1', port, path: `/api/chats/${DEMO_PRIVATE_CHAT.id}/messages`, method, headers: { 'content-type': 'application/json', ...headers } }, (res) => {
          res.resume();
          done(res.statusCode ?? 0);
        });
        req.on('error', fail);
        req.end(method === 'POST' ? JSON.stringify({ text: 'hello' }) : undefined);
      });
    expect(await request({ origin: 'https://evil.example' })).toBe(403);
    expect(await request({ host: `evil.example:${port}` }, 'GET')).toBe(403);
    const mine = async () => (await messages(DEMO_PRIVATE_CHAT.id)).filter((m) => !m.from.bot);
    expect(await mine()).toEqual([]);
    expect(await request({ origin: `http://127.0.0.1:${port}` })).toBe(200);
    expect(await request({ host: `localhost:${port}`, origin: `http://localhost:${port}` })).toBe(200);
    expect(await request({})).toBe(200);
    expect(await mine()).toHaveLength(3);
  });

  it('falls back to a free port when the default one is taken, and says which variable to change when a chosen one is', async () => {
    const telegram = await FakeTelegram.start();
    const taken = http.createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const port = (taken.address() as { port: number }).port;
    try {
      const web = await startDemoWeb({ telegram, user: { id: 1, is_bot: false, first_name: 'A' }, chats: [], port, fallbackToFreePort: true });
      expect(web.port).not.toBe(port);
      await web.close();
      await expect(startDemoWeb({ telegram, user: { id: 1, is_bot: false, first_name: 'A' }, chats: [], port, fallbackToFreePort: false })).rejects.toThrow(
        `port ${port} is in use: set DEMO_PORT to another port, or to 0 for any free one`,
      );
    } finally {
      taken.close();
      await telegram.close();
    }
  });

  it('npm run demo prints one line with the page’s URL, needs no .env, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'demo/server.ts'], {
      cwd: ROOT,
      // Nothing of the developer's environment: the demo must need none.
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DEMO_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (out += c.toString('utf8')));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    try {
      const deadline = Date.now() + WAIT_MS;
      while (!/\n/.test(out) && child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const url = /^framebot demo: open (http:\/\/127\.0\.0\.1:\d+\/) /.exec(out)?.[1];
      expect(url, out).toBeDefined();
      expect((await fetch(url!)).status).toBe(200);
      const chats = (await (await fetch(new URL('/api/chats', url))).json()) as { chats: Array<{ title: string }> };
      expect(chats.chats.map((c) => c.title)).toEqual(['Framebot', 'Demo group']);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(out.trim().split('\n')).toHaveLength(1);
  });

  it('refuses a DEMO_PORT that is not a port, naming it', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'demo/server.ts'], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DEMO_PORT: 'eighty' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
    const code = await new Promise<number | null>((r) => child.once('exit', (c) => r(c)));
    expect(code).toBe(1);
    expect(err.trim()).toBe('DEMO_PORT must be a port number');
  });
});
