import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { makePng } from '../fakes/png.ts';

/**
 * Result images on loopback, as an image service's CDN serves them: `/img/<name>.png` is a PNG of
 * its own (each name a different size, so a test can tell which one a chat was sent), with its
 * Content-Length. Telegram's and Discord's fakes fetch from it as the real platforms would.
 */
export interface ImageServer {
  url(name: string): string;
  bytes(name: string): Buffer;
  /** From now on the image answers 404, as a service's expired link does. */
  forget(name: string): void;
  /** Makes the image about `bytes` long (a large full-resolution file). */
  enlarge(name: string, bytes: number): void;
  close(): Promise<void>;
}

export async function startImageServer(): Promise<ImageServer> {
  const made = new Map<string, Buffer>();
  const gone = new Set<string>();
  const bytes = (name: string): Buffer => {
    let png = made.get(name);
    if (!png) {
      png = makePng(64 + made.size * 8, 48, [made.size * 20, 90, 160]);
      made.set(name, png);
    }
    return png;
  };
  const server = http.createServer((req, res) => {
    const name = /^\/img\/([\w.-]+)\.png$/.exec(req.url ?? '')?.[1];
    if (!name || gone.has(name)) {
      res.writeHead(404).end();
      return;
    }
    const png = bytes(name);
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(png.length) }).end(png);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: (name) => `${base}/img/${name}.png`,
    bytes,
    forget: (name) => void gone.add(name),
    enlarge: (name, size) => void made.set(name, makePng(64, 48, [10, 10, 10], { padTo: size })),
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
