// Issue 11, part 6: two instances spend one group wallet at once. The wallet holds credits for
// exactly 50 imagines; 200 /imagine arrive as fast as Telegram posts them, shared round robin
// between the instances. Exactly 50 reach Apiframe, the wallet ends at 0, and the ledger explains
// every credit. Every command is decided: 50 jobs, 150 refusals.
//
// Telegram lets a bot send a group 20 messages a minute (each instance's throttler holds the rest
// back), so the 200 answers and 50 results take minutes to reach the chat: the test reads the
// decisions from the instances' logs and the database, and checks that what did reach the chat
// answers each command at most once.
import { afterEach, expect, it } from 'vitest';
import { describePostgres } from '../../support/postgres.ts';
import { APIFRAME_WEBHOOK_PATH, Fleet, TELEGRAM_WEBHOOK_PATH, until, WAIT_MS } from '../../support/instances.ts';
import type { TgChat, TgUser } from '../../fakes/telegram.ts';

const group: TgChat = { id: -1006201, type: 'supergroup', title: 'Shared wallet' };
const members: TgUser[] = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => ({ id: 6200 + n, is_bot: false, first_name: `Member ${n}` }));
const wallet = `telegram:chat:${group.id}`;
const COMMANDS = 200;
const AFFORDABLE = 50;
const IMAGINE_COST = 4;

let fleet: Fleet | undefined;
afterEach(async () => {
  await fleet?.close();
  fleet = undefined;
});

