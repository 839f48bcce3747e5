/**
 * Images a command hands to the image service (imagine's image prompts, blend, face swap,
 * describe): refused by what the platform declares while the command is parsed, so nothing is
 * charged for a file that cannot be used, and turned into URLs the service can fetch when it runs.
 *
 * The service fetches an image by URL. A platform URL anyone may fetch (Discord's CDN) is passed
 * as it is; any other file is downloaded through the platform and copied to the service with its
 * /upload. A Telegram file URL carries the bot token, so Telegram files never have a public URL
 * (adapters/telegram/attachments.ts) and always take the second way.
 */
import { z } from 'zod';
import type { IncomingAttachment } from '../src/core/chat.ts';
import type { CommandContext, Services } from '../src/core/command.ts';
import type { Charge } from '../src/core/credits.ts';
import { UserError } from '../src/core/errors.ts';
import { msg, type Text } from '../src/i18n/index.ts';
import { attachment } from './schemas.ts';

/** Apiframe's /upload takes files up to 2 MB. */
export const UPLOAD_MAX_BYTES = 2 * 1024 * 1024;

/** The formats Midjourney reads from a URL. */
const IMAGE_TYPES = /^image\/(png|jpe?g|webp|gif)$/i;
type ImageFormat = 'png' | 'jpeg' | 'webp' | 'gif';

export interface ImageFilesOptions {
  /** Fewest and most files the command takes. */
  min: number;
  max: number;
  /**
   * What the user is told when the count is outside min..max: a catalogue message id (rendered
   * with `$got`, how many arrived, and `$min`, `$max`), chosen by `got`.
   */
  count(got: number): string;
  /** What the image is for, closing "Attach a PNG, JPEG, WebP or GIF …" (e.g. "to blend it"). */
  purpose: ImagePurpose;
}

/** What an image is for; error-not-an-image words each. */
export type ImagePurpose = 'blend' | 'describe' | 'faceswap' | 'reference' | 'image-prompt' | 'use';

const notAnImage = (name: string, purpose: ImagePurpose) => msg('error-not-an-image', { name, purpose });
const tooLarge = (name: string) => msg('error-file-too-large-for-service', { name });

/** Why a file cannot be used, judged by what the platform declares (with the code imageUrls would use); undefined when it can. */
function refusal(file: IncomingAttachment, purpose: ImagePurpose): { code: 'not_an_image' | 'file_too_large'; text: Text } | undefined {
  if (!file.contentType || !IMAGE_TYPES.test(file.contentType)) {
    return { code: 'not_an_image', text: notAnImage(file.name, purpose) };
  }
  // Only a copy is limited: a public URL is fetched by the service itself.
  if (!file.publicUrl && file.size !== undefined && file.size > UPLOAD_MAX_BYTES) {
    return { code: 'file_too_large', text: tooLarge(file.name) };
  }
  return undefined;
}

/**
 * A command option holding images: always a list (empty when none came), `min`..`max` long, each
 * an image small enough to copy when it has to be copied.
 */
export function imageFiles(o: ImageFilesOptions) {
  return z
    .array(attachment)
    .optional()
    .transform((files) => files ?? [])
    .superRefine((files, ctx) => {
      if (files.length < o.min || files.length > o.max) {
        ctx.addIssue({ code: 'custom', message: o.count(files.length), params: { code: 'image_count', got: files.length, min: o.min, max: o.max } });
        return;
      }
      for (const file of files) {
        const problem = refusal(file, o.purpose);
        if (problem) ctx.addIssue({ code: 'custom', message: problem.text.id, params: { code: problem.code, ...problem.text.args } });
      }
    });
}

/** Which image format the first bytes announce (the declared type may be wrong). */
export function sniffImage(bytes: Uint8Array): ImageFormat | undefined {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 8 && bytes[0] === 0x89 && ascii(1, 4) === 'PNG' && bytes[4] === 0x0d && bytes[5] === 0x0a) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.length >= 12 && ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (bytes.length >= 6 && /^GIF8[79]a$/.test(ascii(0, 6))) return 'gif';
  return undefined;
}

/**
 * URLs the image service can fetch, in the order of `files`. Files without a public URL are all
 * downloaded (bounded) and checked before the first is uploaded, so a bad file in a set copies
 * nothing. Throws a UserError for a file that turns out not to be an image or too large.
 */
export async function imageUrls(services: Pick<Services, 'providers'>, files: readonly IncomingAttachment[], purpose: ImagePurpose = 'use'): Promise<string[]> {
  const host = services.providers.imageHost();
  // Without a service that hosts images, only files with a public URL of their own can be used.
  if (!host && files.some((f) => !f.publicUrl)) {
    // A Telegram photo never has a public link, so the user cannot fix this; the operator can.
    throw new UserError('no_image_host', msg('error-no-image-host'));
  }
  const copies = await Promise.all(
    files.map(async (file) => {
      if (file.publicUrl) return undefined;
      const bytes = await file.download(UPLOAD_MAX_BYTES);
      // Adapters stop a download at the limit; a file whose size was not declared is checked here too.
      if (bytes.byteLength > UPLOAD_MAX_BYTES) throw new UserError('file_too_large', tooLarge(file.name));
      const format = sniffImage(bytes);
      if (!format) throw new UserError('not_an_image', notAnImage(file.name, purpose));
      return { bytes, filename: file.name, contentType: `image/${format}` };
    }),
  );
  return Promise.all(files.map((file, i) => (copies[i] ? host!.upload(copies[i]) : Promise.resolve(file.publicUrl!))));
}

/**
 * imageUrls for a command that will cost `charge`: the wallet (and the user's daily limit) is
 * checked first, so nothing is copied to the image service for a job that cannot be paid for.
 */
export async function paidImageUrls(ctx: CommandContext, files: readonly IncomingAttachment[], charge: Charge, purpose: ImagePurpose): Promise<string[]> {
  if (files.some((f) => !f.publicUrl)) await ctx.services.credits.ensureCovers(ctx.scope, charge.cost, 1);
  return imageUrls(ctx.services, files, purpose);
}
