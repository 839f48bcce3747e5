// Small node:http helpers shared by the fake image services (Apiframe, aiphotogenerator.net).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MultipartPart } from './multipart.ts';

const MAX_BODY_BYTES = 128 * 1024 * 1024;
const CHUNK_BYTES = 64 * 1024;

/** A server listening on a free loopback port, for a fake to attach its handler to. */
export async function listenOnLoopback(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return { server, port: (server.address() as AddressInfo).port };
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Apiframe's 400 shape: {"errors":[{"msg": ...}]}. */
export function sendError(res: ServerResponse, msg: string): void {
  sendJson(res, 400, { errors: [{ msg }] });
}

/** Read the whole request body (anything past 128 MB is drained and dropped). */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** What FakeApiframe.requests records as `body`: parsed JSON, a multipart summary, raw text or undefined. */
export function describeBody(raw: Buffer, contentType: string, multipart: MultipartPart[] | null): unknown {
  if (multipart) {
    return {
      fields: Object.fromEntries(multipart.filter((p) => p.filename === undefined).map((p) => [p.name, p.data.toString('utf8')])),
      files: multipart
        .filter((p) => p.filename !== undefined)
        .map((p) => ({ field: p.name, filename: p.filename, contentType: p.contentType, size: p.data.length })),
    };
  }
  if (raw.length === 0) return undefined;
  const text = raw.toString('utf8');
  if (!/json/i.test(contentType)) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Write a buffer in 64 KiB chunks, honouring backpressure; stops quietly if the client goes away. */
export async function writeChunked(res: ServerResponse, buf: Buffer): Promise<void> {
  for (let off = 0; off < buf.length && !res.destroyed; off += CHUNK_BYTES) {
    if (!res.write(buf.subarray(off, off + CHUNK_BYTES))) {
      await new Promise<void>((resolve) => {
        const done = (): void => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    }
  }
  res.end();
}

/** POST a webhook body as JSON; resolves with the HTTP status or 'error' (never rejects). */
export async function postWebhook(
  url: string,
  body: unknown,
  secret: string | undefined,
  bound: { closing: AbortSignal; timeoutMs: number },
): Promise<number | 'error'> {
  const timeout = AbortSignal.timeout(bound.timeoutMs);
  // Listened to, the timeout is kept alive: inside AbortSignal.any alone, Node 20 may collect it and never fire (nodejs/node#57736).
  timeout.addEventListener('abort', () => undefined, { once: true });
  const signal = AbortSignal.any([bound.closing, timeout]);
  try {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (secret !== undefined) headers['x-webhook-secret'] = secret;
    const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body), signal });
    await res.arrayBuffer().catch(() => undefined);
    return res.status;
  } catch {
    return 'error';
  }
}
