import type { Scope } from '../../src/core/chat.ts';
import type { CommandCall, Services } from '../../src/core/command.ts';
import { commands } from '../../commands/index.ts';
import type { MemoryChat } from './memory-chat.ts';

/** The context a platform hands a command, over the in-memory chat (unit tests run commands through dispatch with it). */
export function commandContext(services: Services & { chat: MemoryChat }, scope: Scope, o: { admin?: boolean; origin?: string } = {}): CommandCall {
  return {
    scope,
    respond: services.chat.responder(scope),
    services,
    commands,
    usage: (c) => `/${c.name}`,
    isGroupAdmin: async () => o.admin ?? false,
    origin: o.origin,
  };
}
