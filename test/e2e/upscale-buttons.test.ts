// Issue 8, part 1, through the real clients: every button under an upscaled image, pressed on
// Discord (all of them) and on Telegram (one of each kind, inside Telegram's private-chat pace).
import { afterEach, describe, expect, it } from 'vitest';
import type { DcMessage, FakeDiscord, FakeInteraction } from '../fakes/discord.ts';
import type { FakeTelegram, SentMessage, TgChat, TgUser } from '../fakes/telegram.ts';
import type { FakeApiframe, FakeTask } from '../fakes/apiframe.ts';
import { GRID_BUTTONS, UPSCALE_BUTTONS, UPSCALE_PRESSES } from '../support/keyboards.ts';
import { startHarness, type Harness } from './harness.ts';

const CHANNEL = '300000000000000001';
const ana: TgUser = { id: 1001, is_bot: false, first_name: 'Ana', username: 'ana' };
const dm: TgChat = { id: 1001, type: 'private', first_name: 'Ana', username: 'ana' };

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The task Apiframe got for a press: the newest one at that endpoint. */
function newest(apiframe: FakeApiframe, endpoint: string): Promise<FakeTask> {
  const n = [...apiframe.tasks.values()].filter((t) => t.endpoint === endpoint).length + 1;
  return apiframe.waitForTask(endpoint, n, 10_000);
}

/** What a press must have asked: the right endpoint, its fields, and the right parent. */
function expectJob(task: FakeTask, press: (typeof UPSCALE_PRESSES)[number], grid: FakeTask, upscale: FakeTask): void {
  const parent = press.parent === 'grid' ? { task_id: grid.id } : { parent_task_id: upscale.id };
  expect(task.body).toMatchObject({ ...parent, ...press.body });
}

describe('Discord: the buttons under an upscale', () => {
  const labels = (m: DcMessage) => m.components.map((row) => row.components.map((b: any) => b.label ?? b.emoji?.name));
  const customId = (m: DcMessage, label: string) => m.components.flatMap((r) => r.components).find((b: any) => (b.label ?? b.emoji?.name) === label)!.custom_id;
  const original = (d: FakeDiscord, i: FakeInteraction, match: (m: DcMessage) => boolean) =>
    d.waitForMessage(CHANNEL, (m) => m.id === i.original?.id && !m.deleted && match(m), 10_000);

  it('each one runs its Apiframe job on the upscale and posts a result with the buttons its kind deserves', async () => {
    h = await startHarness({ discord: true });
    const { apiframe } = h;
    const d = h.discord!;
    const cmd = await d.slashCommand({ name: 'imagine', options: [{ name: 'prompt', value: 'a red fox' }, { name: 'aspect_ratio', value: '16:9' }] });
    const grid = await apiframe.waitForTask('imagine');
    await apiframe.finish(grid.id);
    const gridMessage = await original(d, cmd, (m) => m.embeds.length > 0);
    const u1 = await d.pressButton({ message: gridMessage, customId: customId(gridMessage, 'U1') });
    const upscale = await apiframe.waitForTask('upscale-1x');
    await apiframe.finish(upscale.id);
    const upscaled = await original(d, u1, (m) => m.embeds.length > 0);
    expect(labels(upscaled)).toEqual(UPSCALE_BUTTONS);

    for (const press of UPSCALE_PRESSES) {
      const task = newest(apiframe, press.endpoint);
      const i = await d.pressButton({ message: upscaled, customId: customId(upscaled, press.label) });
      expect((await d.waitForCallback(i)).type).toBe(5);
      expectJob(await task, press, grid, upscale);
      await apiframe.finish((await task).id);
      const result = await original(d, i, (m) => (press.result === 'seed' ? m.content.includes('seed') : m.embeds.length > 0));
      if (press.result === 'grid') expect(labels(result), press.label).toEqual(GRID_BUTTONS);
      if (press.result === 'image') expect(result.components, press.label).toEqual([]);
      if (press.result === 'seed') expect(result.content).toMatch(/The seed of “a red fox” is \d+/);
    }
  }, 60_000);
});

describe('Telegram: the buttons under an upscale', () => {
  const button = (m: SentMessage, label: string) => m.reply_markup!.inline_keyboard.flat().find((b) => b.text === label)!.callback_data!;
  const labels = (m: SentMessage) => (m.reply_markup?.inline_keyboard ?? []).map((row) => row.map((b) => b.text));

  /** Presses a button and waits for the result its new progress message turns into. */
  async function press(tg: FakeTelegram, on: SentMessage, label: string, shows: (m: SentMessage) => boolean): Promise<SentMessage> {
    const before = Math.max(...tg.messagesIn(dm.id).map((m) => m.message_id));
    tg.userPresses({ chat: dm, from: ana, message_id: on.message_id, data: button(on, label) });
    return tg.waitForMessage(dm.id, (m) => m.message_id > before && m.reply_to_message_id === on.message_id && shows(m), 20_000);
  }

  it('one of each kind runs its Apiframe job and shows its result in place of its progress message', async () => {
    h = await startHarness({ telegram: true });
    const { apiframe } = h;
    const tg = h.telegram!;
    tg.userSends({ chat: dm, from: ana, text: '/imagine a red fox --ar 16:9' });
    const grid = await apiframe.waitForTask('imagine');
    await apiframe.finish(grid.id);
    const gridMessage = await tg.waitForMessage(dm.id, (m) => m.photo !== undefined);
    const upscale = newest(apiframe, 'upscale-1x');
    const upscaledSoon = press(tg, gridMessage, 'U1', (m) => m.photo !== undefined);
    await apiframe.finish((await upscale).id);
    const upscaled = await upscaledSoon;
    expect(labels(upscaled)).toEqual(UPSCALE_BUTTONS);

    for (const label of ['Upscale (Creative)', 'Make Square', '➡️', '🌱 Seed']) {
      const spec = UPSCALE_PRESSES.find((p) => p.label === label)!;
      const task = newest(apiframe, spec.endpoint);
      const shown = press(tg, upscaled, label, (m) => (spec.result === 'seed' ? /seed/.test(m.text ?? '') : m.photo !== undefined));
      expectJob(await task, spec, grid, await upscale);
      await apiframe.finish((await task).id);
      const result = await shown;
      if (spec.result === 'grid') expect(labels(result)).toEqual(GRID_BUTTONS);
      if (spec.result === 'image') expect(labels(result)).toEqual([]);
      if (spec.result === 'seed') expect(result.text).toMatch(/The seed of “a red fox” is \d+/);
    }
  }, 60_000);
});
