// Issue 13 on Telegram, through the real grammY client: what the adapter says on its own (an
// unknown command, a group's combined refusals) is in the reader's language.
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeTelegram, TgChat, TgUser } from '../fakes/telegram.ts';
import { startHarness, type Harness } from './harness.ts';

const ana: TgUser = { id: 2101, is_bot: false, first_name: 'Ana', username: 'ana', language_code: 'es' };
const anaDm: TgChat = { id: ana.id, type: 'private', first_name: 'Ana' };
// Their apps send no language: the group's decides.
const luis: TgUser = { id: 2102, is_bot: false, first_name: 'Luis', username: 'luis' };
const marta: TgUser = { id: 2103, is_bot: false, first_name: 'Marta', username: 'marta' };
const group: TgChat = { id: -1002101, type: 'supergroup', title: 'Pintores' };

let h: Harness | undefined;
let tg: FakeTelegram;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('the Telegram adapter in the reader’s language', () => {
  it('answers a Spanish user’s unknown command in a private chat in Spanish, pointing at the image command', async () => {
    h = await startHarness({ telegram: true });
    tg = h.telegram!;
    const sent = tg.userSends({ chat: anaDm, from: ana, text: '/pintar un zorro' }).message;
    const reply = await tg.waitForMessage(anaDm.id, (m) => m.reply_to_message_id === sent.message_id);
    expect(reply.text).toBe(
      'No conozco /pintar. Para crear imágenes, envía /imagine seguido de lo que quieres ver, p. ej. /imagine un zorro rojo en la nieve recién caída. /help muestra todo lo que sé hacer.',
    );
    // The same in English for an app the bot does not speak.
    const ivan: TgUser = { id: 2104, is_bot: false, first_name: 'Ivan', language_code: 'de' };
    const ivanDm: TgChat = { id: ivan.id, type: 'private', first_name: 'Ivan' };
    const his = tg.userSends({ chat: ivanDm, from: ivan, text: '/malen' }).message;
    expect((await tg.waitForMessage(ivanDm.id, (m) => m.reply_to_message_id === his.message_id)).text).toMatch(/^I don't know \/malen\. To make images, send \/imagine/);
  }, 30_000);

  it('combines the refusals of a Spanish group under a Spanish headline', async () => {
    h = await startHarness({ telegram: true, env: { FREE_CREDITS: '0' } });
    tg = h.telegram!;
    await h.app.services.settings.updateGroup({ platform: 'telegram', chatId: String(group.id), isPrivate: false }, { language: 'es' });
    const first = tg.userSends({ chat: group, from: luis, text: '/imagine a red fox' }).message;
    const reply = await tg.waitForMessage(group.id, (m) => m.reply_to_message_id === first.message_id);
    tg.userSends({ chat: group, from: marta, text: '/imagine a blue fox' });
    const combined = await tg.waitForMessage(group.id, (m) => m.message_id === reply.message_id && m.text?.startsWith('⛔') === true, 20_000);
    expect(combined.text).toMatch(/^⛔ No hay créditos suficientes en el monedero de este grupo para: @luis, @marta — 2 comandos, no se cobró nada\.\n@marta: /);
    expect(tg.messagesIn(group.id)).toHaveLength(1);
  }, 40_000);
});
