import { FluentType, type Scope } from '@fluent/bundle';
import { z } from 'zod';
import type { IncomingAttachment } from '../src/core/chat.ts';

/** Discord caps string options at 6000 characters; Midjourney prompts fit well inside that. */
export const PROMPT_MAX_LENGTH = 6000;

/** Plain decimal digits, optionally negative (so a range check can say "at least 18", not "not a number"). */
const DECIMAL = /^-?\d{1,15}$/;

/**
 * A whole number: Discord gives integer options as numbers, Telegram as typed text. Text must be
 * plain decimal digits: `0x10`, `1e3`, `1.0` or `Infinity` would otherwise be read by Number()
 * as something the user did not write. Chain `.pipe(z.number().min(…))` for the range.
 */
export function wholeNumber(message: string) {
  return z.union([z.number(), z.string()], { message }).transform((value, ctx) => {
    const n = typeof value === 'number' ? value : DECIMAL.test(value.trim()) ? Number(value) : Number.NaN;
    if (Number.isSafeInteger(n)) return n;
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  });
}

/** Tabs and line breaks: Midjourney reads a prompt as one line. */
const LINE_BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;
/**
 * A zero-width joiner between two parts of an emoji (👩‍💻), and the tag characters of a region's
 * flag (🏴 + tags + cancel tag): invisible format characters that are part of what the user sees.
 */
const KEPT_FORMAT = /(?<=[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F])\u200D(?=\p{Extended_Pictographic})|(?<=\u{1F3F4})[\u{E0061}-\u{E007A}]{2,6}\u{E007F}/gu;
const INVISIBLE = /[\p{Cc}\p{Cf}]/gu;

/**
 * What is left of a prompt once control characters (NUL, escapes) and invisible format characters
 * (zero-width spaces, BOM, bidi overrides, soft hyphens) are gone: they can hide text from the
 * user or make a prompt that looks empty, and must never reach the image service.
 */
export function cleanPrompt(text: string): string {
  const spaced = text.replace(LINE_BREAKS, ' ');
  let out = '';
  let at = 0;
  for (const kept of spaced.matchAll(KEPT_FORMAT)) {
    out += spaced.slice(at, kept.index).replace(INVISIBLE, '') + kept[0];
    at = kept.index + kept[0].length;
  }
  out += spaced.slice(at).replace(INVISIBLE, '');
  return out.replace(/ {2,}/g, ' ').trim();
}

/** Something a person can see: not only spaces and combining marks. */
const VISIBLE = /[^\s\p{Z}\p{M}]/u;

/** Whether a (cleaned) text holds something a person can see. */
export function isVisible(text: string): boolean {
  return VISIBLE.test(text);
}

/**
 * A prompt: required, cleaned, visible, within the limit; `hint` (a catalogue message id) shows the
 * user an example when it is missing.
 */
export function promptText(hint: string) {
  return z
    .string({ message: hint })
    .transform(cleanPrompt)
    .pipe(
      z
        .string()
        .regex(VISIBLE, hint)
        .max(PROMPT_MAX_LENGTH, 'input-prompt-too-long'),
    );
}

/**
 * Values a user typed, listed in the reader's language as one argument of a message: "16:9 and
 * 3:2" ("16:9 y 3:2"), an empty value by its word ("empty"). The words are the catalogue's
 * (input-list-and, input-list-empty), looked up in the bundle that formats the message.
 */
export class SpokenList extends FluentType<readonly string[]> {
  toString(scope: Scope): string {
    const word = (id: string) => {
      const pattern = scope.bundle.getMessage(id)?.value;
      return pattern ? scope.bundle.formatPattern(pattern) : id;
    };
    return this.value.map((v) => v || word('input-list-empty')).join(` ${word('input-list-and')} `);
  }
}

/** A file the adapter collected; what it holds is checked where it is used. */
export const attachment = z.custom<IncomingAttachment>((v) => typeof v === 'object' && v !== null && 'download' in v);
