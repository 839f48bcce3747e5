import { z } from 'zod';
import type { CommandContext, CommandSpec } from '../src/core/command.ts';
import type { Responder } from '../src/core/chat.ts';
import type { ActionRecord } from '../src/store/records/actions.ts';
import type { TaskRecord } from '../src/store/records/tasks.ts';
import type { Repositories } from '../src/store/index.ts';
import { actionEntry, actionKey, launchesOf } from '../src/core/actions/catalog.ts';
import type { ActionEntry, FileEntry, ParentTask, TaskEntry } from '../src/core/actions/types.ts';
import { toUserFacing, UserError } from '../src/core/errors.ts';
import { PROMPT_MAX_LENGTH, promptText } from './schemas.ts';
import { atSpeed } from '../src/providers/jobs.ts';
import { followUpCost } from '../src/core/subtle-variations.ts';
import { notHere } from './image-command.ts';
import { msg } from '../src/i18n/index.ts';

/** A second press of the same button within this window is a double click, not a new request. */
export const DOUBLE_PRESS_MS = 5_000;

const ZOOM_HELP = 'input-action-zoom';

const input = z.object({
  id: z.string().regex(/^act:[A-Za-z0-9_-]{6,32}$/, 'input-button-unknown').transform((v) => v.slice(4)),
  /** Answers to what the press asked first (Remix, Custom Zoom). */
  prompt: promptText('input-action-prompt').optional(),
  zoom: z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?$/, ZOOM_HELP)
    .transform(Number)
    .refine((v) => v > 1 && v <= 2, ZOOM_HELP)
    .optional(),
});
type Input = z.infer<typeof input>;


interface Pressed<E extends ActionEntry = ActionEntry> {
  action: ActionRecord;
  entry: E;
  parent: ParentTask;
}

/** A button is untrusted input: it must exist, belong to the chat it was pressed in, and name a catalog entry. */
async function lookUp(ctx: CommandContext, id: string): Promise<Pressed> {
  const { store } = ctx.services;
  const action = await store.actions.get(id);
  if (!action || action.platform !== ctx.scope.platform || action.chatId !== ctx.scope.chatId) {
    throw new UserError('unknown_button', notHere(ctx.commands), { actionId: id });
  }
  const entry = actionEntry(action.kind);
  const parent = await store.tasks.get(action.taskId);
  if (!entry || !parent || parent.status !== 'finished' || !parent.providerTaskId) throw new UserError('unknown_button', notHere(ctx.commands), { actionId: id });
  return { action, entry, parent: parent as ParentTask };
}

/** Refuses a press its entry does not allow today (a model no longer shared, an image already upscaled). */
async function check(ctx: CommandContext, { action, entry, parent }: Pressed): Promise<void> {
  // Sending a file the result already holds is anyone's in the chat, and free.
  if (entry.sends) return;
  await entry.authorize?.(ctx.services, ctx.scope, parent);
  if (!entry.once) return;
  const existing = await ctx.services.store.tasks.findLiveChild(parent.id, actionKey(entry.id, action.arg));
  if (existing) throw new UserError('already_done', existing.status === 'finished' ? entry.once.done(action.arg) : entry.once.running(action.arg));
}

/**
 * The event a task of a press records. With several tasks, the last takes the press's own event
 * and the others a numbered form of it: dispatch skips a replayed press (after a crash) only once
 * its own event started something, so a replay starts exactly the tasks still missing.
 */
function launchOrigin(origin: string | undefined, i: number, count: number): string | undefined {
  return origin === undefined || i === count - 1 ? origin : `${origin}#${i + 1}`;
}

/** Where the task after the first of a press shows its progress: a message of its own. */
function replyFor(ctx: CommandContext, i: number): Responder {
  if (i === 0) return ctx.respond;
  const { platform, chatId, userId, userName } = ctx.scope;
  return ctx.respond.another?.() ?? ctx.services.tasks.continueIn({ platform, chatId, userId, userName }, undefined);
}

/**
 * Records the press inside the insert transaction of its first task, so two quick presses cannot
 * both pass: a press that starts several tasks is refused (or taken) as a whole.
 */
function recordPress({ action, entry, parent }: Pressed<TaskEntry>, key: string): (task: TaskRecord, tx: Repositories) => Promise<void> {
  return async (task, tx) => {
    if (!(await tx.actions.recordUse(action.id, task.id, Date.now(), DOUBLE_PRESS_MS))) {
      throw new UserError('double_press', msg('error-double-press'));
    }
    // The new row is already written here, so a second live one means a race lost.
    if (entry.once && (await tx.tasks.countLiveChildren(parent.id, key)) > 1) throw new UserError('already_done', entry.once.running(action.arg));
  };
}

/**
 * A press that sends a file of the result (⬇️ under a /generate): no task, no charge. A double
 * click sends it once; the press is recorded against its result, as it starts nothing of its own.
 */
