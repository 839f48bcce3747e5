import { setTimeout as delay } from 'node:timers/promises';
import type { z } from 'zod';
import { makeScrubber, type Logger } from '../../logger.ts';
import { IMAGE_MODEL_IDS, type ImageModel } from '../image-models.ts';
import type { Job, JobType } from '../jobs.ts';
import {
  ProviderError,
  type CheckOptions,
  type ImageProvider,
  type ProviderCallObserver,
  type ProviderTaskView,
  type ProviderWebhook,
  type Readiness,
  type Submitted,
  type WebhookTarget,
} from '../types.ts';
import type { Operation } from './errors.ts';
import { AIPHOTOGENERATOR, AIPHOTOGENERATOR_BASE_URL, AIPHOTOGENERATOR_ID } from './service.ts';
import { DEFAULT_LOOKUP, lookupPathFor, type LookupTable } from './lookup.ts';
import { generateBody } from './request.ts';
import { generateAnswer, lookupAnswer } from './schemas.ts';
import { Transport } from './transport.ts';
import { ImageReader } from './view.ts';
import { aiphotogeneratorWebhook } from './webhook.ts';

export interface AiphotogeneratorClientOptions {
  token: string;
  /** The API's base including /api; default https://www.aiphotogenerator.net/api. */
  baseUrl?: string;
  log: Logger;
  /** The models this bot offers (API ids); default all seven. */
  models?: readonly ImageModel[];
  /** Where and how an image is read back (see lookup.ts); default DEFAULT_LOOKUP. */
  lookup?: LookupTable;
  /**
   * The webhook route's URL and the token it expects in `?token=`. The operator registers it with
   * the service; without it updates are only polled.
   */
  webhook?: WebhookTarget;
  /** Per request, from sending to the last byte of the answer; default 30 s. */
  timeoutMs?: number;
  /** Extra attempts after the first; default 3. */
  retries?: number;
  /** First backoff step in ms; default 250. */
  backoffMs?: number;
  /** The longest Retry-After waited for, in ms; default 30 s. */
  maxRetryAfterMs?: number;
  /** Lookups in flight at once during one fetchMany; default 4. */
  lookupConcurrency?: number;
  connections?: number;
  /** How the client waits between attempts (tests record the waits instead of sleeping). */
  sleep?: (ms: number) => Promise<void>;
  /** Told of every HTTP attempt (the app's metrics). */
  calls?: ProviderCallObserver;
}

/** How many not-found ids are remembered so each is warned about once. */
const MISSING_MEMORY = 1000;
/** An image id no account can hold: looking it up proves the token without touching anything. */
const KEY_CHECK_ID = '0';

/**
 * aiphotogenerator.net (issue 9): text to image with several models. A submit queues one image per
 * requested image and answers with their ids; each id is then a part of the task, read back one
 * lookup per id (the API has no batch read that we know of) or pushed to our webhook.
 */
export class AiphotogeneratorClient implements ImageProvider {
  readonly id = AIPHOTOGENERATOR_ID;
  readonly keyVariable = AIPHOTOGENERATOR.keyVariable;
  readonly name = AIPHOTOGENERATOR.service;
  readonly location: { url: string; variable: string };
  /** Whether the operator registered our webhook with the service is unknowable: poll as usual. */
  readonly pushesUpdates = false;
  /** Every submit is billed: one a crash may have sent is never sent again blindly. */
  readonly noBlindResubmit = true;
  readonly models: readonly ImageModel[];
  readonly webhook?: ProviderWebhook;
  private readonly transport: Transport;
  private readonly reader: ImageReader;
  private readonly table: LookupTable;
  private readonly scrub: (text: string) => string;
  private readonly concurrency: number;
  private readonly missing = new Set<string>();

  constructor(private readonly opts: AiphotogeneratorClientOptions) {
    const baseUrl = opts.baseUrl ?? AIPHOTOGENERATOR_BASE_URL;
    this.location = { url: baseUrl, variable: 'AIPHOTOGENERATOR_BASE_URL' };
    this.models = opts.models?.length ? [...opts.models] : [...IMAGE_MODEL_IDS];
    this.table = opts.lookup ?? DEFAULT_LOOKUP;
    this.concurrency = Math.max(1, opts.lookupConcurrency ?? 4);
    this.scrub = makeScrubber([opts.token, ...(opts.webhook ? [opts.webhook.secret] : [])]);
    this.transport = new Transport({
      token: opts.token,
      baseUrl,
      log: opts.log,
      timeoutMs: opts.timeoutMs ?? 30_000,
      retries: opts.retries ?? 3,
      backoffMs: opts.backoffMs ?? 250,
      maxRetryAfterMs: opts.maxRetryAfterMs ?? 30_000,
      connections: opts.connections ?? 8,
      sleep: opts.sleep ?? ((ms) => delay(ms)),
      scrub: this.scrub,
      calls: opts.calls,
    });
    this.reader = new ImageReader(this.table, new URL(baseUrl).origin, opts.log, this.scrub);
    if (opts.webhook) this.webhook = aiphotogeneratorWebhook(opts.webhook.secret, (id, image) => this.reader.view(id, image), opts.log);
  }

  handles(type: JobType): boolean {
    return type === 'gen.image';
  }

