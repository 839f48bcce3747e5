import { createHash, randomBytes } from 'node:crypto';
import type { Logger } from '../logger.ts';
import type { Store } from '../store/index.ts';
import { readLegacyPhoto, removeLegacyPhotos } from '../store/legacy-photo-files.ts';
import type { PhotoSet } from '../store/records/photos.ts';
import type { TaskRecord } from '../store/records/tasks.ts';
import type { Job } from '../providers/jobs.ts';
import type { Destination, IncomingAttachment, Responder, Scope } from './chat.ts';
import type { PhotoDecoder, PhotoLimits, PhotoRefusal } from './photo-decoder.ts';
import type { CreditService } from './credits.ts';
import type { TaskService } from './tasks.ts';
import { dailyResetAt, walletIdFor, walletKind } from './credits.ts';
import { msg, render, SOURCE_LOCALE, t, type Locale, type Text } from '../i18n/index.ts';
import { UserError } from './errors.ts';
import { newId } from './ids.ts';
import { quote } from './render.ts';
import { destinationOf, scopeOfTask } from './task-scope.ts';

export const GENDERS = ['female', 'male'] as const;
export const ETHNICITIES = ['asian', 'black', 'latino', 'middle eastern', 'native american', 'pacific islander', 'white'] as const;
export const MIN_PHOTOS = 10;
export const MAX_PHOTOS = 30;
/** A bound on what is fetched, above the platforms' own (Telegram bots 20 MB, Discord 25 MB). */
export const PHOTO_MAX_BYTES = 25 * 1024 * 1024;
export const PHOTO_MIN_SIDE = 512;
/** Refused before decoding: well above any camera's photo, far below a decompression bomb. */
export const PHOTO_MAX_PIXELS = 100_000_000;
/**
 * Photos are stored and uploaded scaled down to this longest side (plenty for training), so a
 * whole set, sent as one JSON body of base64 images, stays small in memory.
 */
export const PHOTO_STORED_SIDE = 2048;
const PHOTO_LIMITS: PhotoLimits = { maxPixels: PHOTO_MAX_PIXELS, minSide: PHOTO_MIN_SIDE, maxSide: PHOTO_STORED_SIDE };

const megabytes = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** Why a photo was refused, rendered in the sender's language by add(). Sizes as strings: "4000×3000", not grouped. */
function refusalReason(r: PhotoRefusal): Text {
  switch (r.problem) {
    case 'not_a_photo':
      return msg('photos-refused-not-a-photo');
    case 'unreadable':
      return msg('photos-refused-unreadable');
    case 'too_small':
      return msg('photos-refused-too-small', { size: `${r.width}×${r.height}`, min: PHOTO_MIN_SIDE });
    case 'too_large':
      return msg('photos-refused-too-large', { size: `${r.width}×${r.height}`, max: PHOTO_MAX_PIXELS / 1_000_000 });
  }
}

const FULL = msg('photos-refused-full', { max: MAX_PHOTOS });
const DUPLICATE = msg('photos-refused-duplicate');
const localeOf = (scope: { locale?: Locale }): Locale => scope.locale ?? SOURCE_LOCALE;

/** An unfinished set is forgotten (rows and files) after this long. */
export const SET_LIFETIME_MS = 24 * 3_600_000;
const PREPARE_DEADLINE_MS = 60 * 60_000;
const TRAIN_DEADLINE_MS = 3 * 3_600_000;

export type Gender = (typeof GENDERS)[number];
export type Ethnicity = (typeof ETHNICITIES)[number];

export interface CollectReport {
  /** The set the photos went to. */
  setId: string;
  added: number;
  refused: Array<{ name: string; reason: string }>;
  total: number;
}

export interface GenerateInput {
  prompt: string;
  model?: string;
  aspectRatio?: string;
  count: number;
  seed?: number;
  /** The platform event that asked (see CommandContext.origin). */
  origin?: string;
}

/** What /photos delete stopped: a model whose preparation or training was under way is discarded when it ends. */
export interface DeleteOutcome {
  name: string;
  running: 'nothing' | 'preparing' | 'training';
}

export type CancelOutcome = { kind: 'set'; photos: number } | ({ kind: 'model' } & DeleteOutcome);

