// Issue 12 part 6 on Telegram, end to end: a prompt with a banned word is refused before any credit
// moves, the word named; whole words only, so "grass" and "apple" pass a list with "ass". A prompt
// the image service still refuses is refunded with its reason.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeTelegram, SentMessage, TgChat, TgUser } from '../fakes/telegram.ts';
import { startHarness, type Harness } from './harness.ts';

const alice: TgUser = { id: 1001, is_bot: false, first_name: 'Alice', username: 'alice' };
const group: TgChat = { id: -1001234567890, type: 'supergroup', title: 'Frame fans' };
const WALLET = `telegram:chat:${group.id}`;

let h: Harness | undefined;
let tg: FakeTelegram;
let dir: string | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

async function start(bannedWords?: string): Promise<void> {
  const env: Record<string, string> = { FREE_CREDITS: '12' };
  if (bannedWords !== undefined) {
    dir = mkdtempSync(join(tmpdir(), 'framebot-banned-'));
    env.BANNED_WORDS_FILE = join(dir, 'banned.txt');
    writeFileSync(env.BANNED_WORDS_FILE, bannedWords);
  }
  h = await startHarness({ telegram: true, env });
  tg = h.telegram!;
}

async function say(text: string, shown: RegExp = /./): Promise<SentMessage> {
  const { message } = tg.userSends({ chat: group, from: alice, text });
  return tg.waitForMessage(group.id, (m) => m.reply_to_message_id === message.message_id && shown.test(m.text ?? ''));
}

const ledger = async () => {
  const store = h!.app.services.store;
  return { balance: (await store.wallets.get(WALLET))?.balance, entries: (await store.wallets.history(WALLET, 100, 0)).length };
};

describe('Telegram: banned words are refused before any credit moves', () => {
  it('refuses a banned word or phrase, naming it, with no ledger movement and nothing submitted; lets words that merely contain one pass', async () => {
    await start('# this bot\nass\nblood bath\n');
    expect((await say('/credits')).text).toContain('12 credits');
    const before = await ledger();

    const refused = await say('/imagine a donkey, an ASS at dawn --ar 16:9');
    expect(refused.text).toBe('“ass” is not allowed in prompts here, so nothing was started or charged. Please change the prompt.');
    expect((await say('/imagine a blood-bath in oils')).text).toContain('“blood bath” is not allowed');
    expect((await say('/shorten an ass in a field')).text).toContain('“ass” is not allowed');
    expect(h!.apiframe.callCount('/imagine')).toBe(0);
    expect(h!.apiframe.callCount('/shorten')).toBe(0);
    expect(await ledger()).toEqual(before);

    // Substrings are not words: grass, apple, class and bass all pass.
    const { message } = tg.userSends({ chat: group, from: alice, text: '/imagine green grass, an apple, a class photo, a bass' });
    const task = await h!.apiframe.waitForTask('imagine');
    expect(String(task.body.prompt)).toContain('green grass, an apple');
    await tg.waitForMessage(group.id, (m) => m.reply_to_message_id === message.message_id);
    expect((await ledger()).balance).toBe(8);
  });

  it('refuses a /settings suffix saved before its word was listed, when it would be added to a prompt, naming it, charging nothing', async () => {
    await start('blood bath\n');
    await h!.app.services.settings.update({ platform: 'telegram', userId: String(alice.id) }, { suffix: 'in a blood bath style' });
    expect((await say('/credits')).text).toContain('12 credits');
    const before = await ledger();
    expect((await say('/imagine a quiet harbour')).text).toBe(
      'Your /settings suffix contains “blood bath”, which is not allowed in prompts here, so nothing was started or charged. Change it in /settings.',
    );
    expect(h!.apiframe.callCount('/imagine')).toBe(0);
    expect(await ledger()).toEqual(before);
  });

  it('uses the short default list when no file is given', async () => {
    await start();
    expect((await say('/imagine an NSFW fox')).text).toContain('“nsfw” is not allowed');
    expect(h!.apiframe.callCount('/imagine')).toBe(0);
  });

  it('refunds a prompt the image service still refuses, and shows its reason', async () => {
    await start('ass\n');
    expect((await say('/credits')).text).toContain('12 credits');
    h!.apiframe.failNext('/imagine', { status: 400, body: { errors: [{ msg: 'Banned prompt: cannot draw that' }] } });
    const told = await say('/imagine something the service refuses', /refused/);
    expect(told.text).toBe('The image service refused this request: Banned prompt: cannot draw that. Nothing was charged.');
    expect((await ledger()).balance).toBe(12);
  });
});
