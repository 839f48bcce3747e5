// Media helpers for the fake Telegram server: image sniffing and fetching files by URL the way
// Telegram does for `sendPhoto`/`sendDocument` with an http(s) URL.
import http from 'node:http';
import https from 'node:https';

export type ImageKind = 'png' | 'jpeg' | 'gif' | 'webp' | 'bmp';

/** The image format recognised from the first bytes, or null. */
export function sniffImage(b: Buffer): ImageKind | null {
  if (b.length >= 8 && b.readUInt32BE(0) === 0x89504e47 && b.readUInt32BE(4) === 0x0d0a1a0a) return 'png';
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 6 && /^GIF8[79]a$/.test(b.toString('latin1', 0, 6))) return 'gif';
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  if (b.length >= 26 && b.toString('latin1', 0, 2) === 'BM') return 'bmp';
  return null;
}

/** Width and height of a PNG, JPEG, GIF, WebP or BMP image when they can be read. */
export function imageSize(b: Buffer): { width: number; height: number } | null {
  const kind = sniffImage(b);
  try {
    if (kind === 'png' && b.length >= 24) return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
    if (kind === 'gif' && b.length >= 10) return { width: b.readUInt16LE(6), height: b.readUInt16LE(8) };
    if (kind === 'bmp') return { width: Math.abs(b.readInt32LE(18)), height: Math.abs(b.readInt32LE(22)) };
    if (kind === 'webp' && b.length >= 30) {
      const fourcc = b.toString('latin1', 12, 16);
      if (fourcc === 'VP8X') return { width: 1 + b.readUIntLE(24, 3), height: 1 + b.readUIntLE(27, 3) };
      if (fourcc === 'VP8 ') return { width: b.readUInt16LE(26) & 0x3fff, height: b.readUInt16LE(28) & 0x3fff };
      if (fourcc === 'VP8L') {
        const bits = b.readUInt32LE(21);
        return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
      }
    }
    if (kind === 'jpeg') {
      let i = 2;
      while (i + 9 < b.length) {
        if (b[i] !== 0xff) { i++; continue; }
        const marker = b[i + 1]!;
        if (marker === 0xff) { i++; continue; }
        if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) { i += 2; continue; }
        const len = b.readUInt16BE(i + 2);
        const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
        if (isSof) return { width: b.readUInt16BE(i + 7), height: b.readUInt16BE(i + 5) };
        i += 2 + len;
      }
    }
  } catch {
    return null;
  }
  return null;
}

export interface FetchedUrl {
  ok: boolean;
  /** Why the fetch failed (for debugging; Telegram itself says only "failed to get HTTP URL content"). */
  reason?: string;
  status?: number;
  contentType?: string;
  bytes?: Buffer;
  /** The body was larger than `maxBytes`. */
  tooBig?: boolean;
}

/**
 * GET an http(s) URL with a timeout and a size cap, following up to 5 redirects. Uses a fresh
 * connection (no keep-alive) so it never holds other test servers open.
 */
export function fetchUrl(url: string, opts: { timeoutMs: number; maxBytes: number; signal?: AbortSignal }, redirects = 5): Promise<FetchedUrl> {
  return new Promise((resolve) => {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      resolve({ ok: false, reason: 'invalid URL' });
      return;
    }
    const mod = u.protocol === 'https:' ? https : u.protocol === 'http:' ? http : null;
    if (!mod) {
      resolve({ ok: false, reason: `unsupported protocol ${u.protocol}` });
      return;
    }
    let settled = false;
    const finish = (r: FetchedUrl) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      resolve(r);
    };
    const req = mod.get(u, { agent: false, headers: { 'user-agent': 'TelegramBot (like TwitterBot)', accept: '*/*' } }, (res) => {
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (status >= 300 && status < 400 && location) {
        res.resume();
        req.destroy();
        if (redirects <= 0) return finish({ ok: false, status, reason: 'too many redirects' });
        void fetchUrl(new URL(location, u).toString(), opts, redirects - 1).then(finish);
        return;
      }
      const contentType = res.headers['content-type'];
      if (status < 200 || status >= 300) {
        res.resume();
        req.destroy();
        return finish({ ok: false, status, reason: `HTTP ${status}`, ...(contentType ? { contentType } : {}) });
      }
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > opts.maxBytes) {
        req.destroy();
        return finish({ ok: false, status, tooBig: true, reason: `content-length ${declared} > ${opts.maxBytes}` });
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > opts.maxBytes) {
          req.destroy();
          finish({ ok: false, status, tooBig: true, reason: `body over ${opts.maxBytes} bytes` });
          return;
        }
        chunks.push(c);
      });
      res.on('end', () => finish({ ok: true, status, bytes: Buffer.concat(chunks), ...(contentType ? { contentType } : {}) }));
      res.on('error', (e) => finish({ ok: false, status, reason: String(e) }));
      res.on('aborted', () => finish({ ok: false, status, reason: 'response aborted' }));
    });
    req.on('error', (e) => finish({ ok: false, reason: String(e) }));
    const timer = setTimeout(() => {
      req.destroy();
      finish({ ok: false, reason: `timed out after ${opts.timeoutMs} ms` });
    }, opts.timeoutMs);
    const onAbort = () => {
      req.destroy();
      finish({ ok: false, reason: 'aborted' });
    };
    opts.signal?.addEventListener('abort', onAbort);
  });
}

/** Default extension for a mime type or a sniffed image kind. */
export function extensionFor(mime: string | undefined, kind: ImageKind | null): string {
  if (kind) return kind === 'jpeg' ? 'jpg' : kind;
  const m = (mime ?? '').toLowerCase();
  if (m.includes('pdf')) return 'pdf';
  if (m.includes('zip')) return 'zip';
  if (m.startsWith('text/')) return 'txt';
  if (m.includes('json')) return 'json';
  return 'dat';
}

/** A mime type guessed from a file name. */
export function mimeFromName(name: string): string {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  switch (ext) {
    case 'png': return 'image/png';
    case 'jpg': case 'jpeg': return 'image/jpeg';
    case 'gif': return 'image/gif';
    case 'webp': return 'image/webp';
    case 'pdf': return 'application/pdf';
    case 'zip': return 'application/zip';
    case 'txt': return 'text/plain';
    case 'json': return 'application/json';
    case 'mp4': return 'video/mp4';
    default: return 'application/octet-stream';
  }
}
