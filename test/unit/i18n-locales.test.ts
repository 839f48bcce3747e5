// Issue 13, part 3: which language. What the platforms send becomes one of ours (langneg, with
// Latin American Spanish and Traditional Chinese handled), and a scope's language is the user's
// choice → the platform's locale → the group's choice → Discord's server locale → English.
import { afterEach, describe, expect, it } from 'vitest';
import { matchLocale, negotiateLocale, pickLocale } from '../../src/i18n/index.ts';
import { SettingsService } from '../../src/core/settings.ts';
import type { Scope } from '../../src/core/chat.ts';
import { createSqliteStore } from '../../src/store/index.ts';
import type { Store } from '../../src/store/index.ts';

describe('a platform locale becomes one of ours', () => {
  it.each([
    // Telegram's language_code
    ['es', 'es'],
    ['pt-br', 'pt-BR'],
    ['pt', 'pt-BR'],
    ['ru', 'ru'],
    ['zh-hans', 'zh-CN'],
    ['zh', 'zh-CN'],
    ['en', 'en'],
    // Discord's interaction.locale / guild_locale
    ['es-ES', 'es'],
    ['es-419', 'es'],
    ['pt-BR', 'pt-BR'],
    ['zh-CN', 'zh-CN'],
    ['en-US', 'en'],
    ['en-GB', 'en'],
  ])('%s → %s', (tag, ours) => {
    expect(matchLocale(tag)).toBe(ours);
  });

  it('leaves languages it does not speak, and Traditional Chinese, to the next source (English in the end)', () => {
    for (const tag of ['de', 'uk', 'zh-TW', 'zh-HK', 'zh-hant', 'zh-Hant-TW', '', undefined, 'not a tag']) expect(matchLocale(tag), String(tag)).toBeUndefined();
    expect(negotiateLocale(['zh-TW'])).toBe('en');
    expect(negotiateLocale(['de', 'es-419'])).toBe('es');
    expect(negotiateLocale([undefined, 'ru'])).toBe('ru');
  });

  it('orders the sources: user choice, platform locale, group choice, server locale, English', () => {
    expect(pickLocale({ userChoice: 'ru', platformLocale: 'es', groupChoice: 'zh-CN', guildLocale: 'pt-BR' })).toBe('ru');
    expect(pickLocale({ platformLocale: 'es', groupChoice: 'zh-CN', guildLocale: 'pt-BR' })).toBe('es');
    expect(pickLocale({ platformLocale: 'de', groupChoice: 'zh-CN', guildLocale: 'pt-BR' })).toBe('zh-CN');
    expect(pickLocale({ platformLocale: 'de', guildLocale: 'pt-BR' })).toBe('pt-BR');
    expect(pickLocale({ platformLocale: 'de', guildLocale: 'de' })).toBe('en');
    expect(pickLocale({})).toBe('en');
    // An English app is a language we speak: it wins over the group's choice.
    expect(pickLocale({ platformLocale: 'en-US', groupChoice: 'es' })).toBe('en');
  });
});

describe("SettingsService.localeOf: a scope's language from the platform and the stored choices", () => {
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });
  const discord = (o: Partial<Scope> = {}): Scope => ({ platform: 'discord', guildId: 'g1', chatId: 'c1', userId: 'u1', userName: 'Ana', isPrivate: false, ...o });

  it('follows the order, reading the group only when the user and the platform do not decide', async () => {
    store = createSqliteStore(':memory:');
    const settings = new SettingsService(store);
    expect(await settings.localeOf(discord())).toBe('en');
    expect(await settings.localeOf(discord({ guildLocale: 'ru' }))).toBe('ru');
    await settings.updateGroup(discord(), { language: 'zh-CN' });
    expect(await settings.localeOf(discord({ guildLocale: 'ru' }))).toBe('zh-CN');
    // Any channel of the server: the group is the server.
    expect(await settings.localeOf(discord({ chatId: 'c2', platformLocale: 'de' }))).toBe('zh-CN');
    expect(await settings.localeOf(discord({ platformLocale: 'pt-BR' }))).toBe('pt-BR');
    await settings.update(discord(), { language: 'es' });
    expect(await settings.localeOf(discord({ platformLocale: 'pt-BR' }))).toBe('es');
    // Back to automatic.
    await settings.update(discord(), { language: undefined });
    expect(await settings.localeOf(discord({ platformLocale: 'pt-BR' }))).toBe('pt-BR');
  });

  it('has no group in a private chat: a stored group choice of another place does not leak in', async () => {
    store = createSqliteStore(':memory:');
    const settings = new SettingsService(store);
    const group: Scope = { platform: 'telegram', chatId: '-100', userId: '7', userName: 'Ana', isPrivate: false };
    await settings.updateGroup(group, { language: 'ru' });
    expect(await settings.localeOf(group)).toBe('ru');
    expect(await settings.localeOf({ ...group, chatId: '7', isPrivate: true })).toBe('en');
    await expect(settings.updateGroup({ ...group, chatId: '7', isPrivate: true }, { language: 'es' })).rejects.toThrow('no group settings');
  });

  it('reads a stored language that is no longer one of ours as automatic', async () => {
    store = createSqliteStore(':memory:');
    await store.settings.put('telegram', '7', { language: 'klingon' }, 0);
    const settings = new SettingsService(store);
    expect((await settings.get({ platform: 'telegram', userId: '7' })).language).toBeUndefined();
    expect(await settings.localeOf({ platform: 'telegram', chatId: '7', userId: '7', userName: 'A', isPrivate: true, platformLocale: 'es' })).toBe('es');
  });
});
