import { z } from 'zod';
import { schemaMessage, type AttachmentOption, type CommandSpec } from '../src/core/command.ts';
import { BLEND_ASPECT, BLEND_DIMENSIONS, type BlendDimension } from '../src/providers/jobs.ts';
import { imageFiles, paidImageUrls } from './images.ts';

/** Apiframe's /blend takes 2 to 5 images; Discord shows them as image1 (required) … image5. */
const IMAGES: AttachmentOption = { type: 'attachment', name: 'image', description: 'An image to blend', min: 2, max: 5, numbered: true };
const MIN = IMAGES.min!;
const MAX = IMAGES.max!;
const PURPOSE = 'blend' as const;

/** What else a user may type for a dimension on Telegram: the ratio it makes, or the word with dashes (`--portrait`). */
const ALIASES: Readonly<Record<string, BlendDimension>> = Object.fromEntries(
  BLEND_DIMENSIONS.flatMap((d) => [
    [d, d],
    [BLEND_ASPECT[d], d],
  ]),
);
const DIMENSION_HINT = schemaMessage('input-blend-dimension', {
  dimensions: BLEND_DIMENSIONS.join(', '),
  ratios: BLEND_DIMENSIONS.map((d) => BLEND_ASPECT[d]).join(', '),
});

const input = z.object({
  image: imageFiles({
    min: MIN,
    max: MAX,
    count: () => 'input-blend-images',
    purpose: PURPOSE,
  }),
  dimension: z
    .string({ message: DIMENSION_HINT })
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return 'square';
      const found = ALIASES[v.trim().toLowerCase().replace(/^(--|\u2014)/, '')];
      if (found) return found;
      ctx.addIssue({ code: 'custom', message: DIMENSION_HINT });
      return z.NEVER;
    }),
});
type Input = z.infer<typeof input>;

export const blend: CommandSpec<Input> = {
  name: 'blend',
  requires: 'mj.blend',
  description: 'Blend 2–5 images into four new ones',
  telegramArgs: '[portrait|landscape] (the caption of an album of 2–5 photos)',
  options: [
    IMAGES,
    {
      type: 'string',
      name: 'dimension',
      description: 'Shape of the result: square (default), portrait 2:3 or landscape 3:2',
      choices: BLEND_DIMENSIONS.map((d) => ({ name: d, value: d })),
      flag: 'dimension',
      // On Telegram the bare word works too: `/blend portrait`.
      rest: true,
    },
  ],
  input,
  slow: true,
  async run(ctx, { image, dimension }) {
    const charge = await ctx.services.credits.charge(ctx.scope, 'blend');
    const urls = await paidImageUrls(ctx, image, charge, PURPOSE);
    await ctx.services.tasks.start(
      {
        scope: ctx.scope,
        job: { type: 'mj.blend', imageUrls: urls, dimension, aspectRatio: BLEND_ASPECT[dimension] },
        prompt: `${urls.length} images, ${dimension}`,
        label: 'Blend',
        charge,
        origin: ctx.origin,
      },
      ctx.respond,
    );
  },
};
