// Fake Apiframe v1 server for tests and benchmarks (node:http, 127.0.0.1, random port).
// Shapes follow /work/shared/apiframe-api.md sections 2-6. See apiframe.test.ts for usage.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createHash, randomUUID } from 'node:crypto';
import { makePng } from './png.ts';
import type { Rgb } from './png.ts';
import { parseMultipart, type MultipartPart } from './multipart.ts';
import { listenOnLoopback, describeBody, postWebhook, readBody, sendError, sendJson, writeChunked } from './apiframe-http.ts';
import { finishedResult, taskView } from './apiframe-views.ts';
import {
  isObject,
  MAX_UPLOAD_BYTES,
  sniffImage,
  validateAiPhotoGenerate,
  validateAiPhotoTrain,
  validateAiPhotoUpload,
  validateDescribe,
  validateShorten,
  validateBlend,
  validateFaceswap,
  validateImagine,
  validateParentAction,
  validateSeed,
  validateTaskIds,
  validateUpscaleEdit,
} from './apiframe-validate.ts';
import type { Body } from './apiframe-validate.ts';

/** How long a test waits for what the bot does before failing: generous, as CI machines are shared and slow. */
const WAIT_MS = 10_000;

export type FakeTaskStatus = 'staged' | 'processing' | 'finished' | 'failed';
export interface FakeTask {
  id: string;
  endpoint: string;
  body: Record<string, unknown>;
  status: FakeTaskStatus;
  percentage: number;
  message?: string;
  webhookUrl?: string;
  webhookSecret?: string;
  result?: Record<string, unknown>;
}
export interface FakeResponse {
  status: number;
  body?: unknown;
  delayMs?: number;
}
export interface FakeApiframeOptions {
  apiKey?: string;
  mode?: 'auto' | 'manual';
  stepMs?: number;
  steps?: number[];
  imageBytes?: number;
  /** Refuse a whole /fetch-many (400) that names an unknown id. Undocumented (apiframe-api.md §3.16), so off by default. */
  fetchManyRefusesUnknown?: boolean;
  /** What GET /account reports as the credits left (default 12000, the docs' example). */
  credits?: number;
}
export interface FakeRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  at: number;
}
export interface FakeWebhookDelivery {
  url: string;
  taskId: string;
  body: unknown;
  status: number | 'error';
}
type Canned = FakeResponse | 'timeout' | 'reset';

const WEBHOOK_TIMEOUT_MS = 5000;
const ASYNC_ENDPOINTS = [
  'imagine', 'reroll', 'upscale-1x', 'variations', 'upscale-alt', 'upscale-highres', 'outpaint', 'pan', 'seed', 'ai-photo-upload', 'ai-photo-train',
  'blend', 'faceswap',
];
/** Prompts from an image or a prompt: finished with `content` (and `full_content` for /shorten). */
ASYNC_ENDPOINTS.push('describe', 'shorten');

function isTerminal(task: FakeTask): boolean {
  return task.status === 'finished' || task.status === 'failed';
}

export class FakeApiframe {
  readonly url: string;
  readonly apiKey: string;
  readonly requests: FakeRequest[] = [];
  readonly tasks = new Map<string, FakeTask>();
  readonly webhookDeliveries: FakeWebhookDelivery[] = [];

  private mode: 'auto' | 'manual';
  private readonly stepMs: number;
  private readonly steps: number[];
  private readonly imageBytes: number;
  private readonly fetchManyRefusesUnknown: boolean;
  private credits: number;
  private closed = false;
  private readonly failQueues = new Map<string, Canned[]>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly autoTimers = new Map<string, NodeJS.Timeout>();
  private readonly hanging = new Set<ServerResponse>();
  private readonly deliveryChains = new Map<string, Promise<void>>();
  private readonly uploads = new Map<string, Buffer>();
  private readonly waiters = new Set<{ check: () => boolean; fail: (err: Error) => void }>();
  private readonly closing = new AbortController();
  /** Extra: paths whose next requests are carried out but never answered (the answer is lost). */
  private readonly stalled = new Map<string, number>();
  /** Extra: paths whose next requests are carried out at once but answered after a delay (ms each). */
  private readonly slowed = new Map<string, number[]>();
  /** Extra: CDN images served slowly, bytes per second by task id. */
  private readonly slowCdns = new Map<string, number>();

