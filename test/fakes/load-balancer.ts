// A load balancer in front of several bot instances, as an operator puts one before them: each
// request goes to the next instance in turn (or where `route` says), and to the one after when an
// instance refuses the connection (it is down), so a killed instance's share goes to the others.
import { request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback, readBody } from './apiframe-http.ts';

export interface BalancedRequest {
  method: string;
  path: string;
  /** The index of the instance that answered, or -1 when none could. */
  backend: number;
  status: number;
}

export interface LoadBalancerOptions {
  /** Picks the first instance to try for a request (default: round robin); the others follow in order. */
  route?: (req: { method: string; path: string; body: Buffer }, backends: number) => number;
}

export class FakeLoadBalancer {
  readonly requests: BalancedRequest[] = [];
  private backends: string[] = [];
  private next = 0;

  private constructor(
    readonly url: string,
    private readonly close_: () => Promise<void>,
  ) {}

  static async start(opts: LoadBalancerOptions = {}): Promise<FakeLoadBalancer> {
    const { server, port } = await listenOnLoopback();
    const lb: FakeLoadBalancer = new FakeLoadBalancer(`http://127.0.0.1:${port}`, () => new Promise((resolve) => server.close(() => resolve())));
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      void lb.forward(req, res, opts.route).catch(() => res.destroy());
    });
    return lb;
  }

  /** The instances' base URLs (http://127.0.0.1:port), in the order round robin visits them. */
  setBackends(urls: readonly string[]): void {
    this.backends = [...urls];
  }

  /** How many requests each instance answered whose path starts with `prefix`. */
  answeredBy(prefix: string): number[] {
    const counts = this.backends.map(() => 0);
    for (const r of this.requests) if (r.path.startsWith(prefix) && r.backend >= 0) counts[r.backend]!++;
    return counts;
  }

  private async forward(req: IncomingMessage, res: ServerResponse, route: LoadBalancerOptions['route']): Promise<void> {
    const body = await readBody(req);
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const count = this.backends.length;
    const first = route ? route({ method, path, body }, count) : this.next++ % Math.max(count, 1);
    for (let i = 0; i < count; i++) {
      const backend = (first + i) % count;
      const answer = await send(this.backends[backend]!, method, path, req.headers, body).catch(() => undefined);
      if (!answer) continue; // refused: that instance is down, the next one takes it
      this.requests.push({ method, path, backend, status: answer.status });
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
      return;
    }
    this.requests.push({ method, path, backend: -1, status: 502 });
    res.writeHead(502, { 'content-type': 'text/plain' });
    res.end('no instance answered');
  }

  close(): Promise<void> {
    return this.close_();
  }
}

function send(base: string, method: string, path: string, headers: IncomingHttpHeaders, body: Buffer): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const target = new URL(path, base);
    const out = request(target, { method, headers: { ...headers, host: target.host, 'content-length': String(body.length) } }, (answer) => {
      readBody(answer).then((bytes) => {
        const { 'transfer-encoding': _chunked, ...rest } = answer.headers;
        resolve({ status: answer.statusCode ?? 502, headers: { ...rest, 'content-length': String(bytes.length) }, body: bytes });
      }, reject);
    });
    out.on('error', reject);
    out.end(body);
  });
}
