import { z } from 'zod';
import type { CommandSpec } from '../src/core/command.ts';
import { PROMPT_MAX_LENGTH, promptText } from './schemas.ts';
import { imageFiles, paidImageUrls } from './images.ts';

export { PROMPT_MAX_LENGTH };

export const ASPECT_RATIOS = ['1:1', '16:9', '9:16', '4:3', '3:4', '3:2', '2:3', '21:9', '9:21', '5:4', '4:5', '2:1', '1:2'] as const;
const MAX_IMAGE_PROMPTS = 3;
const PURPOSE = 'to use it as an image prompt';

const input = z.object({
  prompt: promptText('Tell me what to imagine, e.g. /imagine a red fox in fresh snow'),
  aspect_ratio: z
    .enum(ASPECT_RATIOS, { message: `Aspect ratio must be one of ${ASPECT_RATIOS.join(', ')}.` })
    .optional(),
  image: imageFiles({ min: 0, max: MAX_IMAGE_PROMPTS, count: () => `Up to ${MAX_IMAGE_PROMPTS} images can guide one prompt.`, purpose: PURPOSE }),
});
type Input = z.infer<typeof input>;

/** A prompt that sets its own aspect ratio (`--ar 3:2`) keeps it over the user's default. */
function hasAspectFlag(prompt: string): boolean {
  return /--(?:ar|aspect)\s/.test(prompt);
}

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
  async run(ctx, { prompt, aspect_ratio, image }) {
    const { settings, credits, tasks } = ctx.services;
    const mine = settings.get(ctx.scope);
    const turbo = mine.speed === 'turbo';
    const charge = credits.charge(ctx.scope, 'imagine', 1, { turbo });
    const urls = await paidImageUrls(ctx, image, charge, PURPOSE);
    await tasks.start(
      {
        scope: ctx.scope,
        // Image prompts go first in the prompt itself, as Midjourney takes them; the user's /settings
        // give the suffix, the aspect ratio when none was typed, and the speed.
        job: {
          type: 'mj.imagine',
          prompt: settings.finishPrompt(mine, [...urls, prompt].join(' ')),
          aspectRatio: aspect_ratio ?? (hasAspectFlag(prompt) ? undefined : mine.aspectRatio),
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
