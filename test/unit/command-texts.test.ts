// Issue 13, parts 4 and 5: every command, option and choice description in every language, from
// the catalogue (the English is the specs'), within Discord's and Telegram's limits; the Discord
// payload carries name and description localizations on every command, option and choice.
import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import type { CommandSpec, OptionSpec } from '../../src/core/command.ts';
import { CommandTexts, choiceMessageId, commandMessageId, groupMessageId, optionMessageId, translatableChoice } from '../../src/core/command-text.ts';
import { LOCALES, loadCatalogue, translator, type Locale } from '../../src/i18n/index.ts';
import { DISCORD_LOCALES, DISCORD_NAME, buildSlashCommands } from '../../adapters/discord/slash-commands.ts';
import { TELEGRAM_LANGUAGES, menuCommands } from '../../adapters/telegram/menus.ts';

const TRANSLATED = LOCALES.filter((l) => l !== 'en');
const visible = commands.filter((c) => !c.hidden);
const groups = [...new Set(visible.flatMap((c) => (c.group ? [c.group] : [])))];
const texts = new CommandTexts();
const t = translator();

/** Every catalogue id the commands need in a translated language: [id, the English it translates]. */
function neededIds(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const spec of visible) {
    out.push([commandMessageId(spec), spec.description]);
    for (const option of spec.options) {
      out.push([optionMessageId(spec, option), option.description]);
      if (option.type === 'string') for (const c of option.choices ?? []) if (translatableChoice(option, c)) out.push([choiceMessageId(spec, option, c), c.name]);
    }
  }
  return out;
}

const each = (fn: (spec: CommandSpec, option?: OptionSpec) => void) => {
  for (const spec of visible) {
    fn(spec);
    for (const option of spec.options) fn(spec, option);
  }
};

