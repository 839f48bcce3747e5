// Issue 13 on Telegram, through the real grammY client: the command menu set once per
// language_code, a Spanish user's /settings in Spanish without asking, a language chosen in the
// panel kept (and the panel redrawn in it), and a group's language set by one of its admins.
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeTelegram, SentMessage, TgChat, TgUser } from '../fakes/telegram.ts';
import { startHarness, type Harness } from './harness.ts';

const ana: TgUser = { id: 2001, is_bot: false, first_name: 'Ana', username: 'ana', language_code: 'es' };
const ivan: TgUser = { id: 2002, is_bot: false, first_name: 'Ivan', language_code: 'de' };
const bob: TgUser = { id: 2003, is_bot: false, first_name: 'Bob' };
const anaDm: TgChat = { id: ana.id, type: 'private', first_name: 'Ana' };
const group: TgChat = { id: -1002002, type: 'supergroup', title: 'Pintores' };

let h: Harness | undefined;
let tg: FakeTelegram;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function start(): Promise<void> {
  h = await startHarness({ telegram: true });
  tg = h.telegram!;
}

/** The panel /settings answers with. */
async function settingsPanel(chat: TgChat, from: TgUser): Promise<SentMessage> {
  const cmd = tg.userSends({ chat, from, text: '/settings' });
  return tg.waitForMessage(chat.id, (m) => m.reply_to_message_id === cmd.message.message_id);
}

/** Presses the control whose payload ends with `suffix` (`:lang=ru`), and waits for the panel to change to show `shows`. */
async function pressControl(chat: TgChat, from: TgUser, panel: SentMessage, suffix: string, shows: string): Promise<SentMessage> {
  const button = panel.reply_markup?.inline_keyboard.flat().find((b) => b.callback_data?.endsWith(suffix));
  if (!button) throw new Error(`no control ${suffix}: ${JSON.stringify(panel.reply_markup?.inline_keyboard)}`);
  tg.userPresses({ chat, from, message_id: panel.message_id, data: button.callback_data! });
  return tg.waitForMessage(chat.id, (m) => m.message_id === panel.message_id && (m.text ?? '').includes(shows));
}
const labels = (m: SentMessage) => m.reply_markup!.inline_keyboard.flat().map((b) => b.text);

describe('Telegram in the user’s language', () => {
  it('sets the command menu once per language_code, each in its language, besides the English default', async () => {
    await start();
    const calls = tg.calls.filter((c) => c.method === 'setMyCommands');
    const byLanguage = (code: string | undefined) => calls.filter((c) => c.params.language_code === code).map((c) => (c.params.scope as { type: string }).type).sort();
    const scopes = byLanguage(undefined);
    expect(scopes).toEqual(['all_chat_administrators', 'all_group_chats', 'all_private_chats', 'default']);
    for (const code of ['es', 'pt', 'ru', 'zh']) expect(byLanguage(code), code).toEqual(scopes);

    const describe = (user: TgUser, command: string) => tg.commandMenuFor(group, user).find((c) => c.command === command)?.description;
    expect(describe(ana, 'imagine')).toBe('Crea cuatro imágenes a partir de un prompt');
    expect(describe({ ...bob, language_code: 'pt-br' }, 'imagine')).toBe('Cria quatro imagens a partir de um prompt');
    expect(describe({ ...bob, language_code: 'ru' }, 'credits')).toBe('Кредиты: balance, history');
    expect(describe({ ...bob, language_code: 'zh-hans' }, 'help')).toBe('如何使用这个机器人');
    expect(describe(bob, 'imagine')).toBe('Create four images from a text prompt');
    expect(describe(ivan, 'imagine')).toBe('Create four images from a text prompt');
  });

  it("shows a Spanish user's /settings in Spanish, and keeps a language they choose", async () => {
    await start();
    let panel = await settingsPanel(anaDm, ana);
    expect(panel.text).toContain('⚙️ Tus ajustes');
    expect(panel.text).toContain('• Idioma: automático, ahora Español');
    expect(labels(panel)).toEqual(expect.arrayContaining(['✓ Automático', 'English', 'Español', 'Português (Brasil)', 'Русский', '简体中文']));
    // No group, so no group language here.
    expect(panel.reply_markup!.inline_keyboard.flat().some((b) => b.callback_data?.includes(':glang'))).toBe(false);

    panel = await pressControl(anaDm, ana, panel, ':lang=ru', '• Язык: Русский');
    expect(panel.text).toContain('⚙️ Ваши настройки');
    expect(labels(panel)).toContain('✓ Русский');
    const stored = await h!.app.services.settings.get({ platform: 'telegram', userId: String(ana.id) });
    expect(stored.language).toBe('ru');
    // Kept: the next /settings (a new command) is in Russian though her app says Spanish.
    expect((await settingsPanel(anaDm, ana)).text).toContain('⚙️ Ваши настройки');

    panel = await pressControl(anaDm, ana, panel, ':lang=auto', '• Idioma: automático, ahora Español');
    expect((await h!.app.services.settings.get({ platform: 'telegram', userId: String(ana.id) })).language).toBeUndefined();
  }, 30_000);

  it("lets a group admin set the group's language, which members whose app language the bot lacks then see", async () => {
    await start();
    tg.userSends({ chat: group, from: ivan, text: 'hola' });
    tg.setChatAdmins(group.id, [ivan.id]);
    // A member who is not an admin has no group row.
    const bobs = await settingsPanel(group, bob);
    expect(bobs.text).not.toContain('Language of this group');
    expect(bobs.reply_markup!.inline_keyboard.flat().some((b) => b.callback_data?.includes(':glang'))).toBe(false);

    // Ivan's app is in German, which the bot does not speak: English, until the group chooses.
    let panel = await settingsPanel(group, ivan);
    expect(panel.text).toContain('• Language of this group: automatic');
    panel = await pressControl(group, ivan, panel, ':glang=pt-BR', 'Idioma deste grupo: Português (Brasil)');
    expect(panel.text).toContain('⚙️ Suas configurações');
    // Bob's app sends no language: the group's now; Ana's Spanish app still wins for her.
    expect((await settingsPanel(group, bob)).text).toContain('⚙️ Suas configurações');
    expect((await settingsPanel(group, ana)).text).toContain('⚙️ Tus ajustes');
    // Another chat is another group.
    expect((await settingsPanel({ id: -1009, type: 'supergroup', title: 'Otro' }, bob)).text).toContain('⚙️ Your settings');
  }, 30_000);
});
