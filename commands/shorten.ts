import { z } from 'zod';
import type { CommandSpec } from '../src/core/command.ts';
import { PROMPT_MAX_LENGTH, promptText } from './schemas.ts';

const input = z.object({
  prompt: promptText('input-shorten-prompt'),
});
type Input = z.infer<typeof input>;

/** Midjourney's /shorten: the prompt's important tokens and shorter prompts, each a button that imagines it. */
export const shorten: CommandSpec<Input> = {
  name: 'shorten',
  requires: 'mj.shorten',
  description: 'Shorter versions of a prompt',
  options: [{ type: 'string', name: 'prompt', description: 'The prompt to shorten', required: true, maxLength: PROMPT_MAX_LENGTH, rest: true }],
  input,
  slow: true,
  prompts: ({ prompt }) => [prompt],
  async run(ctx, { prompt }) {
    await ctx.services.tasks.start(
      {
        scope: ctx.scope,
        job: { type: 'mj.shorten', prompt },
        prompt,
        label: 'Shorten',
        charge: await ctx.services.credits.charge(ctx.scope, 'shorten'),
        origin: ctx.origin,
      },
      ctx.respond,
    );
  },
};
