import { z } from 'zod';
import { jobSchema } from '../src/providers/jobs.ts';
import type { ImageModel } from '../src/providers/image-models.ts';

/**
 * A /generate request once its options are checked and its reference images are URLs: what a
 * stored draft holds while the user picks a model.
 */
export interface GenerateRequest {
  model: ImageModel;
  prompt: string;
  negative?: string;
  width: number;
  height: number;
  count: number;
  /** Reference images, by URLs the service can fetch; empty when none. */
  inputUrls: string[];
}

/** The payload of a model picked for a stored request: `gen:<draft id>=<model>`. */
export const PICK_PREFIX = 'gen:';

const draftSchema = z.object({
  prompt: z.string(),
  negative: z.string().optional(),
  width: z.number(),
  height: z.number(),
  count: z.number(),
  inputUrls: z.array(z.string()),
});

/**
 * The request a stored draft makes with the model picked, or undefined when the draft no longer
 * reads as one (written by another version): it is checked as the job it becomes.
 */
export function requestFromDraft(stored: unknown, model: ImageModel): GenerateRequest | undefined {
  const draft = draftSchema.safeParse(stored);
  if (!draft.success) return undefined;
  const request: GenerateRequest = { ...draft.data, model };
  const { inputUrls, negative, ...rest } = request;
  const job = jobSchema.safeParse({ type: 'gen.image', ...rest, ...(negative ? { negative } : {}), ...(inputUrls.length ? { inputUrls } : {}) });
  return job.success ? request : undefined;
}
