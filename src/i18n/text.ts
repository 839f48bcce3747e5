/**
 * A message not yet in a language: a catalogue id and its arguments. Code that does not know who
 * will read it (a service refusing deep inside a transaction, a task's progress written for later)
 * keeps one of these, and whoever knows the reader's locale renders it.
 */
import type { Locale } from './locales.ts';
import { t, type MessageArgs } from './translator.ts';

export interface Text {
  readonly id: string;
  readonly args?: MessageArgs;
}

export function msg(id: string, args?: MessageArgs): Text {
  return args ? { id, args } : { id };
}

/** The text in `locale`; a plain string (English not yet moved to the catalogue) is shown as it is. */
export function render(locale: Locale, text: Text | string): string {
  return typeof text === 'string' ? text : t(locale, text.id, text.args);
}

export function isText(value: unknown): value is Text {
  return typeof value === 'object' && value !== null && typeof (value as Text).id === 'string';
}
