/** A discord.js REST client for a one-off job without the gateway (`npm run doctor`, `npm run register`). */
import { REST } from 'discord.js';

export interface StandaloneRest {
  rest: REST;
  /** Stops the client's sweeper timers, so the process can end. */
  close(): void;
}

export function standaloneRest(o: { token: string; apiUrl?: string; timeoutMs: number; retries?: number }): StandaloneRest {
  const rest = new REST({
    version: '10',
    retries: o.retries ?? 0,
    timeout: o.timeoutMs,
    ...(o.apiUrl ? { api: o.apiUrl } : {}),
    // Node's own fetch, as the adapter uses (see adapters/discord/index.ts).
    makeRequest: (url, init) => fetch(url, init as RequestInit) as never,
  }).setToken(o.token);
  return {
    rest,
    close() {
      rest.clearHashSweeper();
      rest.clearHandlerSweeper();
    },
  };
}