describePostgres('credits under concurrent spending by two instances', (server) => {
  it('200 /imagine on two instances against a wallet for 50: exactly 50 submits, the wallet at 0, the ledger consistent, every command decided once', { timeout: 120_000 }, async () => {
    fleet = await Fleet.create(server, { providerWebhooks: true, env: { FREE_CREDITS: String(AFFORDABLE * IMAGINE_COST) } });
    // Started together: both migrate the empty database at once, under the advisory lock.
    await fleet.start(2, { together: true });
    // One of them applied the migrations; the other waited for the lock and found nothing left to do.
    const applied = fleet.linesPerInstance(/"msg":"postgresql store ready"/).map((lines) => (JSON.parse(lines[0]!) as { applied: unknown[] }).applied.length);
    expect(applied.filter((n) => n > 0)).toHaveLength(1);
    expect(applied.filter((n) => n === 0)).toHaveLength(1);
    const { telegram: tg, apiframe } = fleet;

    const sent = Array.from({ length: COMMANDS }, (_, i) => tg.userSends({ chat: group, from: members[i % members.length]!, text: `/imagine fox number ${i}` }));
    await until(() => tg.webhookDeliveries.filter((d) => d.status === 200).length >= COMMANDS, 30_000, 'Telegram to deliver every update');
    // Both instances took their share.
    expect(fleet.balancer.answeredBy(TELEGRAM_WEBHOOK_PATH).every((n) => n >= COMMANDS / 2 - 1)).toBe(true);

    const submitted = /"msg":"task submitted"/;
    const refused = /"code":"insufficient_credits","msg":"user error"/;
    await until(() => fleet!.countLines(submitted) + fleet!.countLines(refused) >= COMMANDS, 40_000, 'every command to be decided');
    expect(fleet.countLines(/"msg":"telegram command"/)).toBe(COMMANDS);
    expect(fleet.countLines(submitted)).toBe(AFFORDABLE);
    expect(fleet.countLines(refused)).toBe(COMMANDS - AFFORDABLE);
    expect(fleet.linesPerInstance(submitted).every((lines) => lines.length > 0)).toBe(true);
    expect(apiframe.callCount('/imagine')).toBe(AFFORDABLE);
    expect(apiframe.tasks.size).toBe(AFFORDABLE);
    // Every update was written down once, whichever instance took it.
    const inbox = await fleet.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM inbox WHERE platform = 'telegram'`);
    expect(inbox[0]!.n).toBe(COMMANDS);

    // The books: one welcome grant (the wallet was created once, though both instances met it
    // new), one reservation per job, nothing below zero.
    const afterReserving = await fleet.books(wallet);
    expect(afterReserving.balance).toBe(0);
    expect(afterReserving.ledger).toEqual([{ kind: 'grant', amount: AFFORDABLE * IMAGINE_COST }, ...Array.from({ length: AFFORDABLE }, () => ({ kind: 'reserve', amount: -IMAGINE_COST }))]);
    const tasks = await fleet.query<{ id: string; status: string; origin: string }>(`SELECT id, status, origin FROM tasks`);
    expect(tasks).toHaveLength(AFFORDABLE);
    expect(new Set(tasks.map((t) => t.origin)).size).toBe(AFFORDABLE);
    const reserved = await fleet.query<{ task_id: string }>(`SELECT task_id FROM ledger WHERE kind = 'reserve'`);
    expect(new Set(reserved.map((r) => r.task_id))).toEqual(new Set(tasks.map((t) => t.id)));

    // Apiframe finishes every job; its posts are shared between the instances too.
    for (const task of apiframe.tasks.values()) await apiframe.finish(task.id);
    expect(apiframe.webhookDeliveries.filter((d) => d.status === 200)).toHaveLength(AFFORDABLE);
    expect(fleet.balancer.answeredBy(APIFRAME_WEBHOOK_PATH).every((n) => n > 0)).toBe(true);
    const finished = await fleet.query<{ n: number }>(`SELECT COUNT(*)::int AS n FROM tasks WHERE status = 'finished'`);
    expect(finished[0]!.n).toBe(AFFORDABLE);
    const books = await fleet.books(wallet);
    expect(books.balance).toBe(0);
    expect(books.ledger.filter((e) => e.kind === 'capture')).toHaveLength(AFFORDABLE);
    expect(books.ledger.filter((e) => e.kind === 'refund')).toEqual([]);
    // grants − reserves + refunds + captures = balance, and the database agrees with itself.
    expect(books.ledger.reduce((sum, e) => sum + e.amount, 0)).toBe(books.balance);
    const [check] = await fleet.query<{ balance: number; sum: number }>(
      `SELECT w.balance, (SELECT SUM(amount) FROM ledger l WHERE l.wallet_id = w.id)::int AS sum FROM wallets w WHERE w.id = $1`,
      [wallet],
    );
    expect(check).toEqual({ balance: 0, sum: 0 });

    // What has reached the chat within Telegram's limit answers each command once at most, and
    // says what it should: a job's progress or result, or the refusal.
    await until(() => tg.messagesIn(group.id).length >= 20, 20_000, 'the first answers to reach the chat');
    const commandIds = new Set(sent.map((c) => c.message.message_id as number));
    const answers = tg.messagesIn(group.id);
    const repliedTo = answers.map((m) => m.reply_to_message_id);
    expect(repliedTo.every((id) => id !== undefined && commandIds.has(id))).toBe(true);
    expect(new Set(repliedTo).size).toBe(repliedTo.length);
    const refusal = /^That costs 4 credits, but this group's wallet has \d+\. An operator can add more with \/admin grant\.$/;
    const jobs = answers.filter((m) => m.photo !== undefined || /^⏳ Imagine “fox number \d+” for Member \d\n/.test(m.text ?? ''));
    expect(jobs.length).toBeLessThanOrEqual(AFFORDABLE);
    for (const m of answers.filter((a) => !jobs.includes(a))) expect(m.text).toMatch(refusal);
    // Each result reached the chat once: no task was delivered twice by the two instances.
    const delivered = fleet.linesPerInstance(/"msg":"task delivered"/).flat().map((l) => (JSON.parse(l) as { taskId: string }).taskId);
    expect(new Set(delivered).size).toBe(delivered.length);
  });
});
