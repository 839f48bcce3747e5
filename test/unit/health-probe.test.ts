import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { healthUrl, probeHealth } from '../../src/server/health-probe.ts';

let server: Server | undefined;
async function closeServer(): Promise<void> {
  if (!server) return;
  const closing = server;
  server = undefined;
  closing.closeAllConnections();
  await new Promise((r) => closing.close(r));
}
afterEach(closeServer);

/** A server on loopback that answers /healthz as told (or never, with `status` undefined). */
async function serve(status: number | undefined): Promise<string> {
  server = createServer((req, res) => {
    if (status === undefined) return; // holds the request open
    res.writeHead(req.url === '/healthz' ? status : 404).end('{}');
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`;
}

describe('the container health check', () => {
  it('asks /healthz where the bot listens, on loopback when it listens on every interface', () => {
    expect(healthUrl({})).toBe('http://127.0.0.1:8080/healthz');
    expect(healthUrl({ HOST: '', PORT: '' })).toBe('http://127.0.0.1:8080/healthz');
    expect(healthUrl({ PORT: '9000' })).toBe('http://127.0.0.1:9000/healthz');
    expect(healthUrl({ HOST: '::', PORT: '9000' })).toBe('http://[::1]:9000/healthz');
    expect(healthUrl({ HOST: '10.1.2.3', PORT: '9000' })).toBe('http://10.1.2.3:9000/healthz');
  });

  it('refuses a port it cannot ask', () => {
    expect(() => healthUrl({ PORT: '0' })).toThrow('PORT must be a fixed port');
    expect(() => healthUrl({ PORT: 'eighty' })).toThrow('PORT must be a whole number');
  });

  it('is healthy on a 2xx answer only', async () => {
    expect(await probeHealth(await serve(200), 2_000)).toMatchObject({ healthy: true, line: expect.stringContaining('answered 200') });
    await closeServer();
    expect(await probeHealth(await serve(503), 2_000)).toMatchObject({ healthy: false, line: expect.stringContaining('answered 503') });
  });

  it('is unhealthy, saying why, when nothing listens or nothing answers in time', async () => {
    const url = await serve(200);
    await closeServer();
    expect(await probeHealth(url, 2_000)).toEqual({ healthy: false, line: `${url} did not answer (ECONNREFUSED)` });
    expect(await probeHealth(await serve(undefined), 200)).toMatchObject({ healthy: false, line: expect.stringContaining('(TimeoutError)') });
  });
});
