import type { Job, JobType } from './jobs.ts';

/**
 * What an image service gives the core. The Apiframe client implements ImageProvider; tests may too.
 * These types live here, below the core, so arrows keep pointing inwards (core → providers).
 */
export type TaskResult =
  | { kind: 'grid'; gridUrl: string; imageUrls: string[] }
  | { kind: 'image'; imageUrl: string }
  | { kind: 'photos'; imageUrls: string[] }
  | { kind: 'prepared'; expiresAt?: string }
  | { kind: 'trained'; triggerWord: string }
  | { kind: 'seed'; seed: string }
  /**
   * Suggested prompts (/describe, /shorten), without their numbering. `tokens`: the words /shorten
   * found most influential in the prompt it was given.
   */
  | { kind: 'prompts'; prompts: string[]; tokens?: string[] };

export interface ProviderTaskView {
  providerTaskId: string;
  state: 'queued' | 'running' | 'finished' | 'failed';
  /** 0–100 when the service reports it. */
  percentage?: number;
  result?: TaskResult;
  /** The service's own words on a failure. */
  message?: string;
  /** The answer as received, for the log when it cannot be used. */
  raw?: unknown;
}

/** An image to be given a public URL (a reference image a chat holds only privately). */
export interface HostedImage {
  bytes: Uint8Array;
  filename: string;
  contentType: string;
}

/** Gives images public URLs an image service can fetch: a provider's own upload, or the bot's server. */
export interface ImageHost {
  upload(image: HostedImage): Promise<string>;
}

export interface WebhookTarget {
  url: string;
  secret: string;
}

/**
 * What a submit gives back: the service's task id (and more ids when one job is several at the
 * service, one per image), and the finished task when the service answers at once.
 */
export interface Submitted {
  providerTaskId: string;
  more?: string[];
  /** Images the job asked for that the service did not queue (no id came back): refunded like failed ones. */
  unqueued?: number;
  finished?: ProviderTaskView;
}

/** A webhook a provider serves: the HTTP server routes POSTs on `path` to it. */
export interface ProviderWebhook {
  path: string;
  /** Whether the request carries the provider's secret; checked before the body is read. */
  authorized(request: { headers: Record<string, string | string[] | undefined>; query: URLSearchParams }): boolean;
  /** The updates a JSON body holds, or undefined when it is not an update (answered 400). */
  parse(body: unknown): ProviderTaskView[] | undefined;
}

/** Whether something the bot depends on works now, as GET /readyz reports it. */
export interface Readiness {
  ready: boolean;
  /** What is wrong, for the operator: never a secret, an id or a user's words. */
  detail?: string;
}

/**
 * Where a provider client reports each HTTP attempt (the app's metrics, passed in through the
 * client's options, so providers never import the server or prom-client). `endpoint` is one of the
 * client's fixed operation names, never a path with an id.
 */
export interface ProviderCallObserver {
  call(attempt: { provider: string; endpoint: string; status: number | 'timeout' | 'network'; seconds: number }): void;
}

/** The operator's account at a service, as far as it tells: remaining credits and a word on the plan. */
export interface ProviderAccount {
  credits?: number;
  detail?: string;
}

/** A call made at start or by `npm run doctor`: aborted by a stop or when its time is up. */
export interface CheckOptions {
  signal?: AbortSignal;
}

export interface ImageProvider {
  /** Stable id, stored with every task it runs (`apiframe`). */
  readonly id: string;
  /** The setting an operator must fix when the service refuses our key (named in the log, never shown to users). */
  readonly keyVariable: string;
  /** Its name as operators know it ("Apiframe"), for start-up and doctor lines; the id when absent. */
  readonly name?: string;
  /** Where it is and the setting that says so, for lines telling the operator what to check. */
  readonly location?: { url: string; variable: string };
  /**
   * The account behind the key (Apiframe: GET /account). Called once at start, bounded: a refusal
   * (ProviderError `auth`) stops start-up; the credits are logged, with a warning when they run low.
   */
  account?(opts?: CheckOptions): Promise<ProviderAccount>;
  /**
   * A harmless authenticated request that proves the key, for a service with no account() (`npm run
   * doctor`). Resolves with what it showed; throws a ProviderError (`auth` when the key is refused).
   */
  checkKey?(opts?: CheckOptions): Promise<string>;
  /** True when the service posts updates to our webhook: polling is then only a safety net. */
  readonly pushesUpdates?: boolean;
  /** Whether it runs this kind of job. */
  handles(type: JobType): boolean;
  /**
   * True when a submit a crash interrupted (it may have reached the service) must not be sent
   * again: the service would run and bill it twice. The task fails and is refunded instead.
   */
  readonly noBlindResubmit?: boolean;
  /** For a service that runs several models (aiphotogenerator.net): the ones this bot offers, by API id. */
  readonly models?: readonly string[];
  /** Starts a job; for a job the service runs synchronously, the answer is already finished. */
  submit(job: Job): Promise<Submitted>;
  /** Current state of tasks (any number; batched by the client); ids the service does not know are left out. */
  fetchMany(ids: readonly string[]): Promise<ProviderTaskView[]>;
  /** Stores an image with the service and returns a public URL for it (image prompts and references). */
  upload?(image: HostedImage): Promise<string>;
  /** Updates the service posts to us: its route and how a request becomes views (or is refused). */
  readonly webhook?: ProviderWebhook;
  /** Whether the service answered recently (see CallHealth); absent means nothing is known against it. */
  status?(): Readiness;
  close?(): Promise<void>;
}

/** What a refusal says when the service gave no words of its own (the core translates it by this English). */
export const NOTHING_SAID = 'The request was not accepted';

/**
 * A failed call to a provider, split by where it failed (after grammY's GrammyError/HttpError):
 * `rejected` – the service refused the request and said why (HTTP 400/422): its words are for the user;
 * `auth` – the service refused our key (401): the operator must act;
 * `out_of_credits` – the operator's account at the service cannot pay (402): the operator must act;
 * `rate_limited` – the service still said "too many requests" (429) after the retries it allowed;
 * `unavailable` – the service could not be reached, timed out or failed (5xx) after retries.
 */
export class ProviderError extends Error {
  override name = 'ProviderError';
  /** The service's name as users know it ("Apiframe"), for messages that name it. */
  readonly service?: string;
  /** The setting the operator must fix when the service refuses our key or account. */
  readonly keyVariable?: string;
  constructor(
    readonly kind: 'rejected' | 'auth' | 'out_of_credits' | 'rate_limited' | 'unavailable',
    readonly operation: string,
    message: string,
    readonly status?: number,
    options?: { cause?: unknown; service?: string; keyVariable?: string },
  ) {
    super(message, options);
    this.service = options?.service;
    this.keyVariable = options?.keyVariable;
  }
}
