// HTTP plumbing for the fake Telegram server: bounded body reading and Bot API parameter parsing.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parseMultipart } from './multipart.ts';
import type { MultipartPart } from './multipart.ts';

export interface BodyRead { body: Buffer; size: number; overflow: boolean }

/** Read a request body, keeping at most `limit` bytes but always draining (and counting) the rest. */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let overflow = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        overflow = true;
        chunks.length = 0;
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve({ body: overflow ? Buffer.alloc(0) : Buffer.concat(chunks), size, overflow }));
    req.on('error', reject);
    req.on('aborted', () => reject(new Error('request aborted')));
  });
}

const NUMERIC = new Set([
  'chat_id', 'message_id', 'user_id', 'offset', 'limit', 'timeout', 'reply_to_message_id', 'cache_time', 'from_chat_id',
  'message_thread_id', 'width', 'height', 'duration',
]);
const JSONISH = new Set([
  'reply_markup', 'reply_parameters', 'media', 'entities', 'caption_entities', 'allowed_updates', 'commands', 'scope',
  'link_preview_options',
]);

/** Coerce one form/query field the way the Bot API reads it. */
export function coerceField(key: string, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (JSONISH.has(key)) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  if (NUMERIC.has(key) && /^-?\d+$/.test(value)) return Number(value);
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
}

export interface ParsedParams { params: Record<string, any>; files: Map<string, MultipartPart>; error?: string }

/** Parameters from the query string and a JSON, urlencoded or multipart body. */
export function parseParams(url: URL, contentType: string | undefined, body: Buffer): ParsedParams {
  const raw: Record<string, unknown> = {};
  const files = new Map<string, MultipartPart>();
  for (const [k, v] of url.searchParams) raw[k] = v;
  const ct = (contentType ?? '').toLowerCase();
  if (body.length > 0) {
    if (ct.startsWith('application/json')) {
      try {
        const j: unknown = JSON.parse(body.toString('utf8'));
        if (j && typeof j === 'object' && !Array.isArray(j)) Object.assign(raw, j);
      } catch {
        return { params: raw, files, error: "Bad Request: can't parse JSON object" };
      }
    } else if (ct.startsWith('multipart/')) {
      for (const part of parseMultipart(body, contentType ?? '')) {
        files.set(part.name, part);
        if (part.filename === undefined) raw[part.name] = part.data.toString('utf8');
      }
    } else if (ct.startsWith('application/x-www-form-urlencoded')) {
      for (const [k, v] of new URLSearchParams(body.toString('utf8'))) raw[k] = v;
    }
  }
  const params: Record<string, any> = {};
  for (const [k, v] of Object.entries(raw)) params[k] = coerceField(k, v);
  return { params, files };
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.writableEnded || res.destroyed) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** One line describing a call for timeout messages. */
export function describeCall(c: { method: string; params: Record<string, unknown>; response: { ok: boolean; error_code?: number; description?: string } }): string {
  let p = JSON.stringify(c.params) ?? '';
  if (p.length > 160) p = p.slice(0, 157) + '...';
  const r = c.response.ok ? 'ok' : `${c.response.error_code ?? ''} ${c.response.description ?? ''}`.trim();
  return `${c.method} ${p} -> ${r}`;
}
