import { z } from 'zod';
import type { CommandContext, CommandSpec } from '../src/core/command.ts';
import type { ActionRecord } from '../src/store/actions-repo.ts';
import type { TaskRecord } from '../src/store/tasks-repo.ts';
import type { CostKey } from '../src/core/costs.ts';
import { UserError } from '../src/core/errors.ts';

/** A second press of the same button within this window is a double click, not a new request. */
export const DOUBLE_PRESS_MS = 5_000;

const input = z.object({
  id: z.string().regex(/^act:[A-Za-z0-9_-]{6,32}$/, 'This button is not one of mine.').transform((v) => v.slice(4)),
});
type Input = z.infer<typeof input>;

const NOT_HERE = "This button doesn't work here: it belongs to another chat or has expired. Start a new one with /imagine.";

function lookUp(ctx: CommandContext, id: string): { action: ActionRecord; parent: TaskRecord } {
  const { store } = ctx.services;
  const action = store.actions.get(id);
  // A button is untrusted input: it must exist and belong to the chat it was pressed in.
  if (!action || action.platform !== ctx.scope.platform || action.chatId !== ctx.scope.chatId) {
    throw new UserError('unknown_button', NOT_HERE, { actionId: id });
  }
  const parent = store.tasks.get(action.taskId);
  if (!parent || parent.status !== 'finished' || !parent.providerTaskId) throw new UserError('unknown_button', NOT_HERE, { actionId: id });
  return { action, parent };
}

/** What each button asks of Apiframe. */
function plan(
  action: ActionRecord,
  parent: TaskRecord,
): { kind: string; endpoint: string; request: Record<string, unknown>; label: string; cost: CostKey; units?: number } {
  const parentId = parent.providerTaskId!;
  switch (action.kind) {
    case 'upscale':
      return { kind: 'upscale', endpoint: 'upscale-1x', request: { parent_task_id: parentId, index: action.arg }, label: `Upscale #${action.arg}`, cost: 'upscale' };
    case 'variation': {
      const vary = action.arg === 'strong' || action.arg === 'subtle';
      const label = vary ? `Vary (${action.arg === 'strong' ? 'Strong' : 'Subtle'})` : `Variations of #${action.arg}`;
      return { kind: 'variation', endpoint: 'variations', request: { parent_task_id: parentId, index: action.arg }, label, cost: vary ? 'vary' : 'variation' };
    }
    case 'reroll': {
      const request: Record<string, unknown> = { parent_task_id: parentId };
      if (typeof parent.request.prompt === 'string') request.prompt = parent.request.prompt;
      if (typeof parent.request.aspect_ratio === 'string') request.aspect_ratio = parent.request.aspect_ratio;
      return { kind: 'reroll', endpoint: 'reroll', request, label: 'Reroll', cost: 'reroll' };
    }
    case 'regenerate': {
      // The same AI-photo request again; a fresh seed unless the user fixed one.
      const request = { ...parent.request };
      if (parent.request.seed === undefined) delete request.seed;
      return { kind: parent.kind, endpoint: parent.endpoint, request, label: parent.label, cost: 'photo_generate', units: Number(request.number_of_images ?? 1) };
    }
  }
}

/** The result buttons: U1–U4 upscale, V1–V4 vary, 🔄 reroll, Vary (Strong/Subtle) on upscales. */
export const action: CommandSpec<Input> = {
  name: 'action',
  description: 'A result button',
  options: [],
  input,
  slow: true,
  hidden: true,
  authorize(ctx, { id }) {
    const { action, parent } = lookUp(ctx, id);
    // A button repeats a command, so it is allowed exactly when that command would be, today.
    if (action.kind === 'regenerate') ctx.services.photos.authorizeRegenerate(ctx.scope, parent);
    if (action.kind === 'upscale') {
      const existing = ctx.services.store.tasks.findLiveChild(parent.id, 'upscale', `Upscale #${action.arg}`);
      if (existing) {
        throw new UserError(
          'already_upscaled',
          existing.status === 'finished' ? `Image #${action.arg} is already upscaled: see above.` : `Image #${action.arg} is being upscaled already.`,
        );
      }
    }
  },
  async run(ctx, { id }) {
    const { action, parent } = lookUp(ctx, id);
    if (action.kind === 'regenerate') ctx.services.photos.authorizeRegenerate(ctx.scope, parent);
    const { cost, units, ...step } = plan(action, parent);
    const { store, tasks, credits } = ctx.services;
    await tasks.start(
      {
        scope: ctx.scope,
        ...step,
        charge: credits.charge(ctx.scope, cost, units),
        prompt: parent.prompt,
        parentId: parent.id,
        origin: ctx.origin,
        // Inside the insert transaction, so two quick presses cannot both pass.
        onInsert: (task) => {
          if (!store.actions.recordUse(action.id, task.id, Date.now(), DOUBLE_PRESS_MS)) {
            throw new UserError('double_press', 'Already on it: that button was just pressed.');
          }
          // The new row is already written here, so a second live one means a race lost.
          if (action.kind === 'upscale' && store.tasks.countLiveChildren(parent.id, 'upscale', step.label) > 1) {
            throw new UserError('already_upscaled', `Image #${action.arg} is being upscaled already.`);
          }
        },
      },
      ctx.respond,
    );
  },
};