  private constructor(
    private readonly server: Server,
    port: number,
    opts: FakeApiframeOptions,
  ) {
    this.url = `http://127.0.0.1:${port}`;
    this.apiKey = opts.apiKey ?? 'test-apiframe-key';
    this.mode = opts.mode ?? 'manual';
    this.stepMs = opts.stepMs ?? 20;
    this.steps = [...(opts.steps ?? [0, 25, 50, 75])];
    this.imageBytes = opts.imageBytes ?? 0;
    this.fetchManyRefusesUnknown = opts.fetchManyRefusesUnknown ?? false;
    this.credits = opts.credits ?? 12000;
    server.on('request', (req, res) => {
      this.handle(req, res).catch(() => {
        if (!res.headersSent) sendJson(res, 500, {});
        else res.destroy();
      });
    });
  }

  static async start(opts: FakeApiframeOptions = {}): Promise<FakeApiframe> {
    const { server, port } = await listenOnLoopback();
    return new FakeApiframe(server, port, opts);
  }

  setMode(mode: 'auto' | 'manual'): void {
    this.mode = mode;
    if (mode === 'manual') {
      for (const timer of this.autoTimers.values()) clearTimeout(timer);
      this.autoTimers.clear();
    } else {
      for (const task of this.tasks.values()) this.scheduleAuto(task);
    }
  }

  /** Extra: what GET /account reports from now on (the account being spent elsewhere). */
  setCredits(credits: number): void {
    this.credits = credits;
  }

  failNext(path: string, response: Canned, times = 1): void {
    const key = path.startsWith('/') ? path : `/${path}`;
    const queue = this.failQueues.get(key) ?? [];
    for (let i = 0; i < times; i++) queue.push(response);
    this.failQueues.set(key, queue);
  }

  /**
   * Extra: the next `times` requests to `path` take effect (a submit creates its task) but get no
   * answer: the connection hangs until the client gives up or the fake closes.
   */
  stallNext(path: string, times = 1): void {
    const key = path.startsWith('/') ? path : `/${path}`;
    this.stalled.set(key, (this.stalled.get(key) ?? 0) + times);
  }

  /**
   * Extra: the next `times` requests to `path` take effect at once (a submit creates its task) and
   * are answered after `delayMs`: a submit that is still running when the bot is told to stop.
   */
  slowNext(path: string, delayMs: number, times = 1): void {
    const key = path.startsWith('/') ? path : `/${path}`;
    this.slowed.set(key, [...(this.slowed.get(key) ?? []), ...Array.from({ length: times }, () => delayMs)]);
  }

  /** Extra: serve a task's CDN images at `bytesPerSecond` (a slow CDN). */
  slowCdn(taskId: string, bytesPerSecond: number): void {
    this.slowCdns.set(taskId, bytesPerSecond);
  }

  /**
   * Extra: finish a task with exactly this final body (fetch and webhook), for answers that are
   * "finished" but not shaped as the docs say. `task_id` is added when missing.
   */
  async finishWith(taskId: string, body: Record<string, unknown>): Promise<void> {
    const task = this.activeTask(taskId);
    task.status = 'finished';
    task.percentage = 100;
    task.result = { task_id: taskId, ...body };
    this.stopAuto(task.id);
    return this.emitChange(task);
  }

  /**
   * Manual stepping. The state changes synchronously; the promise resolves once the webhook (if any)
   * has been answered and recorded in webhookDeliveries. Rejects for unknown or already finished/failed tasks.
   */
  async progress(taskId: string, percentage: number): Promise<void> {
    return this.applyProgress(this.activeTask(taskId), percentage);
  }

  async finish(taskId: string): Promise<void> {
    return this.applyFinish(this.activeTask(taskId));
  }

  async fail(taskId: string, message = 'Task failed'): Promise<void> {
    const task = this.activeTask(taskId);
    task.status = 'failed';
    task.message = message;
    this.stopAuto(task.id);
    return this.emitChange(task);
  }

  callCount(path: string): number {
    return this.requests.filter((r) => r.path === path).length;
  }

  /** How many times each task was read (by /fetch or within a /fetch-many) since `since` (epoch ms). */
  readsPerTask(since = 0): Map<string, number> {
    const reads = new Map<string, number>();
    for (const r of this.requests) {
      if (r.at < since || !isObject(r.body)) continue;
      const ids = r.path === '/fetch' ? [r.body.task_id] : r.path === '/fetch-many' && Array.isArray(r.body.task_ids) ? r.body.task_ids : [];
      for (const id of ids) if (typeof id === 'string') reads.set(id, (reads.get(id) ?? 0) + 1);
    }
    return reads;
  }