describe('command descriptions in the catalogue', () => {
  it('has every command, group, option and worded choice in every translated language', () => {
    const missing: string[] = [];
    for (const locale of TRANSLATED) for (const [id] of neededIds()) if (!t.has(locale, id)) missing.push(`${locale}: ${id}`);
    for (const locale of TRANSLATED) for (const group of groups) if (!t.has(locale, groupMessageId(group))) missing.push(`${locale}: ${groupMessageId(group)}`);
    expect(missing).toEqual([]);
  });

  it('gives every option a localized name in every translated language', () => {
    const missing: string[] = [];
    each((spec, option) => {
      if (option) for (const locale of TRANSLATED) if (!t.has(locale, optionMessageId(spec, option), 'name')) missing.push(`${locale}: ${optionMessageId(spec, option)}.name`);
    });
    expect(missing).toEqual([]);
  });

  it('has no command message for a command, option or choice that does not exist (a renamed one left behind)', () => {
    const known = new Set([...neededIds().map(([id]) => id), ...groups.map(groupMessageId)]);
    const catalogue = loadCatalogue();
    for (const locale of LOCALES) {
      const stale = catalogue.get(locale)!.entries.map((e) => e.id).filter((id) => /^(cmd|group)-/.test(id) && !known.has(id));
      expect(stale, locale).toEqual([]);
    }
  });

  it('keeps every number of the English in each translation (a limit changed in a spec shows here)', () => {
    const drift: string[] = [];
    for (const locale of TRANSLATED) {
      for (const [id, english] of neededIds()) {
        const own = t.find(locale, id) ?? '';
        for (const n of english.match(/\d+/g) ?? []) if (!new RegExp(`(^|\\D)${n}(\\D|$)`).test(own)) drift.push(`${locale}: ${id} lacks ${n} ("${own}")`);
      }
    }
    expect(drift).toEqual([]);
  });

  it('fits Discord: descriptions 1–100 characters, names lowercase and 1–32, unique among their siblings in each language', () => {
    const problems: string[] = [];
    for (const locale of LOCALES) {
      each((spec, option) => {
        const text = option ? texts.optionDescription(locale, spec, option) : texts.description(locale, spec);
        if (text.length < 1 || text.length > 100) problems.push(`${locale} ${spec.name}${option ? `.${option.name}` : ''}: ${text.length} characters`);
        if (option) {
          const name = texts.optionName(locale, spec, option);
          // The longest slot name (image10) must fit too.
          const longest = option.type === 'attachment' && (option.max ?? 1) > 1 ? `${name}${option.max}` : name;
          if (!DISCORD_NAME.test(longest) || longest !== longest.toLowerCase()) problems.push(`${locale} ${spec.name}.${option.name}: name "${longest}"`);
        }
      });
      for (const spec of visible) {
        const names = spec.options.map((o) => texts.optionName(locale, spec, o));
        if (new Set(names).size !== names.length) problems.push(`${locale} ${spec.name}: option names repeat (${names.join(', ')})`);
        for (const option of spec.options) {
          if (option.type !== 'string') continue;
          for (const c of option.choices ?? []) {
            const name = texts.choiceName(locale, spec, option, c);
            if (name.length < 1 || name.length > 100) problems.push(`${locale} ${spec.name}.${option.name}: choice "${name}"`);
          }
        }
      }
      for (const group of groups) {
        const line = texts.groupDescription(locale, group, visible.filter((c) => c.group === group));
        if (line.length > 100) problems.push(`${locale} /${group}: ${line.length} characters`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('reads in the language asked for, and falls back to the spec for English', () => {
    const imagine = visible.find((c) => c.name === 'imagine')!;
    expect(texts.description('en', imagine)).toBe(imagine.description);
    expect(texts.description('es', imagine)).toBe('Crea cuatro imágenes a partir de un prompt');
    expect(texts.optionName('ru', imagine, imagine.options[0]!)).toBe('запрос');
    expect(texts.optionName('en', imagine, imagine.options[0]!)).toBe('prompt');
    const help = visible.find((c) => c.name === 'help')!;
    expect(texts.choiceName('zh-CN', help, help.options[0]!, { name: 'buttons', value: 'buttons' })).toBe('按钮');
    const ratio = imagine.options.find((o) => o.name === 'aspect_ratio')!;
    expect(texts.choiceName('ru', imagine, ratio, { name: '16:9', value: '16:9' })).toBe('16:9');
  });
});

describe('the Discord registration payload', () => {
  const body = buildSlashCommands(commands, { global: true });
  const discordLocales = DISCORD_LOCALES.map(([, d]) => d).sort();

  it('localizes the name and description of every command, subcommand and option, and the name of every choice, in es-ES, es-419, pt-BR, ru and zh-CN', () => {
    const missing: string[] = [];
    const check = (where: string, node: { name_localizations?: unknown; description_localizations?: unknown }, description: boolean) => {
      const names = Object.keys((node.name_localizations ?? {}) as object).sort();
      if (names.join() !== discordLocales.join()) missing.push(`${where}: name_localizations ${names.join()}`);
      if (description) {
        const descriptions = Object.keys((node.description_localizations ?? {}) as object).sort();
        if (descriptions.join() !== discordLocales.join()) missing.push(`${where}: description_localizations ${descriptions.join()}`);
      }
    };
    const walk = (where: string, options: any[] | undefined) => {
      for (const o of options ?? []) {
        check(`${where} ${o.name}`, o, true);
        for (const c of o.choices ?? []) check(`${where} ${o.name}=${c.value}`, c, false);
        walk(`${where} ${o.name}`, o.options);
      }
    };
    for (const command of body) {
      check(`/${command.name}`, command, true);
      walk(`/${command.name}`, command.options);
    }
    expect(missing).toEqual([]);
  });

  it('says Spanish for Spain and Latin America alike, and keeps command names as they are', () => {
    const imagine = body.find((c) => c.name === 'imagine')!;
    expect(imagine.description_localizations).toMatchObject({ 'es-ES': 'Crea cuatro imágenes a partir de un prompt', 'es-419': 'Crea cuatro imágenes a partir de un prompt', ru: 'Четыре изображения по текстовому запросу' });
    expect(Object.values(imagine.name_localizations!)).toEqual(discordLocales.map(() => 'imagine'));
    const blend = body.find((c) => c.name === 'blend')!;
    const slots = (blend.options ?? []).filter((o) => o.name.startsWith('image')).map((o) => o.name_localizations?.['pt-BR']);
    expect(slots).toEqual(['imagem1', 'imagem2', 'imagem3', 'imagem4', 'imagem5']);
    const credits = body.find((c) => c.name === 'credits')!;
    expect(credits.description_localizations?.['zh-CN']).toBe('积分: balance, history');
  });
});

describe('the Telegram menus', () => {
  it('has a menu per language_code with translated descriptions within 256 characters', () => {
    for (const [locale, code] of TELEGRAM_LANGUAGES) {
      const menu = menuCommands(commands, undefined, locale as Locale);
      expect(menu.map((c) => c.command), code).toEqual(menuCommands(commands).map((c) => c.command));
      for (const entry of menu) expect(entry.description.length).toBeLessThanOrEqual(256);
    }
    expect(menuCommands(commands, undefined, 'ru').find((c) => c.command === 'imagine')!.description).toBe('Четыре изображения по текстовому запросу');
    expect(menuCommands(commands, undefined, 'pt-BR').find((c) => c.command === 'photos')!.description).toMatch(/^Fotos: new, add/);
  });
});
