/**
 * Questions on Telegram: a message with a ForceReply, remembered in the store, answered by a reply
 * to it from the user it was asked of. Telegram cannot prefill what the user types, so the current
 * value is shown as code (tap to copy) and a "." keeps it.
 */
import { z } from 'zod';
import type { MessageEntity, User } from 'grammy/types';
import type { Question } from '../../src/core/chat.ts';
import { SOURCE_LOCALE, t, type Locale } from '../../src/i18n/index.ts';

/** A question as stored with the message that asked it, checked when it is read back. */
export const storedQuestion = z.object({
  target: z.string().min(1),
  title: z.string(),
  fields: z
    .array(
      z.object({ name: z.string(), label: z.string(), value: z.string().optional(), required: z.boolean(), maxLength: z.number(), long: z.boolean().optional() })
        .loose(),
    )
    .min(1),
});

/** An answer this long after the question is no longer expected. */
export const QUESTION_LIFETIME_MS = 24 * 3_600_000;

const KEEP = '.';

/** UTF-16 length, as Telegram measures entity offsets. */
const units = (text: string) => text.length;

/** The question's text and entities: a mention of whom it is for, and the current value as code. */
export function questionMessage(q: Question, asked: User, locale: Locale = SOURCE_LOCALE): { text: string; entities: MessageEntity[] } {
  const [first, second] = q.fields;
  const name = asked.first_name || t(locale, 'tg-question-you');
  const how =
    second !== undefined
      ? t(locale, 'tg-question-two', { first: first!.label.toLowerCase(), second: second.label.toLowerCase() })
      : t(locale, 'tg-question-one', { field: first!.label.toLowerCase(), keep: KEEP });
  const head = `✏️ ${q.title}: ${name}, `;
  const current = (second ?? first)!.value;
  const now = `\n${t(locale, 'tg-question-now')} `;
  const shown = current ? `${now}${current}` : '';
  const entities: MessageEntity[] = [{ type: 'text_mention', offset: units('✏️ ') + units(`${q.title}: `), length: units(name), user: asked }];
  if (current) entities.push({ type: 'code', offset: units(head + how) + units(now), length: units(current) });
  return { text: head + how + shown, entities };
}

/** The answers a reply gives: one word for each short field but the last, the rest for the last; "." keeps a value. */
export function answersFrom(q: Pick<Question, 'fields'>, reply: string): Record<string, string> {
  const answers: Record<string, string> = {};
  let rest = reply.trim();
  q.fields.forEach((field, i) => {
    const last = i === q.fields.length - 1;
    let given: string;
    if (last) {
      given = rest;
      rest = '';
    } else {
      const [word = '', after = ''] = /^(\S*)\s*([\s\S]*)$/.exec(rest)!.slice(1);
      given = word;
      rest = after;
    }
    if (given === KEEP || given === '') {
      if (field.value !== undefined) answers[field.name] = field.value;
      else if (given === KEEP) answers[field.name] = '';
    } else answers[field.name] = given;
  });
  return answers;
}
