// Fake aiphotogenerator.net API for tests (node:http, 127.0.0.1, random port). The submit follows
// the API page (/work/shared/apiframe-api.md §9); the lookup, its statuses, the URL field and
// webhooks are undocumented, so they follow framebot's assumed defaults and can be reshaped
// (`shape`). See aiphotogenerator.test.ts for usage.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createHash, randomBytes } from 'node:crypto';
import { makePng } from './png.ts';
import { listenOnLoopback, postWebhook, readBody, sendJson, writeChunked } from './apiframe-http.ts';
import { validateGenerate } from './aiphotogenerator-validate.ts';
import { createdAt, imageJson, lookupMatcher, statusCode, type FakeImage, type FakeImageStatus, type FakeShape } from './aiphotogenerator-views.ts';

export type { FakeImage, FakeImageStatus, FakeShape } from './aiphotogenerator-views.ts';

/** How long a test waits for what the bot does before failing: generous, as CI machines are shared and slow. */
const WAIT_MS = 10_000;
const WEBHOOK_TIMEOUT_MS = 5000;
const LOOKUP_TEMPLATE = '/images/{id}';

export type FakeFailure = 'auth' | 'credits' | 'validation' | 'rate' | 'server' | 'timeout' | 'reset';
export interface FailOptions {
  /** How many requests in a row get it; default 1. */
  times?: number;
  /** 'rate': Retry-After in seconds. */
  retryAfterS?: number;
  /** 'rate': Retry-After as an HTTP date. */
  retryAfterDate?: Date;
  /** The answer's message (for 'validation': the field's complaint). */
  message?: string;
  /** 'validation': the field complained about; default prompt. */
  field?: string;
}

export interface FakeAiphotogeneratorOptions {
  token?: string;
  /** manual (default): images move only when told; auto: queued → processing → finished every stepMs. */
  mode?: 'auto' | 'manual';
  stepMs?: number;
  /** The first n images queued fail where auto mode would finish them. */
  failImages?: number;
  /** Queue at most this many images per request, whatever `count` asks. */
  queueAtMost?: number;
  /** Posts each change of an image here (include framebot's ?token=). */
  webhookUrl?: string;
  shape?: FakeShape;
  /** Pad each PNG to about this many bytes. */
  imageBytes?: number;
  /** Every API answer waits this long (a distant service), so concurrent requests overlap. */
  latencyMs?: number;
}

export interface FakeRequest {
  method: string;
  /** Path and query as received, e.g. /api/images/generate. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  at: number;
}

export interface FakeWebhookDelivery {
  url: string;
  imageId: string;
  body: unknown;
  status: number | 'error';
}

type Canned = ({ kind: FakeFailure } & FailOptions) | { kind: 'answer'; status: number; body: unknown };

export class FakeAiphotogenerator {
  /** The API base, including /api: what framebot's AIPHOTOGENERATOR_BASE_URL points at. */
  readonly url: string;
  readonly origin: string;
  readonly token: string;
  readonly requests: FakeRequest[] = [];
  readonly images = new Map<string, FakeImage>();
  readonly webhookDeliveries: FakeWebhookDelivery[] = [];

  private mode: 'auto' | 'manual';
  private readonly stepMs: number;
  private failLeft: number;
  private readonly queueAtMost: number;
  /** Where changes are posted; a harness sets it once the bot's port is known. */
  webhookUrl?: string;
  private readonly shape: FakeShape;
  private readonly imageBytes: number;
  private readonly latencyMs: number;
  private inFlight = 0;
  private mostInFlight = 0;
  private readonly lookupId: (pathAndQuery: string) => string | undefined;
  private closed = false;
  private readonly failQueues = new Map<string, Canned[]>();
  private readonly autoTimers = new Map<string, NodeJS.Timeout>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly hanging = new Set<ServerResponse>();
  private readonly deliveryChains = new Map<string, Promise<void>>();
  private readonly slowImages = new Map<string, number>();
  private readonly waiters = new Set<{ check: () => void; fail: (err: Error) => void }>();
  private readonly closing = new AbortController();

