import type { CommandCall } from '../src/core/command.ts';
import type { Scope } from '../src/core/chat.ts';
import { commands } from '../commands/index.ts';
import type { TestServices } from '../test/support/services.ts';

/**
 * A command as a chat would send it, over the in-memory chat: `onFirstReply` is told when its
 * first visible reply (the progress message) is shown, for the benches' acknowledgement latency.
 */
export function benchCall(services: TestServices, s: Scope, onFirstReply: () => void): CommandCall {
  const inner = services.chat.responder(s);
  let first = true;
  return {
    scope: s,
    services,
    commands,
    usage: (c) => `/${c.name}`,
    isGroupAdmin: async () => false,
    respond: {
      ...inner,
      progress: async (text) => {
        if (first) {
          first = false;
          onFirstReply();
        }
        return inner.progress(text);
      },
    },
  };
}
