/**
 * A catalogue message as the argument of another (`{ $shown }` in "a and b"), rendered in the
 * language the outer message is being rendered in: a UserError's text is rendered only once the
 * reader is known, so a part of it cannot be rendered earlier.
 */
import { FluentType, type Scope } from '@fluent/bundle';
import { SOURCE_LOCALE, t, toLocale, type Text } from '../../src/i18n/index.ts';

class NestedText extends FluentType<Text> {
  toString(scope: Scope): string {
    return t(toLocale(scope.bundle.locales[0]) ?? SOURCE_LOCALE, this.value.id, this.value.args);
  }
}

/** `text` as a message argument; a plain string (a user's value) passes as it is. */
export function nested(text: Text | string): FluentType<Text> | string {
  return typeof text === 'string' ? text : new NestedText(text);
}
