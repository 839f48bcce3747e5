import type { CommandContext } from '../src/core/command.ts';
import type { IncomingAttachment } from '../src/core/chat.ts';
import { UserError } from '../src/core/errors.ts';

/** Apiframe's /upload takes files up to 2 MB. */
export const UPLOAD_MAX_BYTES = 2 * 1024 * 1024;
/** What Midjourney reads as an image (image prompts, /describe). */
export const IMAGE_TYPES = /^image\/(png|jpe?g|webp|gif)$/i;

/** Whether a file declares itself an image Midjourney can read; the image service checks the bytes. */
export function isImage(file: IncomingAttachment): boolean {
  return Boolean(file.contentType && IMAGE_TYPES.test(file.contentType));
}

/**
 * A URL of the attached image that Apiframe can fetch: the platform's own when it is public
 * (Discord's CDN), else a copy uploaded through Apiframe's /upload. A Telegram file URL carries the
 * bot token, so it is never handed over: its bytes are downloaded and uploaded instead.
 */
export async function publicImageUrl(ctx: CommandContext, file: IncomingAttachment): Promise<string> {
  if (file.publicUrl) return file.publicUrl;
  if (file.size !== undefined && file.size > UPLOAD_MAX_BYTES) {
    throw new UserError('image_too_large', `“${file.name}” is larger than 2 MB; send a smaller image.`);
  }
  const bytes = await file.download(UPLOAD_MAX_BYTES);
  return ctx.services.provider.upload({ bytes, filename: file.name, contentType: file.contentType ?? 'image/jpeg' });
}
