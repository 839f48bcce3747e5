import { z } from 'zod';
import type { CommandContext, CommandSpec } from '../src/core/command.ts';
import { actionButtons, actionHelp } from '../src/core/actions/catalog.ts';

/**
 * /help: an overview that fits one Discord message however many commands there are (a group of
 * subcommands is one line), and `/help <topic>` for a group's commands or what each button does.
 */
export const HELP_TOPICS = ['photos', 'credits', 'admin', 'buttons'] as const;
type Topic = (typeof HELP_TOPICS)[number];

const input = z.object({
  topic: z.enum(HELP_TOPICS, { message: `Ask for help on ${HELP_TOPICS.join(', ')}, or nothing for the overview.` }).optional(),
});

/** The commands for everyone; admin commands are under /help admin, as they are hidden from members. */
const forEveryone = (ctx: CommandContext) => ctx.commands.filter((c) => !c.hidden && !c.audience);
const hasAdminCommands = (ctx: CommandContext) => ctx.commands.some((c) => !c.hidden && c.audience);
const ADMIN_POINTER = 'Server and group admins, and the bot’s operators: /help admin.';

function overview(ctx: CommandContext): string[] {
  const visible = forEveryone(ctx);
  const lines: string[] = [];
  const groups = new Set<string>();
  for (const c of visible) {
    if (!c.group) {
      lines.push(`• ${ctx.usage(c)} — ${c.description}`);
      continue;
    }
    if (groups.has(c.group)) continue;
    groups.add(c.group);
    const names = visible.filter((s) => s.group === c.group).map((s) => s.name);
    lines.push(`• /${c.group} ${names.join(' · ')} — see /help ${c.group}`);
  }
  const offers = (name: string) => visible.some((c) => (!c.group && c.name === name) || c.group === name);
  // Only what this bot offers: an operator may run one image service, or the other, or both.
  const makes = [
    offers('imagine') ? 'Midjourney images (/imagine)' : undefined,
    offers('generate') ? 'Flux 2, Nano Banana, Seedream and SDXL images (/generate)' : undefined,
    offers('photos') ? 'AI photos of a person from their own photos (/photos)' : undefined,
  ].filter((x): x is string => x !== undefined);
  return [
    `framebot makes ${new Intl.ListFormat('en', { type: 'conjunction' }).format(makes)} right here in the chat.`,
    '',
    ...lines,
    '',
    `Buttons under results: ${actionButtons().join(', ')} — /help buttons says what each does.`,
    ...(offers('imagine') ? ['Midjourney parameters such as --stylize 250 or --no text work inside the prompt.'] : []),
    ...(offers('generate')
      ? ['/generate: leave the model out to pick it from a list; sizes over 1024×1024 cost more per image; up to 10 reference images guide it.']
      : []),
    ...(offers('photos') ? ['AI Photos: /photos new, send 10–30 photos of one person, /photos train, then /photos generate.'] : []),
    'Credits: every job is paid from this chat’s wallet; /credits shows what is left.',
    ...(hasAdminCommands(ctx) ? [ADMIN_POINTER] : []),
  ];
}

/** The admin commands with who may use each; a platform cannot know before one runs whether the asker may. */
function adminTopic(ctx: CommandContext): string[] {
  const specs = ctx.commands.filter((c) => !c.hidden && c.audience);
  if (specs.length === 0) return ['This bot has no admin commands.'];
  return [
    'Admin commands: only server admins (Manage Server) and group admins see them in the command list, and each checks again who is asking when it runs.',
    ...specs.map((c) => `• ${ctx.usage(c)} — ${c.description}`),
    'Bot operators are the accounts in BOT_ADMINS.',
  ];
}

function topic(ctx: CommandContext, which: Topic): string[] {
  if (which === 'buttons') return ['Buttons under results:', ...actionHelp().map((line) => `• ${line}`)];
  if (which === 'admin') return adminTopic(ctx);
  const specs = forEveryone(ctx).filter((c) => c.group === which);
  const adminOnes = ctx.commands.filter((c) => !c.hidden && c.audience && c.aliases?.some((a) => a.group === which));
  return [
    `/${which}:`,
    ...specs.map((c) => `• ${ctx.usage(c)} — ${c.description}`),
    ...(adminOnes.length ? [`For admins: ${adminOnes.map((c) => `/${c.group} ${c.name}`).join(', ')} — see /help admin.`] : []),
  ];
}

export const help: CommandSpec<z.infer<typeof input>> = {
  name: 'help',
  description: 'How to use this bot',
  options: [{ type: 'string', name: 'topic', description: 'A group of commands, or the buttons', choices: HELP_TOPICS.map((t) => ({ name: t, value: t })), rest: true }],
  input,
  slow: false,
  async run(ctx, { topic: which }) {
    await ctx.respond.text((which ? topic(ctx, which) : overview(ctx)).join('\n'), { private: true });
  },
};
