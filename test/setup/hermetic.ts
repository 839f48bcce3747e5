// Every test file runs with this (vitest setupFiles): issue 10, part 9. Nothing in a test may read
// the operator's `.env` or reach past this machine; a connection elsewhere fails as it would
// offline (ENOTFOUND), whatever network the machine running the tests has.
import net from 'node:net';
import { isLoopbackHost } from '../support/hermetic.ts';

process.env.FRAMEBOT_ENV_FILE = 'none';

type Connect = (this: net.Socket, ...args: unknown[]) => net.Socket;
const connect = net.Socket.prototype.connect as unknown as Connect;

/** The host a connect() call names: (options), (port, host), or node's own pre-normalized [options, cb]. */
function hostOf(args: unknown[]): string | undefined {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (first && typeof first === 'object') {
    const o = first as { host?: string; path?: string };
    return o.path !== undefined ? undefined : (o.host ?? 'localhost');
  }
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) return typeof args[1] === 'string' ? args[1] : 'localhost';
  return undefined; // a local socket path
}

net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
  const host = hostOf(args);
  if (host === undefined || host === '' || isLoopbackHost(host)) return connect.apply(this, args);
  const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${host} (a test may only reach 127.0.0.1)`), { code: 'ENOTFOUND', hostname: host, syscall: 'getaddrinfo' });
  process.stderr.write(`[hermetic] refused a connection to ${host}\n`);
  process.nextTick(() => this.destroy(error));
  return this;
} as unknown as typeof net.Socket.prototype.connect;