export interface PhotoServiceOptions {
  store: Store;
  tasks: TaskService;
  credits: CreditService;
  log: Logger;
  /** Decides what a sent file is by decoding it; see photo-decoder.ts. */
  decoder: PhotoDecoder;
  now?: () => number;
}

/**
 * A trigger word in Apiframe's style (its default is TOKMSN). The bot sends its own so that it
 * knows the word even when the finished training does not say it.
 */
function newTriggerWord(): string {
  return `TOK${Array.from(randomBytes(3), (b) => String.fromCharCode(65 + (b % 26))).join('')}`;
}

/** The subject words Apiframe's examples put after the trigger word ("TOKMSN black man"). */
function subjectWords(set: PhotoSet): string {
  return `${set.ethnicity} ${set.gender === 'male' ? 'man' : 'woman'}`;
}

/**
 * AI Photos: a person collects 10–30 photos of one subject in a chat, trains a model from them
 * (Apiframe prepares the set, then trains), and generates new photos of the subject. Photos stay in
 * the store only until they are uploaded; an unfinished set is forgotten after a day; a model is used
 * only by its owner unless they share it with a group they administer.
 */
export class PhotoService {
  private readonly now: () => number;

  constructor(private readonly opts: PhotoServiceOptions) {
    this.now = opts.now ?? Date.now;
    const { tasks } = opts;
    tasks.defineKind('photo.prepare', {
      prepare: (task) => this.withImages(task),
      // Apiframe finishes a preparation with only a message (and maybe `expires_at`).
      completeResult: (_task, result) => result ?? { kind: 'prepared' },
      // Silent: the training job carries on in the same message (unless the set was deleted meanwhile).
      render: async (task) =>
        (await this.opts.store.photos.byTask(task.id))?.status === 'deleted' ? { text: this.discardedText(task), images: [], buttons: [] } : null,
      finished: (task) => this.startTraining(task),
      failed: (task) => this.setFailed(task),
    });
    tasks.defineKind('photo.train', {
      render: async (task) => ({
        text: (await this.opts.store.photos.byTask(task.id))?.status === 'deleted' ? this.discardedText(task) : await this.readyText(task),
        images: [],
        buttons: [],
      }),
      // A finished training without `trigger_word` keeps the one the bot asked for.
      completeResult: (task, result) =>
        result ?? (task.job.type === 'photo.train' ? { kind: 'trained', triggerWord: task.job.triggerWord } : undefined),
      finished: async (task) => {
        const set = await this.opts.store.photos.byTask(task.id);
        if (set && task.result?.kind === 'trained') await this.opts.store.photos.markReady(set.id, task.providerTaskId!, task.result.triggerWord, this.now());
      },
      failed: async (task) => {
        // A training Apiframe never received leaves the prepared set waiting for /photos train.
        const set = await this.opts.store.photos.byTask(task.id);
        if (set && !task.providerTaskId && await this.opts.store.photos.backToPrepared(set.id, this.now())) return;
        await this.setFailed(task);
      },
    });
  }

  /** The set this user is filling in this chat, if any (adapters ask before routing photos here). */
  async collecting(scope: Scope): Promise<PhotoSet | undefined> {
    const set = await this.opts.store.photos.open(scope.platform, scope.chatId, scope.userId);
    return set && set.expiresAt > this.now() ? set : undefined;
  }

  async open(scope: Scope, subject: { gender: Gender; ethnicity: Ethnicity; age?: number }): Promise<PhotoSet> {
    const { photos } = this.opts.store;
    const existing = await this.collecting(scope);
    if (existing) {
      const n = await photos.countFiles(existing.id);
      throw new UserError('set_open', msg('error-set-open', { count: n }));
    }
    // An expired set the sweep has not forgotten yet still holds the one open slot: it goes first.
    const stale = await photos.open(scope.platform, scope.chatId, scope.userId);
    if (stale) await this.forget(stale);
    const now = this.now();
    return await photos.create(
      {
        id: newId(),
        platform: scope.platform,
        chatId: scope.chatId,
        userId: scope.userId,
        userName: scope.userName,
        gender: subject.gender,
        ethnicity: subject.ethnicity,
        age: subject.age ?? null,
        expiresAt: now + SET_LIFETIME_MS,
      },
      now,
    );
  }

