// What /generate costs on Telegram, end to end: the whole request is reserved up front at its
// model's price × size units × count, and the share of the images that do not come back is
// refunded — all of it when none do (issue 9, parts 4 and 7).
import { afterEach, describe, expect, it } from 'vitest';
import type { Harness } from './harness.ts';
import type { FakeAiphotogenerator } from '../fakes/aiphotogenerator.ts';
import type { FakeTelegram } from '../fakes/telegram.ts';
import {
  albumPhotos,
  alice,
  balance,
  FREE_CREDITS,
  group,
  images,
  labels,
  ledger,
  reply,
  resultButtons,
  sendMediaGroups,
  startGenerateBot,
} from '../support/telegram-generate.ts';

let h: Harness | undefined;
let tg: FakeTelegram;
let ai: FakeAiphotogenerator;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(opts: Parameters<typeof startGenerateBot>[0] = {}): Promise<void> {
  ({ h, tg, ai } = await startGenerateBot({ withoutApiframe: true, ...opts }));
}

const GRANT = { kind: 'grant', amount: FREE_CREDITS };

describe('/generate on Telegram: credits', () => {
  it("reserves the model's price × size units × count up front, and keeps it when every image comes back", async () => {
    await start();
    tg.userSends({ chat: group, from: alice, text: '/generate three kites --model nano-banana --size 2048x1024 --count 3' });
    const three = await images(ai, 3);
    // Nano Banana costs 2 per image of up to a megapixel; 2048×1024 is two: 2 × 2 × 3.
    expect(await ledger(h!)).toEqual([GRANT, { kind: 'reserve', amount: -12 }]);
    expect(await balance(h!)).toBe(FREE_CREDITS - 12);
    for (const image of three) await ai.finish(image.id);
    await resultButtons(tg);
    expect(await ledger(h!)).toEqual([GRANT, { kind: 'reserve', amount: -12 }, { kind: 'capture', amount: 0 }]);
    expect((await reply(tg, '/credits', /wallet/)).text).toContain(`This group's wallet: ${FREE_CREDITS - 12} credits.`);
  });

  it('when some images fail, the album shows the rest, says so, and refunds their share', async () => {
    await start();
    tg.userSends({ chat: group, from: alice, text: '/generate four owls --model flux-2 --count 4' });
    const four = await images(ai, 4);
    expect(await balance(h!)).toBe(FREE_CREDITS - 16);
    await ai.finish(four[0]!.id);
    await ai.fail(four[1]!.id, 'Content policy violation');
    await ai.finish(four[2]!.id);
    await ai.finish(four[3]!.id);

    const buttons = await resultButtons(tg);
    expect(buttons.text).toBe('✅ Flux 2 Pro “four owls” for @alice\n3 of 4 images came back; 4 credits for the missing one were refunded.');
    expect(labels(buttons)).toEqual([['🔄'], ['⬇️ 1', '⬇️ 2', '⬇️ 3']]);
    expect(albumPhotos(tg).map((p) => p.photo?.url)).toEqual([four[0], four[2], four[3]].map((i) => `${ai.origin}/files/${i!.id}.png`));
    // One image of four failed: a quarter of 16 comes back.
    expect(await ledger(h!)).toEqual([GRANT, { kind: 'reserve', amount: -16 }, { kind: 'refund', amount: 4 }, { kind: 'capture', amount: 0 }]);
    expect((await reply(tg, '/credits', /wallet/)).text).toContain(`This group's wallet: ${FREE_CREDITS - 12} credits.`);
  });

  it('images the service fails on its own (auto mode) are refunded rounded up; one image left is posted as a photo', async () => {
    await start({ aiphotogenerator: { mode: 'auto', failImages: 2 } });
    const cmd = tg.userSends({ chat: group, from: alice, text: '/generate three pears --model seedream-4 --count 3' });
    const photo = await tg.waitForMessage(group.id, (m) => m.reply_to_message_id === cmd.message.message_id && m.photo !== undefined && !m.deleted);
    expect(photo.caption).toBe('✅ Seedream 4 “three pears” for @alice\n1 of 3 images came back; 4 credits for the 2 missing ones were refunded.');
    const survivor = [...ai.images.values()].find((i) => i.status === 'finished')!;
    expect(photo.photo?.url).toBe(`${ai.origin}/files/${survivor.id}.png`);
    expect(labels(photo)).toEqual([['🔄']]);
    // 6 reserved; two thirds of it is 4.
    expect(await ledger(h!)).toEqual([GRANT, { kind: 'reserve', amount: -6 }, { kind: 'refund', amount: 4 }, { kind: 'capture', amount: 0 }]);
    expect(await balance(h!)).toBe(FREE_CREDITS - 2);
  });

  it('when every image fails, the user is told why and the whole price is refunded', async () => {
    await start();
    const cmd = tg.userSends({ chat: group, from: alice, text: '/generate two storms --model flux-2 --count 2' });
    const progress = await tg.waitForMessage(group.id, (m) => m.reply_to_message_id === cmd.message.message_id);
    const two = await images(ai, 2);
    expect(await balance(h!)).toBe(FREE_CREDITS - 8);
    await ai.fail(two[0]!.id, 'NSFW content detected');
    await ai.fail(two[1]!.id, 'NSFW content detected');
    const failure = await tg.waitForMessage(group.id, (m) => m.message_id === progress.message_id && (m.text ?? '').startsWith('❌'));
    expect(failure.text).toBe("❌ Flux 2 Pro “two storms” did not finish: NSFW content detected. The 8 credits were refunded to this group's wallet.");
    expect(await ledger(h!)).toEqual([GRANT, { kind: 'reserve', amount: -8 }, { kind: 'refund', amount: 8 }]);
    expect(await balance(h!)).toBe(FREE_CREDITS);
    expect(sendMediaGroups(tg)).toHaveLength(0);
    expect(tg.messagesIn(group.id).some((m) => m.photo)).toBe(false);
  });

  it('a wallet too short for the whole request starts nothing and says what it would cost', async () => {
    await start({ env: { FREE_CREDITS: '10' } });
    const refused = await reply(tg, '/generate three kites --model flux-2 --count 3');
    expect(refused.text).toBe("That costs 12 credits, but this group's wallet has 10. An operator can add more with /admin grant.");
    expect(ai.requests).toHaveLength(0);
    expect(await balance(h!)).toBe(10);
  });
});
