// Issue 11, part 6: a result button pressed on one instance's result reaches the other instance
// (the balancer sends it there). It works as with one instance: the upscale is submitted once and
// charged once; and two presses of the same button at once, one on each instance, start one.
import { afterEach, expect, it } from 'vitest';
import { describePostgres } from '../../support/postgres.ts';
import { APIFRAME_WEBHOOK_PATH, Fleet, TELEGRAM_WEBHOOK_PATH, until, WAIT_MS } from '../../support/instances.ts';
import type { SentMessage, TgChat, TgUser } from '../../fakes/telegram.ts';

const group: TgChat = { id: -1006401, type: 'supergroup', title: 'Pressing matters' };
const ana: TgUser = { id: 6401, is_bot: false, first_name: 'Ana', username: 'ana' };
const ben: TgUser = { id: 6402, is_bot: false, first_name: 'Ben', username: 'ben' };
const wallet = `telegram:chat:${group.id}`;

let fleet: Fleet | undefined;
afterEach(async () => {
  await fleet?.close();
  fleet = undefined;
});

/** Button presses go where `pressTo` says; everything else (commands, Apiframe's posts) to instance 0. */
function routed(pressTo: () => number) {
  return (req: { path: string; body: Buffer }): number => {
    if (req.path !== TELEGRAM_WEBHOOK_PATH) return 0;
    const update = JSON.parse(req.body.toString('utf8')) as { callback_query?: unknown };
    return update.callback_query ? pressTo() : 0;
  };
}

/** Instance 0 runs an /imagine to its result; resolves with the grid message. */
async function gridFromFirst(): Promise<SentMessage> {
  const { telegram: tg, apiframe, bots } = fleet!;
  const cmd = tg.userSends({ chat: group, from: ana, text: '/imagine a button worth pressing' });
  const job = await apiframe.waitForTask('imagine', 1, WAIT_MS);
  const progress = await tg.waitForMessage(group.id, (m) => m.reply_to_message_id === cmd.message.message_id, WAIT_MS);
  await apiframe.finish(job.id);
  const grid = await tg.waitForMessage(group.id, (m) => m.message_id === progress.message_id && m.photo !== undefined, WAIT_MS);
  await bots[0]!.waitForLine(/"msg":"task delivered"/);
  expect(fleet!.linesPerInstance(/"msg":"task (submitted|delivered)"/).map((l) => l.length)).toEqual([2, 0]);
  return grid;
}

const u1Of = (grid: SentMessage) => grid.reply_markup!.inline_keyboard.flat().find((b) => b.text === 'U1')!.callback_data!;

describePostgres('result buttons across instances', (server) => {
  it('U1 on a result instance 0 delivered, pressed through instance 1: the upscale is submitted once, charged once, and delivered', { timeout: 90_000 }, async () => {
    fleet = await Fleet.create(server, { providerWebhooks: true, route: routed(() => 1) });
    const [, second] = await fleet.start(2, { together: true });
    const { telegram: tg, apiframe } = fleet;
    const grid = await gridFromFirst();

    const press = tg.userPresses({ chat: group, from: ana, message_id: grid.message_id, data: u1Of(grid) });
    const upscale = await apiframe.waitForTask('upscale-1x', 1, WAIT_MS);
    expect(upscale.body).toMatchObject({ parent_task_id: [...apiframe.tasks.values()][0]!.id, index: '1' });
    await tg.waitForCall('answerCallbackQuery', (c) => String(c.params.callback_query_id) === press.id, WAIT_MS);
    await second!.waitForLine(/"msg":"task submitted"/);
    expect(fleet.balancer.answeredBy(TELEGRAM_WEBHOOK_PATH)).toEqual([1, 1]);

    await apiframe.finish(upscale.id);
    await tg.waitForMessage(group.id, (m) => m.photo !== undefined && m.message_id !== grid.message_id && !m.deleted, WAIT_MS);
    await until(() => fleet!.countLines(/"msg":"task delivered"/) === 2, WAIT_MS, 'the upscale to be delivered');
    await new Promise((r) => setTimeout(r, 1_000));
    expect(fleet.countLines(/"msg":"task delivered"/)).toBe(2);
    expect(tg.messagesIn(group.id).filter((m) => m.photo !== undefined && !m.deleted)).toHaveLength(2);
    expect(apiframe.callCount('/upscale-1x')).toBe(1);
    expect(fleet.balancer.answeredBy(APIFRAME_WEBHOOK_PATH)).toEqual([2, 0]);
    expect(await fleet.books(wallet)).toEqual({
      ledger: [
        { kind: 'grant', amount: 100 },
        { kind: 'reserve', amount: -4 },
        { kind: 'capture', amount: 0 },
        { kind: 'reserve', amount: -2 },
        { kind: 'capture', amount: 0 },
      ],
      balance: 94,
    });
  });

  it('U1 pressed twice at once by two members, one press on each instance: one upscale, one charge, and the other press is told why', { timeout: 90_000 }, async () => {
    let presses = 0;
    fleet = await Fleet.create(server, { providerWebhooks: true, route: routed(() => presses++ % 2) });
    await fleet.start(2, { together: true });
    const { telegram: tg, apiframe } = fleet;
    const grid = await gridFromFirst();

    const first = tg.userPresses({ chat: group, from: ana, message_id: grid.message_id, data: u1Of(grid) });
    const second = tg.userPresses({ chat: group, from: ben, message_id: grid.message_id, data: u1Of(grid) });
    await apiframe.waitForTask('upscale-1x', 1, WAIT_MS);
    await until(() => [first, second].every((p) => tg.callbackAnswer(p.id)), WAIT_MS, 'both presses to be answered');
    await until(() => tg.webhookDeliveries.filter((d) => d.status === 200).length === 3, WAIT_MS, 'both presses to be answered 200');
    expect(fleet.balancer.answeredBy(TELEGRAM_WEBHOOK_PATH)).toEqual([2, 1]);
    // One press was refused with an alert to its presser; the other started the upscale.
    const alerts = tg.calls.filter((c) => c.method === 'answerCallbackQuery' && c.params.show_alert === true && [first.id, second.id].includes(String(c.params.callback_query_id)));
    expect(alerts).toHaveLength(1);
    expect(String(alerts[0]!.params.text)).toMatch(/^Already on it|already/i);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(apiframe.callCount('/upscale-1x')).toBe(1);
    const books = await fleet.books(wallet);
    expect(books.ledger.filter((e) => e.kind === 'reserve')).toEqual([
      { kind: 'reserve', amount: -4 },
      { kind: 'reserve', amount: -2 },
    ]);
    expect(books.balance).toBe(94);
  });
});
