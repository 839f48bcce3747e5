import { jobSchema, type Job, type JobType } from '../jobs.ts';

/** The jobs Apiframe runs: Midjourney's and AI Photos'. */
export const APIFRAME_JOBS: ReadonlySet<JobType> = new Set(
  (jobSchema.options.map((o) => o.shape.type.value) as JobType[]).filter((t) => t.startsWith('mj.') || t.startsWith('photo.')),
);

/** Jobs whose answer is already the finished task (the docs list no webhook for them). */
export const SYNCHRONOUS_JOBS: ReadonlySet<JobType> = new Set(['photo.generate']);

/** Leaves out fields that are not set: Apiframe reads an absent field as its default. */
function defined(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
}

/**
 * The Apiframe v1 endpoint and body for a job (field names as ../shared/apiframe-api.md §3–4 gives
 * them). Turbo goes as `process_mode`, as Apiframe's own clients send it; fast is its default.
 */
export function apiframeRequest(job: Job): { endpoint: string; body: Record<string, unknown> } {
  switch (job.type) {
    case 'mj.imagine':
      return { endpoint: 'imagine', body: defined({ prompt: job.prompt, aspect_ratio: job.aspectRatio, process_mode: job.speed }) };
    case 'mj.reroll':
      return { endpoint: 'reroll', body: defined({ parent_task_id: job.parent, prompt: job.prompt, aspect_ratio: job.aspectRatio, process_mode: job.speed }) };
    case 'mj.upscale':
      return { endpoint: 'upscale-1x', body: { parent_task_id: job.parent, index: String(job.index) } };
    case 'mj.variations':
      return { endpoint: 'variations', body: defined({ parent_task_id: job.parent, index: String(job.index), prompt: job.prompt, process_mode: job.speed }) };
    case 'mj.upscaleAlt':
      return { endpoint: 'upscale-alt', body: { parent_task_id: job.parent, type: job.mode } };
    case 'mj.upscaleHighres':
      return { endpoint: 'upscale-highres', body: { parent_task_id: job.parent, type: job.factor } };
    case 'mj.outpaint':
      // Apiframe's aspect_ratio defaults to 1:1: the image's own is sent so a zoom keeps its shape.
      return {
        endpoint: 'outpaint',
        body: defined({ parent_task_id: job.parent, zoom_ratio: job.zoom, aspect_ratio: job.aspectRatio ?? '1:1', prompt: job.prompt, process_mode: job.speed }),
      };
    case 'mj.pan':
      return { endpoint: 'pan', body: defined({ parent_task_id: job.parent, direction: job.direction, prompt: job.prompt, process_mode: job.speed }) };
    case 'mj.seed':
      // /seed names the task by task_id, not parent_task_id.
      return { endpoint: 'seed', body: { task_id: job.parent } };
    case 'mj.describe':
      return { endpoint: 'describe', body: { image_url: job.imageUrl } };
    case 'mj.shorten':
      return { endpoint: 'shorten', body: { prompt: job.prompt } };
    case 'mj.blend':
      return { endpoint: 'blend', body: { image_urls: job.imageUrls, dimension: job.dimension } };
    case 'mj.faceswap':
      return { endpoint: 'faceswap', body: { target_image_url: job.targetUrl, swap_image_url: job.faceUrl } };
    case 'photo.prepare':
      if (!job.images) throw new Error('photo.prepare is sent with its images, read at submit time');
      return { endpoint: 'ai-photo-upload', body: defined({ images: job.images, gender: job.gender, ethnicity: job.ethnicity, age: job.age }) };
    case 'photo.train':
      return { endpoint: 'ai-photo-train', body: { training_images_id: job.trainingImagesId, trigger_word: job.triggerWord } };
    case 'photo.generate':
      return {
        endpoint: 'ai-photo-generate',
        body: defined({ training_id: job.trainingId, prompt: job.prompt, number_of_images: String(job.count), aspect_ratio: job.aspectRatio, seed: job.seed }),
      };
    default:
      // The registry sends only jobs this client handles(); anything else is a wiring fault.
      throw new Error(`Apiframe does not run ${job.type} jobs`);
  }
}
