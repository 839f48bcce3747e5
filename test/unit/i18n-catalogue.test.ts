// Issue 13, parts 1, 2 and 6: one Fluent catalogue; every message of English (the source) in every
// language with the same variables; plurals by CLDR's rules; numbers and times through Intl; a
// message missing in a language falls back to English, and one missing in English is never shown
// as a raw key.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FluentDateTime } from '@fluent/bundle';
import { afterAll, describe, expect, it } from 'vitest';
import { CATALOGUE_DIR, LOCALES, MISSING_TEXT, Translator, loadCatalogue, translator, type TranslatorProblem } from '../../src/i18n/index.ts';
import { catalogueGaps } from '../support/i18n-check.ts';

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A copy of the catalogue with some files' text replaced, as a translator's mistake would leave it. */
function catalogueWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'framebot-i18n-'));
  dirs.push(dir);
  cpSync(CATALOGUE_DIR, dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

describe('the catalogue', () => {
  it('has every English message and attribute in every language, with the same variables', () => {
    expect(catalogueGaps(loadCatalogue())).toEqual([]);
  });

  it('has no message in a language that English lacks, except the command descriptions (whose English is in the specs)', () => {
    const catalogue = loadCatalogue();
    const english = new Set(catalogue.get('en')!.entries.map((e) => e.id));
    for (const locale of LOCALES) {
      const extra = catalogue.get(locale)!.entries.map((e) => e.id).filter((id) => !english.has(id) && !/^(cmd|group)-/.test(id) && !id.startsWith('-'));
      expect(extra, locale).toEqual([]);
    }
  });

  it('names what a language is missing, and a variable a translation lost', () => {
    const dir = catalogueWith({
      'es/common.ftl': 'credits-amount = { $n } créditos\n',
      'ru/settings.ftl': 'settings-title = ⚙️ Ваши настройки\n',
    });
    const gaps = catalogueGaps(loadCatalogue(dir));
    expect(gaps).toContain('es: missing credits-resets-at');
    expect(gaps).toContain('es: credits-amount uses $n, English $count');
    expect(gaps).toContain('ru: missing settings-speed');
    expect(gaps.some((g) => g.startsWith('pt-BR') || g.startsWith('zh-CN'))).toBe(false);
  });

  it('reads every locale folder of the source tree, one file or more each', () => {
    const catalogue = loadCatalogue();
    expect([...catalogue.keys()]).toEqual([...LOCALES]);
    for (const locale of LOCALES) expect(catalogue.get(locale)!.files).toContain(`${locale}/settings.ftl`);
  });
});

describe('formatting', () => {
  const t = translator();

  it('picks Russian plural forms by CLDR: one, few and many (1, 3, 5, 21, 22, 25 credits)', () => {
    expect([1, 3, 5, 21, 22, 25, 11].map((count) => t.t('ru', 'credits-amount', { count }))).toEqual([
      '1 кредит',
      '3 кредита',
      '5 кредитов',
      '21 кредит',
      '22 кредита',
      '25 кредитов',
      '11 кредитов',
    ]);
    expect([1, 2].map((count) => t.t('en', 'credits-amount', { count }))).toEqual(['1 credit', '2 credits']);
    expect(t.t('zh-CN', 'credits-amount', { count: 1 })).toBe('1 积分');
  });

  it('writes numbers and times through Intl in the language, with no bidi marks around them', () => {
    expect(t.t('en', 'credits-amount', { count: 12345 })).toBe('12,345 credits');
    expect(t.t('es', 'credits-amount', { count: 12345 })).toBe('12.345 créditos');
    expect(t.t('ru', 'credits-amount', { count: 12345 })).toBe('12\u00a0345 кредитов');
    expect(t.t('pt-BR', 'credits-amount', { count: 12345 })).toBe('12.345 créditos');
    const midnight = new FluentDateTime(Date.UTC(2026, 0, 2, 0, 0), { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' });
    expect(t.t('en', 'credits-resets-at', { at: midnight })).toBe('resets at 12:00 AM UTC');
    expect(t.t('es', 'credits-resets-at', { at: midnight })).toBe('se renueva a las 0:00 UTC');
    expect(t.t('ru', 'credits-resets-at', { at: midnight })).toBe('обновляется в 0:00 UTC');
    expect(t.t('en', 'settings-language', { language: 'English' })).not.toMatch(/[\u2068\u2069]/);
  });
});

describe('a missing message', () => {
  it('falls back to English in a language that lacks it', () => {
    const dir = catalogueWith({ 'es/settings.ftl': 'settings-title = ⚙️ Tus ajustes:\n' });
    const t = new Translator(loadCatalogue(dir), { strict: true });
    expect(t.t('es', 'settings-title')).toBe('⚙️ Tus ajustes:');
    expect(t.t('es', 'settings-suffix-none')).toBe('• Suffix: none');
  });

  it('missing in English too: throws in development and tests, and in production is reported and shown as a sentence, never the key', () => {
    const catalogue = loadCatalogue();
    expect(() => new Translator(catalogue, { strict: true }).t('es', 'no-such-message')).toThrow('no message "no-such-message" in the English catalogue');
    const problems: TranslatorProblem[] = [];
    const lenient = new Translator(catalogue, { strict: false, report: (p) => problems.push(p) });
    expect(lenient.t('es', 'no-such-message')).toBe(MISSING_TEXT);
    expect(problems).toEqual([expect.objectContaining({ locale: 'es', id: 'no-such-message' })]);
  });

  it('a variable not passed: thrown in tests, reported in production', () => {
    const catalogue = loadCatalogue();
    expect(() => new Translator(catalogue, { strict: true }).t('en', 'credits-amount')).toThrow(/Unknown variable: \$count/);
    const problems: TranslatorProblem[] = [];
    new Translator(catalogue, { strict: false, report: (p) => problems.push(p) }).t('en', 'credits-amount');
    expect(problems).toHaveLength(1);
  });
});

describe('Russian agreement after a number', () => {
  it('says “короче 200 символов” and “короче 201 символа” (genitive after “короче”)', () => {
    const t = translator();
    expect(t.t('ru', 'settings-bad-suffix', { max: 200 })).toBe('Суффикс должен быть короче 200 символов.');
    expect(t.t('ru', 'settings-bad-suffix', { max: 201 })).toBe('Суффикс должен быть короче 201 символа.');
  });
});
