/**
 * What AI Photos needs from an image library. The core owns this port so it decides what a photo
 * is by its content without depending on a codec; the composition root supplies one.
 */
export interface PhotoLimits {
  /** Refuse before decoding when the declared width × height is larger. */
  maxPixels: number;
  /** Refuse when the shorter side is smaller. */
  minSide: number;
  /** Scale down so that neither side is longer. */
  maxSide: number;
}

/** A photo decoded, turned upright and re-encoded: what is stored and uploaded. */
export interface NormalizedPhoto {
  ok: true;
  bytes: Uint8Array;
  contentType: 'image/jpeg';
  width: number;
  height: number;
}

export type PhotoRefusal =
  | { ok: false; problem: 'not_a_photo' | 'unreadable' }
  | { ok: false; problem: 'too_small' | 'too_large'; width: number; height: number };

export interface PhotoDecoder {
  /**
   * Decodes `bytes` by what they contain (never a declared type or name), fully, so damaged or
   * truncated data is refused; sizes are as the photo is viewed (EXIF orientation applied).
   */
  normalize(bytes: Uint8Array, limits: PhotoLimits): Promise<NormalizedPhoto | PhotoRefusal>;
}
