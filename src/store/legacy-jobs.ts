import { jobSchema, type Job } from '../providers/jobs.ts';

/**
 * The typed job of a task row written before migration 5, from its Apiframe endpoint and request
 * body as they were stored then. New rows carry `job_json` and never come here.
 */
export function legacyJob(endpoint: string, request: Record<string, unknown>): Job {
  const r = request;
  const index = (v: unknown) => (v === 'strong' || v === 'subtle' ? v : Number(v));
  const optional = (v: unknown) => (v === undefined || v === null ? undefined : v);
  const raw = ((): Record<string, unknown> => {
    switch (endpoint) {
      case 'imagine':
        return { type: 'mj.imagine', prompt: r.prompt, aspectRatio: optional(r.aspect_ratio) };
      case 'reroll':
        return { type: 'mj.reroll', parent: r.parent_task_id, prompt: optional(r.prompt), aspectRatio: optional(r.aspect_ratio) };
      case 'upscale-1x':
        return { type: 'mj.upscale', parent: r.parent_task_id, index: index(r.index) };
      case 'variations':
        return { type: 'mj.variations', parent: r.parent_task_id, index: index(r.index) };
      case 'ai-photo-upload':
        return { type: 'photo.prepare', setId: r.set_id, photoCount: r.photo_count, gender: r.gender, ethnicity: r.ethnicity, age: optional(r.age) };
      case 'ai-photo-train':
        // Apiframe's own default when the bot sent none.
        return { type: 'photo.train', trainingImagesId: r.training_images_id, triggerWord: optional(r.trigger_word) ?? 'TOKMSN' };
      case 'ai-photo-generate':
        return {
          type: 'photo.generate',
          trainingId: r.training_id,
          prompt: r.prompt,
          count: Number(r.number_of_images ?? 1),
          aspectRatio: optional(r.aspect_ratio),
          seed: optional(r.seed),
        };
      default:
        throw new Error(`a task row with unknown endpoint ${endpoint}`);
    }
  })();
  return jobSchema.parse(raw);
}
