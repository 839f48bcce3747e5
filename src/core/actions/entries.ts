import type { Job } from '../../providers/jobs.ts';
import type { TaskRecord } from '../../store/records/tasks.ts';
import type { ActionEntry, Answers, ParentTask } from './types.ts';
import { UserError } from '../errors.ts';
import { msg, render, SOURCE_LOCALE, type Locale } from '../../i18n/index.ts';
import { offeredPrompts, PROMPT_NUMBERS } from '../prompt-results.ts';
import { ensureOffered, GENERATE_COST, generateUnits, type GenerateJob } from '../generate.ts';
import { fullSizeOf, generatedImages } from './full-size.ts';

/** Results of Midjourney jobs that end in a four-image grid. */
const isGrid = (task: TaskRecord) => task.result?.kind === 'grid';
/** Apiframe edits an image only when it comes from an upscale (U1–U4); one that is a step of a subtle V is never shown. */
const isUpscale = (task: TaskRecord) => task.job.type === 'mj.upscale' && !task.job.then && task.result?.kind === 'image';
const INDEXES = ['1', '2', '3', '4'] as const;
type Direction = 'left' | 'right' | 'up' | 'down';
const PAN_ARROWS: Record<Direction, string> = { left: '⬅️', right: '➡️', up: '⬆️', down: '⬇️' };
const index = (variant: string | null) => Number(variant) as 1 | 2 | 3 | 4;
/** A button's face in the reader's language. */
const tr = (locale: Locale, id: string, args?: Record<string, string>) => render(locale, msg(id, args));

/**
 * The shape of the image a job made: its aspect ratio when the job says (or the prompt's --ar), 1:1
 * for a plain imagine (Midjourney's default), unknown after a pan.
 */
function aspectOf(job: Job): string | undefined {
  const given = 'aspectRatio' in job ? job.aspectRatio : undefined;
  if (given) return given;
  const prompt = 'prompt' in job ? job.prompt : undefined;
  const flag = prompt ? /--(?:ar|aspect)\s+(\d+:\d+)/.exec(prompt)?.[1] : undefined;
  if (flag) return flag;
  return job.type === 'mj.imagine' || job.type === 'mj.reroll' ? '1:1' : undefined;
}

/** The prompt and aspect ratio a reroll repeats: those of the job that made the grid, or the remixed prompt. */
function rerollOf(parent: ParentTask, answers: Answers): Job {
  const { job } = parent;
  const before = job.type === 'mj.imagine' || job.type === 'mj.reroll' ? job : undefined;
  return { type: 'mj.reroll', parent: parent.providerTaskId, prompt: answers.prompt ?? before?.prompt, aspectRatio: before?.aspectRatio };
}

/** Suggested prompts (/describe, /shorten): each button imagines one. */
const hasPrompts = (task: TaskRecord) => offeredPrompts(task).length > 0;

/** The prompt button `variant` (1–5) stands for; a press of one the result no longer has is refused. */
function suggestion(parent: ParentTask, variant: string | null): string {
  const prompt = offeredPrompts(parent)[Number(variant) - 1];
  if (!prompt) throw new UserError('unknown_button', msg('error-unknown-button-prompt'));
  return prompt;
}

/** The job of a /generate result (its 🔄 repeats it). */
function generateJob(parent: TaskRecord): GenerateJob {
  if (parent.job.type !== 'gen.image') throw new UserError('unknown_button', msg('error-unknown-button-kind'));
  return parent.job;
}

/**
 * The catalog of result buttons, in keyboard order. Midjourney's layout: under a grid U1–U4 and 🔄
 * on the first row, V1–V4 on the second; under an upscale the upscalers, then Vary, then Zoom and
 * Make Square, then the four pans, then the seed (five rows: Discord's most).
 */
