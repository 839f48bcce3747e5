/**
 * Whether the Discord gateway is up, for GET /readyz: ready from the client's ready event (every
 * shard of this instance connected) until one of its shards drops, and again once that shard
 * resumed or identified anew. discord.js reconnects on its own; while a shard does, the servers on
 * it cannot reach the bot, so the instance is not ready.
 */
import { Events, type Client } from 'discord.js';

export interface GatewayStatus {
  status(): { ready: boolean; detail?: string };
  /** The adapter stopped: not ready, whatever the client reports while it closes. */
  stopped(): void;
}

/** What watchGateway listens to: the client's events (an EventEmitter in tests) and its shard count. */
export type WatchedClient = Pick<Client, 'on' | 'once'> & { options: { shardCount?: number } };

export function watchGateway(client: WatchedClient): GatewayStatus {
  let clientReady = false;
  let stopped = false;
  /** Shards of this instance that are down, with why. */
  const down = new Map<number, string>();
  // With one shard in all the detail stays as it always read; with several it names the shard.
  const named = (shardId: number, detail: string) => {
    const count = client.options.shardCount ?? 1;
    return count > 1 ? `shard ${shardId} of ${count}: ${detail}` : detail;
  };
  client.once(Events.ClientReady, () => {
    clientReady = true;
  });
  // A shard turns ready again after a fresh identify (discord.js emits ClientReady only once).
  client.on(Events.ShardReady, (shardId) => down.delete(shardId));
  client.on(Events.ShardResume, (shardId) => down.delete(shardId));
  client.on(Events.ShardReconnecting, (shardId) => down.set(shardId, named(shardId, 'gateway connection lost; reconnecting')));
  client.on(Events.ShardDisconnect, (event, shardId) => down.set(shardId, named(shardId, `gateway closed with code ${event.code}; not reconnecting`)));
  return {
    status() {
      if (stopped) return { ready: false, detail: 'stopped' };
      if (down.size > 0) return { ready: false, detail: [...down.entries()].sort(([a], [b]) => a - b).map(([, d]) => d).join('; ') };
      if (!clientReady) return { ready: false, detail: 'not connected to the gateway yet' };
      return { ready: true };
    },
    stopped() {
      stopped = true;
    },
  };
}