  /** Adds photos to the open set, each checked on its own; the report says what was refused and why. */
  async add(scope: Scope, files: IncomingAttachment[]): Promise<CollectReport> {
    const set = await this.collecting(scope);
    if (!set) throw new UserError('no_set', msg('error-no-set'));
    const { photos } = this.opts.store;
    const refused: CollectReport['refused'] = [];
    let added = 0;
    for (const file of files) {
      const reason = await this.addOne(set, file).catch((err: unknown) => {
        // The platform would not hand the file over for its size: sending it again cannot help.
        if (err instanceof UserError && err.code === 'file_too_large') return msg('photos-refused-larger-than', { megabytes: megabytes(Number(err.context.maxBytes ?? PHOTO_MAX_BYTES)) });
        this.opts.log.warn({ err, setId: set.id }, 'could not read a photo');
        return msg('photos-refused-download');
      });
      if (reason) refused.push({ name: file.name, reason: render(localeOf(scope), reason) });
      else added++;
    }
    return { setId: set.id, added, refused, total: await photos.countFiles(set.id) };
  }

  /**
   * Stores one photo; returns why it was refused, or undefined when it was taken. The early checks
   * only spare a download or a decode: the set's room and duplicates are decided again under the
   * set's lock, since another batch (on this instance or another) may be adding to it at once.
   */
  private async addOne(set: PhotoSet, file: IncomingAttachment): Promise<Text | undefined> {
    const { photos } = this.opts.store;
    if ((await photos.countFiles(set.id)) >= MAX_PHOTOS) return FULL;
    // The declared type and name are ignored: what the bytes decode to decides.
    if (file.size !== undefined && file.size > PHOTO_MAX_BYTES) return msg('photos-refused-larger-than', { megabytes: megabytes(PHOTO_MAX_BYTES) });
    const sent = await file.download(PHOTO_MAX_BYTES);
    // The hash is of the bytes as sent, so the same photo sent twice is caught before decoding again.
    const sha256 = createHash('sha256').update(sent).digest('hex');
    if (await photos.hasFile(set.id, sha256)) return DUPLICATE;
    // Decoding (the slow part) stays outside the unit of work, which holds the set's lock.
    const photo = await this.opts.decoder.normalize(sent, PHOTO_LIMITS);
    if (!photo.ok) return refusalReason(photo);
    const stored = { setId: set.id, sha256, bytes: photo.bytes.length, width: photo.width, height: photo.height, contentType: photo.contentType, content: photo.bytes };
    return this.opts.store.transaction(async (tx) => {
      const locked = await tx.photos.lockSet(set.id);
      if (locked?.status !== 'collecting') return msg('photos-refused-closed');
      if ((await tx.photos.countFiles(set.id)) >= MAX_PHOTOS) return FULL;
      return (await tx.photos.addFile(stored, this.now())) ? undefined : DUPLICATE;
    });
  }

