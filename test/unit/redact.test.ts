import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, type Store } from '../../src/store/index.ts';
import { dispatch } from '../../src/core/dispatch.ts';
import { redactPort } from '../../src/core/redact.ts';
import { makeScrubber } from '../../src/logger.ts';
import type { CommandCall } from '../../src/core/command.ts';
import type { ImageProvider } from '../../src/providers/types.ts';
import { ProviderError } from '../../src/providers/types.ts';
import { commands } from '../../commands/index.ts';
import { imagine } from '../../commands/imagine.ts';
import { MemoryChat, scope } from '../support/memory-chat.ts';
import { testProvider } from '../support/provider.ts';
import { testServices, type TestServices } from '../support/services.ts';

const SECRET = 'hook-secret-0123456789abcdef';
let store: Store;
let services: TestServices;
// A provider that repeats whatever it was given, secrets included (as a careless API would).
const echoing = testProvider({
  submit: async () => {
    throw new ProviderError('rejected', 'imagine', `webhook_secret ${SECRET} is not valid`, 400);
  },
});

beforeEach(() => {
  store = createStore(':memory:');
  services = testServices(store, echoing, { freeCredits: 100, secrets: [SECRET] });
});
afterEach(() => {
  services.cleanup();
  store.close();
});

describe('text shown to users never carries a configured secret', () => {
  it('a command whose error echoes the webhook secret shows it redacted', async () => {
    const ctx: CommandCall = { scope: scope(), respond: services.chat.responder(scope()), services, commands, usage: (c) => `/${c.name}`, isGroupAdmin: async () => false };
    await dispatch(imagine, { prompt: 'a fox' }, ctx, async () => {});
    const shown = services.chat.of('error').at(-1)!.text;
    expect(shown).toBe('The image service refused this request: webhook_secret [redacted] is not valid. Nothing was charged.');
  });

  it('progress, results and failures sent through a redacted port are scrubbed', async () => {
    const chat = new MemoryChat();
    const port = redactPort(chat, makeScrubber([SECRET]));
    const dest = { platform: 'telegram' as const, chatId: '-100', userId: '7', userName: '@ana' };
    const ref = { platform: 'telegram' as const, chatId: '-100', messageId: '1' };
    await port.updateProgress(ref, `50% ${SECRET}`);
    await port.deliverResult(dest, ref, { text: `done ${SECRET}`, images: [], buttons: [[{ id: 'act:1', label: `again ${SECRET}` }]] }, 'k');
    await port.deliverFailure(dest, ref, `failed: ${SECRET}`);
    expect(port.platform).toBe('telegram');
    expect(chat.events.map((e) => e.text)).toEqual(['50% [redacted]', 'done [redacted]', 'failed: [redacted]']);
    expect(chat.of('result')[0]!.result!.buttons[0]![0]!.label).toBe('again [redacted]');
  });
});
