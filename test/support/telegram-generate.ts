// What the Telegram /generate end-to-end tests share: who is chatting, the bot with the fake
// aiphotogenerator.net, and small readers of the chat, the service and the wallet.
import type { FakeAiphotogenerator, FakeImage } from '../fakes/aiphotogenerator.ts';
import type { ApiCall, FakeTelegram, SentMessage, TgChat, TgUser } from '../fakes/telegram.ts';
import { startHarness, type Harness, type HarnessOptions } from '../e2e/harness.ts';

export const alice: TgUser = { id: 1001, is_bot: false, first_name: 'Alice', username: 'alice' };
export const bob: TgUser = { id: 1002, is_bot: false, first_name: 'Bob' };
export const group: TgChat = { id: -1001234567890, type: 'supergroup', title: 'Frame fans' };
export const dm: TgChat = { id: 1001, type: 'private', first_name: 'Alice', username: 'alice' };

/** The wallet a /generate in the group is charged to. */
export const GROUP_WALLET = `telegram:chat:${group.id}`;
export const FREE_CREDITS = 1000;

/** The bot with Telegram and the fake aiphotogenerator.net, and the fakes it talks to. */
export interface GenerateWorld {
  h: Harness;
  tg: FakeTelegram;
  ai: FakeAiphotogenerator;
}

export async function startGenerateBot(opts: HarnessOptions = {}): Promise<GenerateWorld> {
  const h = await startHarness({ telegram: true, aiphotogenerator: true, ...opts, env: { FREE_CREDITS: String(FREE_CREDITS), ...opts.env } });
  return { h, tg: h.telegram!, ai: h.aiphotogenerator! };
}

export function labels(m: SentMessage): string[][] {
  return (m.reply_markup?.inline_keyboard ?? []).map((row) => row.map((b) => b.text));
}

export function button(m: SentMessage, label: string): string {
  const data = m.reply_markup?.inline_keyboard.flat().find((b) => b.text === label)?.callback_data;
  if (!data) throw new Error(`no button ${label} on message ${m.message_id}`);
  return data;
}

/** Presses a button and returns the bot's answer to the press. */
export async function press(tg: FakeTelegram, m: SentMessage, label: string, from: TgUser = alice, chat: TgChat = group): Promise<ApiCall> {
  const q = tg.userPresses({ chat, from, message_id: m.message_id, data: button(m, label) });
  return tg.waitForCall('answerCallbackQuery', (c) => String(c.params.callback_query_id) === q.id);
}

/** Sends a text and returns the bot's reply to it once its text matches `pattern`. */
export async function reply(tg: FakeTelegram, text: string, pattern: RegExp = /./, chat: TgChat = group, from: TgUser = alice): Promise<SentMessage> {
  const cmd = tg.userSends({ chat, from, text });
  return tg.waitForMessage(chat.id, (m) => m.reply_to_message_id === cmd.message.message_id && pattern.test(m.text ?? ''));
}

/** The message with a result's 🔄 in a chat, after message `after`. */
export function resultButtons(tg: FakeTelegram, chat: TgChat = group, after = 0): Promise<SentMessage> {
  return tg.waitForMessage(chat.id, (m) => m.message_id > after && !m.deleted && labels(m)[0]?.[0] === '🔄');
}

/** The photos of albums the bot posted in a chat. */
export function albumPhotos(tg: FakeTelegram, chat: TgChat = group): SentMessage[] {
  return tg.messagesIn(chat.id).filter((m) => m.media_group_id !== undefined && m.photo && !m.deleted);
}

export function sendMediaGroups(tg: FakeTelegram): ApiCall[] {
  return tg.calls.filter((c) => c.method === 'sendMediaGroup' && c.response.ok);
}

/** The images the n-th…(n+count-1)-th generate queued, in order. */
export async function images(ai: FakeAiphotogenerator, count: number, first = 1): Promise<FakeImage[]> {
  const found: FakeImage[] = [];
  for (let n = first; n < first + count; n++) found.push(await ai.waitForImage(n));
  return found;
}

/** Every generate request the fake received, by its body. */
export function generateBodies(ai: FakeAiphotogenerator): Array<Record<string, unknown>> {
  return ai.requests.filter((r) => r.method === 'POST' && r.path === '/api/images/generate').map((r) => r.body as Record<string, unknown>);
}

export async function balance(h: Harness, walletId = GROUP_WALLET): Promise<number> {
  return (await h.app.services.store.wallets.get(walletId))?.balance ?? FREE_CREDITS;
}

/** The wallet's ledger, oldest first, as kind and amount. */
export async function ledger(h: Harness, walletId = GROUP_WALLET): Promise<Array<{ kind: string; amount: number }>> {
  return (await h.app.services.store.wallets.history(walletId, 100, 0))
    .sort((a, b) => a.id - b.id)
    .map((e) => ({ kind: e.kind, amount: e.amount }));
}

/** Runs the safety net twice more and waits for what it queued: a result delivered twice would show now. */
export async function moreSweeps(h: Harness): Promise<void> {
  for (let i = 0; i < 2; i++) {
    await h.app.services.tasks.sweep();
    await h.app.services.tasks.idle();
  }
}