  /** Checks the set, the name and the wallet, then starts preparing; training follows by itself. */
  async train(scope: Scope, requestedName: string | undefined, respond: Responder, origin?: string): Promise<void> {
    const { store, credits, tasks } = this.opts;
    const set = await this.collecting(scope);
    if (!set) {
      const prepared = await store.photos.awaitingTraining(scope.platform, scope.chatId, scope.userId);
      if (prepared) return this.retryTraining(scope, prepared, respond);
      throw new UserError('no_set', msg('error-no-set-to-train', { min: MIN_PHOTOS, max: MAX_PHOTOS }));
    }
    const count = await store.photos.countFiles(set.id);
    if (count < MIN_PHOTOS) {
      throw new UserError('too_few_photos', msg('error-too-few-photos', { count, min: MIN_PHOTOS, missing: MIN_PHOTOS - count }));
    }
    const name = requestedName ?? await this.defaultName(scope);
    // Names are looked up without regard to case (--model ana finds “Ana”), so they must differ in more than case.
    const taken = (await store.photos.modelsFor(scope.platform, scope.userId, scope.chatId))
      .some((m) => m.userId === scope.userId && m.name?.toLowerCase() === name.toLowerCase() && m.status !== 'failed');
    if (taken) throw new UserError('name_taken', msg('error-name-taken', { name }));

    const prepare = await credits.charge(scope, 'photo_prepare');
    const total = prepare.cost + credits.costs.photo_train * count;
    const wallet = await credits.wallet(prepare.walletId);
    if (wallet.balance < total) {
      throw new UserError(
        'insufficient_credits',
        msg('error-insufficient-credits-training', { count, total, prepare: prepare.cost, perPhoto: credits.costs.photo_train, wallet: walletKind(wallet.id), balance: wallet.balance }),
      );
    }
    // The training itself is charged only once the photos are prepared (and deleted here), so a
    // daily cap must be checked for the whole cost now, or the set would be lost at that point.
    const room = await credits.dailyRoom(wallet.id, scope.userId);
    if (room !== undefined && room < total) {
      throw new UserError('daily_cap', msg('error-daily-cap-training', { count, total, room, resetsAt: dailyResetAt(this.now()) }));
    }
    await tasks.start(
      {
        scope,
        job: { type: 'photo.prepare', setId: set.id, photoCount: count, gender: set.gender, ethnicity: set.ethnicity, ...(set.age !== null ? { age: set.age } : {}) },
        prompt: name,
        label: 'Preparing photos for',
        charge: prepare,
        origin,
        deadlineMs: PREPARE_DEADLINE_MS,
        onInsert: async (task, tx) => {
          // Under the set's lock, as intake decides: a photo another instance added since the count
          // above would be uploaded without being paid for, so the set must still hold `count`.
          await tx.photos.lockSet(set.id);
          const now = await tx.photos.countFiles(set.id);
          if (now !== count) {
            throw new UserError('set_changed', msg('error-set-changed', { count: now }));
          }
          if (!(await tx.photos.startPreparing(set.id, name, task.id, this.now()))) {
            throw new UserError('no_set', msg('error-no-set-closed'));
          }
        },
      },
      respond,
    );
  }

  private async defaultName(scope: Scope): Promise<string> {
    const base = scope.userName.replace(/^@/, '').toLowerCase().replace(/[^\p{L}\p{N}_-]+/gu, '-').slice(0, 24) || 'model';
    const names = new Set((await this.opts.store.photos.modelsFor(scope.platform, scope.userId, scope.chatId)).map((m) => m.name?.toLowerCase()));
    for (let i = 1; ; i++) {
      const candidate = i === 1 ? base : `${base}-${i}`;
      if (!names.has(candidate)) return candidate;
    }
  }

  /** The photos go into the job at submit time, read from the store (never kept in the task row). */
  private async withImages(task: TaskRecord): Promise<Job> {
    if (task.job.type !== 'photo.prepare') return task.job;
    const files = await this.opts.store.photos.contents(task.job.setId);
    const gone = new UserError('photos_gone', msg('error-photos-gone'));
    if (files.length < MIN_PHOTOS) throw gone;
    const images: string[] = [];
    for (const f of files) {
      // A photo collected before the upgrade to stored photos is still on that instance's disk.
      const bytes = f.content ?? (f.path ? await readLegacyPhoto(f.path) : undefined);
      if (!bytes) throw gone;
      images.push(bytes.toString('base64'));
    }
    return { ...task.job, images };
  }

  /** Prepared: the photos are with Apiframe, so ours are deleted; training starts in the same message. */
  private async startTraining(prepareTask: TaskRecord): Promise<void> {
    const set = await this.opts.store.photos.byTask(prepareTask.id);
    if (!set || set.status !== 'preparing') return;
    await this.dropFiles(set.id);
    await this.opts.store.photos.recordTrainingAttempt(set.id, this.now());
    const respond = this.opts.tasks.continueIn(destinationOf(prepareTask), prepareTask.message ?? undefined);
    try {
      await this.submitTraining(set, prepareTask, respond);
    } catch (err) {
      // Another run started it first (another instance's start-up, or this one's follow-up): it is theirs to show.
      if (err instanceof UserError && err.code === 'busy') {
        this.opts.log.debug({ setId: set.id }, 'the training was started by another run');
        return;
      }
      // The prepared set stays with Apiframe: the user can start the training again. The training
      // was refunded by its own failure, or never charged; the preparation stays paid.
      const locale = prepareTask.locale;
      const reason = err instanceof UserError ? err.textIn(locale) : t(locale, 'photos-service-unreachable');
      this.opts.log.warn({ err, setId: set.id }, 'training did not start');
      await respond.error(`❌ ${t(locale, 'photos-training-not-started', { name: quote(set.name ?? ''), reason })}`, {
        userFault: err instanceof UserError,
      });
    }
  }

