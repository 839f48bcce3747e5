// Issue 13 on Discord, through the real discord.js client: the registration PUT carries name and
// description localizations for every command, option and choice (as the fake, like Discord,
// validates and keeps them); a Brazilian Portuguese client sees /settings in Portuguese; a command
// is still found by its default name whatever the client's language; a server admin (Manage
// Server) sets the server's language, and Discord's guild_locale stands in when nobody chose.
import { afterEach, describe, expect, it } from 'vitest';
import type { DcMessage, FakeInteraction } from '../fakes/discord.ts';
import { startHarness, type Harness } from './harness.ts';

const CHANNEL = '300000000000000001';
const LOCALES = ['es-419', 'es-ES', 'pt-BR', 'ru', 'zh-CN'];
const MANAGE_GUILD = String(1 << 5);

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const components = (m: DcMessage) => m.components.flatMap((row) => row.components);
const selectEndingWith = (m: DcMessage, suffix: string) => components(m).find((c: any) => c.type === 3 && String(c.custom_id).endsWith(suffix));

describe('Discord in the user’s language', () => {
  it('registers every command, option and choice with name and description localizations', async () => {
    h = await startHarness({ discord: true });
    const registered = h.discord!.globalCommands;
    expect(registered.length).toBeGreaterThan(5);
    const missing: string[] = [];
    const has = (where: string, map: unknown) => {
      const keys = Object.keys((map ?? {}) as object).sort();
      if (keys.join() !== LOCALES.join()) missing.push(`${where}: ${keys.join() || 'none'}`);
    };
    const walk = (where: string, options: any[] | undefined) => {
      for (const o of options ?? []) {
        has(`${where} ${o.name} name`, o.name_localizations);
        has(`${where} ${o.name} description`, o.description_localizations);
        for (const c of o.choices ?? []) has(`${where} ${o.name}=${c.value}`, c.name_localizations);
        walk(`${where} ${o.name}`, o.options);
      }
    };
    for (const c of registered) {
      has(`/${c.name} name`, c.name_localizations);
      has(`/${c.name} description`, c.description_localizations);
      walk(`/${c.name}`, c.options);
    }
    expect(missing).toEqual([]);
    const imagine = registered.find((c) => c.name === 'imagine');
    expect(imagine.description_localizations['pt-BR']).toBe('Cria quatro imagens a partir de um prompt');
    expect(imagine.options.find((o: any) => o.name === 'prompt').name_localizations.ru).toBe('запрос');
    const topic = registered.find((c) => c.name === 'help').options[0];
    expect(topic.choices.find((c: any) => c.value === 'buttons').name_localizations['zh-CN']).toBe('按钮');
  });

  it('shows a Brazilian Portuguese client /settings in Portuguese, and runs /imagine by its default name', async () => {
    h = await startHarness({ discord: true });
    const d = h.discord!;
    const open = await d.slashCommand({ name: 'settings', locale: 'pt-BR' });
    await d.waitForCallback(open);
    expect(open.original!.content).toContain('⚙️ Suas configurações');
    expect(open.original!.content).toContain('• Idioma: automático, agora Português (Brasil)');
    const language = selectEndingWith(open.original!, ':lang');
    expect(language.placeholder).toBe('Idioma');
    expect(language.options.map((o: any) => o.label)).toEqual(['Automático', 'English', 'Español', 'Português (Brasil)', 'Русский', '简体中文']);
    // A member without Manage Server has no server row.
    expect(selectEndingWith(open.original!, ':glang')).toBeUndefined();

    // Discord sends the default names (imagine, prompt) whatever the client shows.
    await d.slashCommand({ name: 'imagine', locale: 'pt-BR', options: [{ name: 'prompt', value: 'um farol ao entardecer' }] });
    const task = await h.apiframe.waitForTask('imagine');
    // Prompts are never translated.
    expect(task.body).toMatchObject({ prompt: 'um farol ao entardecer' });
  }, 30_000);

  it("lets a Manage Server member set the server's language; Discord's guild_locale decides before that", async () => {
    h = await startHarness({ discord: true });
    const d = h.discord!;
    // A German client, which the bot does not speak, in a server whose community language is Russian.
    const first = await d.slashCommand({ name: 'settings', locale: 'de', guildLocale: 'ru', memberPermissions: MANAGE_GUILD });
    await d.waitForCallback(first);
    expect(first.original!.content).toContain('⚙️ Ваши настройки');
    expect(first.original!.content).toContain('• Язык этого сервера: автоматически');
    const server = selectEndingWith(first.original!, ':glang');
    const chosen: FakeInteraction = await d.chooseOption({ message: first.original!, customId: server.custom_id, values: ['es'], memberPermissions: MANAGE_GUILD, locale: 'de', guildLocale: 'ru' });
    expect((await d.waitForCallback(chosen)).type).toBe(7);
    const redrawn = await d.waitForMessage(CHANNEL, (m) => m.id === first.original!.id && m.content.includes('Idioma de este servidor: Español'));
    expect(redrawn.content).toContain('⚙️ Tus ajustes');
    expect(await h.app.services.settings.getGroup({ platform: 'discord', guildId: '200000000000000001', chatId: CHANNEL, isPrivate: false })).toEqual({ language: 'es' });
  }, 30_000);
});
