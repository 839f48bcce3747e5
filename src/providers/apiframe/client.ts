import { Pool, FormData } from 'undici';
import { setTimeout as sleep } from 'node:timers/promises';
import type { z } from 'zod';
import { makeScrubber, type Logger } from '../../logger.ts';
import {
  ProviderError,
  type CheckOptions,
  type ImageProvider,
  type ProviderAccount,
  type ProviderCallObserver,
  type ProviderTaskView,
  type ProviderWebhook,
  type Readiness,
  type Submitted,
  type WebhookTarget,
  NOTHING_SAID,
} from '../types.ts';
import { CallHealth, failureReason, startAttempt } from '../call-health.ts';
import { deadline } from '../../deadline-signal.ts';
import type { Job, JobType } from '../jobs.ts';
import { APIFRAME_JOBS, apiframeRequest, SYNCHRONOUS_JOBS } from './jobs.ts';
import { apiframeWebhook } from './webhook.ts';
import { accountResponse, errorBody, fetchManyResponse, submitResponse, taskView, uploadResponse } from './schemas.ts';
import { normalizeTaskView } from './normalize.ts';

/** How errors name this service and the setting that holds its key. */
const APIFRAME = { service: 'Apiframe', keyVariable: 'APIFRAME_API_KEY' } as const;

export interface ApiframeClientOptions {
  apiKey: string;
  baseUrl: string;
  log: Logger;
  /** Per request, from sending to the last byte of the answer. */
  timeoutMs?: number;
  /** Extra attempts for reads (and for submits that cannot have reached the service). */
  retries?: number;
  /** First backoff step; doubles each attempt, with full jitter. */
  backoffMs?: number;
  connections?: number;
  /** Where Apiframe posts updates (PUBLIC_URL + the route); without it, updates are polled. */
  webhook?: WebhookTarget;
  /** Told of every HTTP attempt (the app's metrics). */
  calls?: ProviderCallObserver;
}

/** Socket errors that prove the request never reached the service, so even a submit may be retried. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);
const FETCH_MANY_MAX = 20;
/** How many refused ids are remembered (a few per lost job; the oldest is forgotten first). */
const REFUSED_MEMORY = 1000;

interface Attempt {
  status: number;
  json: unknown;
  retryAfterMs?: number;
}

/**
 * Apiframe v1 over one keep-alive pool. Reads are retried with backoff and jitter on 429, 5xx and
 * network errors; a submit only where it cannot create a duplicate job.
 */
export class ApiframeClient implements ImageProvider {
  readonly id = 'apiframe';
  readonly keyVariable = APIFRAME.keyVariable;
  readonly name = APIFRAME.service;
  readonly location: { url: string; variable: string };
  readonly pushesUpdates: boolean;
  readonly webhook?: ProviderWebhook;
  private readonly pool: Pool;
  private readonly prefix: string;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly backoffMs: number;
  /** The secrets this client sent (its key, webhook secrets): Apiframe's own words may echo them. */
  private readonly sent = new Set<string>();
  private scrub: (text: string) => string;
  /** Ids Apiframe refused to read: asked on their own from then on, so no batch is refused for them again. */
  private readonly refused = new Set<string>();
  private readonly health = new CallHealth();

  constructor(private readonly opts: ApiframeClientOptions) {
    this.pushesUpdates = Boolean(opts.webhook);
    if (opts.webhook) this.webhook = apiframeWebhook(opts.webhook.secret, (v) => this.view(v), opts.log);
    this.sent.add(opts.apiKey);
    this.scrub = makeScrubber([...this.sent]);
    this.location = { url: opts.baseUrl, variable: 'APIFRAME_BASE_URL' };
    const base = new URL(opts.baseUrl);
    this.prefix = base.pathname.replace(/\/+$/, '');
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.retries = opts.retries ?? 3;
    this.backoffMs = opts.backoffMs ?? 250;
    this.pool = new Pool(base.origin, {
      connections: opts.connections ?? 16,
      keepAliveTimeout: 30_000,
      headersTimeout: this.timeoutMs,
      bodyTimeout: this.timeoutMs,
    });
  }

  handles(type: JobType): boolean {
    return APIFRAME_JOBS.has(type);
  }

  /** Starts a job; a synchronous one (AI-photo generation) comes back finished. */
  async submit(job: Job, webhook = this.opts.webhook): Promise<Submitted> {
    const { endpoint, body } = apiframeRequest(job);
    if (SYNCHRONOUS_JOBS.has(job.type)) {
      // The docs list no webhook for these: the answer is the finished task itself.
      const json = await this.call(endpoint, { method: 'POST', json: body }, 'submit');
      const finished = this.view(this.parse(taskView, json, endpoint));
      return { providerTaskId: finished.providerTaskId, finished };
    }
    if (webhook && !this.sent.has(webhook.secret)) {
      this.sent.add(webhook.secret);
      this.scrub = makeScrubber([...this.sent]);
    }
    const payload = webhook ? { ...body, webhook_url: webhook.url, webhook_secret: webhook.secret } : body;
    const json = await this.call(endpoint, { method: 'POST', json: payload }, 'submit');
    return { providerTaskId: this.parse(submitResponse, json, endpoint).task_id };
  }