  /** /photos train on a prepared set whose training could not start earlier. */
  private async retryTraining(scope: Scope, set: PhotoSet, respond: Responder): Promise<void> {
    const prepareTask = (await this.opts.store.tasks.get(set.prepareTaskId!))!;
    const expiresAt = prepareTask.result?.kind === 'prepared' ? prepareTask.result.expiresAt : undefined;
    if (expiresAt && Date.parse(expiresAt) <= this.now()) {
      await this.opts.store.photos.markFailed(set.id, this.now());
      throw new UserError('prepared_expired', msg('error-prepared-expired'));
    }
    await this.submitTraining(set, prepareTask, respond, scope);
  }

  private async submitTraining(set: PhotoSet, prepareTask: TaskRecord, respond: Responder, scope = scopeOfTask(prepareTask)): Promise<void> {
    const { store, tasks, credits } = this.opts;
    const count = prepareTask.job.type === 'photo.prepare' ? prepareTask.job.photoCount : MIN_PHOTOS;
    await tasks.start(
      {
        scope,
        job: { type: 'photo.train', trainingImagesId: prepareTask.providerTaskId!, triggerWord: newTriggerWord() },
        prompt: set.name ?? 'model',
        label: 'Training',
        parentId: prepareTask.id,
        charge: { walletId: prepareTask.walletId ?? walletIdFor(scope), cost: credits.costs.photo_train * count },
        deadlineMs: TRAIN_DEADLINE_MS,
        onInsert: async (task, tx) => {
          if (!(await tx.photos.startTraining(set.id, task.id, this.now()))) throw new UserError('busy', msg('error-busy-training', { name: set.name ?? '' }));
        },
      },
      respond,
    );
  }

  private async setFailed(task: TaskRecord): Promise<void> {
    const set = await this.opts.store.photos.byTask(task.id);
    if (!set) return;
    await this.opts.store.photos.markFailed(set.id, this.now());
    await this.dropFiles(set.id);
  }

  private discardedText(task: TaskRecord): string {
    return `🗑️ ${t(task.locale, 'photos-discarded', { name: quote(task.prompt), stage: task.job.type === 'photo.prepare' ? 'preparing' : 'training' })}`;
  }

  private async readyText(task: TaskRecord): Promise<string> {
    const set = await this.opts.store.photos.byTask(task.id);
    const trigger = task.result?.kind === 'trained' ? task.result.triggerWord : set?.triggerWord;
    return [
      `✅ ${t(task.locale, 'photos-ready', { name: quote(task.prompt), user: task.userName })}`,
      t(task.locale, 'photos-ready-how'),
      trigger ? t(task.locale, 'photos-ready-trigger', { trigger }) : '',
    ]
      .filter(Boolean)
      .join('\n');
  }

  /** Picks the model: by name among those this user may use here, else their newest ready one. */
  private async pickModel(scope: Scope, name: string | undefined): Promise<PhotoSet> {
    const models = await this.opts.store.photos.modelsFor(scope.platform, scope.userId, scope.chatId);
    if (models.length === 0) throw new UserError('no_model', msg('error-no-model', { min: MIN_PHOTOS, max: MAX_PHOTOS }));
    const candidates = name ? models.filter((m) => m.name?.toLowerCase() === name.toLowerCase()) : models;
    const model = candidates.find((m) => m.userId === scope.userId) ?? candidates[0];
    if (!model) {
      const names = models.map((m) => m.name).filter(Boolean).join(', ');
      throw new UserError('unknown_model', msg('error-unknown-model', { name: name ?? '', names }));
    }
    if (!name) {
      const ready = models.find((m) => m.status === 'ready' && m.userId === scope.userId) ?? models.find((m) => m.status === 'ready');
      if (ready) return ready;
    }
    if (model.status === 'preparing' || model.status === 'training') {
      const task = model.trainTaskId ? await this.opts.store.tasks.get(model.trainTaskId) : undefined;
      throw new UserError('not_ready', msg('error-not-ready', { name: model.name ?? '', stage: model.status, percent: task?.progress ?? 0 }));
    }
    if (model.status === 'failed') throw new UserError('model_failed', msg('error-model-failed', { name: model.name ?? '' }));
    return model;
  }

