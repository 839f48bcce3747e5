import { msg } from '../i18n/index.ts';
import { UserError } from './errors.ts';

/**
 * The list used when BANNED_WORDS_FILE is unset: short on purpose, the explicit terms the image
 * services refuse anyway, so the refusal comes before any credit moves. README lists it; an
 * operator who wants more (or fewer) copies it into a file of their own.
 */
export const DEFAULT_BANNED_WORDS: readonly string[] = [
  'porn',
  'porno',
  'pornographic',
  'pornography',
  'hentai',
  'nsfw',
  'nude',
  'nudes',
  'naked',
  'genitals',
  'child porn',
];

/** A banned-words file: one word or phrase per line; blank lines and `#` comments are skipped. */
export function parseBannedWords(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter(Boolean);
}

// Unicode word boundaries (UAX #29, with dictionaries for scripts written without spaces).
const segmenter = new Intl.Segmenter(undefined, { granularity: 'word' });

/** The words of a text, compared case- and width-insensitively (NFKC, lower case). */
function wordsOf(text: string): string[] {
  const out: string[] = [];
  for (const s of segmenter.segment(text.normalize('NFKC').toLowerCase())) if (s.isWordLike) out.push(s.segment);
  return out;
}

/**
 * Whole-word matching of banned words and phrases: a prompt matches when its words contain a
 * listed phrase's words in a row, whatever spaces or punctuation stand between them. Never a
 * substring: "grass" and "apple" pass a list with "ass" (midjourney-proxy blocked both).
 */
export class BannedWords {
  /** Each phrase's words, indexed by its first word. */
  private readonly byFirst = new Map<string, Array<{ shown: string; words: string[] }>>();

  constructor(phrases: readonly string[]) {
    for (const shown of phrases) {
      const words = wordsOf(shown);
      if (words.length === 0) continue;
      const list = this.byFirst.get(words[0]!) ?? [];
      list.push({ shown: shown.trim(), words });
      this.byFirst.set(words[0]!, list);
    }
  }

  get size(): number {
    let n = 0;
    for (const list of this.byFirst.values()) n += list.length;
    return n;
  }

  /** The first listed word or phrase the text contains, as listed; undefined when none. */
  find(text: string): string | undefined {
    if (this.byFirst.size === 0) return undefined;
    const words = wordsOf(text);
    for (let i = 0; i < words.length; i++) {
      for (const phrase of this.byFirst.get(words[i]!) ?? []) {
        if (phrase.words.every((w, j) => words[i + j] === w)) return phrase.shown;
      }
    }
    return undefined;
  }

  /**
   * Refuses a /settings suffix that holds a listed word when it is about to be added to a prompt:
   * one saved before the word was listed (or before the file changed) is checked again at use.
   */
  checkSuffix(suffix: string): void {
    const found = this.find(suffix);
    if (found !== undefined) {
      throw new UserError('banned_word', msg('error-banned-word-suffix', { word: found }), { word: found });
    }
  }

  /** Refuses, naming the word, when any of the texts (what a user typed for an image service) contains one. */
  check(texts: ReadonlyArray<string | undefined>): void {
    for (const text of texts) {
      const found = text === undefined ? undefined : this.find(text);
      if (found !== undefined) {
        throw new UserError('banned_word', msg('error-banned-word', { word: found }), { word: found });
      }
    }
  }
}
