// The demo's web server: the chat page (demo/page/) and, under /api, the fake Telegram's chat API,
// with ten sample portraits to send (training AI Photos needs ten faces).
// Bound to 127.0.0.1 only: it lets anyone who reaches it talk to the bot as the demo user.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FakeTelegram, TgChat, TgUser } from '../test/fakes/telegram.ts';
import { TelegramChatApi } from '../test/fakes/telegram-chat-api.ts';
import { samplePortraits } from './sample-photos.ts';

const PAGE_DIR = join(import.meta.dirname, 'page');
const PAGE_FILES: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/chat.js': { file: 'chat.js', type: 'text/javascript; charset=utf-8' },
  '/chat.css': { file: 'chat.css', type: 'text/css; charset=utf-8' },
};
/** The page loads only its own files and talks only to this server; nothing it shows can run script. */
const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

export interface DemoWebOptions {
  telegram: FakeTelegram;
  user: TgUser;
  chats: TgChat[];
  /** 0 for any free port. */
  port: number;
  /** When `port` is taken, listen on any free port instead of failing. */
  fallbackToFreePort: boolean;
}

export interface DemoWeb {
  url: string;
  port: number;
  api: TelegramChatApi;
  close(): Promise<void>;
}

export async function startDemoWeb(opts: DemoWebOptions): Promise<DemoWeb> {
  const api = new TelegramChatApi(opts.telegram, { user: opts.user, chats: opts.chats, samplePhotos: () => samplePortraits(10) });
  // Read once: the page is three small files.
  const page = Object.fromEntries(Object.entries(PAGE_FILES).map(([path, f]) => [path, { body: readFileSync(join(PAGE_DIR, f.file)), type: f.type }]));
  const server = http.createServer((req, res) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    void route(req, res).catch((err: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(err instanceof Error ? err.message : String(err));
      } else res.destroy();
    });
  });

  async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    const refusal = foreign(req);
    if (refusal) {
      req.resume();
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(refusal);
      return;
    }
    if (await api.handle(req, res)) return;
    const file = page[path];
    if (file && (req.method === 'GET' || req.method === 'HEAD')) {
      res.writeHead(200, { 'content-type': file.type, 'content-length': file.body.length, 'cache-control': 'no-cache' });
      res.end(req.method === 'HEAD' ? undefined : file.body);
      return;
    }
    req.resume();
    if (path === '/favicon.ico') {
      res.writeHead(204);
      res.end();
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('not found');
  }

  const port = await listen(server, opts.port, opts.fallbackToFreePort);
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    api,
    async close() {
      api.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

const LOCAL_HOST = /^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/i;

/**
 * Why a request does not come from this page, if it does not: another site's page in the same
 * browser may not send as the user (its POSTs carry its own Origin), nor read the chat through a
 * name of its own that points here (DNS rebinding: its Host is not a local one). curl sends neither.
 */
function foreign(req: http.IncomingMessage): string | undefined {
  const host = req.headers.host ?? '';
  if (!LOCAL_HOST.test(host)) return 'this page answers only as 127.0.0.1 or localhost';
  const origin = req.headers.origin;
  if (req.method !== 'GET' && req.method !== 'HEAD' && origin !== undefined && origin !== `http://${host}`) return 'only this page may act here';
  return undefined;
}

function listen(server: http.Server, port: number, fallback: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE' && fallback && port !== 0) {
        server.listen(0, '127.0.0.1');
        return;
      }
      server.off('listening', onListening);
      reject(err.code === 'EADDRINUSE' ? new Error(`port ${port} is in use: set DEMO_PORT to another port, or to 0 for any free one`) : err);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.on('error', onError);
    server.once('listening', onListening);
    server.listen(port, '127.0.0.1');
  });
}
