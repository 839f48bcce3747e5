import { z } from 'zod';
import type { TaskResult } from './types.ts';
import { GENERATE_LIMITS as L, IMAGE_MODEL_IDS } from './image-models.ts';

/**
 * The job a task runs: one typed value per provider operation, validated with zod where it is
 * read back from the database. The core builds jobs (from a command or a button's catalog entry);
 * a provider client turns them into its own requests. `parent` is always the provider's id of the
 * task the job works on.
 */
const parent = z.string().min(1);
const index = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]);
/** Midjourney's speed for jobs that make a grid (Apiframe's process_mode); absent means fast. */
const speed = z.literal('turbo').optional();

/** /blend's shapes, and the aspect ratio each gives Midjourney's grid. */
export const BLEND_DIMENSIONS = ['square', 'portrait', 'landscape'] as const;
export type BlendDimension = (typeof BLEND_DIMENSIONS)[number];
export const BLEND_ASPECT: Readonly<Record<BlendDimension, string>> = { square: '1:1', portrait: '2:3', landscape: '3:2' };
/** An image the service fetches itself: a public URL, or the service's own copy from /upload. */
const imageUrl = z.string().url();

export const jobSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('mj.imagine'), prompt: z.string().min(1), aspectRatio: z.string().optional(), speed }),
  z.object({ type: z.literal('mj.reroll'), parent, prompt: z.string().optional(), aspectRatio: z.string().optional(), speed }),
  // aspectRatio rides along on grid edits so that later buttons know the image's shape (Make Square).
  z.object({
    type: z.literal('mj.upscale'),
    parent,
    index,
    aspectRatio: z.string().optional(),
    /** A subtle variation of one grid image: this upscale is a step, Vary (Subtle) on it follows. */
    then: z.object({ vary: z.literal('subtle'), prompt: z.string().optional() }).optional(),
  }),
  z.object({
    type: z.literal('mj.variations'),
    parent,
    index: z.union([index, z.literal('strong'), z.literal('subtle')]),
    aspectRatio: z.string().optional(),
    /** Remix: the edited prompt (older Apiframe docs list `prompt` for /variations). */
    prompt: z.string().optional(),
    speed,
  }),
  z.object({ type: z.literal('mj.upscaleAlt'), parent, mode: z.enum(['subtle', 'creative']) }),
  z.object({ type: z.literal('mj.upscaleHighres'), parent, factor: z.enum(['2x', '4x']) }),
  /** Zoom Out (zoom in (1, 2]) and Make Square (zoom 1, aspect 1:1). */
  z.object({ type: z.literal('mj.outpaint'), parent, zoom: z.number().min(1).max(2), aspectRatio: z.string().optional(), prompt: z.string().optional(), speed }),
  z.object({ type: z.literal('mj.pan'), parent, direction: z.enum(['left', 'right', 'up', 'down']), prompt: z.string().optional(), speed }),
  z.object({ type: z.literal('mj.seed'), parent }),
  // Prompts from a prompt or an image (issue 8): the buttons under them imagine one.
  /** `imageUrl` must be public: a chat's own file URL (Telegram's carries the bot token) is uploaded first. */
  z.object({ type: z.literal('mj.describe'), imageUrl: z.string().url() }),
  z.object({ type: z.literal('mj.shorten'), prompt: z.string().min(1) }),
  // Blend and face swap start from images (issue 8); aspectRatio rides along as on grid edits.
  z.object({ type: z.literal('mj.blend'), imageUrls: z.array(imageUrl).min(2).max(5), dimension: z.enum(BLEND_DIMENSIONS), aspectRatio: z.string().optional() }),
  z.object({ type: z.literal('mj.faceswap'), targetUrl: imageUrl, faceUrl: imageUrl }),
  z.object({
    type: z.literal('photo.prepare'),
    setId: z.string().min(1),
    photoCount: z.number().int().positive(),
    gender: z.string(),
    ethnicity: z.string(),
    age: z.number().int().optional(),
    /** The photos themselves, base64: filled in at submit time from disk, never stored. */
    images: z.array(z.string()).optional(),
  }),
  z.object({ type: z.literal('photo.train'), trainingImagesId: z.string().min(1), triggerWord: z.string().min(1) }),
  z.object({
    type: z.literal('photo.generate'),
    trainingId: z.string().min(1),
    prompt: z.string().min(1),
    count: z.number().int().min(1).max(4),
    aspectRatio: z.string().optional(),
    seed: z.number().int().optional(),
  }),
  // Text to image with the models of aiphotogenerator.net (/generate): one provider id per image.
  z.object({
    type: z.literal('gen.image'),
    model: z.enum(IMAGE_MODEL_IDS),
    prompt: z.string().min(1).max(L.promptMax),
    negative: z.string().min(1).max(L.negativeMax).optional(),
    width: z.number().int().min(L.sideMin).max(L.sideMax),
    height: z.number().int().min(L.sideMin).max(L.sideMax),
    count: z.number().int().min(1).max(L.countMax),
    /** Reference images, by URLs the service can fetch (never a chat's private file URL). */
    inputUrls: z.array(imageUrl).min(1).max(L.inputsMax).optional(),
  }),
]);

export type Job = z.infer<typeof jobSchema>;
export type JobType = Job['type'];
export type JobOf<T extends JobType> = Extract<Job, { type: T }>;

/** The result each kind of job ends with: a "finished" answer without it is not a result. */
export const RESULT_OF: Readonly<Record<JobType, TaskResult['kind']>> = {
  'mj.imagine': 'grid',
  'mj.reroll': 'grid',
  'mj.variations': 'grid',
  'mj.upscale': 'image',
  'mj.upscaleAlt': 'image',
  'mj.upscaleHighres': 'image',
  'mj.outpaint': 'grid',
  'mj.pan': 'grid',
  'mj.seed': 'seed',
  'mj.describe': 'prompts',
  'mj.shorten': 'prompts',
  'mj.blend': 'grid',
  'mj.faceswap': 'image',
  'photo.prepare': 'prepared',
  'photo.train': 'trained',
  'photo.generate': 'photos',
  // Each image of a generate comes back as a one-image 'photos' result; the task gathers them.
  'gen.image': 'photos',
};

/** The task id at the provider that a job works on, when it works on one. */
export function parentOf(job: Job): string | undefined {
  return 'parent' in job ? job.parent : undefined;
}

/** Jobs that make a grid, which Midjourney runs in fast or turbo mode. */
export const SPEEDABLE: ReadonlySet<JobType> = new Set(['mj.imagine', 'mj.reroll', 'mj.variations', 'mj.outpaint', 'mj.pan']);

/** The job at the given speed (turbo is marked on the jobs that have a speed; fast is the default). */
export function atSpeed(job: Job, speed: 'fast' | 'turbo'): Job {
  return speed === 'turbo' && SPEEDABLE.has(job.type) ? ({ ...job, speed: 'turbo' } as Job) : job;
}
