import { z } from 'zod';
import type { CommandSpec } from '../src/core/command.ts';
import { attachment } from './schemas.ts';
import { isImage, publicImageUrl } from './image-url.ts';

const HINT = 'Send /describe with an image: attach it, send it with /describe as its caption, or reply /describe to it.';

const input = z.object({
  image: z
    .array(attachment, { message: HINT })
    .min(1, HINT)
    .max(1, 'I describe one image at a time: send /describe with a single image.')
    .superRefine((files, ctx) => {
      for (const file of files) {
        if (!isImage(file)) ctx.addIssue({ code: 'custom', message: `“${file.name}” is not an image. Send a PNG, JPEG, WebP or GIF to describe.` });
      }
    }),
});
type Input = z.infer<typeof input>;

/** Midjourney's /describe: four prompts that could have made the image, each a button that imagines it. */
export const describe: CommandSpec<Input> = {
  name: 'describe',
  description: 'Four prompts that describe an image',
  options: [{ type: 'attachment', name: 'image', description: 'The image to describe', required: true, max: 1 }],
  input,
  slow: true,
  async run(ctx, { image }) {
    const file = image[0]!;
    const { credits, tasks } = ctx.services;
    const charge = credits.charge(ctx.scope, 'describe');
    // Nothing is uploaded for a job the wallet cannot pay for.
    credits.ensureCovers(ctx.scope, charge.cost, 1);
    const imageUrl = await publicImageUrl(ctx, file);
    await tasks.start(
      { scope: ctx.scope, job: { type: 'mj.describe', imageUrl }, prompt: file.name, label: 'Describe', charge, origin: ctx.origin },
      ctx.respond,
    );
  },
};
