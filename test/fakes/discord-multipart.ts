// Lenient, streaming multipart/form-data parser for the fake Discord server.
// File parts (a part whose header carries a filename, or named files[n]) are only counted and
// hashed, never kept; other fields are kept as strings (payload_json and friends).
import { createHash, type Hash } from 'node:crypto';

export interface MultipartFile {
  name: string;
  filename: string;
  bytes: number;
  /** Extra: the SHA-256 of the file's bytes (hex), so a test can tell which file was uploaded without keeping it. */
  sha256: string;
  contentType?: string;
}

export interface MultipartResult {
  fields: Record<string, string>;
  files: MultipartFile[];
}

interface Part {
  name: string;
  filename?: string;
  contentType?: string;
  isFile: boolean;
  bytes: number;
  chunks: Buffer[];
  hash?: Hash;
}

export function boundaryOf(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const m = /boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m?.[1] ?? m?.[2];
}

function headerParam(header: string, key: string): string | undefined {
  // name="x" | name=x | name = "x"; also filename*=UTF-8''x
  const star = new RegExp(`(?:^|;)\\s*${key}\\*\\s*=\\s*(?:[^']*'[^']*')?([^;]+)`, 'i').exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      return star[1].trim();
    }
  }
  const m = new RegExp(`(?:^|;)\\s*${key}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`, 'i').exec(header);
  if (!m) return undefined;
  return (m[1] ?? m[2] ?? '').trim();
}

export class MultipartParser {
  private readonly delimiter: Buffer;
  // Prefix CRLF so the first boundary looks like every other one.
  private buf: Buffer = Buffer.from('\r\n');
  private state: 'preamble' | 'afterDelimiter' | 'headers' | 'body' | 'done' = 'preamble';
  private part: Part | undefined;
  readonly result: MultipartResult = { fields: {}, files: [] };

  constructor(boundary: string) {
    this.delimiter = Buffer.from(`\r\n--${boundary}`);
  }

  write(chunk: Buffer): void {
    if (this.state === 'done') return;
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    this.run();
  }

  end(): MultipartResult {
    // Lenient: a body without the closing delimiter still yields what was seen.
    if (this.state === 'body' && this.part) {
      this.emit(this.buf);
      this.buf = Buffer.alloc(0);
      this.finishPart();
    }
    this.state = 'done';
    return this.result;
  }

  private run(): void {
    for (;;) {
      switch (this.state) {
        case 'preamble': {
          const i = this.buf.indexOf(this.delimiter);
          if (i < 0) {
            this.keepTail();
            return;
          }
          this.buf = this.buf.subarray(i + this.delimiter.length);
          this.state = 'afterDelimiter';
          break;
        }
        case 'afterDelimiter': {
          if (this.buf.length < 2) return;
          if (this.buf[0] === 0x2d && this.buf[1] === 0x2d) {
            this.state = 'done';
            this.buf = Buffer.alloc(0);
            return;
          }
          const nl = this.buf.indexOf('\n');
          if (nl < 0) return;
          this.buf = this.buf.subarray(nl + 1);
          this.state = 'headers';
          break;
        }
        case 'headers': {
          let end = this.buf.indexOf('\r\n\r\n');
          let sep = 4;
          if (end < 0) {
            end = this.buf.indexOf('\n\n');
            sep = 2;
          }
          // Immediately empty header block (part with no headers).
          if (this.buf.subarray(0, 2).toString() === '\r\n') {
            end = 0;
            sep = 2;
          }
          if (end < 0) return;
          this.startPart(this.buf.subarray(0, end).toString('utf8'));
          this.buf = this.buf.subarray(end + sep);
          this.state = 'body';
          break;
        }
        case 'body': {
          const i = this.buf.indexOf(this.delimiter);
          if (i < 0) {
            const keep = this.delimiter.length - 1;
            if (this.buf.length > keep) {
              this.emit(this.buf.subarray(0, this.buf.length - keep));
              this.buf = Buffer.from(this.buf.subarray(this.buf.length - keep));
            }
            return;
          }
          this.emit(this.buf.subarray(0, i));
          this.finishPart();
          this.buf = this.buf.subarray(i + this.delimiter.length);
          this.state = 'afterDelimiter';
          break;
        }
        case 'done':
          return;
      }
    }
  }

  private keepTail(): void {
    const keep = this.delimiter.length - 1;
    if (this.buf.length > keep) this.buf = Buffer.from(this.buf.subarray(this.buf.length - keep));
  }

  private startPart(headerText: string): void {
    let name = '';
    let filename: string | undefined;
    let contentType: string | undefined;
    for (const line of headerText.split(/\r?\n/)) {
      const colon = line.indexOf(':');
      if (colon < 0) continue;
      const key = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      if (key === 'content-disposition') {
        name = headerParam(value, 'name') ?? '';
        filename = headerParam(value, 'filename');
      } else if (key === 'content-type') {
        contentType = value;
      }
    }
    const isFile = filename !== undefined || /^files?(\[\d+\])?$/.test(name);
    this.part = { name, filename, contentType, isFile, bytes: 0, chunks: [], ...(isFile ? { hash: createHash('sha256') } : {}) };
  }

  private emit(data: Buffer): void {
    if (!this.part || data.length === 0) return;
    this.part.bytes += data.length;
    if (!this.part.isFile) this.part.chunks.push(Buffer.from(data));
    else this.part.hash?.update(data);
  }

  private finishPart(): void {
    const p = this.part;
    this.part = undefined;
    if (!p) return;
    if (p.isFile) {
      const file: MultipartFile = { name: p.name, filename: p.filename ?? p.name, bytes: p.bytes, sha256: p.hash?.digest('hex') ?? '' };
      if (p.contentType) file.contentType = p.contentType;
      this.result.files.push(file);
    } else {
      this.result.fields[p.name] = Buffer.concat(p.chunks).toString('utf8');
    }
  }
}
