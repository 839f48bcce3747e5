// Issue 7, part 3: Telegram may hand the bot an update again (a confirmation that never arrived);
// a command runs once however often its update comes.
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, startHarness, type Harness } from './harness.ts';
import type { TgChat, TgUser } from '../fakes/telegram.ts';

const ana: TgUser = { id: 1001, is_bot: false, first_name: 'Ana', username: 'ana' };
const group: TgChat = { id: -1005550, type: 'supergroup', title: 'Frame fans' };

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('an update delivered twice', () => {
  it('runs its command once, and a button press once', async () => {
    h = await startHarness({ telegram: true });
    const tg = h.telegram!;
    const update = tg.userSends({ chat: group, from: ana, text: '/imagine a red fox' });
    const job = await h.apiframe.waitForTask('imagine');
    await tg.waitForMessage(group.id, (m) => m.reply_to_message_id === update.message.message_id);

    const skipped = () => h!.logs.filter((l) => l.includes('telegram update already handled')).length;
    tg.redeliver(update);
    await eventually(() => skipped() === 1, 5_000, 'the second delivery to be skipped');
    await h.apiframe.finish(job.id);
    const grid = await tg.waitForMessage(group.id, (m) => m.photo !== undefined);
    expect(h.apiframe.callCount('/imagine')).toBe(1);

    const u1 = grid.reply_markup!.inline_keyboard[0]![0]!;
    const press = tg.userPresses({ chat: group, from: ana, message_id: grid.message_id, data: u1.callback_data! });
    await h.apiframe.waitForTask('upscale-1x');
    tg.redeliver({ update_id: press.update_id, callback_query: press.callback_query });
    await eventually(() => skipped() === 2, 5_000, 'the second press to be skipped');
    expect(h.apiframe.callCount('/upscale-1x')).toBe(1);
    const wallet = (await h.app.services.store.wallets.get(`telegram:chat:${group.id}`))!;
    expect(wallet.balance).toBe(1000 - 4 - 2);
  });
});
