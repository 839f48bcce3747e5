import type { Store } from '../../src/store/index.ts';
import type { Services } from '../../src/core/command.ts';
import type { ImageProvider } from '../../src/providers/types.ts';
import { ProviderRegistry } from '../../src/providers/registry.ts';
import { DEFAULT_COSTS, type Costs } from '../../src/core/costs.ts';
import { createServices } from '../../src/services.ts';
import { memoryLogger } from './silent-log.ts';
import type { Logger } from '../../src/logger.ts';
import { MemoryChat } from './memory-chat.ts';
import { redactPort } from '../../src/core/redact.ts';

export interface TestServices extends Services {
  chat: MemoryChat;
  /** Nothing left to remove since photos live in the store (the store is the caller's); kept for the tests' afterEach. */
  cleanup(): void;
}

/** The app's services over a given store and provider(s), with an in-memory chat attached. */
export function testServices(
  store: Store,
  provider: ImageProvider | readonly ImageProvider[],
  o: { costs?: Partial<Costs>; freeCredits?: number; operators?: string[]; deadlineMs?: number; now?: () => number; chat?: MemoryChat; secrets?: string[]; log?: Logger } = {},
): TestServices {
  const services = createServices({
    store,
    providers: new ProviderRegistry(Array.isArray(provider) ? provider : [provider as ImageProvider]),
    log: o.log ?? memoryLogger([], 'silent').log,
    deadlineMs: o.deadlineMs ?? 600_000,
    costs: { ...DEFAULT_COSTS, ...o.costs },
    freeCredits: o.freeCredits ?? 0,
    operators: new Set(o.operators ?? []),
    secrets: o.secrets,
    now: o.now,
  });
  const chat = o.chat ?? new MemoryChat();
  // As the app does: the core's own messages leave through the scrubber.
  services.tasks.attach(redactPort(chat, services.scrub));
  return { ...services, chat, cleanup: () => undefined };
}
