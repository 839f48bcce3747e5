import { z } from 'zod';

/** Shapes of what Apiframe v1 sends us. Lenient where the docs and real payloads disagree. */

export const submitResponse = z.object({ task_id: z.union([z.string().min(1), z.number()]).transform(String) });

export const errorBody = z
  .object({
    errors: z.array(z.object({ msg: z.string() }).loose()).optional(),
    message: z.string().optional(),
    error: z.string().optional(),
  })
  .loose();

/** percentage arrives as "40" in most results and as 100 in others. */
const percentage = z
  .union([z.number(), z.string().regex(/^\s*\d+(\.\d+)?\s*%?\s*$/)])
  .transform((v) => Math.max(0, Math.min(100, Math.round(typeof v === 'number' ? v : Number.parseFloat(v)))));

/** One task as /fetch returns it and as webhooks post it (progress or final). */
export const taskView = z
  .object({
    task_id: z.union([z.string().min(1), z.number()]).transform(String),
    task_type: z.string().optional(),
    status: z.string().optional(),
    percentage: percentage.optional().catch(undefined),
    message: z.string().optional(),
    original_image_url: z.string().url().optional(),
    image_urls: z.array(z.string().url()).optional(),
    image_url: z.string().url().optional(),
    expires_at: z.string().optional(),
    trigger_word: z.string().optional(),
    /** /seed: a string of digits in the docs; a number is read the same way. */
    seed: z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative()]).transform(String).optional(),
    /**
     * /describe and /shorten: the suggested prompts, each numbered ("1️⃣ …"). A malformed list reads
     * as none, so the finished task fails with its answer logged rather than the view being refused.
     */
    content: z.array(z.string()).optional().catch(undefined),
    /** /shorten: markdown with an "Important tokens" section. */
    full_content: z.string().optional().catch(undefined),
  })
  .loose();
export type TaskView = z.infer<typeof taskView>;

/** The docs wrap the list in `{ tasks }`; one client reads a bare array. Accept both. */
export const fetchManyResponse = z.union([
  z.object({ tasks: z.array(z.unknown()) }).transform((v) => v.tasks),
  z.array(z.unknown()),
]);

export const uploadResponse = z.object({ imageURL: z.string().url() });

/** A number, or a string of one ("12000", "12000.5"): credits may be fractional (apiframe-api.md §3.17). */
const amount = z.union([z.number(), z.string().regex(/^\s*\d+(\.\d+)?\s*$/).transform(Number)]);

/** GET /account: the remaining credits, and what plan the key belongs to. The email is not kept. */
export const accountResponse = z
  .object({
    credits: amount.optional().catch(undefined),
    plan: z.string().optional().catch(undefined),
  })
  .loose();