  private constructor(
    private readonly server: Server,
    port: number,
    opts: FakeAiphotogeneratorOptions,
  ) {
    this.origin = `http://127.0.0.1:${port}`;
    this.url = `${this.origin}/api`;
    this.token = opts.token ?? 'fake-aiphoto-token-0123456789';
    this.mode = opts.mode ?? 'manual';
    this.stepMs = opts.stepMs ?? 20;
    this.failLeft = opts.failImages ?? 0;
    this.queueAtMost = opts.queueAtMost ?? Number.POSITIVE_INFINITY;
    this.webhookUrl = opts.webhookUrl;
    this.shape = opts.shape ?? {};
    this.imageBytes = opts.imageBytes ?? 0;
    this.latencyMs = opts.latencyMs ?? 0;
    this.lookupId = lookupMatcher(this.shape.lookupPath ?? LOOKUP_TEMPLATE);
    server.on('request', (req, res) => {
      this.handle(req, res).catch(() => {
        if (!res.headersSent) sendJson(res, 500, { message: 'Server Error' });
        else res.destroy();
      });
    });
  }

  static async start(opts: FakeAiphotogeneratorOptions = {}): Promise<FakeAiphotogenerator> {
    const { server, port } = await listenOnLoopback();
    return new FakeAiphotogenerator(server, port, opts);
  }

  // ---- controls ---------------------------------------------------------------

  setMode(mode: 'auto' | 'manual'): void {
    this.mode = mode;
    if (mode === 'manual') {
      for (const timer of this.autoTimers.values()) clearTimeout(timer);
      this.autoTimers.clear();
    } else {
      for (const image of this.images.values()) this.scheduleAuto(image);
    }
  }

  /**
   * The next request(s) to `path` get this answer instead. `path` is below /api (the /api prefix
   * may be given too): /images/generate, one image's lookup path, or /images/{id} for any lookup.
   */
  failNext(path: string, kind: FakeFailure, opts: FailOptions = {}): void {
    const key = this.routeKey(path);
    const queue = this.failQueues.get(key) ?? [];
    for (let i = 0; i < (opts.times ?? 1); i++) queue.push({ kind, ...opts });
    this.failQueues.set(key, queue);
  }

  /** The next request to `path` (as for failNext) gets exactly this answer: odd shapes the docs do not rule out. */
  answerNext(path: string, status: number, body: unknown): void {
    const key = this.routeKey(path);
    this.failQueues.set(key, [...(this.failQueues.get(key) ?? []), { kind: 'answer', status, body }]);
  }

  /** Moves a queued image to processing. */
  async progress(id: string): Promise<void> {
    return this.move(this.active(id), 'processing');
  }

  async finish(id: string): Promise<void> {
    return this.move(this.active(id), 'finished');
  }

  async fail(id: string, message = 'Generation failed'): Promise<void> {
    const image = this.active(id);
    image.error = message;
    return this.move(image, 'failed');
  }

  /** Auto mode leaves this image where it is until finish/fail/progress: a slow generation. */
  hold(id: string): void {
    this.active(id).held = true;
    this.stopAuto(id);
  }

  /** Serves this image's PNG at `bytesPerSecond`: a slow download. */
  slowImage(id: string, bytesPerSecond: number): void {
    this.slowImages.set(id, bytesPerSecond);
  }

  /** Requests to a path below /api (or with it); /images/{id} counts every lookup. */
  callCount(path: string): number {
    const key = this.routeKey(path);
    return this.requests.filter((r) => this.routeOf(r.method, r.path) === key || r.path === `/api${key}`).length;
  }

  /** The most API requests (not file downloads) that were open at once. */
  get maxInFlight(): number {
    return this.mostInFlight;
  }

