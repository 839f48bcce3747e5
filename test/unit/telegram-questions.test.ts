// A Telegram reply prompt in the asked user's language, with its mention and its current value
// (code, tap to copy) marked where they are in the text whatever the language moved them to.
import { describe, expect, it } from 'vitest';
import type { MessageEntity } from 'grammy/types';
import type { Question } from '../../src/core/chat.ts';
import { questionMessage } from '../../adapters/telegram/questions.ts';

const ana = { id: 7, is_bot: false, first_name: 'Ana' };
const suffix: Question = { target: 'set:x', title: 'Prompt suffix', fields: [{ name: 'value', label: 'Suffix', value: '--v 7', required: false, maxLength: 200 }] };
const zoom: Question = {
  target: 'act:x',
  title: 'Custom Zoom',
  fields: [
    { name: 'zoom', label: 'Zoom factor', value: '1.5', required: true, maxLength: 4 },
    { name: 'prompt', label: 'Prompt', value: 'a red fox', required: true, maxLength: 4000, long: true },
  ],
};
const marked = (text: string, e: MessageEntity) => text.slice(e.offset, e.offset + e.length);

describe('a Telegram reply prompt', () => {
  it('reads in English as before, the name and the value marked', () => {
    const { text, entities } = questionMessage(suffix, ana);
    expect(text).toBe('✏️ Prompt suffix: Ana, reply to this message with the new suffix, or with . to keep it as it is.\nNow: --v 7');
    expect(entities.map((e) => [e.type, marked(text, e)])).toEqual([['text_mention', 'Ana'], ['code', '--v 7']]);
    expect(questionMessage(zoom, ana).text).toBe(
      '✏️ Custom Zoom: Ana, reply to this message with the zoom factor, then a new prompt if you want one, e.g. 1.5 a wider view.\nNow: a red fox',
    );
  });

  it('is in the asked user’s language, the value still marked where the translation put it', () => {
    for (const [locale, now] of [['es', 'Ahora:'], ['ru', 'Сейчас:'], ['zh-CN', '当前：']] as const) {
      const { text, entities } = questionMessage(zoom, ana, locale);
      expect(text).toContain(`\n${now} a red fox`);
      expect(entities.map((e) => [e.type, marked(text, e)])).toEqual([['text_mention', 'Ana'], ['code', 'a red fox']]);
    }
    expect(questionMessage(suffix, { ...ana, first_name: '' }, 'es').text).toBe(
      '✏️ Prompt suffix: tú, responde a este mensaje con un nuevo valor de «suffix», o con . para dejarlo como está.\nAhora: --v 7',
    );
  });
});