async function sendFile(ctx: CommandContext, { action, entry, parent }: Pressed<FileEntry>): Promise<void> {
  const { image, caption } = entry.sends(parent, action.arg, ctx.locale);
  if (!ctx.respond.file) throw new UserError('cannot_send_file', msg('error-cannot-send-file'));
  if (!(await ctx.services.store.actions.recordUse(action.id, parent.id, Date.now(), DOUBLE_PRESS_MS))) {
    throw new UserError('double_press', msg('error-double-press'));
  }
  await ctx.respond.file(image, caption);
}

/** Every result button: what it does is its catalog entry (src/core/actions/entries.ts). */
export const action: CommandSpec<Input> = {
  name: 'action',
  description: 'A result button',
  options: [],
  input,
  slow: true,
  hidden: true,
  // A remixed prompt, as the user edited it (a button's own prompt was checked when first typed).
  prompts: ({ prompt }) => [prompt],
  async authorize(ctx, { id }) {
    await check(ctx, await lookUp(ctx, id));
  },
  async ask(ctx, { id, prompt, zoom }) {
    const { action, entry, parent } = await lookUp(ctx, id);
    if (entry.sends) return undefined;
    const needsZoom = entry.asks === 'zoom' && zoom === undefined;
    const remix = entry.remix && prompt === undefined && (await ctx.services.settings.get(ctx.scope)).remix;
    if (!needsZoom && !remix) return undefined;
    return {
      target: `act:${id}`,
      title: needsZoom ? ctx.t('reply-action-zoom-title') : ctx.t('reply-action-remix-title', { button: entry.label(action.arg) }),
      fields: [
        ...(needsZoom ? [{ name: 'zoom', label: ctx.t('reply-action-zoom-label'), value: '1.5', required: true, maxLength: 4 }] : []),
        { name: 'prompt', label: ctx.t('reply-action-prompt-label'), value: parent.prompt, required: true, maxLength: PROMPT_MAX_LENGTH, long: true },
      ],
    };
  },
  async run(ctx, { id, prompt, zoom }) {
    const pressed = await lookUp(ctx, id);
    await check(ctx, pressed);
    const { action, entry, parent } = pressed;
    if (entry.sends) return sendFile(ctx, { action, entry, parent });
    const { store, tasks, credits, settings, log } = ctx.services;
    const key = actionKey(entry.id, action.arg);
    // A remixed prompt is finished like a typed one (the user's suffix); the presser's speed applies.
    const mine = await settings.get(ctx.scope);
    if (prompt !== undefined) ctx.services.bannedWords.checkSuffix(mine.suffix);
    const remixed = prompt === undefined ? undefined : settings.finishPrompt(mine, prompt);
    const answers = { prompt: remixed, zoom, subtle: mine.variation === 'subtle' };
    const launches = launchesOf(entry, parent, action.arg, answers).map((l) => ({
      job: atSpeed(l.job, mine.speed),
      prompt: prompt ?? l.prompt,
    }));
    if (launches.length === 0) throw new UserError('unknown_button', notHere(ctx.commands), { actionId: id });
    const origins = launches.map((_, i) => launchOrigin(ctx.origin, i, launches.length));
    const turbo = launches.some((l) => 'speed' in l.job && l.job.speed === 'turbo');
    const costKey = typeof entry.cost === 'function' ? entry.cost(answers, parent) : entry.cost;
    const charge = () => credits.charge(ctx.scope, costKey, entry.units?.(parent), { turbo });
    // A job with a second step (a subtle V) is started only when both steps can be paid for.
    const secondStep = followUpCost(launches[0]?.job, credits.costs);
    if (launches.length === 1 && secondStep > 0) await credits.ensureCovers(ctx.scope, (await charge()).cost + secondStep, 1);
    if (launches.length > 1) {
      // What a replay already started is paid for; the rest must be payable as a whole.
      let missing = 0;
      for (const origin of origins) if (origin === undefined || !(await store.tasks.byOrigin(origin))) missing++;
      await credits.ensureCovers(ctx.scope, (await charge()).cost * missing, missing);
    }
    for (const [i, launch] of launches.entries()) {
      const respond = replyFor(ctx, i);
      try {
        await tasks.start(
          {
            scope: ctx.scope,
            job: launch.job,
            label: entry.taskLabel(action.arg, parent),
            actionKey: key,
            charge: await charge(),
            prompt: launch.prompt,
            parentId: parent.id,
            origin: origins[i],
            onInsert: i === 0 ? recordPress({ action, entry, parent }, key) : undefined,
          },
          respond,
        );
      } catch (err) {
        // A press of one task fails as a command does. Of several, a refusal (a double press, no
        // credits left) ends the press, and an image service error stays in its own task's message.
        if (launches.length === 1 || (i === 0 && err instanceof UserError)) throw err;
        const shown = toUserFacing(err, log, { actionId: action.id, launch: i + 1 }, ctx.locale);
        await respond.error(shown.text, { userFault: shown.userFault }).catch((replyErr: unknown) => {
          log.warn({ err: replyErr, actionId: action.id }, 'could not show why one task of a press did not start');
        });
        if (err instanceof UserError) return;
      }
    }
  },
};
