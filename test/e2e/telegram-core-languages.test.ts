// Issue 13, the core's texts on Telegram through the real grammY client: a Spanish user's /imagine
// shows its progress, result, buttons and an upscale in Spanish; a Russian user's failed job says
// so in Russian with the refund in the right plural form; a group's board of waiting jobs is
// written in the language of the newest job on it.
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeTelegram, SentMessage, TgChat, TgUser } from '../fakes/telegram.ts';
import { eventually, startHarness, type Harness } from './harness.ts';

const ana: TgUser = { id: 3001, is_bot: false, first_name: 'Ana', username: 'ana', language_code: 'es' };
const ivan: TgUser = { id: 3002, is_bot: false, first_name: 'Ivan', language_code: 'ru' };
const bob: TgUser = { id: 3003, is_bot: false, first_name: 'Bob' };
const anaDm: TgChat = { id: ana.id, type: 'private', first_name: 'Ana' };
const ivanDm: TgChat = { id: ivan.id, type: 'private', first_name: 'Ivan' };
const group: TgChat = { id: -1003003, type: 'supergroup', title: 'Pintores' };

let h: Harness | undefined;
let tg: FakeTelegram;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const labels = (m: SentMessage) => (m.reply_markup?.inline_keyboard ?? []).map((row) => row.map((b) => b.text));
const button = (m: SentMessage, label: string) => m.reply_markup!.inline_keyboard.flat().find((b) => b.text === label)!.callback_data!;

describe('Telegram: the core speaks the user’s language', () => {
  it('shows a Spanish user’s /imagine progress, result, buttons and upscale in Spanish', async () => {
    h = await startHarness({ telegram: true, env: { FREE_CREDITS: '100' } });
    tg = h.telegram!;
    const cmd = tg.userSends({ chat: anaDm, from: ana, text: '/imagine un zorro rojo' });
    const progress = await tg.waitForMessage(anaDm.id, (m) => m.reply_to_message_id === cmd.message.message_id);
    expect(progress.text).toBe('⏳ Imaginar “un zorro rojo” para @ana\nEsperando para empezar…');
    const task = await h.apiframe.waitForTask('imagine');
    expect(task.body).toMatchObject({ prompt: 'un zorro rojo' });
    await h.apiframe.progress(task.id, 50);
    await tg.waitForMessage(anaDm.id, (m) => m.message_id === progress.message_id && m.text === '🎨 Imaginar “un zorro rojo” para @ana\n▰▰▰▰▰▱▱▱▱▱ 50 %');
    await h.apiframe.finish(task.id);
    const grid = await tg.waitForMessage(anaDm.id, (m) => m.message_id === progress.message_id && m.photo !== undefined);
    expect(grid.caption).toBe('✅ Imaginar “un zorro rojo” para @ana');
    expect(labels(grid)).toEqual([
      ['U1', 'U2', 'U3', 'U4', '🔄'],
      ['V1', 'V2', 'V3', 'V4'],
    ]);

    tg.userPresses({ chat: anaDm, from: ana, message_id: grid.message_id, data: button(grid, 'U2') });
    const upscale = await h.apiframe.waitForTask('upscale-1x');
    const started = await tg.waitForMessage(anaDm.id, (m) => m.text?.startsWith('⏳ Ampliación n.º 2') ?? false);
    await h.apiframe.finish(upscale.id);
    const image = await tg.waitForMessage(anaDm.id, (m) => m.message_id === started.message_id && m.photo !== undefined);
    expect(image.caption).toBe('✅ Ampliación n.º 2 “un zorro rojo” para @ana');
    expect(labels(image)[0]).toEqual(['Ampliar (sutil)', 'Ampliar (creativo)', 'Ampliar 2x', 'Ampliar 4x']);
    expect(labels(image).flat()).toContain('🌱 Semilla');
  });

  it('tells a Russian user their job failed, in Russian, with the refund’s plural form', async () => {
    h = await startHarness({ telegram: true, env: { FREE_CREDITS: '100' } });
    tg = h.telegram!;
    const cmd = tg.userSends({ chat: ivanDm, from: ivan, text: '/imagine лиса' });
    const progress = await tg.waitForMessage(ivanDm.id, (m) => m.reply_to_message_id === cmd.message.message_id);
    expect(progress.text).toBe('⏳ Генерация “лиса” для Ivan\nОжидает запуска…');
    const task = await h.apiframe.waitForTask('imagine');
    await h.apiframe.fail(task.id, 'Banned prompt');
    const failed = await tg.waitForMessage(ivanDm.id, (m) => m.text?.startsWith('❌') ?? false);
    expect(failed.text).toBe('❌ Генерация “лиса” — не удалось завершить: Banned prompt. Ваши 4 кредита возвращены.');
  });

  it('writes a group’s board of waiting jobs in the language of the newest job on it', async () => {
    h = await startHarness({ telegram: true, env: { APIFRAME_CONCURRENCY: '1', FREE_CREDITS: '100' } });
    tg = h.telegram!;
    const first = tg.userSends({ chat: group, from: bob, text: '/imagine bob fox 1' });
    await tg.waitForMessage(group.id, (m) => m.reply_to_message_id === first.message.message_id);
    tg.userSends({ chat: group, from: bob, text: '/imagine bob fox 2' });
    await tg.waitForMessage(group.id, (m) => m.text?.startsWith('⏳ Waiting in line here (1 job):') ?? false, 10_000);
    tg.userSends({ chat: group, from: ana, text: '/imagine zorro' });
    const board = () => tg.messagesIn(group.id).find((m) => m.text?.startsWith('⏳ En la cola aquí'));
    await eventually(() => board()?.text?.startsWith('⏳ En la cola aquí (2 trabajos):\n1.º: Imaginar “zorro” para @ana, aprox. 1 min\n2.º: Imaginar “bob fox 2” para Bob'), 20_000, 'the board in Spanish');
    expect(board()!.text).toContain('/jobs muestra los tuyos, con ❌ Cancelar.');
  });
});
