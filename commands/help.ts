import { z } from 'zod';
import type { CommandSpec } from '../src/core/command.ts';
import { actionHelp } from '../src/core/actions/catalog.ts';

export const help: CommandSpec<Record<string, never>> = {
  name: 'help',
  description: 'How to use this bot',
  options: [],
  input: z.object({}).strip() as unknown as z.ZodType<Record<string, never>>,
  slow: false,
  async run(ctx) {
    const lines = ctx.commands
      .filter((c) => !c.hidden)
      .map((c) => `• ${ctx.usage(c)} — ${c.description}`);
    await ctx.respond.text(
      [
        'framebot makes Midjourney images right here in the chat, and AI photos of a person from their own photos.',
        '',
        ...lines,
        '',
        `Under results: ${actionHelp().join('; ')}.`,
        'Midjourney parameters such as --stylize 250 or --no text work inside the prompt.',
        'AI Photos: /photos new, send 10–30 photos of one person, /photos train, then /photos generate.',
        'Credits: every job is paid from this chat’s wallet; /credits shows what is left.',
      ].join('\n'),
      { private: true },
    );
  },
};
