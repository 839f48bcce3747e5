/**
 * The whole bot on PostgreSQL (DATABASE_URL): the real grammY client against the fake Telegram, the
 * real app against the fake Apiframe, every row in a real PostgreSQL server.
 */
import { afterEach, expect, it } from 'vitest';
import { startHarness, type Harness } from '../e2e/harness.ts';
import { describePostgres } from '../support/postgres.ts';
import { closedPort } from '../support/ports.ts';
import { StartupError } from '../../src/startup/errors.ts';
import type { TgChat, TgUser } from '../fakes/telegram.ts';

const alice: TgUser = { id: 1001, is_bot: false, first_name: 'Alice', username: 'alice' };
const group: TgChat = { id: -1001234567890, type: 'supergroup', title: 'Frame fans' };

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describePostgres('the bot on PostgreSQL', (server) => {
  it('runs /imagine from command to result with U1, charging the group wallet once, and resumes after a restart', async () => {
    const url = await server.newDatabase();
    h = await startHarness({ telegram: true, env: { DATABASE_URL: url.href, FREE_CREDITS: '100' } });
    expect(h.logs.some((l) => l.includes('"postgresql store ready"'))).toBe(true);
    // The password never reaches a log line.
    const password = decodeURIComponent(new URL(url.href).password);
    if (password) expect(h.logs.some((l) => l.includes(password))).toBe(false);
    const tg = h.telegram!;

    const cmd = tg.userSends({ chat: group, from: alice, text: '/imagine a red fox' });
    const progress = await tg.waitForMessage(group.id, (m) => m.reply_to_message_id === cmd.message.message_id);
    const task = await h.apiframe.waitForTask('imagine');
    await h.apiframe.finish(task.id);
    const grid = await tg.waitForMessage(group.id, (m) => m.message_id === progress.message_id && m.photo !== undefined);
    const u1 = grid.reply_markup!.inline_keyboard.flat().find((b) => b.text === 'U1')!;
    tg.userPresses({ chat: group, from: alice, message_id: grid.message_id, data: u1.callback_data! });
    const upscale = await h.apiframe.waitForTask('upscale-1x');

    // A restart on the same database: the unfinished upscale is polled and delivered once.
    await h.stopApp();
    h = await startHarness({ reuse: h, env: { DATABASE_URL: url.href, FREE_CREDITS: '100' } });
    await h.apiframe.finish(upscale.id);
    await tg.waitForMessage(group.id, (m) => m.photo !== undefined && m.message_id > grid.message_id);
    await h.app.services.tasks.idle();
    const wallet = await h.app.services.store.wallets.get(`telegram:chat:${group.id}`);
    const { imagine, upscale: upscaleCost } = h.app.services.credits.costs;
    expect(wallet?.balance).toBe(100 - imagine - upscaleCost);
  });

  it('a PostgreSQL server that cannot be reached stops start-up with one line naming DATABASE_URL, without its password', async () => {
    const port = await closedPort();
    const href = `postgres://framebot:s3cret-pass-word@127.0.0.1:${port}/framebot`;
    const error = await startHarness({ telegram: true, env: { DATABASE_URL: href, STARTUP_TIMEOUT_MS: '2000' } }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(StartupError);
    expect((error as Error).message).toMatch(/^PostgreSQL could not be reached at postgres:\/\/framebot:.*@127\.0\.0\.1:\d+\/framebot \(ECONNREFUSED\): check DATABASE_URL/);
    expect((error as Error).message).not.toContain('s3cret-pass-word');
  });
});
