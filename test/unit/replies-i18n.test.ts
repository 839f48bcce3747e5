// Issue 13: the commands' replies in the catalogue (replies.ftl): plurals and ordinals by CLDR's
// rules, numbers through Intl, in each language.
import { readdirSync, readFileSync } from 'node:fs';
import { FluentNumber } from '@fluent/bundle';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { translator } from '../../src/i18n/index.ts';
import { parseInput, type CommandSpec, type RawOptions } from '../../src/core/command.ts';
import { UserError } from '../../src/core/errors.ts';
import { imagine } from '../../commands/imagine.ts';
import { generate } from '../../commands/generate.ts';
import { photosNew } from '../../commands/photos.ts';
import { photoHint } from '../../commands/photo-hint.ts';
import { notHereText } from '../../commands/image-command.ts';
import { commands } from '../../commands/index.ts';

const t = translator();
const ordinal = (n: number) => new FluentNumber(n, { type: 'ordinal' } as Intl.NumberFormatOptions);

describe('/jobs in the catalogue', () => {
  it('writes an English place in line as an ordinal: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 22nd, 1,003rd', () => {
    const places = [1, 2, 3, 4, 11, 12, 13, 21, 22, 1003].map((n) => t.t('en', 'reply-jobs-in-line', { what: 'x', position: ordinal(n) }));
    expect(places.map((p) => p.replace('⏳ x: ', '').replace(' in line', ''))).toEqual(['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '1,003rd']);
    expect(t.t('es', 'reply-jobs-in-line', { what: 'x', position: ordinal(2) })).toBe('⏳ x: 2.º en la cola');
  });

  it('says what a cancel gave back: nothing charged, or the credits refunded in the right number', () => {
    expect(t.t('en', 'reply-jobs-cancelled', { job: 'Imagine “a”', count: 0 })).toBe('❌ Cancelled Imagine “a”. Nothing was charged.');
    expect(t.t('en', 'reply-jobs-cancelled', { job: 'Imagine “a”', count: 1 })).toBe('❌ Cancelled Imagine “a”. 1 credit refunded.');
    expect(t.t('en', 'reply-jobs-cancelled', { job: 'Imagine “a”', count: 4 })).toBe('❌ Cancelled Imagine “a”. 4 credits refunded.');
    expect(t.t('ru', 'reply-jobs-cancelled', { job: 'Imagine “a”', count: 3 })).toBe('❌ Отменено: Imagine “a”. Возвращено: 3 кредита.');
    expect(t.t('es', 'reply-jobs-cancelled', { job: 'Imagine “a”', count: 1 })).toBe('❌ Cancelado: Imagine “a”. Se reembolsó 1 crédito.');
  });
});

describe("schema messages in the reader's language", () => {
  const refusal = (spec: CommandSpec, raw: RawOptions): UserError => {
    try {
      parseInput(spec, raw);
    } catch (err) {
      if (err instanceof UserError) return err;
      throw err;
    }
    throw new Error('parsed');
  };

  it('renders a catalogue id with its fixed arguments, the issue’s params and its bound, keeping the stable code', () => {
    const twice = refusal(imagine, { prompt: 'a fox --ar 3:2', aspect_ratio: '16:9' });
    expect(twice.code).toBe('repeated_aspect_ratio');
    expect(twice.message).toBe('The aspect ratio is given twice (16:9 and 3:2): give it once.');
    expect(twice.textIn('es')).toBe('La proporción aparece dos veces (16:9 y 3:2): indícala solo una vez.');
    expect(refusal(imagine, { prompt: 'a fox --ar --ar 1:1 --ar 2:3' }).textIn('ru')).toBe('Соотношение сторон указано 3 раза (пусто и 1:1 и 2:3): укажите его один раз.');
    expect(refusal(imagine, { prompt: 'a fox', aspect_ratio: '7:3' }).textIn('pt-BR')).toMatch(/^A proporção deve ser uma destas: 1:1, 16:9, /);
    expect(refusal(imagine, { prompt: 'x'.repeat(6001) }).textIn('ru')).toBe('Промпт слишком длинный: уложитесь в 6\u00a0000 символов.');
    const size = refusal(generate, { prompt: 'a cat', model: 'flux-2', size: '4097x1024' });
    expect(size.code).toBe('bad_size');
    expect(size.textIn('zh-CN')).toBe('尺寸为宽 x 高（像素），每边 512 到 4096，例如 1536x1024。');
  });

  it('explains /photos new in the reader’s language, quoting the words it did not understand', () => {
    const odd = refusal(photosNew, { gender: 'female asian 30 with a hat' });
    expect(odd.message).toBe('I did not understand “with a hat”. Say female or male, then their ethnicity and, if you like, their age, e.g. /photos new female white 30.');
    expect(odd.textIn('es')).toBe('No he entendido «with a hat». Di female o male, luego su etnia y, si quieres, su edad, p. ej. /photos new female white 30.');
    expect(refusal(photosNew, { gender: 'female', ethnicity: 'asian', age: 12 }).textIn('zh-CN')).toBe('AI 人像仅限成年人：年龄必须在 18 岁或以上。');
  });

  it('names what was missing or wrong generically when a schema says nothing of its own', () => {
    const schema = z.object({ aspect_ratio: z.string().regex(/^\d+:\d+$/) });
    const spec = { name: 'x', description: '', options: [], input: schema, slow: false, run: async () => {} } as CommandSpec;
    const missing = refusal(spec, {});
    expect(missing.message).toBe('Please give the aspect ratio.');
    expect(missing.textIn('es')).toBe('Falta «aspect ratio»: indícalo, por favor.');
    expect(refusal(spec, { aspect_ratio: 'wide' }).textIn('ru')).toBe('Значение «aspect ratio» недопустимо.');
  });
});

describe('the ids the commands name', () => {
  it('are all in the English catalogue: a mistyped id in a schema or a reply fails here, not in a chat', () => {
    const dir = new URL('../../commands/', import.meta.url);
    const used = new Set<string>();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const source = readFileSync(new URL(file, dir), 'utf8');
      for (const m of source.matchAll(/['`]((?:input|error|reply)-[a-z0-9-]+)['`]/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(100);
    // Ids built from a prefix and a choice (`reply-jobs-none-${…}`) do not appear whole; the rest must exist.
    const missing = [...used].filter((id) => !id.endsWith('-') && !t.has('en', id));
    expect(missing).toEqual([]);
  });
});

describe('the hint for a photo sent with no set open', () => {
  it('says how to use the photo in the reader’s language when the adapter names the way (reply or attach), and as before with its own English', () => {
    const english = photoHint(commands, (command) => `reply ${command} to it`)!;
    expect(photoHint(commands, 'reply')).toBe(english);
    expect(photoHint(commands, 'attach', 'es')).toContain('• Para obtener prompts que la describan, envía /describe con ella adjunta.');
    expect(photoHint(commands, 'reply', 'ru')!.split('\n')[0]).toBe('📷 У вас нет открытого набора фото, поэтому я ничего не сделал с этой фотографией.');
  });

  it('tells a stale button where to start again, in the reader’s language', () => {
    expect(notHereText(commands)).toBe("This button doesn't work here: it belongs to another chat or has expired. Start a new one with /imagine.");
    expect(notHereText(commands, 'pt-BR')).toBe('Este botão não funciona aqui: é de outro chat ou expirou. Comece um novo com /imagine.');
  });
});