  /** Queues the job's images; the first id is the task's, the rest are its other parts. */
  async submit(job: Job): Promise<Submitted> {
    if (job.type !== 'gen.image') throw new Error(`aiphotogenerator.net does not run ${job.type} jobs`);
    if (!this.models.includes(job.model)) {
      throw new ProviderError('rejected', 'generate', `The model ${job.model} is not offered on this bot.`, undefined, AIPHOTOGENERATOR);
    }
    const json = await this.transport.call('generate', { method: 'POST', path: '/images/generate', json: generateBody(job) }, 'submit');
    const answer = this.parse(generateAnswer, json, 'generate');
    if (answer.success === false) {
      throw new ProviderError('rejected', 'generate', this.scrub(answer.message?.trim() || 'The images were not queued'), undefined, AIPHOTOGENERATOR);
    }
    // Duplicates would make one part of two; more ids than asked would be images nobody paid for.
    const ids = [...new Set(answer.images.map((image) => image.id))];
    const kept = ids.slice(0, job.count);
    if (kept.length === 0) {
      this.opts.log.error({ operation: 'generate', answer: answer.message }, 'aiphotogenerator.net queued no images');
      throw new ProviderError('unavailable', 'generate', 'aiphotogenerator.net answered without image ids', undefined, AIPHOTOGENERATOR);
    }
    if (ids.length !== job.count) {
      this.opts.log.warn({ asked: job.count, got: ids.length, kept: kept.length, said: answer.message }, 'aiphotogenerator.net queued a different number of images than asked; going on with what it queued');
    }
    const [first, ...more] = kept;
    // The images it did not queue are refunded with the ones that fail.
    const unqueued = job.count - kept.length;
    return { providerTaskId: first!, ...(more.length > 0 ? { more } : {}), ...(unqueued > 0 ? { unqueued } : {}) };
  }

  /**
   * One lookup per id, a few at a time. Ids the service does not know are left out. A lookup that
   * fails leaves its id for the next poll; only when every one failed (or the token was refused,
   * or the service rate limits us) is the error thrown, for the poller to log.
   */
  async fetchMany(ids: readonly string[]): Promise<ProviderTaskView[]> {
    const unique = [...new Set(ids)];
    const views: Array<ProviderTaskView | undefined> = [];
    const failed: ProviderError[] = [];
    let stop: ProviderError | undefined;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (!stop && next < unique.length) {
        const at = next++;
        try {
          views[at] = await this.lookup(unique[at]!);
        } catch (err) {
          const e = err instanceof ProviderError ? err : new ProviderError('unavailable', 'lookup', String(err), undefined, { ...AIPHOTOGENERATOR, cause: err });
          // The next lookups would meet the same refusal: stop this round.
          if (e.kind === 'auth' || e.kind === 'rate_limited' || e.kind === 'out_of_credits') stop ??= e;
          else failed.push(e);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, unique.length) }, worker));
    const got = views.filter((v): v is ProviderTaskView => v !== undefined);
    const firstError = stop ?? failed[0];
    if (firstError && (stop?.kind === 'auth' || got.length === 0)) throw firstError;
    if (firstError) {
      this.opts.log.warn({ asked: unique.length, read: got.length, failed: failed.length, stopped: stop?.kind, reason: firstError.message }, 'some aiphotogenerator.net lookups failed; they are read again at the next poll');
    }
    return got;
  }

  /** Whether the service answered recently (GET /readyz). */
  status(): Readiness {
    return this.transport.status();
  }

  /**
   * The service documents no account or balance call, so the token is proved by looking up an image
   * that cannot exist: 404 means the token passed (401 would refuse it). A lookup path the service
   * does not have answers 404 too, so this proves the token, not AIPHOTOGENERATOR_LOOKUP_PATH.
   */
  async checkKey(opts: CheckOptions = {}): Promise<string> {
    try {
      await this.transport.call('lookup', { method: 'GET', path: lookupPathFor(this.table, KEY_CHECK_ID) }, 'read', opts.signal);
    } catch (err) {
      if (err instanceof ProviderError && err.status === 404) return 'token accepted (a lookup of an image that cannot exist answered 404)';
      throw err;
    }
    return 'token accepted';
  }

  close(): Promise<void> {
    return this.transport.close();
  }

  private async lookup(id: string): Promise<ProviderTaskView | undefined> {
    let json: unknown;
    try {
      json = await this.transport.call('lookup', { method: 'GET', path: lookupPathFor(this.table, id) }, 'read');
    } catch (err) {
      if (err instanceof ProviderError && err.status === 404) return this.noteMissing(id);
      throw err;
    }
    const answer = this.parse(lookupAnswer, json, 'lookup');
    if (answer === 'missing') return this.noteMissing(id);
    return this.reader.view(id, answer);
  }

  private noteMissing(id: string): undefined {
    if (this.missing.has(id)) {
      this.opts.log.debug({ providerTaskId: id }, 'aiphotogenerator.net still knows no such image');
      return undefined;
    }
    if (this.missing.size >= MISSING_MEMORY) this.missing.delete(this.missing.values().next().value!);
    this.missing.add(id);
    this.opts.log.warn(
      { providerTaskId: id, lookupPath: this.table.path },
      'aiphotogenerator.net knows no such image; it is left out of the answer (if this happens to every image, check AIPHOTOGENERATOR_LOOKUP_PATH)',
    );
    return undefined;
  }

  private parse<S extends z.ZodType>(schema: S, json: unknown, operation: Operation): z.output<S> {
    const parsed = schema.safeParse(json);
    if (parsed.success) return parsed.data;
    this.opts.log.error({ operation, issues: parsed.error.issues.slice(0, 5) }, 'aiphotogenerator.net answered in an unexpected shape');
    throw new ProviderError('unavailable', operation, `aiphotogenerator.net ${operation} answered in an unexpected shape`, undefined, AIPHOTOGENERATOR);
  }
}
