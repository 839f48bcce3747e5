// HOST decides which interface the webhook and health server listens on.
import { afterEach, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { startHarness, type Harness } from './harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** Whether a TCP connection to host:port is accepted. 127.0.0.2 is loopback too on Linux, but not 127.0.0.1. */
function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

describe('HOST', () => {
  it('by default the server answers on every interface', async () => {
    h = await startHarness({ telegram: true });
    expect(await reachable('127.0.0.2', h.app.port)).toBe(true);
  });

  it('HOST=127.0.0.1 binds that address only', async () => {
    h = await startHarness({ telegram: true, env: { HOST: '127.0.0.1' } });
    expect(await reachable('127.0.0.1', h.app.port)).toBe(true);
    expect(await reachable('127.0.0.2', h.app.port)).toBe(false);
  });
});