export const ACTIONS = [
  {
    id: 'upscale',
    variants: INDEXES,
    label: (v) => `U${v}`,
    help: { buttons: 'U1–U4', does: msg('action-help-upscale') },
    appliesTo: isGrid,
    row: 0,
    cost: 'upscale',
    once: { done: (v) => msg('action-upscale-done', { index: `${v}` }), running: (v) => msg('action-upscale-running', { index: `${v}` }) },
    taskLabel: (v) => `Upscale #${v}`,
    job: (parent, v) => ({ type: 'mj.upscale', parent: parent.providerTaskId, index: index(v), aspectRatio: aspectOf(parent.job) }),
  },
  {
    id: 'reroll',
    label: () => '🔄',
    help: { buttons: '🔄', does: msg('action-help-reroll') },
    appliesTo: isGrid,
    row: 0,
    cost: 'reroll',
    taskLabel: () => 'Reroll',
    remix: true,
    job: (parent, _v, answers) => rerollOf(parent, answers),
  },
  {
    id: 'variation',
    variants: INDEXES,
    label: (v) => `V${v}`,
    help: { buttons: 'V1–V4', does: msg('action-help-variation') },
    appliesTo: isGrid,
    row: 1,
    // Subtle (/settings): Apiframe varies a grid image only strongly, so the image is upscaled and
    // its upscale varied subtly (subtle-variations.ts); the press pays the upscale, the second step Vary.
    cost: (answers) => (answers.subtle ? 'upscale' : 'variation'),
    taskLabel: (v) => `Variations of #${v}`,
    remix: true,
    job: (parent, v, answers) =>
      answers.subtle
        ? { type: 'mj.upscale', parent: parent.providerTaskId, index: index(v), aspectRatio: aspectOf(parent.job), then: { vary: 'subtle', prompt: answers.prompt } }
        : { type: 'mj.variations', parent: parent.providerTaskId, index: index(v), aspectRatio: aspectOf(parent.job), prompt: answers.prompt },
  },
  {
    id: 'upscale-alt',
    variants: ['subtle', 'creative'],
    label: (v, locale = SOURCE_LOCALE) => tr(locale, 'action-upscale-alt', { mode: v === 'subtle' ? 'subtle' : 'creative' }),
    help: { buttons: msg('action-help-upscale-alt-buttons'), does: msg('action-help-upscale-alt') },
    appliesTo: isUpscale,
    row: 0,
    cost: 'upscale_alt',
    taskLabel: (v) => (v === 'subtle' ? 'Upscale (Subtle)' : 'Upscale (Creative)'),
    job: (parent, v) => ({ type: 'mj.upscaleAlt', parent: parent.providerTaskId, mode: v === 'creative' ? 'creative' : 'subtle' }),
  },
  {
    id: 'upscale-2x',
    label: (_v, locale = SOURCE_LOCALE) => tr(locale, 'action-upscale-factor', { factor: '2x' }),
    help: { buttons: msg('action-help-upscale-factor-buttons'), does: msg('action-help-upscale-factor') },
    appliesTo: isUpscale,
    row: 0,
    cost: 'upscale_2x',
    taskLabel: () => 'Upscale 2x',
    job: (parent) => ({ type: 'mj.upscaleHighres', parent: parent.providerTaskId, factor: '2x' }),
  },
  {
    id: 'upscale-4x',
    label: (_v, locale = SOURCE_LOCALE) => tr(locale, 'action-upscale-factor', { factor: '4x' }),
    appliesTo: isUpscale,
    row: 0,
    cost: 'upscale_4x',
    taskLabel: () => 'Upscale 4x',
    job: (parent) => ({ type: 'mj.upscaleHighres', parent: parent.providerTaskId, factor: '4x' }),
  },
  {
    id: 'vary',
    variants: ['subtle', 'strong'],
    label: (v, locale = SOURCE_LOCALE) => tr(locale, 'action-vary', { mode: v === 'strong' ? 'strong' : 'subtle' }),
    help: { buttons: msg('action-help-vary-buttons'), does: msg('action-help-vary') },
    appliesTo: isUpscale,
    row: 1,
    cost: 'vary',
    taskLabel: (v) => (v === 'strong' ? 'Vary (Strong)' : 'Vary (Subtle)'),
    remix: true,
    job: (parent, v, answers) => ({
      type: 'mj.variations',
      parent: parent.providerTaskId,
      index: v === 'strong' ? 'strong' : 'subtle',
      aspectRatio: aspectOf(parent.job),
      prompt: answers.prompt,
    }),
  },
  {
    id: 'zoom',
    variants: ['2', '1.5'],
    label: (v, locale = SOURCE_LOCALE) => tr(locale, 'action-zoom-out', { factor: `${v}` }),
    help: { buttons: msg('action-help-zoom-out-buttons'), does: msg('action-help-zoom-out') },
    appliesTo: isUpscale,
    row: 2,
    cost: 'outpaint',
    taskLabel: (v) => `Zoom Out ${v}x`,
    remix: true,
    job: (parent, v, answers) => ({ type: 'mj.outpaint', parent: parent.providerTaskId, zoom: Number(v), aspectRatio: aspectOf(parent.job), prompt: answers.prompt }),
  },
  {
    id: 'custom-zoom',
    label: (_v, locale = SOURCE_LOCALE) => tr(locale, 'action-custom-zoom'),
    help: { buttons: msg('action-custom-zoom'), does: msg('action-help-custom-zoom') },
    appliesTo: isUpscale,
    row: 2,
    cost: 'outpaint',
    asks: 'zoom',
    taskLabel: () => 'Custom Zoom',
    // The press asked for the factor first and checked it; without one the job does not validate.
    job: (parent, _v, answers) => ({ type: 'mj.outpaint', parent: parent.providerTaskId, zoom: answers.zoom ?? Number.NaN, aspectRatio: aspectOf(parent.job), prompt: answers.prompt }),
  },
  {
    id: 'make-square',
    label: (_v, locale = SOURCE_LOCALE) => tr(locale, 'action-make-square'),
    help: { buttons: msg('action-make-square'), does: msg('action-help-make-square') },
    appliesTo: (task) => isUpscale(task) && aspectOf(task.job) !== undefined && aspectOf(task.job) !== '1:1',
    row: 2,
    cost: 'outpaint',
    taskLabel: () => 'Make Square',
    job: (parent) => ({ type: 'mj.outpaint', parent: parent.providerTaskId, zoom: 1, aspectRatio: '1:1' }),
  },
  {
    id: 'pan',
    variants: ['left', 'right', 'up', 'down'],
    label: (v) => PAN_ARROWS[v as Direction],
    help: { buttons: '⬅️ ➡️ ⬆️ ⬇️', does: msg('action-help-pan') },
    appliesTo: isUpscale,
    row: 3,
    cost: 'pan',
    taskLabel: (v) => `Pan ${v}`,
    remix: true,
    job: (parent, v, answers) => ({ type: 'mj.pan', parent: parent.providerTaskId, direction: v as Direction, prompt: answers.prompt }),
  },
  {
    id: 'seed',
    label: (_v, locale = SOURCE_LOCALE) => `🌱 ${tr(locale, 'action-seed')}`,
    help: { buttons: msg('action-seed-button'), does: msg('action-help-seed') },
    appliesTo: isUpscale,
    row: 4,
    cost: 'seed',
    once: { done: () => msg('action-seed-done'), running: () => msg('action-seed-running') },
    taskLabel: () => 'Seed',
    // The seed belongs to the grid the image was upscaled from.
    job: (parent) => ({ type: 'mj.seed', parent: parent.job.type === 'mj.upscale' ? parent.job.parent : parent.providerTaskId }),
  },
  {
    id: 'regenerate',
    label: () => '🔄',
    help: { buttons: msg('action-help-regenerate-buttons'), does: msg('action-help-regenerate') },
    appliesTo: (task) => task.job.type === 'photo.generate' && task.result?.kind === 'photos',
    row: 0,
    cost: 'photo_generate',
    units: (parent) => (parent.job.type === 'photo.generate' ? parent.job.count : 1),
    taskLabel: (_v, parent) => parent.label,
    job: (parent) => parent.job,
    // Allowed exactly when /photos generate with that model would be, today.
    authorize: async (services, scope, parent) => {
      await services.photos.authorizeRegenerate(scope, parent);
    },
  },
  // Under a /generate: 🔄 asks for the same again; with several images, ⬇️ 1–10 send one as a file.
  {
    id: 'generate-again',
    label: () => '🔄',
    help: { buttons: msg('action-help-generate-again-buttons'), does: msg('action-help-generate-again') },
    appliesTo: (task) => task.job.type === 'gen.image' && generatedImages(task).length > 0,
    row: 0,
    // Charged as /generate would charge the same request today: its model's price, every image at its size.
    cost: (_answers, parent) => GENERATE_COST[generateJob(parent).model],
    units: (parent) => generateUnits(generateJob(parent)),
    taskLabel: (_v, parent) => parent.label,
    job: (parent) => generateJob(parent),
    // Refused exactly when /generate with that model would be: the operator may have stopped offering it.
    authorize: (services, _scope, parent) => ensureOffered(services.providers, generateJob(parent).model),
  },
  {
    id: 'full-size',
    // One button per image, when there are several.
    variants: (task) => {
      const count = generatedImages(task).length;
      return count > 1 ? Array.from({ length: count }, (_, i) => String(i + 1)) : [];
    },
    label: (v) => `⬇️ ${v}`,
    help: { buttons: msg('action-help-full-size-buttons'), does: msg('action-help-full-size') },
    appliesTo: (task) => task.job.type === 'gen.image' && generatedImages(task).length > 1,
    row: 1,
    sends: (parent, v, locale) => fullSizeOf(parent, Number(v), locale),
  },
  // Under suggested prompts (/describe, /shorten): 1–5 imagine one, 🎉 Imagine all every one.
  {
    id: 'imagine-prompt',
    variants: (task) => PROMPT_NUMBERS.slice(0, offeredPrompts(task).length),
    label: (v) => `${v}`,
    help: { buttons: msg('action-help-imagine-prompt-buttons'), does: msg('action-help-imagine-prompt') },
    appliesTo: hasPrompts,
    row: 0,
    cost: 'imagine',
    taskLabel: () => 'Imagine',
    job: (parent, v) => ({ type: 'mj.imagine', prompt: suggestion(parent, v) }),
    prompt: (parent, v) => suggestion(parent, v),
  },
  {
    id: 'imagine-all',
    label: (_v, locale = SOURCE_LOCALE) => `🎉 ${tr(locale, 'action-imagine-all')}`,
    // Midjourney offers it under /describe's four prompts.
    appliesTo: (task) => task.job.type === 'mj.describe' && hasPrompts(task),
    row: 1,
    cost: 'imagine',
    taskLabel: () => 'Imagine',
    jobs: (parent) => offeredPrompts(parent).map((prompt) => ({ job: { type: 'mj.imagine', prompt }, prompt })),
  },
] as const satisfies readonly ActionEntry[];
