// Readiness of the Discord adapter with several shards in one instance: not ready while any of them
// is down, whatever the others do. The client's events are emitted by hand (their order and
// arguments as discord.js 14 emits them) to reach every interleaving without timing.
import { EventEmitter } from 'node:events';
import { Events } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { watchGateway, type WatchedClient } from '../../adapters/discord/gateway-status.ts';

function client(shardCount: number) {
  const emitter = new EventEmitter();
  return Object.assign(emitter, { options: { shardCount } }) as unknown as WatchedClient & EventEmitter;
}

describe('the Discord gateway status', () => {
  it('is ready once every shard is (ClientReady), not while a shard of this instance reconnects, and names each shard that is down', () => {
    const c = client(4);
    const gateway = watchGateway(c);
    expect(gateway.status()).toEqual({ ready: false, detail: 'not connected to the gateway yet' });
    // discord.js emits ShardReady per shard, then ClientReady once all of them are.
    c.emit(Events.ShardReady, 2);
    expect(gateway.status().ready).toBe(false);
    c.emit(Events.ShardReady, 3);
    c.emit(Events.ClientReady, c);
    expect(gateway.status()).toEqual({ ready: true });

    c.emit(Events.ShardReconnecting, 3);
    expect(gateway.status()).toEqual({ ready: false, detail: 'shard 3 of 4: gateway connection lost; reconnecting' });
    c.emit(Events.ShardDisconnect, { code: 4014 }, 2);
    expect(gateway.status()).toEqual({
      ready: false,
      detail: 'shard 2 of 4: gateway closed with code 4014; not reconnecting; shard 3 of 4: gateway connection lost; reconnecting',
    });
    // One shard back is not enough while the other is down.
    c.emit(Events.ShardResume, 3, 10);
    expect(gateway.status()).toEqual({ ready: false, detail: 'shard 2 of 4: gateway closed with code 4014; not reconnecting' });
    c.emit(Events.ShardReady, 2);
    expect(gateway.status()).toEqual({ ready: true });

    gateway.stopped();
    c.emit(Events.ShardReady, 2);
    expect(gateway.status()).toEqual({ ready: false, detail: 'stopped' });
  });

  it('with one shard in all, reads as before: no shard named', () => {
    const c = client(1);
    const gateway = watchGateway(c);
    c.emit(Events.ShardReady, 0);
    c.emit(Events.ClientReady, c);
    c.emit(Events.ShardReconnecting, 0);
    expect(gateway.status()).toEqual({ ready: false, detail: 'gateway connection lost; reconnecting' });
    c.emit(Events.ShardResume, 0, 5);
    expect(gateway.status()).toEqual({ ready: true });
  });

  it('a shard that drops while the others still connect keeps the instance not ready after ClientReady', () => {
    const c = client(2);
    const gateway = watchGateway(c);
    c.emit(Events.ShardReady, 0);
    c.emit(Events.ShardReconnecting, 0);
    expect(gateway.status()).toEqual({ ready: false, detail: 'shard 0 of 2: gateway connection lost; reconnecting' });
    c.emit(Events.ShardReady, 0);
    c.emit(Events.ShardReady, 1);
    c.emit(Events.ClientReady, c);
    expect(gateway.status()).toEqual({ ready: true });
  });
});
