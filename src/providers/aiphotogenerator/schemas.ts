import { z } from 'zod';
import { isRecord } from './lookup.ts';

/**
 * Shapes of what aiphotogenerator.net sends us. The submit answer is documented; the lookup and
 * webhook bodies are not, so those are read leniently: extra fields are kept, ids may be numbers,
 * and the image may come wrapped (`{ image: {…} }`, `{ data: {…} }`).
 */

const id = z.union([z.string().trim().min(1), z.number().int().nonnegative()]).transform(String);
const status = z.union([z.number(), z.string()]);
/** A failure's own words, from whichever of these fields the service uses. */
const words = z.string().optional().catch(undefined);

/** One image as a lookup or a webhook describes it; the URL fields are read through the lookup table. */
export const imageObject = z
  .object({
    id: id.optional(),
    status: status.optional().catch(undefined),
    error: words,
    error_message: words,
    failure_reason: words,
    message: words,
  })
  .loose();
export type ImageObject = z.output<typeof imageObject>;

/** The documented answer to POST /images/generate: one queued image per requested image. */
export const generateAnswer = z
  .object({
    success: z.boolean().optional(),
    // Left out by a `success: false` answer; an empty list is refused by the client.
    images: z.array(z.object({ id, status: status.optional() }).loose()).default([]),
    message: z.string().optional(),
  })
  .loose();

/** Laravel-style error bodies: `{ message, errors: { field: [msg, …] } }`; `error` as some APIs say it. */
export const errorBody = z
  .object({
    message: z.string().optional().catch(undefined),
    error: z.string().optional().catch(undefined),
    errors: z
      .record(z.string(), z.union([z.array(z.string()), z.string()]))
      .optional()
      .catch(undefined),
  })
  .loose();

/** An answer that holds no image fields of its own but one object under `image` or `data` (up to twice). */
function unwrap(json: unknown): unknown {
  let value = json;
  for (let depth = 0; depth < 2 && isRecord(value) && !('status' in value) && !('id' in value); depth++) {
    const inner = ['image', 'data'].map((key) => (value as Record<string, unknown>)[key]).find(isRecord);
    if (!inner) break;
    value = inner;
  }
  return value;
}

/** GET of one image; `success: false` is the service saying it has no such image. */
export const lookupAnswer = z.union([
  z.object({ success: z.literal(false), message: z.string().optional() }).loose().transform(() => 'missing' as const),
  z.preprocess(unwrap, imageObject),
]);

const webhookImage = z.preprocess(unwrap, imageObject.extend({ id }));

/** A webhook: one image (bare or wrapped), a list of them, or `{ images: [...] }`. */
export const webhookBody = z.union([
  z.object({ images: z.array(webhookImage).min(1) }).loose().transform((v) => v.images),
  z.array(webhookImage).min(1),
  webhookImage.transform((v) => [v]),
]);
