import type { CommandContext, CommandSpec } from '../src/core/command.ts';
import type { Panel } from '../src/core/chat.ts';
import type { Charge } from '../src/core/credits.ts';
import type { Repositories } from '../src/store/index.ts';
import type { TaskRecord } from '../src/store/records/tasks.ts';
import { UserError } from '../src/core/errors.ts';
import { msg } from '../src/i18n/index.ts';
import { quote } from '../src/core/render.ts';
import { newId } from '../src/core/ids.ts';
import { ensureOffered, GENERATE_COST, generateUnits, modelList, offeredModels } from '../src/core/generate.ts';
import { GENERATE_LIMITS as L, IMAGE_MODELS, modelName, type ImageModel } from '../src/providers/image-models.ts';
import { GENERATE_ASPECT_NAMES, generateInput, REFERENCE_PURPOSE, type GenerateInput } from './generate-input.ts';
import { imageUrls, paidImageUrls } from './images.ts';
import { PICK_PREFIX, type GenerateRequest } from './generate-request.ts';

/** Starts a request whose model is settled: charged, its reference images passed by URL, submitted. */
export async function startGenerate(ctx: CommandContext, request: GenerateRequest, opts: { charge?: Charge; onInsert?: (task: TaskRecord, tx: Repositories) => Promise<void> } = {}): Promise<void> {
  const { credits, tasks } = ctx.services;
  const { model, prompt, negative, width, height, count, inputUrls } = request;
  await tasks.start(
    {
      scope: ctx.scope,
      job: { type: 'gen.image', model, prompt, width, height, count, ...(negative ? { negative } : {}), ...(inputUrls.length ? { inputUrls } : {}) },
      prompt,
      label: modelName(model),
      charge: opts.charge ?? await credits.charge(ctx.scope, GENERATE_COST[model], generateUnits(request)),
      origin: ctx.origin,
      onInsert: opts.onInsert,
    },
    ctx.respond,
  );
}

/** The model a request without one uses: the only one offered, else none (the user picks). */
function soleModel(ctx: CommandContext): ImageModel | undefined {
  const offered = offeredModels(ctx.services.providers);
  return offered.length === 1 ? offered[0] : undefined;
}

/** The panel that asks which model a stored request should use, with what each would cost. */
function modelPanel(ctx: CommandContext, draftId: string, input: GenerateInput, offered: readonly ImageModel[]): Panel {
  const { costs } = ctx.services.credits;
  const units = generateUnits(input);
  const price = (id: ImageModel) => ctx.t('credits-amount', { count: costs[GENERATE_COST[id]] * units });
  const title = ctx.t('reply-generate-pick-title', { prompt: quote(input.prompt), count: input.count, size: `${input.width}×${input.height}` });
  return {
    text: [title, ...offered.map((id) => `• ${modelName(id)} — ${price(id)}`)].join('\n'),
    rows: [
      {
        choice: {
          id: `${PICK_PREFIX}${draftId}`,
          placeholder: ctx.t('reply-generate-pick-placeholder'),
          options: offered.map((id) => ({ value: id, label: modelName(id), selected: false })),
        },
      },
    ],
  };
}

/**
 * /generate: text to image with the models of aiphotogenerator.net (the provider that runs
 * `gen.image`). One request is one task of `count` images, reserved up front at its model's price
 * per image and size; the images that do not come back are refunded when the task ends.
 */
export const generate: CommandSpec<GenerateInput> = {
  name: 'generate',
  requires: 'gen.image',
  description: 'Images from a prompt with Flux, Nano Banana, Seedream or SDXL',
  options: [
    { type: 'string', name: 'prompt', description: 'What the images show', required: true, maxLength: L.promptMax, rest: true },
    {
      type: 'string',
      name: 'model',
      description: 'Which model makes them',
      choices: IMAGE_MODELS.map((m) => ({ name: m.name, value: m.id })),
      // Only the models the provider offers here are listed.
      choicesFor: (providers) => offeredModels(providers).map((id) => ({ name: modelName(id), value: id })),
      flag: 'model',
    },
    // `--no` belongs to Midjourney's prompts; `--neg` takes every word up to the next flag.
    { type: 'string', name: 'negative', description: 'What to keep out of the images', maxLength: L.negativeMax, flag: 'neg', flagText: true },
    {
      type: 'string',
      name: 'aspect_ratio',
      description: 'Width:height of the images (about one megapixel; default 1:1, 1024×1024)',
      choices: GENERATE_ASPECT_NAMES.map((r) => ({ name: r, value: r })),
      flag: 'ar',
    },
    { type: 'string', name: 'size', description: `Exact size instead, e.g. 1536x1024 (each side ${L.sideMin}–${L.sideMax}; costs more above 1024×1024)`, maxLength: 11, flag: 'size' },
    { type: 'integer', name: 'count', description: `How many images (1–${L.countMax}, default 1)`, min: 1, max: L.countMax, flag: 'count' },
    { type: 'attachment', name: 'image', description: 'A reference image', max: L.inputsMax },
  ],
  input: generateInput,
  slow: true,
  // Checked before the model is asked for, so a pick never starts a refused prompt.
  prompts: ({ prompt, negative }) => [prompt, negative],
  authorize(ctx, { model }) {
    if (model) ensureOffered(ctx.services.providers, model);
  },
  /**
   * Without a model (and more than one offered), the request is stored, reference images already
   * passed by URL, and the user picks from a panel; the pick (generate-pick) starts it.
   */
  async choose(ctx, input) {
    if (input.model || soleModel(ctx)) return undefined;
    const offered = offeredModels(ctx.services.providers);
    if (offered.length === 0) return undefined; // run() says the service is off
    const { credits, store } = ctx.services;
    // Images are copied to the service only for a request the cheapest model could be paid for.
    if (input.image.some((f) => !f.publicUrl)) {
      const cheapest = Math.min(...offered.map((id) => credits.costs[GENERATE_COST[id]]));
      await credits.ensureCovers(ctx.scope, cheapest * generateUnits(input), 1);
    }
    const inputUrls = await imageUrls(ctx.services, input.image, REFERENCE_PURPOSE);
    const draft: Omit<GenerateRequest, 'model'> = { prompt: input.prompt, negative: input.negative, width: input.width, height: input.height, count: input.count, inputUrls };
    const id = newId();
    await store.drafts.put({ id, platform: ctx.scope.platform, chatId: ctx.scope.chatId, userId: ctx.scope.userId, kind: 'generate', input: draft, createdAt: Date.now() });
    return modelPanel(ctx, id, input, offered);
  },
  async run(ctx, input) {
    const model = input.model ?? soleModel(ctx);
    if (!model) {
      const offered = offeredModels(ctx.services.providers);
      throw new UserError('model_needed', offered.length ? msg('error-model-needed', { example: offered[0]!, models: modelList(offered) }) : msg('error-model-needed-none'));
    }
    ensureOffered(ctx.services.providers, model);
    const charge = await ctx.services.credits.charge(ctx.scope, GENERATE_COST[model], generateUnits(input));
    const inputUrls = await paidImageUrls(ctx, input.image, charge, REFERENCE_PURPOSE);
    await startGenerate(ctx, { ...input, model, inputUrls }, { charge });
  },
};
