// Lenient multipart/form-data parser for the fake servers.
//
// Real clients are sloppy in ways Node's `Response.formData()` rejects: grammY writes part
// headers without a space after the colon (`content-disposition:form-data;name="x"`) and an
// unquoted filename (`filename=photo.jpg`). This parser accepts those, CRLF or bare LF line
// endings, quoted or unquoted boundaries, RFC 5987 `filename*=` and a missing final delimiter.

export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

/** The boundary from a `multipart/form-data; boundary=...` content type, or null. */
export function multipartBoundary(contentType: string | undefined): string | null {
  if (!contentType || !/^\s*multipart\//i.test(contentType)) return null;
  const m = /;\s*boundary\s*=\s*(?:"([^"]*)"|([^;\s]+))/i.exec(contentType);
  const b = m ? (m[1] ?? m[2]) : undefined;
  return b ? b : null;
}

/** Parameters of a header value such as `form-data; name="a"; filename=b.jpg`. */
export function headerParams(value: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /;\s*([A-Za-z0-9_.*-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g;
  for (const m of (';' + value).matchAll(re)) {
    const key = m[1]!.toLowerCase();
    let v = m[2]!.trim();
    if (v.startsWith('"')) v = v.slice(1, -1).replace(/\\(.)/g, '$1');
    if (key.endsWith('*')) {
      // RFC 5987: charset'lang'percent-encoded
      const ext = /^[^']*'[^']*'(.*)$/.exec(v);
      try {
        out.set(key.slice(0, -1), decodeURIComponent(ext ? ext[1]! : v));
      } catch {
        out.set(key.slice(0, -1), v);
      }
      continue;
    }
    if (!out.has(key)) out.set(key, v);
  }
  return out;
}

function lineBreakAt(buf: Buffer, pos: number): number {
  if (buf[pos] === 0x0d && buf[pos + 1] === 0x0a) return 2;
  if (buf[pos] === 0x0a) return 1;
  return 0;
}

/** Index of the blank line ending the part headers and the length of that separator. */
function headerEnd(part: Buffer): { at: number; len: number } | null {
  const crlf = part.indexOf('\r\n\r\n');
  const lf = part.indexOf('\n\n');
  if (crlf >= 0 && (lf < 0 || crlf <= lf)) return { at: crlf, len: 4 };
  if (lf >= 0) return { at: lf, len: 2 };
  return null;
}

/**
 * Split a multipart body into parts. Parts without a `name` are skipped; a body that is not
 * multipart (no boundary in `contentType`) gives an empty list.
 */
export function parseMultipart(body: Buffer, contentType: string): MultipartPart[] {
  const boundary = multipartBoundary(contentType);
  if (!boundary) return [];
  const delim = Buffer.from('--' + boundary, 'latin1');
  const parts: MultipartPart[] = [];
  let pos = body.indexOf(delim);
  if (pos < 0) return parts;
  pos += delim.length;
  while (pos < body.length) {
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) break; // closing "--"
    while (body[pos] === 0x20 || body[pos] === 0x09) pos++; // transport padding
    pos += lineBreakAt(body, pos);
    // The part ends at the next delimiter preceded by a line break (CRLF, or LF when lenient).
    let next = body.indexOf(delim, pos);
    while (next >= 0 && next > pos && body[next - 1] !== 0x0a) next = body.indexOf(delim, next + 1);
    const end = next < 0 ? body.length : next;
    let chunk = body.subarray(pos, end);
    if (next >= 0) {
      if (chunk.length >= 2 && chunk[chunk.length - 2] === 0x0d && chunk[chunk.length - 1] === 0x0a) chunk = chunk.subarray(0, -2);
      else if (chunk.length >= 1 && chunk[chunk.length - 1] === 0x0a) chunk = chunk.subarray(0, -1);
    }
    const he = headerEnd(chunk);
    const headerText = (he ? chunk.subarray(0, he.at) : chunk).toString('utf8');
    const data = he ? chunk.subarray(he.at + he.len) : Buffer.alloc(0);
    const headers = new Map<string, string>();
    for (const line of headerText.split(/\r?\n/)) {
      const i = line.indexOf(':');
      if (i > 0) headers.set(line.slice(0, i).trim().toLowerCase(), line.slice(i + 1).trim());
    }
    const disposition = headers.get('content-disposition');
    if (disposition) {
      const params = headerParams(disposition);
      const name = params.get('name');
      if (name !== undefined) {
        const part: MultipartPart = { name, data: Buffer.from(data) };
        const filename = params.get('filename');
        if (filename !== undefined) part.filename = filename;
        const ct = headers.get('content-type');
        if (ct) part.contentType = ct;
        parts.push(part);
      }
    }
    if (next < 0) break;
    pos = next + delim.length;
  }
  return parts;
}
