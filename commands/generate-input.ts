/**
 * What /generate accepts, checked once for both platforms: each problem is a message for the user
 * with a stable code of its own (`bad_size`, `size_and_aspect`, …), found before anything is charged.
 */
import { z } from 'zod';
import { GENERATE_LIMITS as L, IMAGE_MODELS, type ImageModel } from '../src/providers/image-models.ts';
import { schemaMessage } from '../src/core/command.ts';
import { cleanPrompt, isVisible } from './schemas.ts';
import { imageFiles } from './images.ts';

/**
 * The aspect-ratio presets and the size each asks for: 1:1 is 1024×1024, the others about one
 * megapixel (never more, so each costs one unit of its model's price), both sides multiples of 64.
 */
export const GENERATE_ASPECTS = {
  '1:1': { width: 1024, height: 1024 },
  '16:9': { width: 1344, height: 768 },
  '9:16': { width: 768, height: 1344 },
  '4:3': { width: 1152, height: 896 },
  '3:4': { width: 896, height: 1152 },
  '3:2': { width: 1216, height: 832 },
  '2:3': { width: 832, height: 1216 },
  '21:9': { width: 1536, height: 640 },
} as const satisfies Record<string, { width: number; height: number }>;
export type GenerateAspect = keyof typeof GENERATE_ASPECTS;
export const GENERATE_ASPECT_NAMES = Object.keys(GENERATE_ASPECTS) as GenerateAspect[];
/** The size when neither an aspect ratio nor a size is given. */
export const DEFAULT_ASPECT: GenerateAspect = '1:1';

export const PROMPT_HINT = 'input-generate-prompt';
const ASPECT_HINT = schemaMessage('input-generate-aspect-ratio', { values: GENERATE_ASPECT_NAMES.join(', ') });
const SIZE_HINT = schemaMessage('input-generate-size', { min: L.sideMin, max: L.sideMax });
const COUNT_HINT = schemaMessage('input-generate-count', { max: L.countMax });
const MODEL_HINT = schemaMessage('input-generate-model', { values: IMAGE_MODELS.map((m) => m.id).join(', ') });
const PURPOSE = 'reference' as const;

type Issue = { addIssue(issue: { code: 'custom'; message: string; params: Record<string, unknown> & { code: string } }): void };
/**
 * Reports a problem under its stable code (parseInput makes it the UserError's code): `message`
 * is a catalogue id, rendered with `args` (and schemaMessage's fixed ones).
 */
function fail(ctx: Issue, code: string, message: string, args: Record<string, string | number> = {}): never {
  ctx.addIssue({ code: 'custom', message, params: { ...args, code } });
  return z.NEVER;
}

/** A model by its API id or its name, however typed (`flux-2`, `Flux 2 Pro`, `FLUX2PRO`), or `sdxl`. */
const squash = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');
const MODEL_NAMES: ReadonlyMap<string, ImageModel> = new Map([
  ...IMAGE_MODELS.flatMap((m) => [[squash(m.id), m.id] as const, [squash(m.name), m.id] as const]),
  ['sdxl', 'stable-diffusion-xl'],
]);

/** A cleaned text (as /imagine cleans prompts) within `max` characters; `undefined` when blank. */
function text(value: string, max: number, ctx: Issue, tooLong: { code: string; message: string }): string | undefined {
  const cleaned = cleanPrompt(value);
  if (!isVisible(cleaned)) return undefined;
  if (cleaned.length > max) return fail(ctx, tooLong.code, tooLong.message, { maximum: max });
  return cleaned;
}

/** `1536x1024` (or `1536×1024`, `1536 x 1024`), each side within the service's limits. */
export function parseSize(value: string): { width: number; height: number } | undefined {
  const m = /^\s*(\d{1,5})\s*[x×*]\s*(\d{1,5})\s*$/i.exec(value);
  if (!m) return undefined;
  const [width, height] = [Number(m[1]), Number(m[2])];
  const fits = (side: number) => side >= L.sideMin && side <= L.sideMax;
  return fits(width) && fits(height) ? { width, height } : undefined;
}

const fields = z.object({
  prompt: z
    .string()
    .optional()
    .transform((v, ctx) => {
      const prompt = v === undefined ? undefined : text(v, L.promptMax, ctx, { code: 'prompt_too_long', message: 'input-generate-prompt-too-long' });
      return prompt ?? fail(ctx, 'missing_prompt', PROMPT_HINT);
    }),
  model: z
    .string()
    .optional()
    .transform((v, ctx): ImageModel | undefined => {
      if (v === undefined) return undefined;
      return MODEL_NAMES.get(squash(v)) ?? fail(ctx, 'unknown_model', MODEL_HINT);
    }),
  negative: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return undefined;
      const negative = text(v, L.negativeMax, ctx, { code: 'negative_too_long', message: 'input-generate-negative-too-long' });
      return negative ?? fail(ctx, 'empty_negative', 'input-generate-negative-empty');
    }),
  aspect_ratio: z
    .string()
    .optional()
    .transform((v, ctx): GenerateAspect | undefined => {
      if (v === undefined) return undefined;
      const found = GENERATE_ASPECT_NAMES.find((a) => a === v.trim());
      return found ?? fail(ctx, 'bad_aspect_ratio', ASPECT_HINT);
    }),
  size: z
    .string()
    .optional()
    .transform((v, ctx) => (v === undefined ? undefined : (parseSize(v) ?? fail(ctx, 'bad_size', SIZE_HINT)))),
  count: z
    .union([z.number(), z.string()])
    .optional()
    .transform((v, ctx) => {
      if (v === undefined) return 1;
      // Plain digits only: `1e1` or `0x5` is not what anyone typing a count means.
      const n = typeof v === 'number' ? v : /^\s*\d{1,3}\s*$/.test(v) ? Number(v) : Number.NaN;
      return Number.isInteger(n) && n >= 1 && n <= L.countMax ? n : fail(ctx, 'bad_count', COUNT_HINT);
    }),
  image: imageFiles({
    min: 0,
    max: L.inputsMax,
    count: () => 'input-generate-images',
    purpose: PURPOSE,
  }),
});

/** /generate's options, checked: the size is settled (from the size, the aspect ratio, or the default). */
export const generateInput = fields.transform((f, ctx) => {
  if (f.size && f.aspect_ratio) {
    return fail(ctx, 'size_and_aspect', 'input-generate-size-and-aspect', { ratio: f.aspect_ratio, size: `${f.size.width}x${f.size.height}` });
  }
  const { width, height } = f.size ?? GENERATE_ASPECTS[f.aspect_ratio ?? DEFAULT_ASPECT];
  return { prompt: f.prompt, model: f.model, negative: f.negative, width, height, count: f.count, image: f.image };
});
export type GenerateInput = z.infer<typeof generateInput>;
export { PURPOSE as REFERENCE_PURPOSE };
