// Images for the photo intake tests: real ones made with sharp, and the hostile files from
// issue 7 whose headers promise far more than their bytes hold.
import sharp, { type Sharp } from 'sharp';
import { deflateSync } from 'node:zlib';
import { PNG_SIGNATURE, pngChunk } from '../fakes/png.ts';

type Rgb = readonly [number, number, number];

function solid(width: number, height: number, rgb: Rgb): Sharp {
  return sharp({ create: { width, height, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } } });
}

/** A real JPEG of one colour; `orientation` writes an EXIF tag as a phone held sideways does. */
export function makeJpeg(width: number, height: number, rgb: Rgb = [200, 120, 60], o: { orientation?: number; description?: string } = {}): Promise<Buffer> {
  let image = solid(width, height, rgb).jpeg({ quality: 90 });
  if (o.orientation) image = image.withMetadata({ orientation: o.orientation });
  if (o.description) image = image.withExif({ IFD0: { ImageDescription: o.description } });
  return image.toBuffer();
}

export function makeWebp(width: number, height: number, rgb: Rgb = [200, 120, 60]): Promise<Buffer> {
  return solid(width, height, rgb).webp().toBuffer();
}

export function makeGif(width: number, height: number): Promise<Buffer> {
  return solid(width, height, [10, 20, 30]).gif().toBuffer();
}

/** A PNG whose pixels are noise, so its image data is long enough to be cut short. */
export function makeNoisyPng(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 30 } } })
    .png()
    .toBuffer();
}

/** Width, height and format of an encoded image, read by decoding it. */
export async function sizeOf(bytes: Uint8Array): Promise<{ format: string | undefined; width: number; height: number }> {
  const { format, width, height } = await sharp(bytes).metadata();
  return { format, width, height };
}

/** The format, width and mean colour of an encoded image (its colour, for a solid one). */
export async function decodedColour(bytes: Uint8Array): Promise<{ format: string | undefined; width: number; rgb: number[] }> {
  const image = sharp(bytes);
  const [{ format, width }, { channels }] = await Promise.all([image.metadata(), image.stats()]);
  return { format, width, rgb: channels.slice(0, 3).map((c) => c.mean) };
}

/** 69 bytes that declare a 100000×100000 PNG: a valid header and almost no image data. */
export function pngDeclaring100000Squared(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(100_000, 0);
  ihdr.writeUInt32BE(100_000, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  // Four zero bytes deflate to exactly 12 bytes, which brings the file to 69.
  return Buffer.concat([PNG_SIGNATURE, pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(Buffer.alloc(4))), pngChunk('IEND', Buffer.alloc(0))]);
}

/** 23 bytes: start of image, a baseline frame header for 65535×65535, end of image. */
export function jpegDeclaring65535Squared(): Buffer {
  // prettier-ignore
  return Buffer.from([
    0xff, 0xd8, // SOI
    0xff, 0xc0, 0x00, 0x11, 0x08, 0xff, 0xff, 0xff, 0xff, 0x03, // SOF0: 8 bit, 65535 × 65535, 3 components
    0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01,
    0xff, 0xd9, // EOI
  ]);
}

/** 40 bytes: a WebP whose VP8X header declares a 16777216×16777216 canvas, and an empty frame. */
export function webpDeclaring16MSquared(): Buffer {
  const b = Buffer.alloc(40);
  b.write('RIFF', 0, 'latin1');
  b.writeUInt32LE(b.length - 8, 4);
  b.write('WEBPVP8X', 8, 'latin1');
  b.writeUInt32LE(10, 16);
  b.writeUIntLE(0xffffff, 24, 3); // canvas width − 1
  b.writeUIntLE(0xffffff, 27, 3); // canvas height − 1
  b.write('VP8 ', 30, 'latin1');
  b.writeUInt32LE(2, 34);
  return b;
}