  /**
   * Checks, at press time, that `scope` may generate again with the model a result was made with:
   * the same rule as /photos generate (its owner, or anyone in the chat it is shared with), against
   * today's state (a deleted or unshared model refuses).
   */
  async authorizeRegenerate(scope: Scope, parent: TaskRecord): Promise<PhotoSet> {
    const model = parent.job.type === 'photo.generate' ? await this.opts.store.photos.byTrainingId(parent.job.trainingId) : undefined;
    if (!model || model.status !== 'ready') {
      throw new UserError('model_gone', msg('error-model-gone'));
    }
    const usable = model.userId === scope.userId || (model.shared && model.platform === scope.platform && model.chatId === scope.chatId);
    if (!usable) {
      throw new UserError('model_private', msg('error-model-private', { owner: model.userName, name: model.name ?? '' }));
    }
    return model;
  }

  async generate(scope: Scope, input: GenerateInput, respond: Responder): Promise<void> {
    const model = await this.pickModel(scope, input.model);
    const trigger = model.triggerWord!;
    // Apiframe needs the trigger word in the prompt; users should not have to know it.
    const prompt = input.prompt.toLowerCase().includes(trigger.toLowerCase()) ? input.prompt : `${trigger} ${subjectWords(model)}, ${input.prompt}`;
    await this.opts.tasks.start(
      {
        scope,
        job: { type: 'photo.generate', trainingId: model.trainingId!, prompt, count: input.count, aspectRatio: input.aspectRatio, seed: input.seed },
        prompt: input.prompt,
        label: `Photos of ${model.name}`,
        charge: await this.opts.credits.charge(scope, 'photo_generate', input.count),
        origin: input.origin,
      },
      respond,
    );
  }

  /** What this user has here: their models, models shared into this chat, and an open set; in the scope's language. */
  async list(scope: Scope): Promise<string> {
    const { store } = this.opts;
    const locale = localeOf(scope);
    const lines: string[] = [];
    const open = await this.collecting(scope);
    if (open) {
      const hours = Math.max(1, Math.round((open.expiresAt - this.now()) / 3_600_000));
      lines.push(`📸 ${t(locale, 'photos-list-open-set', { count: await store.photos.countFiles(open.id),
          max: MAX_PHOTOS,
          gender: t(locale, 'photos-gender', { gender: open.gender }),
          // A selector key has no spaces: "middle eastern" is middle-eastern there.
          ethnicity: t(locale, 'photos-ethnicity', { ethnicity: open.ethnicity.replace(/ /g, '-') }),
          hours,
        })}`);
    }
    for (const m of await store.photos.modelsFor(scope.platform, scope.userId, scope.chatId)) {
      const task = m.trainTaskId ? await store.tasks.get(m.trainTaskId) : undefined;
      const prepared = m.status === 'preparing' && m.prepareTaskId && (await store.tasks.get(m.prepareTaskId))?.status === 'finished';
      const state = prepared ? 'prepared' : m.status === 'ready' || m.status === 'training' || m.status === 'preparing' ? m.status : 'failed';
      const owner = m.userId === scope.userId ? (m.shared ? 'shared' : 'own') : 'other';
      lines.push(
        `• ${t(locale, 'photos-list-model', {
          name: m.name ?? '',
          state,
          percent: m.status === 'training' && task ? task.progress : 0,
          owner,
          ownerName: m.userName,
        })}`,
      );
    }
    return lines.length ? lines.join('\n') : t(locale, 'photos-list-empty');
  }

  /**
   * Deletes one of the user's models in whatever state it is: a preparation or training under way
   * goes on at Apiframe (it cannot be stopped there), but nothing more is charged and its outcome
   * is discarded. Says what was still running.
   */
  async delete(scope: Scope, name: string): Promise<DeleteOutcome> {
    return this.discard(await this.ownModel(scope, name));
  }

