// A small, lenient multipart/form-data parser for the fake servers.
// Accepts CRLF or bare LF line endings and a missing closing delimiter.

export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

export function multipartBoundary(contentType: string | undefined): string | null {
  if (!contentType || !/^multipart\/form-data/i.test(contentType)) return null;
  const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

function skipLineBreak(buf: Buffer, pos: number): number {
  if (buf[pos] === 0x0d && buf[pos + 1] === 0x0a) return pos + 2;
  if (buf[pos] === 0x0a) return pos + 1;
  return pos;
}

function stripTrailingLineBreak(buf: Buffer): Buffer {
  if (buf.length >= 2 && buf[buf.length - 2] === 0x0d && buf[buf.length - 1] === 0x0a) return buf.subarray(0, -2);
  if (buf.length >= 1 && buf[buf.length - 1] === 0x0a) return buf.subarray(0, -1);
  return buf;
}

function parseHeaders(text: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const i = line.indexOf(':');
    if (i > 0) headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
  }
  return headers;
}

function dispositionParam(disposition: string, key: string): string | undefined {
  const m = new RegExp(`(?:^|;)\\s*${key}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`, 'i').exec(disposition);
  if (!m) return undefined;
  return m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2]?.trim();
}

/** Parse a multipart body; returns null when the content type has no boundary or no part is found. */
export function parseMultipart(body: Buffer, contentType: string | undefined): MultipartPart[] | null {
  const boundary = multipartBoundary(contentType);
  if (!boundary) return null;
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  let pos = body.indexOf(delimiter);
  if (pos < 0) return null;
  const parts: MultipartPart[] = [];
  for (;;) {
    let start = pos + delimiter.length;
    if (body[start] === 0x2d && body[start + 1] === 0x2d) break; // closing "--"
    start = skipLineBreak(body, start);
    const next = body.indexOf(delimiter, start);
    const raw = stripTrailingLineBreak(body.subarray(start, next < 0 ? body.length : next));
    let headerEnd = raw.indexOf('\r\n\r\n');
    let sepLen = 4;
    if (headerEnd < 0) {
      headerEnd = raw.indexOf('\n\n');
      sepLen = 2;
    }
    if (headerEnd >= 0) {
      const headers = parseHeaders(raw.subarray(0, headerEnd).toString('utf8'));
      const disposition = headers.get('content-disposition') ?? '';
      const name = dispositionParam(disposition, 'name');
      if (name !== undefined) {
        const part: MultipartPart = { name, data: raw.subarray(headerEnd + sepLen) };
        const filename = dispositionParam(disposition, 'filename');
        if (filename !== undefined) part.filename = filename;
        const type = headers.get('content-type');
        if (type !== undefined) part.contentType = type;
        parts.push(part);
      }
    }
    if (next < 0) break;
    pos = next;
  }
  return parts.length > 0 ? parts : null;
}
