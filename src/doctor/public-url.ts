import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { networkCode } from '../startup/network.ts';
import { fail, pass, type CheckResult } from './checklist.ts';

const NAME = 'PUBLIC_URL';
const LOCAL = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Why a public URL cannot carry webhooks, or undefined when it can: HTTPS, or http on this machine only. */
export function publicUrlProblem(url: string): string | undefined {
  const parsed = new URL(url);
  if (parsed.protocol === 'https:') return undefined;
  if (parsed.protocol === 'http:' && LOCAL.has(parsed.hostname)) return undefined;
  return `${url} is not HTTPS: the image services post webhooks and fetch images there, so give it an https:// address (a reverse proxy with a certificate in front of PORT); http is only for 127.0.0.1 or localhost`;
}

/** Serves GET /healthz with a nonce on HOST:PORT while the bot is not running, or undefined when the port is taken (the bot runs). */
async function standIn(host: string, port: number, nonce: string): Promise<Server | undefined> {
  const server = createServer((req, res) => {
    const ok = (req.url ?? '').split('?')[0] === '/healthz';
    res.writeHead(ok ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(ok ? { ok: true, doctor: nonce } : {}));
  });
  return new Promise((resolve) => {
    server.once('error', () => resolve(undefined));
    server.listen(port, host, () => resolve(server));
  });
}

/**
 * PUBLIC_URL is HTTPS and answers GET /healthz. When the bot is not running, the doctor answers on
 * HOST:PORT itself, so the check proves the address (DNS, proxy, certificate) reaches this port.
 */
export async function checkPublicUrl(o: { publicUrl: string; host: string; port: number; timeoutMs: number }): Promise<CheckResult> {
  const problem = publicUrlProblem(o.publicUrl);
  if (problem) return fail(NAME, problem);
  const nonce = randomUUID();
  const server = o.port === 0 ? undefined : await standIn(o.host, o.port, nonce);
  const target = `${o.publicUrl}/healthz`;
  try {
    const res = await fetch(target, { signal: AbortSignal.timeout(o.timeoutMs), redirect: 'manual' });
    const body = (await res.json().catch(() => undefined)) as { ok?: unknown; doctor?: unknown } | undefined;
    if (res.status !== 200 || body?.ok !== true) {
      return fail(NAME, `${target} answered HTTP ${res.status}, not the bot's health: make the reverse proxy forward ${o.publicUrl} to this bot's HOST:PORT (${o.host}:${o.port})`);
    }
    if (!server) return pass(NAME, `${target} answers (the bot is running)`);
    if (body.doctor !== nonce) return fail(NAME, `${target} is answered by another server, not this machine's port ${o.port}: point the reverse proxy at PORT`);
    return pass(NAME, `${target} reaches this machine's port ${o.port}`);
  } catch (err) {
    const code = networkCode(err) ?? (err as Error).message;
    return fail(NAME, `${target} could not be reached (${code}): check the address's DNS, the reverse proxy in front of PORT and its certificate`);
  } finally {
    if (server) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  }
}
