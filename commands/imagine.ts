import { z } from 'zod';
import { schemaMessage, type CommandSpec } from '../src/core/command.ts';
import { isVisible, PROMPT_MAX_LENGTH, promptText, SpokenList } from './schemas.ts';
import { imageFiles, paidImageUrls } from './images.ts';

export { PROMPT_MAX_LENGTH };

export const ASPECT_RATIOS = ['1:1', '16:9', '9:16', '4:3', '3:4', '3:2', '2:3', '21:9', '9:21', '5:4', '4:5', '2:1', '1:2'] as const;
const MAX_IMAGE_PROMPTS = 3;
const PURPOSE = 'image-prompt' as const;

/**
 * An aspect ratio typed inside the prompt, as Midjourney reads it: `--ar 16:9`, `--ar=16:9`,
 * `--aspect 16:9`, or `—ar` (phones turn `--` into an em dash). A bare `--ar` gives ''.
 */
const ASPECT_FLAG = /(^|\s)(?:--|\u2014)(?:ar|aspect)(?:=(\S*)|\s+(?!--|\u2014)(\S+)|(?=\s|$))/gi;

/** The prompt without its aspect-ratio flags, and the values they gave, in order. */
export function aspectFlagsIn(prompt: string): { prompt: string; ratios: string[] } {
  const ratios: string[] = [];
  const rest = prompt.replace(ASPECT_FLAG, (_m, lead: string, eq: string | undefined, spaced: string | undefined) => {
    ratios.push(eq ?? spaced ?? '');
    return lead;
  });
  return { prompt: rest.replace(/ {2,}/g, ' ').trim(), ratios };
}

const NO_PROMPT = 'input-imagine-prompt';
const RATIO_LIST = schemaMessage('input-imagine-aspect-ratio', { values: ASPECT_RATIOS.join(', ') });

/**
 * The aspect ratio is read once, wherever it was typed: the option (Telegram's `--ar`, Discord's
 * aspect_ratio) or a flag inside the prompt (Discord passes the prompt as typed). Each is checked
 * against the list, and two of them are refused: Midjourney would silently take one.
 */
const input = z
  .object({
    prompt: promptText(NO_PROMPT),
    aspect_ratio: z.enum(ASPECT_RATIOS, { message: RATIO_LIST }).optional(),
    image: imageFiles({ min: 0, max: MAX_IMAGE_PROMPTS, count: () => 'input-imagine-images', purpose: PURPOSE }),
  })
  .transform((value, ctx) => {
    const inPrompt = aspectFlagsIn(value.prompt);
    const given = [...(value.aspect_ratio ? [value.aspect_ratio] : []), ...inPrompt.ratios];
    if (given.length > 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['aspect_ratio'],
        params: { code: 'repeated_aspect_ratio', count: given.length, ratios: new SpokenList(given) },
        message: 'input-imagine-aspect-ratio-repeated',
      });
      return z.NEVER;
    }
    const ratio = given[0];
    if (ratio !== undefined && !(ASPECT_RATIOS as readonly string[]).includes(ratio)) {
      ctx.addIssue({ code: 'custom', path: ['aspect_ratio'], message: RATIO_LIST });
      return z.NEVER;
    }
    if (!isVisible(inPrompt.prompt)) {
      ctx.addIssue({ code: 'custom', path: ['prompt'], message: NO_PROMPT });
      return z.NEVER;
    }
    return { ...value, prompt: inPrompt.prompt, aspect_ratio: ratio as (typeof ASPECT_RATIOS)[number] | undefined };
  });
type Input = z.infer<typeof input>;

export const imagine: CommandSpec<Input> = {
  name: 'imagine',
  requires: 'mj.imagine',
  description: 'Create four images from a text prompt',
  options: [
    { type: 'string', name: 'prompt', description: 'What to imagine (Midjourney --flags are welcome)', required: true, maxLength: PROMPT_MAX_LENGTH, rest: true },
    {
      type: 'string',
      name: 'aspect_ratio',
      description: 'Width:height of the images',
      choices: ASPECT_RATIOS.map((r) => ({ name: r, value: r })),
      flag: 'ar',
    },
    { type: 'attachment', name: 'image', description: 'An image to guide the result (image prompt)', max: 1 },
  ],
  input,
  slow: true,
  prompts: ({ prompt }) => [prompt],
  async run(ctx, { prompt, aspect_ratio, image }) {
    const { settings, credits, tasks } = ctx.services;
    const mine = await settings.get(ctx.scope);
    ctx.services.bannedWords.checkSuffix(mine.suffix);
    const turbo = mine.speed === 'turbo';
    const charge = await credits.charge(ctx.scope, 'imagine', 1, { turbo });
    const urls = await paidImageUrls(ctx, image, charge, PURPOSE);
    await tasks.start(
      {
        scope: ctx.scope,
        // Image prompts go first in the prompt itself, as Midjourney takes them; the user's /settings
        // give the suffix, the aspect ratio when none was typed (the schema took any typed one out of the prompt), and the speed.
        job: {
          type: 'mj.imagine',
          prompt: settings.finishPrompt(mine, [...urls, prompt].join(' ')),
          aspectRatio: aspect_ratio ?? mine.aspectRatio,
          ...(turbo ? { speed: 'turbo' as const } : {}),
        },
        prompt,
        label: 'Imagine',
        charge,
        origin: ctx.origin,
      },
      ctx.respond,
    );
  },
};
