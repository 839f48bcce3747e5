import type { Job } from '../../providers/jobs.ts';
import type { TaskRecord } from '../../store/tasks-repo.ts';
import type { ActionEntry, ParentTask } from './types.ts';

/** Results of Midjourney jobs that end in a four-image grid. */
const isGrid = (task: TaskRecord) => task.result?.kind === 'grid';
/** Apiframe edits an image only when it comes from an upscale (U1–U4). */
const isUpscale = (task: TaskRecord) => task.job.type === 'mj.upscale' && task.result?.kind === 'image';
const INDEXES = ['1', '2', '3', '4'] as const;
const index = (variant: string | null) => Number(variant) as 1 | 2 | 3 | 4;

/** The prompt and aspect ratio a reroll repeats: those of the job that made the grid, when it had them. */
function rerollOf(parent: ParentTask): Job {
  const { job } = parent;
  if (job.type === 'mj.imagine' || job.type === 'mj.reroll') return { type: 'mj.reroll', parent: parent.providerTaskId, prompt: job.prompt, aspectRatio: job.aspectRatio };
  return { type: 'mj.reroll', parent: parent.providerTaskId };
}

/**
 * The catalog of result buttons, in keyboard order. Midjourney's layout: under a grid U1–U4 and 🔄
 * on the first row, V1–V4 on the second; under an upscale the Vary buttons.
 */
export const ACTIONS = [
  {
    id: 'upscale',
    variants: INDEXES,
    label: (v) => `U${v}`,
    help: { buttons: 'U1–U4', does: 'upscale one image of the grid' },
    appliesTo: isGrid,
    row: 0,
    cost: 'upscale',
    once: { done: (v) => `Image #${v} is already upscaled: see above.`, running: (v) => `Image #${v} is being upscaled already.` },
    taskLabel: (v) => `Upscale #${v}`,
    job: (parent, v) => ({ type: 'mj.upscale', parent: parent.providerTaskId, index: index(v) }),
  },
  {
    id: 'reroll',
    label: () => '🔄',
    help: { buttons: '🔄', does: 'the same prompt again' },
    appliesTo: isGrid,
    row: 0,
    cost: 'reroll',
    taskLabel: () => 'Reroll',
    job: (parent) => rerollOf(parent),
  },
  {
    id: 'variation',
    variants: INDEXES,
    label: (v) => `V${v}`,
    help: { buttons: 'V1–V4', does: 'four variations of one image' },
    appliesTo: isGrid,
    row: 1,
    cost: 'variation',
    taskLabel: (v) => `Variations of #${v}`,
    job: (parent, v) => ({ type: 'mj.variations', parent: parent.providerTaskId, index: index(v) }),
  },
  {
    id: 'vary',
    variants: ['strong', 'subtle'],
    label: (v) => (v === 'strong' ? 'Vary (Strong)' : 'Vary (Subtle)'),
    help: { buttons: 'Vary (Strong/Subtle)', does: 'variations of an upscaled image, bold or close' },
    appliesTo: isUpscale,
    row: 0,
    cost: 'vary',
    taskLabel: (v) => (v === 'strong' ? 'Vary (Strong)' : 'Vary (Subtle)'),
    job: (parent, v) => ({ type: 'mj.variations', parent: parent.providerTaskId, index: v === 'strong' ? 'strong' : 'subtle' }),
  },
  {
    id: 'regenerate',
    label: () => '🔄',
    help: { buttons: '🔄 under AI photos', does: 'the same photos request again, with a new seed unless you fixed one' },
    appliesTo: (task) => task.job.type === 'photo.generate' && task.result?.kind === 'photos',
    row: 0,
    cost: 'photo_generate',
    units: (parent) => (parent.job.type === 'photo.generate' ? parent.job.count : 1),
    taskLabel: (_v, parent) => parent.label,
    job: (parent) => parent.job,
    // Allowed exactly when /photos generate with that model would be, today.
    authorize: (services, scope, parent) => void services.photos.authorizeRegenerate(scope, parent),
  },
] as const satisfies readonly ActionEntry[];
