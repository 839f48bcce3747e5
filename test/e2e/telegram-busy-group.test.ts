// Issue 7, part 1, through the real grammY client: a busy group slows down only itself. Telegram
// lets a bot send a group about 20 messages a minute (grammY's throttler holds the rest back), so
// a group of 25 jobs has to wait for its own results; nobody else may wait with it.
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, startHarness, type Harness } from './harness.ts';
import type { FakeTelegram, TgChat, TgUser } from '../fakes/telegram.ts';

const group: TgChat = { id: -1009001, type: 'supergroup', title: 'Busy artists' };
const members: TgUser[] = [1, 2, 3, 4, 5].map((n) => ({ id: 2000 + n, is_bot: false, first_name: `Member ${n}` }));
const pia: TgUser = { id: 3001, is_bot: false, first_name: 'Pia' };
const piaChat: TgChat = { id: pia.id, type: 'private', first_name: 'Pia' };
const ola: TgUser = { id: 3002, is_bot: false, first_name: 'Ola' };
const olaChat: TgChat = { id: ola.id, type: 'private', first_name: 'Ola' };

let h: Harness | undefined;
let tg: FakeTelegram;

afterEach(async () => {
  await h?.close();
  h = undefined;
});

const photosIn = (chat: TgChat) => tg.messagesIn(chat.id).filter((m) => m.photo && !m.deleted);

describe('a busy group slows down only itself', () => {
  it('submits all 25 jobs of a group at once and delivers a private result while the group waits for its Telegram budget', async () => {
    h = await startHarness({ telegram: true, env: { SHUTDOWN_GRACE_MS: '1000' } });
    tg = h.telegram!;
    for (let i = 0; i < 25; i++) tg.userSends({ chat: group, from: members[i % members.length]!, text: `/imagine fox number ${i}` });

    // Every job reaches Apiframe without waiting for its progress message to get through.
    await h.apiframe.waitForTask('imagine', 25, 10_000);
    expect(tg.messagesIn(group.id).length).toBeLessThanOrEqual(20);
    for (const task of [...h.apiframe.tasks.values()]) await h.apiframe.finish(task.id);

    tg.userSends({ chat: piaChat, from: pia, text: '/imagine a quiet lake' });
    const job = await h.apiframe.waitForTask('imagine', 26, 10_000);
    await h.apiframe.finish(job.id);
    const result = await tg.waitForMessage(piaChat.id, (m) => m.photo !== undefined && !m.deleted, 10_000);
    expect(result.caption).toContain('a quiet lake');
    // The group's own results are still waiting for Telegram's group limit.
    expect(photosIn(group).length).toBeLessThan(25);
  }, 40_000);

  it('one result the CDN serves slowly does not delay another chat', async () => {
    h = await startHarness({ telegram: true, apiframe: { imageBytes: 40_000 }, env: { SHUTDOWN_GRACE_MS: '1000' } });
    tg = h.telegram!;
    tg.userSends({ chat: piaChat, from: pia, text: '/imagine a slow river' });
    const slow = await h.apiframe.waitForTask('imagine', 1, 10_000);
    // About 40 s for this grid: Telegram gives up on the URL and the bot streams it up itself.
    h.apiframe.slowCdn(slow.id, 1024);
    await h.apiframe.finish(slow.id);
    await eventually(() => h!.apiframe.requests.some((r) => r.path === `/cdn/${slow.id}/grid.png`), 10_000, 'the slow grid to be fetched');

    tg.userSends({ chat: olaChat, from: ola, text: '/imagine a fast hare' });
    const fast = await h.apiframe.waitForTask('imagine', 2, 10_000);
    await h.apiframe.finish(fast.id);
    const result = await tg.waitForMessage(olaChat.id, (m) => m.photo !== undefined && !m.deleted, 10_000);
    expect(result.caption).toContain('a fast hare');
    expect(photosIn(piaChat)).toHaveLength(0);
  }, 40_000);
});
