// Tiny PNG generator for fakes and tests: solid-colour 8-bit RGB images,
// optionally padded to an approximate byte size with an ancillary tEXt chunk.
import { deflateSync } from 'node:zlib';

export type Rgb = readonly [number, number, number];

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** Standard CRC-32 (as used by PNG and zlib). */
export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** One PNG chunk: length, type, data and its CRC. */
export function pngChunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

const IEND = pngChunk('IEND', Buffer.alloc(0));
const PAD_KEYWORD = Buffer.from('Comment\0', 'latin1');
const padCache = new Map<number, Buffer>();

/** A tEXt chunk whose total size (header + data + crc) is exactly `total` bytes (>= 20). */
function paddingChunk(total: number): Buffer {
  let cached = padCache.get(total);
  if (!cached) {
    const text = Buffer.alloc(total - 12 - PAD_KEYWORD.length, 0x2e); // '.'
    cached = pngChunk('tEXt', Buffer.concat([PAD_KEYWORD, text]));
    if (padCache.size > 8) padCache.clear();
    padCache.set(total, cached);
  }
  return cached;
}

export interface MakePngOptions {
  /** Pad the file up to about this many bytes (exact when larger than the unpadded PNG + 20). */
  padTo?: number;
}

/** A valid PNG of the given size filled with one colour (default a muted orange). */
export function makePng(width: number, height: number, rgb: Rgb = [200, 120, 60], opts: MakePngOptions = {}): Buffer {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new Error(`makePng: bad size ${width}x${height}`);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: truecolour RGB
  // compression, filter, interlace = 0
  const row = Buffer.alloc(1 + width * 3); // filter byte 0 + pixels
  for (let x = 0; x < width; x++) {
    row[1 + x * 3] = rgb[0] & 0xff;
    row[2 + x * 3] = rgb[1] & 0xff;
    row[3 + x * 3] = rgb[2] & 0xff;
  }
  const raw = Buffer.alloc(row.length * height);
  for (let y = 0; y < height; y++) row.copy(raw, y * row.length);
  const parts = [PNG_SIGNATURE, pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(raw))];
  const size = parts.reduce((n, b) => n + b.length, 0) + IEND.length;
  const missing = (opts.padTo ?? 0) - size;
  if (missing >= 12 + PAD_KEYWORD.length) parts.push(paddingChunk(missing));
  parts.push(IEND);
  return Buffer.concat(parts);
}

/** Width and height from a PNG's IHDR, or null when `buf` is not a PNG. */
export function readPngSize(buf: Uint8Array): { width: number; height: number } | null {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (b.length < 24 || !b.subarray(0, 8).equals(PNG_SIGNATURE) || b.toString('latin1', 12, 16) !== 'IHDR') {
    return null;
  }
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}
