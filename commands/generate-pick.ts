import { z } from 'zod';
import type { CommandContext, CommandSpec } from '../src/core/command.ts';
import { UserError } from '../src/core/errors.ts';
import { msg } from '../src/i18n/index.ts';
import { ensureOffered } from '../src/core/generate.ts';
import { IMAGE_MODEL_IDS, type ImageModel } from '../src/providers/image-models.ts';
import { DRAFT_LIFETIME_MS, type DraftRecord } from '../src/store/records/chat-state.ts';
import { PICK_PREFIX, requestFromDraft } from './generate-request.ts';
import { startGenerate } from './generate.ts';

/**
 * The model picked for a /generate that named none: the panel's payload names the stored request
 * (`gen:<draft id>=<model>`), which starts as if it had been typed with that model. A payload is
 * untrusted input: the draft must exist, be this user's in this chat, and the model be offered.
 */
const PICK = new RegExp(`^${PICK_PREFIX}([A-Za-z0-9_-]{6,32})=([a-z0-9-]{1,40})$`);
const GONE = msg('error-draft-gone');

const input = z.object({
  pick: z
    .string()
    .regex(PICK, 'input-button-unknown')
    .transform((v) => {
      const [, draftId, model] = PICK.exec(v)!;
      return { draftId: draftId!, model: model! };
    })
    .refine((p) => (IMAGE_MODEL_IDS as readonly string[]).includes(p.model), { message: 'input-button-unknown', params: { code: 'unknown_button' } }),
});
type Input = z.infer<typeof input>;

async function draftOf(ctx: CommandContext, { draftId }: Input['pick']): Promise<DraftRecord> {
  const draft = await ctx.services.store.drafts.get(draftId);
  if (!draft || draft.kind !== 'generate' || Date.now() - draft.createdAt > DRAFT_LIFETIME_MS) throw new UserError('draft_gone', GONE);
  if (draft.platform !== ctx.scope.platform || draft.chatId !== ctx.scope.chatId) throw new UserError('unknown_button', msg('error-unknown-button-here'));
  if (draft.userId !== ctx.scope.userId) throw new UserError('not_your_request', msg('error-not-your-request'));
  return draft;
}

export const generatePick: CommandSpec<Input> = {
  name: 'generate-pick',
  description: 'The model picked for a /generate',
  options: [],
  input,
  slow: true,
  hidden: true,
  async authorize(ctx, { pick }) {
    await draftOf(ctx, pick);
    ensureOffered(ctx.services.providers, pick.model as ImageModel);
  },
  async run(ctx, { pick }) {
    const draft = await draftOf(ctx, pick);
    const request = requestFromDraft(draft.input, pick.model as ImageModel);
    if (!request) throw new UserError('draft_gone', GONE);
    // The draft goes in the transaction that writes the task: a second pick finds it gone, and a
    // refused start (no credits left) leaves it for another try.
    await startGenerate(ctx, request, {
      onInsert: async (_task, tx) => {
        if (!(await tx.drafts.remove(draft.id))) throw new UserError('draft_gone', GONE);
      },
    });
  },
};
