import type { JobOf } from '../jobs.ts';

/** The body of POST /images/generate, field for field as the API page lists them. */
export interface GenerateBody {
  model: string;
  prompt: string;
  width: number;
  height: number;
  count: number;
  negative_prompt?: string;
  input?: string[];
}

/** A gen.image job as the service takes it; optional fields are left out rather than sent empty. */
export function generateBody(job: JobOf<'gen.image'>): GenerateBody {
  const body: GenerateBody = { model: job.model, prompt: job.prompt, width: job.width, height: job.height, count: job.count };
  if (job.negative) body.negative_prompt = job.negative;
  if (job.inputUrls?.length) body.input = [...job.inputUrls];
  return body;
}