  async fetchMany(ids: readonly string[]): Promise<ProviderTaskView[]> {
    const views: ProviderTaskView[] = [];
    const batched = ids.filter((id) => !this.refused.has(id));
    for (let i = 0; i < batched.length; i += FETCH_MANY_MAX) {
      views.push(...(await this.fetchBatch(batched.slice(i, i + FETCH_MANY_MAX))));
    }
    for (const id of ids.filter((id) => this.refused.has(id))) {
      const alone = await this.fetchBatch([id]);
      if (alone.length > 0) this.refused.delete(id);
      views.push(...alone);
    }
    return views;
  }

  async upload(image: { bytes: Uint8Array; filename: string; contentType: string }): Promise<string> {
    const json = await this.call('upload', {
      method: 'POST',
      form: () => {
        const form = new FormData();
        form.append('image', new Blob([image.bytes], { type: image.contentType }), image.filename);
        return form;
      },
    }, 'submit');
    return this.parse(uploadResponse, json, 'upload').imageURL;
  }

  /** Whether Apiframe answered recently (GET /readyz). */
  status(): Readiness {
    return this.health.status();
  }

  /** GET /account: the credits left on the key (its email is not kept). A refused key throws `auth`. */
  async account(opts: CheckOptions = {}): Promise<ProviderAccount> {
    const json = await this.call('account', { method: 'GET' }, 'read', opts.signal);
    const account = this.parse(accountResponse, json, 'account');
    return { credits: account.credits, ...(account.plan ? { detail: `plan ${account.plan}` } : {}) };
  }

  close(): Promise<void> {
    return this.pool.close();
  }

  /**
   * Reads one batch. A refused batch is halved until the refused id is alone: one unknown id must
   * not keep its batch-mates unread until their deadline. A refused single id is left out.
   */
  private async fetchBatch(ids: string[]): Promise<ProviderTaskView[]> {
    if (ids.length === 0) return [];
    try {
      return await this.fetchOnce(ids);
    } catch (err) {
      if (!(err instanceof ProviderError && err.kind === 'rejected')) throw err;
      if (ids.length === 1) {
        this.rememberRefused(ids[0]!, err.message);
        return [];
      }
      const half = Math.ceil(ids.length / 2);
      const [first, second] = await Promise.all([this.fetchBatch(ids.slice(0, half)), this.fetchBatch(ids.slice(half))]);
      return [...first, ...second];
    }
  }

  private rememberRefused(id: string, said: string): void {
    if (this.refused.has(id)) {
      this.opts.log.debug({ providerTaskId: id, said }, 'apiframe still refuses to read this task');
      return;
    }
    if (this.refused.size >= REFUSED_MEMORY) this.refused.delete(this.refused.values().next().value!);
    this.refused.add(id);
    this.opts.log.warn({ providerTaskId: id, said }, 'apiframe refused to read this task; it is left out of the answer');
  }

  private async fetchOnce(ids: string[]): Promise<ProviderTaskView[]> {
    // /fetch-many takes 2–20 ids; a single id goes to /fetch.
    if (ids.length === 1) {
      const json = await this.call('fetch', { method: 'POST', json: { task_id: ids[0] } }, 'read');
      return [this.view(this.parse(taskView, json, 'fetch'))];
    }
    const json = await this.call('fetch-many', { method: 'POST', json: { task_ids: ids } }, 'read');
    const items = this.parse(fetchManyResponse, json, 'fetch-many');
    const views: ProviderTaskView[] = [];
    for (const item of items) {
      const parsed = taskView.safeParse(item);
      if (parsed.success) views.push(this.view(parsed.data));
      else this.opts.log.warn({ operation: 'fetch-many', issues: parsed.error.issues.slice(0, 3) }, 'apiframe task entry did not parse; skipped');
    }
    return views;
  }

  /** A task view whose failure message (Apiframe's words, shown to users) holds none of our secrets. */
  private view(raw: z.output<typeof taskView>): ProviderTaskView {
    const view = normalizeTaskView(raw);
    return view.message === undefined ? view : { ...view, message: this.scrub(view.message) };
  }

  private parse<S extends z.ZodType>(schema: S, json: unknown, operation: string): z.output<S> {
    const parsed = schema.safeParse(json);
    if (parsed.success) return parsed.data;
    this.opts.log.error({ operation, issues: parsed.error.issues.slice(0, 5) }, 'apiframe answer has an unexpected shape');
    throw new ProviderError('unavailable', operation, `Apiframe ${operation} answered in an unexpected shape`);
  }

