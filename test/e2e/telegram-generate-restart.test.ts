// A /generate whose images are half done when the bot stops, on Telegram end to end: after the
// restart the album is delivered once, from what the service says then, and the request is never
// sent to aiphotogenerator.net again (issue 9, part 7). The SIGKILL variant is in
// process-restart.test.ts.
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, startHarness, type Harness } from './harness.ts';
import {
  albumPhotos,
  alice,
  FREE_CREDITS,
  group,
  images,
  labels,
  ledger,
  moreSweeps,
  resultButtons,
  sendMediaGroups,
  startGenerateBot,
} from '../support/telegram-generate.ts';

let first: Harness | undefined;
let restarted: Harness | undefined;

afterEach(async () => {
  await restarted?.close();
  await first?.close();
  first = restarted = undefined;
});

const GRANT = { kind: 'grant', amount: FREE_CREDITS };

/** Waits until the bot has recorded the first of the task's three images as back. */
async function oneOfThreeSeen(h: Harness): Promise<void> {
  const { tasks } = h.app.services.store;
  await eventually(
    async () => {
      const [task] = await tasks.listUnfinished(10);
      return task && (await tasks.parts(task.id)).filter((p) => p.state === 'finished').length === 1 && (await tasks.parts(task.id)).length === 3;
    },
    10_000,
    'the bot to see the first image back',
  );
}

describe('/generate on Telegram: a restart with images half done', () => {
  it('delivers the album once and never sends the request again', async () => {
    const { h, tg, ai } = await startGenerateBot({ withoutApiframe: true });
    first = h;
    const cmd = tg.userSends({ chat: group, from: alice, text: '/generate three lanterns --model flux-2 --count 3' });
    const three = await images(ai, 3);
    const progress = await tg.waitForMessage(group.id, (m) => m.reply_to_message_id === cmd.message.message_id);
    await ai.finish(three[0]!.id);
    await oneOfThreeSeen(h);
    await h.stopApp();

    await ai.finish(three[1]!.id);
    await ai.finish(three[2]!.id);
    restarted = await startHarness({ reuse: h, telegram: true, aiphotogenerator: true, withoutApiframe: true, env: { FREE_CREDITS: String(FREE_CREDITS) } });

    const buttons = await resultButtons(tg);
    expect(buttons.text).toBe('✅ Flux 2 Pro “three lanterns” for @alice');
    expect(labels(buttons)).toEqual([['🔄'], ['⬇️ 1', '⬇️ 2', '⬇️ 3']]);
    await eventually(() => tg.messagesIn(group.id).find((m) => m.message_id === progress.message_id)?.deleted, 10_000, 'the progress message to go');
    await moreSweeps(restarted);
    expect(sendMediaGroups(tg)).toHaveLength(1);
    expect(albumPhotos(tg).map((p) => p.photo?.url)).toEqual(three.map((i) => `${ai.origin}/files/${i.id}.png`));
    expect(ai.callCount('/images/generate')).toBe(1);
    expect(await ledger(restarted)).toEqual([GRANT, { kind: 'reserve', amount: -12 }, { kind: 'capture', amount: 0 }]);
  });

  it('with webhooks, news posted while the bot was down is found by polling after the restart: delivered once, the failed image refunded', async () => {
    const { h, tg, ai } = await startGenerateBot({ withoutApiframe: true, webhooks: true });
    first = h;
    const cmd = tg.userSends({ chat: group, from: alice, text: '/generate three lanterns --model flux-2 --count 3' });
    const three = await images(ai, 3);
    const progress = await tg.waitForMessage(group.id, (m) => m.reply_to_message_id === cmd.message.message_id);
    await ai.finish(three[0]!.id);
    await oneOfThreeSeen(h);
    await h.stopApp();

    await ai.finish(three[1]!.id);
    await ai.fail(three[2]!.id, 'Generation failed');
    // Nobody was listening.
    expect(ai.webhookDeliveries.slice(-2).map((d) => d.status)).toEqual(['error', 'error']);
    restarted = await startHarness({ reuse: h, telegram: true, aiphotogenerator: true, withoutApiframe: true, webhooks: true, env: { FREE_CREDITS: String(FREE_CREDITS) } });

    const buttons = await resultButtons(tg);
    expect(buttons.text).toBe('✅ Flux 2 Pro “three lanterns” for @alice\n2 of 3 images came back; 4 credits for the missing one were refunded.');
    expect(labels(buttons)).toEqual([['🔄'], ['⬇️ 1', '⬇️ 2']]);
    await eventually(() => tg.messagesIn(group.id).find((m) => m.message_id === progress.message_id)?.deleted, 10_000, 'the progress message to go');
    await moreSweeps(restarted);
    expect(sendMediaGroups(tg)).toHaveLength(1);
    expect(albumPhotos(tg).map((p) => p.photo?.url)).toEqual([three[0], three[1]].map((i) => `${ai.origin}/files/${i!.id}.png`));
    expect(ai.callCount('/images/generate')).toBe(1);
    expect(await ledger(restarted)).toEqual([GRANT, { kind: 'reserve', amount: -12 }, { kind: 'refund', amount: 4 }, { kind: 'capture', amount: 0 }]);
  });
});