  waitForTask(endpoint: string, n = 1, timeoutMs = WAIT_MS): Promise<FakeTask> {
    return new Promise<FakeTask>((resolve, reject) => {
      const find = (): FakeTask | undefined => [...this.tasks.values()].filter((t) => t.endpoint === endpoint)[n - 1];
      const found = find();
      if (found) return resolve(found);
      const waiter = {
        check: (): boolean => {
          const task = find();
          if (task) {
            cleanup();
            resolve(task);
          }
          return task !== undefined;
        },
        fail: (err: Error): void => {
          cleanup();
          reject(err);
        },
      };
      const timer = setTimeout(() => {
        const have = [...this.tasks.values()].filter((t) => t.endpoint === endpoint).length;
        waiter.fail(new Error(`waitForTask('${endpoint}', ${n}) timed out after ${timeoutMs} ms (${have} such task(s))`));
      }, timeoutMs);
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
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const timer of this.autoTimers.values()) clearTimeout(timer);
    this.autoTimers.clear();
    for (const waiter of [...this.waiters]) waiter.fail(new Error('FakeApiframe closed'));
    for (const res of this.hanging) res.destroy();
    this.hanging.clear();
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeAllConnections();
    await closed;
    await Promise.all(this.deliveryChains.values());
  }

  // ---- request handling -------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', this.url).pathname;
    const raw = await readBody(req);
    const contentType = req.headers['content-type'] ?? '';
    const multipart = /^multipart\/form-data/i.test(contentType) ? parseMultipart(raw, contentType) : null;
    const body = describeBody(raw, contentType, multipart);
    this.requests.push({ method, path, headers: { ...req.headers }, body, at: Date.now() });
    if (this.closed) return void res.destroy();

    const isCdn = path.startsWith('/cdn/');
    if (!isCdn && req.headers.authorization !== this.apiKey) return sendJson(res, 401, {});
    const canned = this.failQueues.get(path)?.shift();
    if (canned !== undefined) return this.sendCanned(req, res, canned);

    if (isCdn) {
      if (method === 'GET' || method === 'HEAD') return this.serveCdn(path, method, res);
      return sendJson(res, 404, {});
    }
    if (method === 'GET' && path === '/account') {
      // apiframe-api.md §3.17, with the fields seen in live answers.
      return sendJson(res, 200, {
        email: 'fake@example.test',
        credits: this.credits,
        total_images: 0,
        plan: 'starter',
        next_billing_date: null,
        subscription_credits: this.credits,
        topup_credits: 0,
      });
    }
    if (method !== 'POST') return sendJson(res, 404, {});
    if (path === '/upload') return this.handleUpload(res, multipart);

    const endpoint = path.slice(1);
    const known = ASYNC_ENDPOINTS.includes(endpoint) || ['ai-photo-generate', 'fetch', 'fetch-many'].includes(endpoint);
    if (!known) return sendJson(res, 404, {});
    // Like an express json() parser: non-JSON or unparsable bodies read as {}.
    const json: Body = isObject(body) && /json/i.test(contentType) ? body : {};
    this.handleJson(endpoint, json, res);
  }

