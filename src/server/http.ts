import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../logger.ts';
import { LogLimit } from '../log-limit.ts';
import type { ProviderTaskView, ProviderWebhook } from '../providers/types.ts';
import { FILES_PATH } from './hosted-files.ts';
import { exposition, type Metrics } from '../metrics.ts';
import { bearerMatches } from './bearer.ts';
import type { ReadinessReport } from './readiness.ts';
import type { PlatformWebhook, PlatformWebhookReply } from '../core/platform-webhook.ts';

const MAX_BODY_BYTES = 1024 * 1024;

export interface WebhookRoute {
  provider: string;
  webhook: ProviderWebhook;
}

export interface HttpServerOptions {
  port: number;
  host?: string;
  /** The provider webhook served at a path, if any (asked per request: a test may register after listening). */
  webhookAt: (path: string) => WebhookRoute | undefined;
  /** The chat platform that posts its updates to a path, if any (Telegram in webhook mode). */
  platformWebhookAt?: (path: string) => PlatformWebhook | undefined;
  /** Applies one provider update: resolves once the change is recorded (what follows, a delivery, goes on after). */
  onUpdate: (provider: string, view: ProviderTaskView) => Promise<unknown>;
  log: Logger;
  /** GET /healthz: liveness (the process serves), with a few facts for a person looking. */
  health: () => Record<string, unknown> | Promise<Record<string, unknown>>;
  /** GET /readyz: whether everything the bot depends on works now (503 when anything does not). */
  ready?: () => ReadinessReport | Promise<ReadinessReport>;
  /** GET /metrics, and the webhook counts. */
  metrics?: Metrics;
  /** When set, GET /metrics needs `Authorization: Bearer <token>`. */
  metricsToken?: string;
  /** Reference images the bot hosts itself (GET /files/<name>), when it has a public URL. */
  files?: { read(name: string): Promise<{ bytes: Buffer; contentType: string } | undefined> };
}

/** A request the client got wrong; `gone` when the client left before sending all of it. */
class HttpProblem extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly gone = false,
  ) {
    super(message);
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) throw new HttpProblem(413, 'body too large');
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) throw new HttpProblem(413, 'body too large');
      chunks.push(chunk as Buffer);
    }
  } catch (err) {
    // An aborted upload (or a slow one cut by requestTimeout) is the client's doing, not a server fault.
    if (!(err instanceof HttpProblem) && (req.readableAborted || req.destroyed)) throw new HttpProblem(400, 'body incomplete', true);
    throw err;
  }
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Provider webhooks (each checks its own secret), hosted reference images, health, readiness and metrics. */
export class HttpServer {
  private server?: Server;
  /** Anyone can send requests: the lines they cause are rate-limited. */
  private readonly noisy: LogLimit;

  constructor(private readonly opts: HttpServerOptions) {
    this.noisy = new LogLimit(opts.log);
  }