  /** The n-th image queued (1-based), once it is. */
  waitForImage(n = 1, timeoutMs = WAIT_MS): Promise<FakeImage> {
    return new Promise<FakeImage>((resolve, reject) => {
      const find = (): FakeImage | undefined => [...this.images.values()][n - 1];
      const found = find();
      if (found) return resolve(found);
      const waiter = {
        check: (): void => {
          const image = find();
          if (!image) return;
          cleanup();
          resolve(image);
        },
        fail: (err: Error): void => {
          cleanup();
          reject(err);
        },
      };
      const timer = setTimeout(() => waiter.fail(new Error(`waitForImage(${n}) timed out after ${timeoutMs} ms (${this.images.size} image(s))`)), timeoutMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      this.waiters.add(waiter);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.closing.abort();
    for (const timer of [...this.timers, ...this.autoTimers.values()]) clearTimeout(timer);
    this.timers.clear();
    this.autoTimers.clear();
    for (const waiter of [...this.waiters]) waiter.fail(new Error('FakeAiphotogenerator closed'));
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
    await Promise.all(this.deliveryChains.values());
  }

  // ---- requests ---------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', this.origin);
    const path = `${url.pathname}${url.search}`;
    const raw = await readBody(req);
    let body: unknown;
    try {
      body = raw.length > 0 ? JSON.parse(raw.toString('utf8')) : undefined;
    } catch {
      body = raw.toString('utf8');
    }
    this.requests.push({ method, path, headers: { ...req.headers }, body, at: Date.now() });
    if (this.closed) return void res.destroy();

    const file = /^\/files\/([\w-]+)\.png$/.exec(url.pathname);
    if (file && (method === 'GET' || method === 'HEAD')) return this.serveFile(file[1]!, method, res);
    this.mostInFlight = Math.max(this.mostInFlight, ++this.inFlight);
    res.on('close', () => this.inFlight--);
    if (this.latencyMs > 0) await this.pause(this.latencyMs);
    if (req.headers.authorization !== `Bearer ${this.token}`) return sendJson(res, 401, { message: 'Unauthenticated.' });
    const route = this.routeOf(method, path);
    const canned = (route && this.failQueues.get(route)?.shift()) ?? this.failQueues.get(path.replace(/^\/api/, ''))?.shift();
    if (canned) return this.sendCanned(req, res, canned);

    if (route === '/images/generate') return this.generate(body, req.headers['content-type'] ?? '', res);
    const id = method === 'GET' ? this.lookupId(path) : undefined;
    if (id !== undefined) {
      const image = this.images.get(id);
      return image ? sendJson(res, 200, imageJson(image, this.shape, this.origin)) : sendJson(res, 404, { message: 'Image not found.' });
    }
    sendJson(res, 404, { message: 'Not Found' });
  }

  /** The canned-failure key of a request: /images/generate, /images/{id} for a lookup, or nothing. */
  private routeOf(method: string, path: string): string | undefined {
    if (method === 'POST' && path === '/api/images/generate') return '/images/generate';
    if (method === 'GET' && this.lookupId(path) !== undefined) return LOOKUP_TEMPLATE;
    return undefined;
  }

  private routeKey(path: string): string {
    const key = path.startsWith('/') ? path : `/${path}`;
    return key.startsWith('/api/') ? key.slice(4) : key;
  }

  private generate(body: unknown, contentType: string, res: ServerResponse): void {
    // Like Laravel: a body that is not a JSON object reads as no fields at all.
    const fields = typeof body === 'object' && body !== null && !Array.isArray(body) && /json/i.test(contentType) ? (body as Record<string, unknown>) : {};
    const checked = validateGenerate(fields);
    if ('fail' in checked) return sendJson(res, 422, checked.fail);
    const request = checked.ok;
    const queued: FakeImage[] = [];
    for (let i = 0; i < Math.min(request.count, this.queueAtMost); i++) {
      const failing = this.failLeft > 0;
      if (failing) this.failLeft--;
      const image: FakeImage = { id: newId(), request, status: 'queued', createdAt: createdAt(), failing, held: false };
      this.images.set(image.id, image);
      queued.push(image);
      this.scheduleAuto(image);
    }
    for (const waiter of [...this.waiters]) waiter.check();
    sendJson(res, 200, {
      success: true,
      images: queued.map((image) => ({ id: image.id, status: statusCode(this.shape, 'queued'), width: request.width, height: request.height, created_at: image.createdAt })),
      message: `${queued.length} image(s) queued for generation`,
    });
  }

  private sendCanned(req: IncomingMessage, res: ServerResponse, canned: Canned): void {
    switch (canned.kind) {
      case 'answer':
        return sendJson(res, canned.status, canned.body);
      case 'reset':
        return void req.socket.destroy();
      case 'timeout':
        this.hanging.add(res);
        res.on('close', () => this.hanging.delete(res));
        return;
      case 'auth':
        return sendJson(res, 401, { message: canned.message ?? 'Unauthenticated.' });
      case 'credits':
        return sendJson(res, 402, { message: canned.message ?? 'Insufficient credits.' });
      case 'validation': {
        const field = canned.field ?? 'prompt';
        const message = canned.message ?? `The ${field} field is invalid.`;
        return sendJson(res, 422, { message, errors: { [field]: [message] } });
      }
      case 'rate': {
        const text = JSON.stringify({ message: canned.message ?? 'Too Many Attempts.' });
        const headers: Record<string, string | number> = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) };
        if (canned.retryAfterS !== undefined) headers['retry-after'] = canned.retryAfterS;
        else if (canned.retryAfterDate) headers['retry-after'] = canned.retryAfterDate.toUTCString();
        res.writeHead(429, headers);
        return void res.end(text);
      }
      case 'server':
        return sendJson(res, 500, { message: canned.message ?? 'Server Error' });
    }
  }

