// Ten stand-in portraits for trying AI Photos without real faces. The intake decodes each photo
// (sharp), wants at least 512 px on each side and refuses a file it already has, so each picture
// looks a little different and carries its own number; the fake Apiframe trains on anything.
import { deflateSync } from 'node:zlib';
import { PNG_SIGNATURE, pngChunk } from '../test/fakes/png.ts';

const SIDE = 512;
let made = 0;

/** `count` distinct PNG portraits (a face on a coloured background), SIDE × SIDE. */
export function samplePortraits(count = 10): Buffer[] {
  return Array.from({ length: count }, () => portrait(made++));
}

function portrait(n: number): Buffer {
  const hue = (n * 47) % 360;
  const background = hsl(hue, 0.45, 0.72);
  const skin = hsl(20 + ((n * 13) % 20), 0.45, 0.55 + ((n * 7) % 20) / 100);
  const hair = hsl((n * 83) % 360, 0.35, 0.18 + ((n * 5) % 15) / 100);
  const shirt = hsl((hue + 180) % 360, 0.5, 0.4);
  const dark: Rgb = [30, 30, 40];
  // Small shifts per picture, so no two are the same even after re-encoding.
  const cx = SIDE / 2 + ((n % 7) - 3) * 6;
  const cy = SIDE * 0.44 + ((n % 5) - 2) * 5;
  const rx = 110 + (n % 4) * 6;
  const ry = 140;
  const row = 1 + SIDE * 3;
  const raw = Buffer.alloc(row * SIDE);
  for (let y = 0; y < SIDE; y++) {
    raw[y * row] = 0; // filter: none
    for (let x = 0; x < SIDE; x++) {
      let c = background;
      const fx = (x - cx) / rx;
      const fy = (y - cy) / ry;
      const inFace = fx * fx + fy * fy <= 1;
      const shoulders = y > cy + ry * 0.9 && ((x - cx) / (rx * 2)) ** 2 + ((y - SIDE) / (SIDE - cy - ry * 0.6)) ** 2 <= 1;
      if (shoulders) c = shirt;
      const hx = (x - cx) / (rx * 1.12);
      const hy = (y - (cy - ry * 0.12)) / (ry * 1.1);
      if (hx * hx + hy * hy <= 1 && (y < cy - ry * 0.45 || !inFace)) c = hair;
      if (inFace && y >= cy - ry * 0.45) c = skin;
      for (const ex of [cx - rx * 0.38, cx + rx * 0.38]) {
        if ((x - ex) ** 2 + (y - (cy - ry * 0.1)) ** 2 <= 13 ** 2) c = dark;
      }
      const my = (y - (cy + ry * 0.45)) / 18;
      const mx = (x - cx) / (rx * 0.45);
      if (inFace && mx * mx + my * my <= 1 && y > cy + ry * 0.45) c = [150, 60, 60];
      const at = y * row + 1 + x * 3;
      raw[at] = c[0];
      raw[at + 1] = c[1];
      raw[at + 2] = c[2];
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIDE, 0);
  ihdr.writeUInt32BE(SIDE, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour RGB
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(raw)), pngChunk('tEXt', Buffer.from(`Comment\0framebot demo sample ${n}`, 'latin1')), pngChunk('IEND', Buffer.alloc(0))]);
}

type Rgb = readonly [number, number, number];

function hsl(h: number, s: number, l: number): Rgb {
  const a = s * Math.min(l, 1 - l);
  const f = (k: number) => {
    const t = (k + h / 30) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(t - 3, 9 - t, 1))));
  };
  return [f(0), f(8), f(4)];
}