  async listen(): Promise<number> {
    this.server = createServer((req, res) => {
      this.route(req, res).catch((err: unknown) => {
        const status = err instanceof HttpProblem ? err.status : 500;
        // The path only: a webhook's query may carry its secret (aiphotogenerator's ?token=).
        const path = (req.url ?? '').split('?')[0];
        if (status === 500) this.opts.log.error({ err, path }, 'http handler failed');
        if (err instanceof HttpProblem && err.gone) {
          this.noisy.write('request_incomplete', 'warn', { path, remote: req.socket.remoteAddress }, 'a client left before sending the whole request body');
          return;
        }
        if (!res.headersSent) send(res, status, { error: err instanceof HttpProblem ? err.message : 'internal error' });
      });
    });
    // Webhook calls are short; don't let idle or slow clients hold sockets.
    this.server.requestTimeout = 15_000;
    this.server.headersTimeout = 10_000;
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.opts.port, this.opts.host ?? '0.0.0.0', () => resolve());
    });
    return (this.server.address() as AddressInfo).port;
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
      send(res, 200, { ok: true, ...await this.opts.health() });
      return;
    }
    if (url.pathname === '/readyz' && this.opts.ready && (req.method === 'GET' || req.method === 'HEAD')) {
      const report = await this.opts.ready();
      send(res, report.ready ? 200 : 503, report);
      return;
    }
    if (url.pathname === '/metrics' && this.opts.metrics && (req.method === 'GET' || req.method === 'HEAD')) {
      await this.serveMetrics(this.opts.metrics, req, res);
      return;
    }
    if (this.opts.files && url.pathname.startsWith(FILES_PATH) && (req.method === 'GET' || req.method === 'HEAD')) {
      const file = await this.opts.files.read(url.pathname.slice(FILES_PATH.length));
      if (!file) throw new HttpProblem(404, 'not found');
      // Served as the image it is, never sniffed into something a browser would run.
      res.writeHead(200, { 'content-type': file.contentType, 'content-length': file.bytes.length, 'x-content-type-options': 'nosniff', 'cache-control': 'private, max-age=600' });
      res.end(req.method === 'HEAD' ? undefined : file.bytes);
      return;
    }
    const pushed = this.opts.platformWebhookAt?.(url.pathname);
    if (pushed) {
      if (req.method !== 'POST') throw new HttpProblem(405, 'use POST');
      await this.platformWebhook(pushed, req, res);
      return;
    }
    const hook = this.opts.webhookAt(url.pathname);
    if (hook) {
      if (req.method !== 'POST') throw new HttpProblem(405, 'use POST');
      await this.webhook(hook, url.searchParams, req, res);
      return;
    }
    throw new HttpProblem(404, 'not found');
  }

  private async serveMetrics(metrics: Metrics, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const token = this.opts.metricsToken;
    if (token && !bearerMatches(req.headers.authorization, token)) {
      this.noisy.write('metrics_unauthorized', 'warn', { remote: req.socket.remoteAddress }, 'GET /metrics without the right METRICS_TOKEN refused');
      res.setHeader('www-authenticate', 'Bearer realm="metrics"');
      throw new HttpProblem(401, 'unauthorized');
    }
    const { text, contentType } = await exposition(metrics);
    res.writeHead(200, { 'content-type': contentType, 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
    res.end(text);
  }

  private async webhook(hook: WebhookRoute, query: URLSearchParams, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { log, onUpdate } = this.opts;
    const count = (outcome: 'accepted' | 'rejected_secret' | 'rejected_body') => this.opts.metrics?.webhookDeliveries.inc({ provider: hook.provider, outcome });
    if (!hook.webhook.authorized({ headers: req.headers, query })) {
      count('rejected_secret');
      this.noisy.write('webhook_forged', 'warn', { provider: hook.provider, remote: req.socket.remoteAddress }, 'webhook with a wrong or missing secret refused');
      req.resume();
      throw new HttpProblem(401, 'unauthorized');
    }
    let json: unknown;
    try {
      json = JSON.parse((await readBody(req)).toString('utf8'));
    } catch (err) {
      // Too large, cut short, or not JSON.
      count('rejected_body');
      throw err instanceof SyntaxError ? new HttpProblem(400, 'body is not JSON') : err;
    }
    const views = hook.webhook.parse(json);
    if (!views) {
      count('rejected_body');
      this.noisy.write('webhook_unparsed', 'warn', { provider: hook.provider }, 'webhook body did not parse');
      throw new HttpProblem(400, 'unexpected body');
    }
    count('accepted');
    // The change is recorded before the provider hears 200 (a crash after it loses nothing);
    // applyUpdate only queues the delivery, so no chat is waited on here.
    await Promise.all(views.map((view) => onUpdate(hook.provider, view))).catch((err: unknown) => log.error({ err, provider: hook.provider }, 'webhook update failed'));
    send(res, 200, { ok: true });
  }

  /**
   * A chat platform's update: the adapter checks the secret, records the update and says when to
   * answer; the answer goes out then, and this resolves once the update has been handled.
   */
  private async platformWebhook(hook: PlatformWebhook, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { platform } = hook;
    const count = (outcome: 'accepted' | 'rejected_secret' | 'rejected_body' | 'unavailable') => this.opts.metrics?.platformWebhookDeliveries.inc({ platform, outcome });
    let answered = false;
    const once = (answer: () => void) => () => {
      if (answered) return;
      answered = true;
      answer();
    };
    const reply: PlatformWebhookReply = {
      accepted: once(() => {
        count('accepted');
        send(res, 200, { ok: true });
      }),
      unauthorized: once(() => {
        count('rejected_secret');
        this.noisy.write('platform_webhook_forged', 'warn', { platform, remote: req.socket.remoteAddress }, 'platform update with a wrong or missing secret refused');
        req.resume();
        send(res, 401, { error: 'unauthorized' });
      }),
      rejected: (reason: string) =>
        once(() => {
          count('rejected_body');
          this.noisy.write('platform_webhook_unparsed', 'warn', { platform, reason }, 'platform update did not parse');
          send(res, 400, { error: 'unexpected body' });
        })(),
      unavailable: once(() => {
        count('unavailable');
        req.resume();
        // Telegram delivers it again later, to this process once it runs or to another behind the same address.
        res.setHeader('retry-after', '5');
        send(res, 503, { error: 'not taking updates now' });
      }),
    };
    const json = async (): Promise<unknown> => {
      try {
        return JSON.parse((await readBody(req)).toString('utf8')) as unknown;
      } catch (err) {
        count('rejected_body');
        answered = true;
        throw err instanceof SyntaxError ? new HttpProblem(400, 'body is not JSON') : err;
      }
    };
    try {
      await hook.handle({ headers: req.headers, json }, reply);
    } catch (err) {
      // Before an answer: the listener's catch answers (413, 400, or 500 and a log line). After it: the update was recorded, so only log.
      if (!res.headersSent) throw err;
      this.opts.log.error({ err, platform }, 'platform update failed');
    }
    if (!res.headersSent) throw new Error(`the ${platform} webhook handler resolved without answering`);
  }

  async close(): Promise<void> {
    this.noisy.flush();
    if (!this.server) return;
    const server = this.server;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
}