  private async serveFile(id: string, method: string, res: ServerResponse): Promise<void> {
    const image = this.images.get(id);
    if (!image || image.status !== 'finished') return sendJson(res, 404, { message: 'Not Found' });
    const hash = createHash('sha256').update(id).digest();
    // Small, but with the requested shape.
    const scale = Math.max(image.request.width, image.request.height) / 64;
    const png = makePng(Math.max(1, Math.round(image.request.width / scale)), Math.max(1, Math.round(image.request.height / scale)), [hash[0]!, hash[1]!, hash[2]!], {
      padTo: this.imageBytes,
    });
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length, 'cache-control': 'no-store' });
    if (method === 'HEAD') return void res.end();
    const slow = this.slowImages.get(id);
    if (slow) return this.writeSlowly(res, png, slow);
    await writeChunked(res, png);
  }

  private pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }

  private async writeSlowly(res: ServerResponse, body: Buffer, bytesPerSecond: number): Promise<void> {
    const step = Math.max(1, Math.round(bytesPerSecond / 10));
    for (let off = 0; off < body.length && !res.destroyed && !this.closed; off += step) {
      res.write(body.subarray(off, off + step));
      await this.pause(100);
    }
    res.end();
  }

  // ---- image state ------------------------------------------------------------

  private active(id: string): FakeImage {
    const image = this.images.get(id);
    if (!image) throw new Error(`FakeAiphotogenerator: unknown image ${id}`);
    if (image.status === 'finished' || image.status === 'failed') throw new Error(`FakeAiphotogenerator: image ${id} is already ${image.status}`);
    return image;
  }

  /** Changes the state synchronously; resolves once the webhook (if any) has been answered. */
  private move(image: FakeImage, status: FakeImageStatus): Promise<void> {
    image.status = status;
    if (status === 'finished' || status === 'failed') this.stopAuto(image.id);
    return this.emitChange(image);
  }

  private scheduleAuto(image: FakeImage): void {
    if (this.closed || this.mode !== 'auto' || image.held || this.autoTimers.has(image.id)) return;
    if (image.status === 'finished' || image.status === 'failed') return;
    const timer = setTimeout(() => {
      this.autoTimers.delete(image.id);
      if (this.closed || this.mode !== 'auto' || image.held) return;
      if (image.status === 'queued') {
        void this.move(image, 'processing');
        this.scheduleAuto(image);
      } else if (image.status === 'processing') {
        if (image.failing) image.error = 'Generation failed';
        void this.move(image, image.failing ? 'failed' : 'finished');
      }
    }, this.stepMs);
    this.autoTimers.set(image.id, timer);
  }

  private stopAuto(id: string): void {
    const timer = this.autoTimers.get(id);
    if (timer) clearTimeout(timer);
    this.autoTimers.delete(id);
  }

  // ---- webhooks ---------------------------------------------------------------

  /** Posts the image's current state; deliveries per image stay in order. Never rejects. */
  private emitChange(image: FakeImage): Promise<void> {
    const url = this.webhookUrl;
    if (!url) return Promise.resolve();
    const body = imageJson(image, this.shape, this.origin);
    const previous = this.deliveryChains.get(image.id) ?? Promise.resolve();
    const next = previous.then(async () => {
      const status = await postWebhook(url, body, undefined, { closing: this.closing.signal, timeoutMs: WEBHOOK_TIMEOUT_MS });
      this.webhookDeliveries.push({ url, imageId: image.id, body, status });
    });
    this.deliveryChains.set(image.id, next);
    return next;
  }
}

/** Ids shaped like the API page's example ("abc123xyz"). */
function newId(): string {
  return randomBytes(9).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, 'x');
}
