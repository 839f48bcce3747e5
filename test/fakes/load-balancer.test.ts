import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { FakeLoadBalancer } from './load-balancer.ts';
import { closedPort } from '../support/ports.ts';

const servers: Server[] = [];
let lb: FakeLoadBalancer | undefined;
afterEach(async () => {
  await lb?.close();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A backend that answers with its name and echoes the body it got. */
async function backend(name: string): Promise<string> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => res.end(`${name}:${req.method}:${req.url}:${Buffer.concat(chunks).toString()}`));
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

it('sends requests to the instances in turn, with their method, path and body', async () => {
  lb = await FakeLoadBalancer.start();
  lb.setBackends([await backend('a'), await backend('b')]);
  const answers: string[] = [];
  for (let i = 0; i < 4; i++) answers.push(await (await fetch(`${lb.url}/hook?x=${i}`, { method: 'POST', body: `n${i}` })).text());
  expect(answers).toEqual(['a:POST:/hook?x=0:n0', 'b:POST:/hook?x=1:n1', 'a:POST:/hook?x=2:n2', 'b:POST:/hook?x=3:n3']);
  expect(lb.answeredBy('/hook')).toEqual([2, 2]);
});

it('passes a request an instance refuses to the next one, and answers 502 when none is up', async () => {
  lb = await FakeLoadBalancer.start();
  const down = `http://127.0.0.1:${await closedPort()}`;
  lb.setBackends([down, await backend('b')]);
  expect(await (await fetch(`${lb.url}/x`)).text()).toBe('b:GET:/x:');
  expect(await (await fetch(`${lb.url}/y`)).text()).toBe('b:GET:/y:');
  lb.setBackends([down]);
  expect((await fetch(`${lb.url}/z`)).status).toBe(502);
});

it('routes where the route function says first', async () => {
  lb = await FakeLoadBalancer.start({ route: (req) => (req.path.startsWith('/webhooks') ? 1 : 0) });
  lb.setBackends([await backend('a'), await backend('b')]);
  expect(await (await fetch(`${lb.url}/webhooks/x`)).text()).toBe('b:GET:/webhooks/x:');
  expect(await (await fetch(`${lb.url}/telegram`)).text()).toBe('a:GET:/telegram:');
});
