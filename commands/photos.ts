import { z } from 'zod';
import type { CommandContext, CommandSpec } from '../src/core/command.ts';
import { ETHNICITIES, GENDERS, MAX_PHOTOS, MIN_PHOTOS, PHOTO_MIN_SIDE, type CollectReport, type DeleteOutcome } from '../src/core/photos.ts';
import { UserError } from '../src/core/errors.ts';
import { schemaMessage } from '../src/core/command.ts';
import { msg } from '../src/i18n/index.ts';
import { attachment, PROMPT_MAX_LENGTH, promptText, wholeNumber } from './schemas.ts';

const GROUP = 'photos';
/** Apiframe's AI-photo aspect ratios (without "custom"). */
export const PHOTO_ASPECT_RATIOS = ['1:1', '4:3', '3:4', '16:9', '9:16', '3:2', '2:3', '21:9', '9:21', '5:4', '4:5', '1:2', '2:1'] as const;
const NAME = z
  .string()
  .trim()
  .min(1, 'input-photos-name-empty')
  .max(32, 'input-photos-name-long')
  .regex(/^[\p{L}\p{N} _-]+$/u, 'input-photos-name-characters');

function photos(ctx: CommandContext) {
  return ctx.services.photos;
}

type Says = Pick<CommandContext, 't'>;

/** "📸 7 of 30 photos — 3 more to train." */
export function countLine(ctx: Says, total: number): string {
  return total < MIN_PHOTOS
    ? ctx.t('reply-photos-count', { total, max: MAX_PHOTOS, missing: MIN_PHOTOS - total })
    : ctx.t('reply-photos-count-ready', { total, max: MAX_PHOTOS });
}

/** One line per refused photo, saying why (the reason is core's, still English). */
function refusedLines(report: CollectReport): string[] {
  return report.refused.map((r) => `• ${r.name} ${r.reason}.`);
}

/** The count, then one line per refused photo: the whole answer where a reply cannot be edited later. */
export function collectReply(ctx: Says, report: CollectReport): string {
  return [countLine(ctx, report.total), ...refusedLines(report)].join('\n');
}

/**
 * Answers photos added to a set. Where the chat can keep a running status, the count is one
 * message per set, edited as photos arrive (ten photos sent one by one make one message, not ten);
 * refused photos are answered on their own, as they need reading. A batch of refusals alone leaves
 * the count as it was.
 */
async function answerCollected(ctx: CommandContext, report: CollectReport): Promise<void> {
  const { respond } = ctx;
  if (!respond.status) return respond.text(collectReply(ctx, report));
  if (report.added > 0 || report.refused.length === 0) await respond.status(`photos:${report.setId}`, countLine(ctx, report.total));
  if (report.refused.length > 0) await respond.text(refusedLines(report).join('\n'));
}

/**
 * Telegram types the subject as words ("/photos new female middle eastern 30"); Discord fills the
 * three options. Free text in `gender` is split into the three before validation: the ethnicity
 * and the gender are found by name, the next word left is the age (the schema checks it), and
 * anything after that goes to `unparsed`, which the schema refuses, so nothing typed is ignored.
 */
function splitSubject(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  const input = raw as Record<string, unknown>;
  if (typeof input.gender !== 'string' || !/\s/.test(input.gender.trim()) || input.ethnicity !== undefined) return raw;
  let text = ` ${input.gender.toLowerCase().replace(/\s+/g, ' ')} `;
  const take = (pattern: RegExp): string | undefined => {
    const m = pattern.exec(text);
    if (!m) return undefined;
    text = text.replace(m[0], ' ');
    return m[1];
  };
  const ethnicity = ETHNICITIES.map((e) => take(new RegExp(` (${e}) `))).find(Boolean);
  const gender = take(/ (female|male|woman|man) /);
  const left = text.trim();
  // Without a gender or an ethnicity, what is left was the user's try at it: its schema says what fits.
  if (!gender) return { ...input, gender: left, ethnicity };
  if (!ethnicity) return { ...input, gender: gender === 'woman' ? 'female' : gender === 'man' ? 'male' : gender, ethnicity: left || undefined };
  const [age, ...rest] = left ? left.split(' ') : [];
  return {
    ...input,
    gender: gender === 'woman' ? 'female' : gender === 'man' ? 'male' : gender,
    ethnicity,
    age: input.age ?? age,
    unparsed: rest.length ? rest.join(' ') : undefined,
  };
}

const SUBJECT_EXAMPLE = `/photos new female ${ETHNICITIES[6]} 30`;

