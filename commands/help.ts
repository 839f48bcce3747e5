import { z } from 'zod';
import type { CommandContext, CommandSpec } from '../src/core/command.ts';
import { actionButtons, actionHelp } from '../src/core/actions/catalog.ts';
import { CommandTexts } from '../src/core/command-text.ts';

/**
 * /help: an overview that fits one Discord message however many commands there are (a group of
 * subcommands is one line), and `/help <topic>` for a group's commands or what each button does.
 */
export const HELP_TOPICS = ['photos', 'credits', 'admin', 'buttons'] as const;
type Topic = (typeof HELP_TOPICS)[number];

const input = z.object({
  topic: z.enum(HELP_TOPICS, { message: 'input-help-topic' }).optional(),
});

/** The commands for everyone; admin commands are under /help admin, as they are hidden from members. */
const forEveryone = (ctx: CommandContext) => ctx.commands.filter((c) => !c.hidden && !c.audience);
const hasAdminCommands = (ctx: CommandContext) => ctx.commands.some((c) => !c.hidden && c.audience);

let texts: CommandTexts | undefined;

/** A command's line: how it is typed, and what it does in the reader's language. */
function line(ctx: CommandContext, c: CommandSpec): string {
  texts ??= new CommandTexts();
  return `• ${ctx.usage(c, ctx.locale)} — ${texts.description(ctx.locale, c)}`;
}

function overview(ctx: CommandContext): string[] {
  const visible = forEveryone(ctx);
  const lines: string[] = [];
  const groups = new Set<string>();
  for (const c of visible) {
    if (!c.group) {
      lines.push(line(ctx, c));
      continue;
    }
    if (groups.has(c.group)) continue;
    groups.add(c.group);
    const names = visible.filter((s) => s.group === c.group).map((s) => s.name);
    lines.push(ctx.t('reply-help-group-line', { group: c.group, names: names.join(' · ') }));
  }
  const offers = (name: string) => visible.some((c) => (!c.group && c.name === name) || c.group === name);
  // Only what this bot offers: an operator may run one image service, or the other, or both.
  const makes = [
    offers('imagine') ? ctx.t('reply-help-makes-imagine') : undefined,
    offers('generate') ? ctx.t('reply-help-makes-generate') : undefined,
    offers('photos') ? ctx.t('reply-help-makes-photos') : undefined,
  ].filter((x): x is string => x !== undefined);
  return [
    ctx.t('reply-help-intro', { makes: new Intl.ListFormat(ctx.locale, { type: 'conjunction' }).format(makes) }),
    '',
    ...lines,
    '',
    ctx.t('reply-help-buttons', { buttons: actionButtons(ctx.locale).join(', ') }),
    ...(offers('imagine') ? [ctx.t('reply-help-imagine-parameters')] : []),
    ...(offers('generate') ? [ctx.t('reply-help-generate')] : []),
    ...(offers('photos') ? [ctx.t('reply-help-photos')] : []),
    ctx.t('reply-help-credits'),
    ...(hasAdminCommands(ctx) ? [ctx.t('reply-help-admin-pointer')] : []),
  ];
}

/** The admin commands with who may use each; a platform cannot know before one runs whether the asker may. */
function adminTopic(ctx: CommandContext): string[] {
  const specs = ctx.commands.filter((c) => !c.hidden && c.audience);
  if (specs.length === 0) return [ctx.t('reply-help-admin-none')];
  return [ctx.t('reply-help-admin-title'), ...specs.map((c) => line(ctx, c)), ctx.t('reply-help-admin-operators')];
}

function topic(ctx: CommandContext, which: Topic): string[] {
  if (which === 'buttons') return [ctx.t('reply-help-buttons-title'), ...actionHelp(ctx.locale).map((help) => `• ${help}`)];
  if (which === 'admin') return adminTopic(ctx);
  const specs = forEveryone(ctx).filter((c) => c.group === which);
  const adminOnes = ctx.commands.filter((c) => !c.hidden && c.audience && c.aliases?.some((a) => a.group === which));
  return [
    `/${which}:`,
    ...specs.map((c) => line(ctx, c)),
    ...(adminOnes.length ? [ctx.t('reply-help-for-admins', { commands: adminOnes.map((c) => `/${c.group} ${c.name}`).join(', ') })] : []),
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
