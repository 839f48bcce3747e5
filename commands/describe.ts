import { z } from 'zod';
import type { CommandSpec } from '../src/core/command.ts';
import { imageFiles, paidImageUrls } from './images.ts';

const PURPOSE = 'describe' as const;

const input = z.object({
  image: imageFiles({ min: 1, max: 1, count: (got) => (got === 0 ? 'input-describe-image' : 'input-describe-one-image'), purpose: PURPOSE }),
});
type Input = z.infer<typeof input>;

/** Midjourney's /describe: four prompts that could have made the image, each a button that imagines it. */
export const describe: CommandSpec<Input> = {
  name: 'describe',
  requires: 'mj.describe',
  description: 'Four prompts that describe an image',
  options: [{ type: 'attachment', name: 'image', description: 'The image to describe', required: true, max: 1 }],
  input,
  slow: true,
  async run(ctx, { image }) {
    const file = image[0]!;
    const { credits, tasks } = ctx.services;
    const charge = await credits.charge(ctx.scope, 'describe');
    const [imageUrl] = await paidImageUrls(ctx, [file], charge, PURPOSE);
    await tasks.start(
      { scope: ctx.scope, job: { type: 'mj.describe', imageUrl: imageUrl! }, prompt: file.name, label: 'Describe', charge, origin: ctx.origin },
      ctx.respond,
    );
  },
};