const newInput = z.preprocess(
  splitSubject,
  z.object({
    gender: z.enum(GENDERS, { message: schemaMessage('input-photos-subject', { ethnicities: ETHNICITIES.join(', '), example: SUBJECT_EXAMPLE }) }),
    ethnicity: z.enum(ETHNICITIES, { message: 'input-photos-ethnicity' }),
    age: wholeNumber('input-photos-age-whole')
      .pipe(z.number().min(18, 'input-photos-age-adult').max(100, 'input-photos-age-max'))
      .optional(),
    // A custom issue, so the words not understood travel as its params.
    unparsed: z
      .string()
      .optional()
      .superRefine((v, c) => {
        if (v !== undefined) c.addIssue({ code: 'custom', message: schemaMessage('input-photos-unparsed', { example: SUBJECT_EXAMPLE }), params: { words: v } });
      }),
  }),
);
export const photosNew: CommandSpec<z.infer<typeof newInput>> = {
  name: 'new',
  group: GROUP,
  requires: 'photo.prepare',
  description: 'Start a photo set of one person (then send 10–30 photos)',
  telegramArgs: '<female|male> <ethnicity> [age]',
  options: [
    { type: 'string', name: 'gender', description: 'Who is in the photos', required: true, choices: GENDERS.map((g) => ({ name: g, value: g })), rest: true },
    { type: 'string', name: 'ethnicity', description: 'Their ethnicity (helps the model)', required: true, choices: ETHNICITIES.map((e) => ({ name: e, value: e })) },
    { type: 'integer', name: 'age', description: 'Their age (optional)', min: 18, max: 100 },
  ],
  input: newInput,
  slow: false,
  async run(ctx, subject) {
    await photos(ctx).open(ctx.scope, subject);
    await ctx.respond.text(
      [
        ctx.t('reply-photos-new', { min: MIN_PHOTOS, max: MAX_PHOTOS }),
        ctx.t('reply-photos-new-tips', { side: PHOTO_MIN_SIDE }),
        ctx.t('reply-photos-new-kept'),
      ].join('\n'),
    );
  },
};

const addInput = z.object({
  image: z.array(attachment, { message: 'input-photos-attach' }).min(1, 'input-photos-attach').max(MAX_PHOTOS, 'input-photos-too-many'),
});
export const photosAdd: CommandSpec<z.infer<typeof addInput>> = {
  name: 'add',
  group: GROUP,
  requires: 'photo.prepare',
  description: 'Add photos to your open set',
  options: [{ type: 'attachment', name: 'image', description: 'A photo of the person', required: true, max: 10 }],
  input: addInput,
  slow: true,
  async run(ctx, { image }) {
    await answerCollected(ctx, await photos(ctx).add(ctx.scope, image));
  },
};

/** Photos sent as plain messages while a set is open (adapters route them here; no slash command). */
export const photosCollect: CommandSpec<z.infer<typeof addInput>> = {
  ...photosAdd,
  name: 'collect',
  hidden: true,
  // Photos sent to an open set, one message each: a set of 20 must not run into USER_RATE_LIMIT.
  rateLimited: false,
};

const trainInput = z.object({ name: NAME.optional() });
export const photosTrain: CommandSpec<z.infer<typeof trainInput>> = {
  name: 'train',
  group: GROUP,
  requires: 'photo.prepare',
  description: 'Train a model of the person from your photo set',
  options: [{ type: 'string', name: 'name', description: 'A name for the model (default: yours)', maxLength: 32, rest: true }],
  input: trainInput,
  slow: true,
  async run(ctx, { name }) {
    await photos(ctx).train(ctx.scope, name, ctx.respond, ctx.origin);
  },
};

const generateInput = z.object({
  prompt: promptText('input-photos-prompt'),
  model: NAME.optional(),
  aspect_ratio: z.enum(PHOTO_ASPECT_RATIOS, { message: 'input-photos-aspect-ratio' }).optional(),
  count: wholeNumber('input-photos-count').pipe(z.number().min(1, 'input-photos-count').max(4, 'input-photos-count')).default(1),
  seed: wholeNumber('input-photos-seed-whole').pipe(z.number().min(0, 'input-photos-seed-min').max(2 ** 32 - 1, 'input-photos-seed-max')).optional(),
});
export const photosGenerate: CommandSpec<z.infer<typeof generateInput>> = {
  name: 'generate',
  group: GROUP,
  requires: 'photo.prepare',
  description: 'New photos of your trained subject from a prompt',
  options: [
    { type: 'string', name: 'prompt', description: 'What the photo shows', required: true, maxLength: PROMPT_MAX_LENGTH, rest: true },
    { type: 'string', name: 'model', description: 'Which model (default: your newest)', maxLength: 32, flag: 'model' },
    { type: 'string', name: 'aspect_ratio', description: 'Width:height', choices: PHOTO_ASPECT_RATIOS.map((r) => ({ name: r, value: r })), flag: 'ar' },
    { type: 'integer', name: 'count', description: 'How many photos (1–4)', min: 1, max: 4, flag: 'count' },
    { type: 'integer', name: 'seed', description: 'A seed, to repeat a result', min: 0, max: 2 ** 32 - 1, flag: 'seed' },
  ],
  input: generateInput,
  slow: true,
  prompts: ({ prompt }) => [prompt],
  async run(ctx, input) {
    await photos(ctx).generate(
      ctx.scope,
      { prompt: input.prompt, model: input.model, aspectRatio: input.aspect_ratio, count: input.count, seed: input.seed, origin: ctx.origin },
      ctx.respond,
    );
  },
};

