import type { Metadata, default as SharpLibrary } from 'sharp';
import type { NormalizedPhoto, PhotoDecoder, PhotoLimits, PhotoRefusal } from '../core/photo-decoder.ts';

/** What Apiframe trains on. Every other libvips loader (SVG, TIFF, GIF, HEIF, …) is blocked below. */
const FORMATS = new Set(['jpeg', 'png', 'webp']);
const LOADERS = ['VipsForeignLoadJpegBuffer', 'VipsForeignLoadPngBuffer', 'VipsForeignLoadWebpBuffer'];
const JPEG_QUALITY = 90;

type Sharp = typeof SharpLibrary;
let loaded: Promise<Sharp> | undefined;

/**
 * sharp (libvips) is loaded with the first photo, not at start: a bot nobody sends photos to
 * keeps its ~25 MiB. Its process-wide settings are made once, as it loads: bytes from strangers
 * never reach a loader we do not accept (less parser surface, no SVG that could reference
 * files), and nothing is cached, since each photo is decoded once.
 */
function library(): Promise<Sharp> {
  loaded ??= import('sharp').then(({ default: sharp }) => {
    sharp.block({ operation: ['VipsForeignLoad'] });
    sharp.unblock({ operation: LOADERS });
    sharp.cache(false);
    return sharp;
  });
  return loaded;
}

/** Photos decoded with sharp (libvips), off the event loop on libuv's thread pool. */
export class SharpPhotoDecoder implements PhotoDecoder {
  async normalize(bytes: Uint8Array, limits: PhotoLimits): Promise<NormalizedPhoto | PhotoRefusal> {
    const sharp = await library();
    let header: Metadata;
    try {
      // Header only, uncapped, so an absurd size is refused with its numbers rather than an error.
      header = await sharp(bytes, { limitInputPixels: false }).metadata();
    } catch (err) {
      const unknown = /unsupported image format|empty/i.test(err instanceof Error ? err.message : '');
      return { ok: false, problem: unknown ? 'not_a_photo' : 'unreadable' };
    }
    if (!FORMATS.has(header.format)) return { ok: false, problem: 'not_a_photo' };
    const { width, height } = header.autoOrient;
    if (width * height > limits.maxPixels) return { ok: false, problem: 'too_large', width, height };
    if (Math.min(width, height) < limits.minSide) return { ok: false, problem: 'too_small', width, height };
    try {
      const { data, info } = await sharp(bytes, {
        limitInputPixels: limits.maxPixels,
        // 'error' includes truncated data; 'warning' would also refuse common harmless quirks
        // such as a PNG's slightly wrong sRGB profile.
        failOn: 'error',
        autoOrient: true,
      })
        .resize({ width: limits.maxSide, height: limits.maxSide, fit: 'inside', withoutEnlargement: true })
        .flatten({ background: '#ffffff' })
        // Re-encoding also leaves metadata (camera, place taken) behind before the photo leaves us.
        .jpeg({ quality: JPEG_QUALITY })
        .toBuffer({ resolveWithObject: true });
      return { ok: true, bytes: data, contentType: 'image/jpeg', width: info.width, height: info.height };
    } catch {
      return { ok: false, problem: 'unreadable' };
    }
  }
}
