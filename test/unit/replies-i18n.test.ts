// Issue 13: the commands' replies in the catalogue (replies.ftl): plurals and ordinals by CLDR's
// rules, numbers through Intl, in each language.
import { FluentNumber } from '@fluent/bundle';
import { describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.ts';

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
