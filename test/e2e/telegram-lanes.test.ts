// Issue 14, part 1, through the real grammY client and the fake Telegram: when the bot is at
// Telegram's limits, waiting calls leave in lane order (results, then answers, then progress
// edits); a progress edit dropped while it waits (its result is ready) never reaches Telegram and
// does not hold up its chat; one that waits takes the newest text when its turn comes. The limits
// are tightened (one call per 200 ms for the whole bot) so that calls wait; only orders and counts
// are checked, never times.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Api } from 'grammy';
import { FakeTelegram, type TgChat, type TgUser } from '../fakes/telegram.ts';
import { rateLimiter, TELEGRAM_LIMITS, type TelegramLimits } from '../../adapters/telegram/ratelimit.ts';
import { inLane } from '../../adapters/telegram/lanes.ts';
import { Messenger } from '../../adapters/telegram/messenger.ts';
import { TelegramPort } from '../../adapters/telegram/port.ts';
import { memoryLogger } from '../support/silent-log.ts';

/** The whole bot may make one call per 200 ms: everything else waits in the limiter. */
const TIGHT: TelegramLimits = {
  ...TELEGRAM_LIMITS,
  global: { reservoir: 1, reservoirRefreshAmount: 1, reservoirRefreshInterval: 200 },
};
const { log } = memoryLogger([], 'silent');

let tg: FakeTelegram;
/** Unthrottled: sets up the messages the tests edit. */
let setup: Api;
/** Through the limiter under test. */
let api: Api;

const users: TgUser[] = Array.from({ length: 10 }, (_, i) => ({ id: 7100 + i, is_bot: false, first_name: `User ${i}` }));
const chatOf = (u: TgUser): TgChat => ({ id: u.id, type: 'private', first_name: u.first_name });

beforeEach(async () => {
  tg = await FakeTelegram.start();
  setup = new Api(tg.token, { apiRoot: tg.apiRoot });
  api = new Api(tg.token, { apiRoot: tg.apiRoot });
  api.config.use(rateLimiter(TIGHT));
  for (const u of users) tg.userSends({ chat: chatOf(u), from: u, text: 'hi' });
});
afterEach(async () => {
  await tg.close();
});

/** One bot message per chat to edit. */
async function progressMessages(count: number): Promise<number[]> {
  return Promise.all(users.slice(0, count).map(async (u) => (await setup.sendMessage(u.id, 'Waiting…')).message_id));
}

/** The throttled calls Telegram answered after `from`, as "method chat". */
function order(from: number): string[] {
  return tg.calls.slice(from).map((c) => `${c.method} ${String(c.params.chat_id)}`);
}

