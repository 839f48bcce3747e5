/**
 * Whether the Discord gateway is up, for GET /readyz: ready from the client's ready event until a
 * shard drops, and again once it resumed or identified anew. discord.js reconnects on its own;
 * while it does, commands cannot reach the bot.
 */
import { Events, type Client } from 'discord.js';

export interface GatewayStatus {
  status(): { ready: boolean; detail?: string };
  /** The adapter stopped: not ready, whatever the client reports while it closes. */
  stopped(): void;
}

export function watchGateway(client: Client): GatewayStatus {
  let state: { ready: boolean; detail?: string } = { ready: false, detail: 'not connected to the gateway yet' };
  let clientReady = false;
  let stopped = false;
  const set = (next: typeof state) => {
    if (!stopped) state = next;
  };
  client.once(Events.ClientReady, () => {
    clientReady = true;
    set({ ready: true });
  });
  // A shard turns ready again after a fresh identify (discord.js emits ClientReady only once).
  client.on(Events.ShardReady, () => {
    if (clientReady) set({ ready: true });
  });
  client.on(Events.ShardResume, () => {
    if (clientReady) set({ ready: true });
  });
  client.on(Events.ShardReconnecting, () => set({ ready: false, detail: 'gateway connection lost; reconnecting' }));
  client.on(Events.ShardDisconnect, (event) => set({ ready: false, detail: `gateway closed with code ${event.code}; not reconnecting` }));
  return {
    status: () => state,
    stopped() {
      state = { ready: false, detail: 'stopped' };
      stopped = true;
    },
  };
}