  private handleJson(endpoint: string, body: Body, res: ServerResponse): void {
    const lookup = (id: string): FakeTask | undefined => this.tasks.get(id);
    let error: string | null;
    switch (endpoint) {
      case 'fetch': {
        const task = typeof body.task_id === 'string' ? this.tasks.get(body.task_id) : undefined;
        return task ? sendJson(res, 200, taskView(task)) : sendError(res, 'Task not found');
      }
      case 'fetch-many': {
        error = validateTaskIds(body);
        if (error) return sendError(res, error);
        const unknown = (body.task_ids as string[]).find((id) => !this.tasks.has(id));
        if (unknown !== undefined && this.fetchManyRefusesUnknown) return sendError(res, `Task not found: ${unknown}`);
        const tasks = (body.task_ids as string[]).flatMap((id) => {
          const task = this.tasks.get(id);
          return task ? [taskView(task)] : [];
        });
        return sendJson(res, 200, { tasks });
      }
      case 'imagine':
        error = validateImagine(body);
        break;
      case 'reroll':
      case 'upscale-1x':
      case 'variations':
        error = validateParentAction(endpoint, body, lookup);
        break;
      case 'upscale-alt':
      case 'upscale-highres':
      case 'outpaint':
      case 'pan':
        error = validateUpscaleEdit(endpoint, body, lookup);
        break;
      case 'seed':
        error = validateSeed(body, lookup);
        break;
      case 'describe':
        error = validateDescribe(body);
        break;
      case 'shorten':
        error = validateShorten(body);
        break;
      case 'blend':
        error = validateBlend(body);
        break;
      case 'faceswap':
        error = validateFaceswap(body);
        break;
      case 'ai-photo-upload':
        error = validateAiPhotoUpload(body);
        break;
      case 'ai-photo-train':
        error = validateAiPhotoTrain(body, lookup);
        break;
      case 'ai-photo-generate': {
        error = validateAiPhotoGenerate(body, lookup);
        if (error) return sendError(res, error);
        const task = this.createTask(endpoint, body, false);
        task.status = 'finished';
        task.percentage = 100;
        task.result = finishedResult(task, this.url);
        this.notifyWaiters();
        return sendJson(res, 200, taskView(task));
      }
      default:
        return sendJson(res, 404, {});
    }
    if (error) return sendError(res, error);
    const task = this.createTask(endpoint, body, true);
    this.notifyWaiters();
    if (this.takeStall(`/${endpoint}`)) return this.holdOpen(res);
    const delayMs = this.slowed.get(`/${endpoint}`)?.shift();
    if (delayMs === undefined) return sendJson(res, 200, { task_id: task.id });
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!res.destroyed) sendJson(res, 200, { task_id: task.id });
    }, delayMs);
    this.timers.add(timer);
  }

  private takeStall(path: string): boolean {
    const left = this.stalled.get(path) ?? 0;
    if (left <= 0) return false;
    this.stalled.set(path, left - 1);
    return true;
  }

  private holdOpen(res: ServerResponse): void {
    this.hanging.add(res);
    res.on('close', () => this.hanging.delete(res));
  }

  private handleUpload(res: ServerResponse, parts: MultipartPart[] | null): void {
    if (!parts) return sendError(res, 'Invalid request: expected multipart/form-data');
    const image = parts.find((p) => p.name === 'image' && p.filename !== undefined) ?? parts.find((p) => p.name === 'image');
    if (!image || image.data.length === 0) return sendError(res, 'image is required');
    if (image.data.length > MAX_UPLOAD_BYTES) return sendError(res, 'File too large');
    if (!sniffImage(image.data)) return sendError(res, 'Invalid file type: only PNG, JPEG, WebP and GIF are allowed');
    const id = randomUUID();
    this.uploads.set(id, Buffer.from(image.data));
    sendJson(res, 200, { imageURL: `${this.url}/cdn/uploads/${id}.png` });
  }

  private sendCanned(req: IncomingMessage, res: ServerResponse, canned: Canned): void {
    if (canned === 'reset') return void req.socket.destroy();
    if (canned === 'timeout') {
      this.hanging.add(res);
      res.on('close', () => this.hanging.delete(res));
      return;
    }
    const send = (): void => {
      if (res.destroyed) return;
      if (canned.body === undefined) {
        res.writeHead(canned.status, { 'content-length': 0 });
        res.end();
      } else if (typeof canned.body === 'string') {
        res.writeHead(canned.status, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(canned.body) });
        res.end(canned.body);
      } else {
        sendJson(res, canned.status, canned.body);
      }
    };
    if (!canned.delayMs) return send();
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      send();
    }, canned.delayMs);
    this.timers.add(timer);
  }

  private async serveCdn(path: string, method: string, res: ServerResponse): Promise<void> {
    let png: Buffer | undefined;
    const upload = /^\/cdn\/uploads\/([\w-]+)\.png$/.exec(path);
    const image = /^\/cdn\/([\w-]+)\/(grid|upscale|faceswap|\d+)\.png$/.exec(path);
    if (upload) {
      png = this.uploads.get(upload[1]!);
    } else if (image && this.tasks.has(image[1]!)) {
      const name = image[2]!;
      const hash = createHash('sha256').update(`${image[1]}/${name}`).digest();
      const rgb: Rgb = [hash[0]!, hash[1]!, hash[2]!];
      const side = name === 'grid' || name === 'upscale' || name === 'faceswap' ? 64 : 32;
      png = makePng(side, side, rgb, { padTo: this.imageBytes });
    }
    if (!png) return sendJson(res, 404, {});
    const type = upload ? sniffImage(png) : 'png';
    res.writeHead(200, { 'content-type': `image/${type ?? 'png'}`, 'content-length': png.length, 'cache-control': 'no-store' });
    if (method === 'HEAD') return void res.end();
    const slow = image ? this.slowCdns.get(image[1]!) : undefined;
    if (slow) return this.writeSlowly(res, png, slow);
    await writeChunked(res, png);
  }

  private async writeSlowly(res: ServerResponse, body: Buffer, bytesPerSecond: number): Promise<void> {
    const step = Math.max(1, Math.round(bytesPerSecond / 10));
    for (let off = 0; off < body.length && !res.destroyed && !this.closed; off += step) {
      res.write(body.subarray(off, off + step));
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          resolve();
        }, 100);
        this.timers.add(timer);
      });
    }
    res.end();
  }

  // ---- task state machine -----------------------------------------------

  private createTask(endpoint: string, body: Body, autoAdvance: boolean): FakeTask {
    const task: FakeTask = { id: randomUUID(), endpoint, body, status: 'staged', percentage: 0 };
    if (typeof body.webhook_url === 'string' && body.webhook_url !== '') {
      task.webhookUrl = body.webhook_url;
      if (typeof body.webhook_secret === 'string' && body.webhook_secret !== '') task.webhookSecret = body.webhook_secret;
    }
    this.tasks.set(task.id, task);
    if (autoAdvance) this.scheduleAuto(task);
    return task;
  }

  private activeTask(taskId: string): FakeTask {
    const task = this.tasks.get(taskId);
    if (!task) throw new Error(`FakeApiframe: unknown task ${taskId}`);
    if (isTerminal(task)) throw new Error(`FakeApiframe: task ${taskId} is already ${task.status}`);
    return task;
  }

  private applyProgress(task: FakeTask, percentage: number): Promise<void> {
    task.status = 'processing';
    task.percentage = percentage;
    return this.emitChange(task);
  }

  private applyFinish(task: FakeTask): Promise<void> {
    task.status = 'finished';
    task.percentage = 100;
    task.result = finishedResult(task, this.url);
    this.stopAuto(task.id);
    return this.emitChange(task);
  }

  private scheduleAuto(task: FakeTask): void {
    if (this.closed || this.mode !== 'auto' || isTerminal(task) || this.autoTimers.has(task.id)) return;
    if (task.endpoint === 'ai-photo-generate') return;
    const remaining = task.status === 'staged' ? [...this.steps] : this.steps.filter((s) => s > task.percentage);
    const tick = (): void => {
      this.autoTimers.delete(task.id);
      if (this.closed || this.mode !== 'auto' || isTerminal(task)) return;
      const next = remaining.shift();
      if (next === undefined) {
        void this.applyFinish(task);
        return;
      }
      void this.applyProgress(task, next);
      this.autoTimers.set(task.id, setTimeout(tick, this.stepMs));
    };
    this.autoTimers.set(task.id, setTimeout(tick, this.stepMs));
  }

  private stopAuto(taskId: string): void {
    const timer = this.autoTimers.get(taskId);
    if (timer) clearTimeout(timer);
    this.autoTimers.delete(taskId);
  }

  private notifyWaiters(): void {
    for (const waiter of [...this.waiters]) waiter.check();
  }

  // ---- webhooks ---------------------------------------------------------

  /** Queue a webhook with the task's current view; deliveries per task stay in order. Never rejects. */
  private emitChange(task: FakeTask): Promise<void> {
    if (!task.webhookUrl) return Promise.resolve();
    const url = task.webhookUrl;
    const secret = task.webhookSecret;
    const view = taskView(task);
    const previous = this.deliveryChains.get(task.id) ?? Promise.resolve();
    const next = previous.then(() => this.deliver(url, task.id, view, secret));
    this.deliveryChains.set(task.id, next);
    return next;
  }

  private async deliver(url: string, taskId: string, body: unknown, secret: string | undefined): Promise<void> {
    const status = await postWebhook(url, body, secret, { closing: this.closing.signal, timeoutMs: WEBHOOK_TIMEOUT_MS });
    this.webhookDeliveries.push({ url, taskId, body, status });
  }
}