describe('Telegram calls in lanes at the limits', () => {
  it('sends a result and a first answer before the progress edits that were waiting ahead of them', async () => {
    const ids = await progressMessages(8);
    const from = tg.calls.length;
    const edits = ids.map((id, i) => inLane({ lane: 'progress' }, () => api.editMessageText(users[i]!.id, id, `50%`)));
    const answer = api.sendMessage(users[8]!.id, 'Got it: queued');
    const result = inLane({ lane: 'result' }, () => api.sendMessage(users[9]!.id, 'Your image'));
    await Promise.all([...edits, answer, result]);

    const calls = order(from);
    expect(calls).toHaveLength(10);
    // The first edit may have left before the others were asked for; nothing else passes them.
    expect(calls.indexOf(`sendMessage ${users[9]!.id}`)).toBeLessThanOrEqual(1);
    expect(calls.indexOf(`sendMessage ${users[8]!.id}`)).toBeLessThanOrEqual(2);
    expect(calls.slice(3).every((c) => c.startsWith('editMessageText'))).toBe(true);
  });

  it('orders by lane at Telegram\'s own limits too: a result passes the progress edits past the first 30 of a second', async () => {
    const chats: TgUser[] = Array.from({ length: 40 }, (_, i) => ({ id: 7200 + i, is_bot: false, first_name: `Busy ${i}` }));
    for (const u of chats) tg.userSends({ chat: chatOf(u), from: u, text: 'hi' });
    const ids = await Promise.all(chats.map(async (u) => (await setup.sendMessage(u.id, 'Waiting…')).message_id));
    const real = new Api(tg.token, { apiRoot: tg.apiRoot });
    real.config.use(rateLimiter());
    const from = tg.calls.length;
    const edits = ids.map((id, i) => inLane({ lane: 'progress' }, () => real.editMessageText(chats[i]!.id, id, '50%')));
    const result = inLane({ lane: 'result' }, () => real.sendMessage(users[9]!.id, 'Your image'));
    await Promise.all([...edits, result]);
    // 30 leave at once; of the 11 that wait for the next second, the result goes first.
    expect(order(from).indexOf(`sendMessage ${users[9]!.id}`)).toBeLessThanOrEqual(30);
  });

  it('drops a waiting progress edit whose result is ready: Telegram never sees it, and its chat\'s result goes first', async () => {
    const ids = await progressMessages(6);
    const from = tg.calls.length;
    const others = ids.slice(1).map((id, i) => inLane({ lane: 'progress' }, () => api.editMessageText(users[i + 1]!.id, id, '40%')));
    const stale = new AbortController();
    const dropped = inLane({ lane: 'progress', signal: stale.signal }, () => api.editMessageText(users[0]!.id, ids[0]!, 'stale 10%'));
    // The result is ready while that edit still waits behind the others.
    stale.abort();
    await expect(dropped).resolves.toBe(true);
    const result = inLane({ lane: 'result' }, () => api.editMessageText(users[0]!.id, ids[0]!, 'Done'));
    await Promise.all([...others, result]);

    const calls = order(from);
    expect(tg.calls.slice(from).some((c) => c.params.text === 'stale 10%')).toBe(false);
    expect(calls).toHaveLength(6);
    expect(calls.indexOf(`editMessageText ${users[0]!.id}`)).toBeLessThanOrEqual(1);
    expect(tg.messagesIn(users[0]!.id).find((m) => m.message_id === ids[0])?.text).toBe('Done');
  });

  it('gives the slot of a dropped edit back: the calls after it are not held up by it', async () => {
    // Nothing else waits: the dropped edit is the only call, and the one after it must not find the bucket spent.
    const [id] = await progressMessages(1);
    const from = tg.calls.length;
    const gone = new AbortController();
    gone.abort();
    await inLane({ lane: 'progress', signal: gone.signal }, () => api.editMessageText(users[0]!.id, id!, 'never'));
    const limited = new Api(tg.token, { apiRoot: tg.apiRoot });
    // A bucket of one call per hour: only a given-back slot lets the second call through.
    limited.config.use(rateLimiter({ ...TELEGRAM_LIMITS, global: { reservoir: 1, reservoirRefreshAmount: 1, reservoirRefreshInterval: 3_600_000 } }));
    await inLane({ lane: 'progress', signal: gone.signal }, () => limited.editMessageText(users[0]!.id, id!, 'never'));
    await limited.editMessageText(users[0]!.id, id!, 'Done');
    expect(order(from)).toEqual([`editMessageText ${users[0]!.id}`]);
  });

  it('shows the newest progress once: an edit that waited takes the text that arrived meanwhile', async () => {
    const ids = await progressMessages(5);
    const port = new TelegramPort(new Messenger(api, log), log);
    // Four other chats' edits fill the bot's budget first.
    const others = ids.slice(1).map((id, i) => inLane({ lane: 'progress' }, () => api.editMessageText(users[i + 1]!.id, id, '40%')));
    const ref = { platform: 'telegram' as const, chatId: String(users[0]!.id), messageId: String(ids[0]) };
    const from = tg.calls.length;
    await port.updateProgress(ref, '10%');
    // Long enough for that edit to leave the coalescer and wait in the limiter behind the others.
    await new Promise((r) => setTimeout(r, 100));
    await port.updateProgress(ref, '20%');
    await port.updateProgress(ref, '30%');
    await Promise.all(others);
    await until(() => tg.calls.slice(from).some((c) => c.params.chat_id === users[0]!.id));
    // The coalescer's next turn (2.5 s in a private chat) would send what is newer than what is shown: nothing is.
    await new Promise((r) => setTimeout(r, 3_000));
    const mine = tg.calls.slice(from).filter((c) => c.params.chat_id === users[0]!.id);
    expect(mine.map((c) => c.params.text)).toEqual(['30%']);
    port.clear();
  }, 20_000);
});

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
  expect(check()).toBe(true);
}
