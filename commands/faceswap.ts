import { z } from 'zod';
import type { CommandSpec } from '../src/core/command.ts';
import { imageFiles, paidImageUrls } from './images.ts';

const PURPOSE = 'faceswap' as const;
/**
 * Telegram fills the two options in order from the files a command brings (the adapter gives the
 * first to `target`, the rest to `face`), so the one message covers a missing and an extra file.
 */
const one = () => imageFiles({ min: 1, max: 1, count: () => 'input-faceswap-images', purpose: PURPOSE });

const input = z.object({ target: one(), face: one() });
type Input = z.infer<typeof input>;

export const faceswap: CommandSpec<Input> = {
  name: 'faceswap',
  requires: 'mj.faceswap',
  description: 'Put the face from one photo into another picture',
  telegramArgs: '(the caption of an album: the picture, then the face)',
  options: [
    { type: 'attachment', name: 'target', description: 'The picture whose face is replaced (one face in it)', required: true },
    { type: 'attachment', name: 'face', description: 'A photo of the face to put in (one face in it)', required: true },
  ],
  input,
  slow: true,
  async run(ctx, { target, face }) {
    const charge = await ctx.services.credits.charge(ctx.scope, 'faceswap');
    const [targetUrl, faceUrl] = await paidImageUrls(ctx, [...target, ...face], charge, PURPOSE);
    await ctx.services.tasks.start(
      {
        scope: ctx.scope,
        job: { type: 'mj.faceswap', targetUrl: targetUrl!, faceUrl: faceUrl! },
        prompt: 'a new face in your picture',
        label: 'Face swap',
        charge,
        origin: ctx.origin,
      },
      ctx.respond,
    );
  },
};