  /** One call, with its retries; how it ended counts towards readiness. */
  private call(endpoint: string, req: { method: 'GET' | 'POST'; json?: unknown; form?: () => FormData }, call: 'read' | 'submit', signal?: AbortSignal): Promise<unknown> {
    return this.health.track(endpoint, this.attempts(endpoint, req, call, signal));
  }

  private async attempts(
    endpoint: string,
    req: { method: 'GET' | 'POST'; json?: unknown; form?: () => FormData },
    call: 'read' | 'submit',
    /** Ends the attempts early (a start-up check's bound or a stop); the last failure is then thrown. */
    signal?: AbortSignal,
  ): Promise<unknown> {
    let lastError: unknown;
    for (let attempt = 0; attempt <= this.retries; attempt++) {
      if (attempt > 0) {
        const waited = await sleep(this.backoff(attempt, lastError), true, { signal }).catch(() => false);
        if (!waited) break;
      }
      let outcome: Attempt;
      try {
        outcome = await this.once(endpoint, req, signal);
      } catch (err) {
        lastError = err;
        const code = (err as { code?: string }).code ?? '';
        const retryable = (call === 'read' || NOT_SENT.has(code)) && !signal?.aborted;
        this.opts.log.warn({ operation: endpoint, attempt, code, retryable }, 'apiframe request failed');
        if (!retryable) break;
        continue;
      }
      const { status, json } = outcome;
      if (status >= 200 && status < 300) return json;
      if (status === 400 || status === 404 || status === 422) {
        const body = errorBody.safeParse(json);
        const said = body.success ? (body.data.errors?.[0]?.msg ?? body.data.message ?? body.data.error) : undefined;
        throw new ProviderError('rejected', endpoint, this.scrub(said?.trim() || NOTHING_SAID), status);
      }
      if (status === 401 || status === 403) {
        throw new ProviderError('auth', endpoint, `Apiframe refused the API key (HTTP ${status})`, status, APIFRAME);
      }
      if (status === 402) {
        throw new ProviderError('out_of_credits', endpoint, 'Apiframe says the account is out of credits (HTTP 402)', status, APIFRAME);
      }
      lastError = Object.assign(new Error(`HTTP ${status}`), { status, retryAfterMs: outcome.retryAfterMs });
      // A 429 was not processed, so even a submit may be repeated; a 5xx may have created the job.
      const retryable = call === 'read' || status === 429;
      this.opts.log.warn({ operation: endpoint, attempt, status, retryable }, 'apiframe answered with an error');
      if (!retryable) break;
    }
    // Still "too many requests" after every retry it allowed: the user may simply try again later.
    const kind = statusOf(lastError) === 429 ? 'rate_limited' : 'unavailable';
    throw new ProviderError(kind, endpoint, this.scrub(`Apiframe ${endpoint} failed: ${failureReason(lastError)}`), statusOf(lastError), {
      ...APIFRAME,
      cause: lastError,
    });
  }

  private async once(endpoint: string, req: { method: 'GET' | 'POST'; json?: unknown; form?: () => FormData }, signal?: AbortSignal): Promise<Attempt> {
    const headers: Record<string, string> = { authorization: this.opts.apiKey, accept: 'application/json' };
    let body: string | FormData | undefined;
    if (req.form) body = req.form();
    else if (req.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(req.json);
    }
    const attempt = startAttempt(this.opts.calls, this.id, endpoint);
    let res: Awaited<ReturnType<Pool['request']>>;
    let text: string;
    // The caller's signal and this call's own timeout, whichever ends first.
    const bound = deadline(this.timeoutMs, signal);
    try {
      res = await this.pool.request({
        path: `${this.prefix}/${endpoint}`,
        method: req.method,
        headers,
        body,
        signal: bound.signal,
      });
      text = await res.body.text();
    } catch (err) {
      attempt.failed(err);
      throw err;
    } finally {
      bound.clear();
    }
    attempt.answered(res.statusCode);
    let json: unknown = undefined;
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      json = { message: text.slice(0, 200) };
    }
    const retryAfter = Number(res.headers['retry-after']);
    return { status: res.statusCode, json, retryAfterMs: Number.isFinite(retryAfter) ? retryAfter * 1000 : undefined };
  }

  private backoff(attempt: number, lastError: unknown): number {
    const hinted = (lastError as { retryAfterMs?: number } | undefined)?.retryAfterMs;
    if (hinted !== undefined) return Math.min(hinted, 30_000);
    const cap = this.backoffMs * 2 ** (attempt - 1);
    return cap / 2 + Math.random() * (cap / 2);
  }
}

function statusOf(err: unknown): number | undefined {
  return (err as { status?: number } | undefined)?.status;
}
