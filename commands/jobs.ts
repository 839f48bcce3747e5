import { z } from 'zod';
import type { Panel } from '../src/core/chat.ts';
import type { CommandContext, CommandSpec } from '../src/core/command.ts';
import { UserError } from '../src/core/errors.ts';
import { ordinal } from '../src/core/queue-text.ts';
import { quote } from '../src/core/render.ts';

/** A ❌ Cancel button's payload: `cancel:<task id>`. Whoever presses it is checked again, as for any payload. */
export const CANCEL_PREFIX = 'cancel:';
const CANCEL_PAYLOAD = /^cancel:([A-Za-z0-9_-]{6,32})$/;
/** Jobs one /jobs lists (a message stays short on both platforms). */
const LISTED = 10;

/** The task id a cancel button carries, or undefined when the payload is not one. */
export function cancelTarget(payload: string): string | undefined {
  return CANCEL_PAYLOAD.exec(payload)?.[1];
}

/** Group admins see and cancel everyone's jobs in the chat; anyone else only their own. */
async function seesAll(ctx: CommandContext): Promise<boolean> {
  return !ctx.scope.isPrivate && (await ctx.isGroupAdmin());
}

async function jobsPanel(ctx: CommandContext, note?: string): Promise<Panel> {
  const { scope } = ctx;
  const all = await seesAll(ctx);
  const jobs = await ctx.services.tasks.openJobs(scope.platform, scope.chatId, all ? undefined : scope.userId, LISTED + 1);
  const head = note ? [note] : [];
  if (jobs.length === 0) return { text: [...head, all ? 'No jobs are running or waiting in this chat.' : 'You have no jobs running or waiting here.'].join('\n'), rows: [] };
  const lines = jobs.slice(0, LISTED).map(({ task, position }) => {
    const what = `${task.label} ${quote(task.prompt, 60)}${all ? ` for ${task.userName}` : ''}`;
    if (task.waitingSince === null) return `🎨 ${what}: running${task.progress > 0 ? ` (${task.progress}%)` : ''}`;
    return `⏳ ${what}: ${position ? `${ordinal(position)} in line` : 'waiting'}`;
  });
  if (jobs.length > LISTED) lines.push('…and more.');
  const buttons = jobs
    .slice(0, LISTED)
    .filter(({ task }) => task.waitingSince !== null)
    .map(({ task }) => ({ id: `${CANCEL_PREFIX}${task.id}`, label: `❌ Cancel ${quote(task.prompt, 24)}` }));
  const footer = buttons.length > 0 ? ['A waiting job can be cancelled, refunded in full; a running one cannot be stopped.'] : [];
  return {
    text: [...head, all ? '🧾 Jobs in this chat:' : '🧾 Your jobs here:', ...lines, ...footer].join('\n'),
    // One button a row: each names its job.
    rows: buttons.map((b) => ({ buttons: [b] })),
  };
}

async function show(ctx: CommandContext, panel: Panel): Promise<void> {
  if (ctx.respond.panel) await ctx.respond.panel(panel);
  else await ctx.respond.text(panel.text, { private: true });
}

const jobsInput = z.object({});
export const jobs: CommandSpec<z.infer<typeof jobsInput>> = {
  name: 'jobs',
  description: 'Your jobs running and waiting here, with ❌ Cancel for the waiting ones',
  options: [],
  input: jobsInput,
  slow: false,
  async run(ctx) {
    await show(ctx, await jobsPanel(ctx));
  },
};

const cancelInput = z.object({
  id: z.string().transform((v, c) => {
    const id = cancelTarget(v);
    if (!id) c.addIssue({ code: 'custom', message: 'This button is not one of mine.' });
    return id ?? '';
  }),
});
export const jobsCancel: CommandSpec<z.infer<typeof cancelInput>> = {
  name: 'jobs-cancel',
  description: 'A ❌ Cancel button of /jobs',
  options: [],
  input: cancelInput,
  slow: false,
  hidden: true,
  async run(ctx, { id }) {
    const { scope, services } = ctx;
    const task = await services.store.tasks.get(id);
    // A button is untrusted input: the job must be in this chat, and the presser's or an admin's.
    if (!task || task.platform !== scope.platform || task.chatId !== scope.chatId) throw new UserError('unknown_job', 'That job is not one of this chat’s.');
    if (task.userId !== scope.userId && !(await seesAll(ctx))) throw new UserError('not_your_job', 'Only the person who started that job (or a group admin) can cancel it.');
    const done = await services.tasks.cancel(id);
    if (done.outcome !== 'cancelled') {
      if (done.outcome === 'running') {
        throw new UserError('job_running', `${task.label} ${quote(task.prompt, 60)} has already started at the image service, which cannot stop it: it will finish as usual.`);
      }
      throw new UserError('job_gone', `${task.label} ${quote(task.prompt, 60)} has already ended.`);
    }
    const refund = done.refunded > 0 ? ` ${done.refunded} credit${done.refunded === 1 ? '' : 's'} refunded.` : ' Nothing was charged.';
    await show(ctx, await jobsPanel(ctx, `❌ Cancelled ${task.label} ${quote(task.prompt, 60)}.${refund}`));
  },
};
