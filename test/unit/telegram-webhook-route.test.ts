// Issue 11, part 4: the Telegram webhook route on grammY's test seam (a Bot with botInfo, no
// network): the secret is checked before the body is read, and an update is in the inbox before
// Telegram is answered 200, so a crash right after the answer loses nothing.
import { Bot } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, type Store } from '../../src/store/index.ts';
import { Inbox } from '../../src/core/inbox.ts';
import type { PlatformWebhookReply } from '../../src/core/platform-webhook.ts';
import { telegramWebhook } from '../../adapters/telegram/webhook.ts';

const SECRET = 'unit-test-webhook-secret_0123';
const botInfo: UserFromGetMe = {
  id: 42, is_bot: true, first_name: 'Test', username: 'test_bot', can_join_groups: true, can_read_all_group_messages: false,
  supports_inline_queries: false, can_connect_to_business: false, has_main_web_app: false,
} as UserFromGetMe;
const update = { update_id: 7, message: { message_id: 1, date: 0, chat: { id: 5, type: 'private', first_name: 'A' }, from: { id: 5, is_bot: false, first_name: 'A' }, text: 'hi' } };

let store: Store;
let inbox: Inbox;
beforeEach(() => {
  store = createStore(':memory:');
  inbox = new Inbox(store, { owner: 'me', leaseMs: 30_000 }, false);
});
afterEach(() => store.close());

/** A reply that notes what it was told, and the inbox row at the moment of a 200. */
function replySpy(onAccepted?: () => void) {
  const said: string[] = [];
  const reply: PlatformWebhookReply = {
    accepted: () => {
      said.push('accepted');
      onAccepted?.();
    },
    unauthorized: () => void said.push('unauthorized'),
    rejected: (why) => void said.push(`rejected: ${why}`),
    unavailable: () => void said.push('unavailable'),
  };
  return { said, reply };
}

function route(o: { accepting?: boolean } = {}) {
  const bot = new Bot('42:TEST', { botInfo });
  const handled: number[] = [];
  bot.use((ctx) => void handled.push(ctx.update.update_id));
  const hook = telegramWebhook({ bot, inbox, path: '/telegram', secret: SECRET, accepting: () => o.accepting ?? true });
  return { hook, handled };
}

function request(secret: string | undefined, body: unknown) {
  let reads = 0;
  return {
    req: { headers: secret === undefined ? {} : { 'x-telegram-bot-api-secret-token': secret }, json: async () => (reads++, body) },
    reads: () => reads,
  };
}

describe('the Telegram webhook route', () => {
  it('records the update before answering 200, then hands it to the bot', async () => {
    const { hook, handled } = route();
    let rowAtAnswer: string | undefined;
    const { said, reply } = replySpy(() => void store.inbox.status('telegram:42:7').then((row) => (rowAtAnswer = row)));
    await hook.handle(request(SECRET, update).req, reply);
    expect(said).toEqual(['accepted']);
    expect(rowAtAnswer).toBe('received');
    expect(handled).toEqual([7]);
    expect(hook.path).toBe('/telegram');
  });

  it('refuses a wrong or missing secret without reading the body', async () => {
    const { hook, handled } = route();
    for (const secret of [undefined, '', SECRET.slice(0, -1) + 'X', `${SECRET}x`]) {
      const { said, reply } = replySpy();
      const r = request(secret, update);
      await hook.handle(r.req, reply);
      expect(said).toEqual(['unauthorized']);
      expect(r.reads()).toBe(0);
    }
    expect(handled).toEqual([]);
    expect(await store.inbox.status('telegram:42:7')).toBeUndefined();
  });

  it('rejects a body that is no update, and asks Telegram to come back while not accepting', async () => {
    const { hook, handled } = route();
    for (const body of [{ hello: 1 }, { update_id: -1 }, { update_id: 'x' }, [], null]) {
      const { said, reply } = replySpy();
      await hook.handle(request(SECRET, body).req, reply);
      expect(said).toEqual(['rejected: not a Telegram update']);
    }
    const closed = route({ accepting: false });
    const { said, reply } = replySpy();
    const r = request(SECRET, update);
    await closed.hook.handle(r.req, reply);
    expect(said).toEqual(['unavailable']);
    expect(r.reads()).toBe(0);
    expect([...handled, ...closed.handled]).toEqual([]);
  });
});
