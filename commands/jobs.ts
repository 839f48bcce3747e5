import { z } from 'zod';
import type { Panel } from '../src/core/chat.ts';
import type { CommandContext, CommandSpec } from '../src/core/command.ts';
import { UserError } from '../src/core/errors.ts';
import { msg } from '../src/i18n/index.ts';
import { quote } from '../src/core/render.ts';
import { labelIn } from '../src/core/task-label.ts';
import { ordinalArg } from '../src/core/queue-text.ts';

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
  if (jobs.length === 0) return { text: [...head, ctx.t(all ? 'reply-jobs-none-all' : 'reply-jobs-none-own')].join('\n'), rows: [] };
  const lines = jobs.slice(0, LISTED).map(({ task, position }) => {
    const job = `${labelIn(ctx.locale, task.label)} ${quote(task.prompt, 60)}`;
    const what = all ? ctx.t('reply-jobs-for', { job, user: task.userName }) : job;
    if (task.waitingSince === null) return task.progress > 0 ? ctx.t('reply-jobs-running-progress', { what, progress: task.progress }) : ctx.t('reply-jobs-running', { what });
    // An ordinal (English 2nd, 3rd): the plural rules the catalogue's selector reads are the ordinal ones.
    return position ? ctx.t('reply-jobs-in-line', { what, position: ordinalArg(position) }) : ctx.t('reply-jobs-waiting', { what });
  });
  if (jobs.length > LISTED) lines.push(ctx.t('reply-jobs-more'));
  const buttons = jobs
    .slice(0, LISTED)
    .filter(({ task }) => task.waitingSince !== null)
    .map(({ task }) => ({ id: `${CANCEL_PREFIX}${task.id}`, label: ctx.t('reply-jobs-cancel-button', { prompt: quote(task.prompt, 24) }) }));
  const footer = buttons.length > 0 ? [ctx.t('reply-jobs-footer')] : [];
  return {
    text: [...head, ctx.t(all ? 'reply-jobs-title-all' : 'reply-jobs-title-own'), ...lines, ...footer].join('\n'),
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
    if (!id) c.addIssue({ code: 'custom', message: 'input-button-unknown' });
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
    if (!task || task.platform !== scope.platform || task.chatId !== scope.chatId) throw new UserError('unknown_job', msg('error-unknown-job'));
    if (task.userId !== scope.userId && !(await seesAll(ctx))) throw new UserError('not_your_job', msg('error-not-your-job'));
    const job = `${labelIn(ctx.locale, task.label)} ${quote(task.prompt, 60)}`;
    const done = await services.tasks.cancel(id);
    if (done.outcome !== 'cancelled') {
      if (done.outcome === 'running') {
        throw new UserError('job_running', msg('error-job-running', { job }));
      }
      throw new UserError('job_gone', msg('error-job-gone', { job }));
    }
    await show(ctx, await jobsPanel(ctx, ctx.t('reply-jobs-cancelled', { job, count: done.refunded })));
  },
};