const empty = z.object({});
export const photosList: CommandSpec<z.infer<typeof empty>> = {
  name: 'list',
  group: GROUP,
  requires: 'photo.prepare',
  groupDefault: true,
  description: 'Your photo set and models, and models shared here',
  options: [],
  input: empty,
  slow: false,
  async run(ctx) {
    await ctx.respond.text(await photos(ctx).list(ctx.scope));
  },
};

const nameInput = z.object({ name: NAME });
/** What deleting a model did, in the words of /photos delete and /photos cancel. */
export function deletedText(ctx: Says, { name, running }: DeleteOutcome): string {
  return ctx.t('reply-photos-deleted', { name, running });
}

export const photosDelete: CommandSpec<z.infer<typeof nameInput>> = {
  name: 'delete',
  group: GROUP,
  requires: 'photo.prepare',
  description: 'Delete one of your models',
  options: [{ type: 'string', name: 'name', description: 'The model', required: true, maxLength: 32, rest: true }],
  input: nameInput,
  slow: false,
  async run(ctx, { name }) {
    await ctx.respond.text(deletedText(ctx, await photos(ctx).delete(ctx.scope, name)));
  },
};

export const photosCancel: CommandSpec<z.infer<typeof empty>> = {
  name: 'cancel',
  group: GROUP,
  requires: 'photo.prepare',
  description: 'Drop your unfinished photo set (or the one being trained) and its photos',
  options: [],
  input: empty,
  slow: false,
  async run(ctx) {
    const outcome = await photos(ctx).cancel(ctx.scope);
    await ctx.respond.text(
      outcome.kind === 'set' ? ctx.t('reply-photos-dropped', { count: outcome.photos }) : deletedText(ctx, outcome),
    );
  },
};

/** Sharing is for group admins, so it lives under /admin (hidden from members); Telegram still takes /photos share. */
const shareSpec = (shared: boolean): CommandSpec<z.infer<typeof nameInput>> => ({
  name: shared ? 'share' : 'unshare',
  group: 'admin',
  audience: 'admins',
  aliases: [{ group: GROUP, name: shared ? 'share' : 'unshare' }],
  requires: 'photo.prepare',
  description: shared ? 'Let everyone in this group use one of your models (group admins)' : 'Stop sharing one of your models here (its owner)',
  options: [{ type: 'string', name: 'name', description: 'The model', required: true, maxLength: 32, rest: true }],
  input: nameInput,
  slow: false,
  async run(ctx, { name }) {
    if (shared && !ctx.scope.isPrivate && !ctx.services.credits.isOperator(ctx.scope) && !(await ctx.isGroupAdmin())) {
      throw new UserError('not_admin', msg('error-not-admin-share'));
    }
    const model = await photos(ctx).share(ctx.scope, name, shared);
    await ctx.respond.text(ctx.t(shared ? 'reply-photos-shared' : 'reply-photos-unshared', { name: String(model.name) }));
  },
});
export const photosShare = shareSpec(true);
export const photosUnshare = shareSpec(false);

export const photosTips: CommandSpec<z.infer<typeof empty>> = {
  name: 'tips',
  group: GROUP,
  requires: 'photo.prepare',
  description: 'What makes good photos for training',
  options: [],
  input: empty,
  slow: false,
  async run(ctx) {
    await ctx.respond.text(
      [
        ctx.t('reply-photos-tips', { min: MIN_PHOTOS, max: MAX_PHOTOS, side: PHOTO_MIN_SIDE }),
      ].join('\n'),
    );
  },
};

export const photosCommands: readonly CommandSpec[] = [
  photosNew,
  photosAdd,
  photosTrain,
  photosGenerate,
  photosList,
  photosDelete,
  photosCancel,
  photosTips,
  photosCollect,
];