  private async discard(model: PhotoSet): Promise<DeleteOutcome> {
    const running: DeleteOutcome['running'] = model.status === 'preparing' ? 'preparing' : model.status === 'training' ? 'training' : 'nothing';
    await this.opts.store.photos.markDeleted(model.id, this.now());
    await this.dropFiles(model.id);
    return { name: model.name ?? '', running };
  }

  async share(scope: Scope, name: string, shared: boolean): Promise<PhotoSet> {
    if (scope.isPrivate) throw new UserError('not_group', msg('error-not-group'));
    const model = await this.ownModel(scope, name);
    if (shared && model.status !== 'ready') throw new UserError('not_ready', msg('error-not-ready-share', { name: model.name ?? '' }));
    await this.opts.store.photos.setShared(model.id, shared, scope.chatId, this.now());
    return (await this.opts.store.photos.get(model.id))!;
  }

  private async ownModel(scope: Scope, name: string): Promise<PhotoSet> {
    const own = (await this.opts.store.photos.modelsFor(scope.platform, scope.userId, scope.chatId))
      .filter((m) => m.userId === scope.userId && m.name?.toLowerCase() === name.toLowerCase());
    if (!own[0]) throw new UserError('unknown_model', msg('error-unknown-model-own', { name }));
    return own[0];
  }

  /** Drops the open set and its photos; returns how many photos it held. */
  /**
   * Drops the set being collected here; when there is none, the user's newest set still being
   * prepared or trained here (so no state is a dead end).
   */
  async cancel(scope: Scope): Promise<CancelOutcome> {
    const set = await this.collecting(scope);
    if (set) {
      const photos = await this.opts.store.photos.countFiles(set.id);
      await this.forget(set);
      return { kind: 'set', photos };
    }
    const unfinished = (await this.opts.store.photos.modelsFor(scope.platform, scope.userId, scope.chatId))
      .find((m) => m.userId === scope.userId && m.chatId === scope.chatId && (m.status === 'preparing' || m.status === 'training'));
    if (!unfinished) throw new UserError('no_set', msg('error-no-set-to-cancel'));
    return { kind: 'model', ...(await this.discard(unfinished)) };
  }

  /** Forgets unfinished sets past their lifetime: their files and their rows. */
  async expire(): Promise<number> {
    const stale = await this.opts.store.photos.expiredOpenSets(this.now());
    for (const set of stale) await this.forget(set);
    if (stale.length) this.opts.log.info({ count: stale.length }, 'expired unfinished photo sets');
    return stale.length;
  }

  /**
   * After a restart: a set whose preparation finished while we were down starts training, and a
   * set whose job ended takes that job's outcome.
   */
  async resume(): Promise<void> {
    const { store } = this.opts;
    for (const id of await store.photos.inProgressIds()) {
      const set = (await store.photos.get(id))!;
      const task = await store.tasks.get((set.status === 'preparing' ? set.prepareTaskId : set.trainTaskId) ?? '');
      if (!task) continue;
      if (task.status === 'failed') await this.setFailed(task);
      // Only a set the bot never tried to train: one that failed to start waits for /photos train.
      else if (task.status === 'finished' && set.status === 'preparing' && set.trainAttempts === 0) await this.startTraining(task);
      else if (task.status === 'finished' && task.result?.kind === 'trained') await store.photos.markReady(set.id, task.providerTaskId!, task.result.triggerWord, this.now());
      else if (task.status === 'finished' && set.status === 'training') {
        // An older build accepted a training answer without a trigger word: the model cannot be used.
        this.opts.log.warn({ setId: set.id, taskId: task.id }, 'a finished training has no trigger word; the set is marked failed');
        await store.photos.markFailed(set.id, this.now());
      }
    }
  }

  private async forget(set: PhotoSet): Promise<void> {
    const legacy = await this.legacyPaths(set.id);
    await this.opts.store.photos.remove(set.id);
    await removeLegacyPhotos(legacy);
  }

  private async dropFiles(setId: string): Promise<void> {
    const legacy = await this.legacyPaths(setId);
    await this.opts.store.photos.dropFiles(setId);
    await removeLegacyPhotos(legacy);
  }

  /** Where photos collected before the upgrade to stored photos sit on disk (none for newer sets). */
  private async legacyPaths(setId: string): Promise<string[]> {
    return (await this.opts.store.photos.files(setId)).map((f) => f.path).filter(Boolean);
  }
}
