/**
 * Turns a message id and its arguments into text in a locale. A message a locale lacks falls back
 * to English; one English lacks is a programming error: thrown where it can be fixed (development
 * and tests), reported and replaced by a generic English sentence in production, so a user never
 * sees a raw key. Numbers and dates passed as arguments are formatted by Fluent through Intl in
 * the locale (`{ $n }`, `{ NUMBER($n) }`, `{ DATETIME($at) }`), and plurals follow CLDR's rules.
 */
import type { FluentBundle, FluentVariable } from '@fluent/bundle';
import { loadCatalogue, type Catalogue } from './catalogue.ts';
import { SOURCE_LOCALE, type Locale } from './locales.ts';

export type MessageArgs = Record<string, FluentVariable>;

/** What a user sees for a message nobody wrote (production only; tests throw instead). */
export const MISSING_TEXT = 'Sorry, something went wrong on our side.';

export interface TranslatorProblem {
  locale: Locale;
  id: string;
  attribute?: string;
  problem: string;
}

export interface TranslatorOptions {
  /** Throw on a missing English message or a formatting error (a variable not passed). */
  strict: boolean;
  /** Told of every problem (a missing message, a bad argument) when not strict, and of fallbacks. */
  report?(p: TranslatorProblem): void;
}

export class Translator {
  constructor(
    readonly catalogue: Catalogue,
    private readonly opts: TranslatorOptions,
  ) {}

  /** The message `id` (or its attribute) in `locale`, else in English. */
  t(locale: Locale, id: string, args?: MessageArgs, attribute?: string): string {
    const own = this.format(locale, id, args, attribute);
    if (own !== undefined) return own;
    if (locale !== SOURCE_LOCALE) {
      const english = this.format(SOURCE_LOCALE, id, args, attribute);
      if (english !== undefined) return english;
    }
    const problem = `no message "${id}${attribute ? `.${attribute}` : ''}" in the English catalogue`;
    if (this.opts.strict) throw new Error(`i18n: ${problem}`);
    this.opts.report?.({ locale, id, attribute, problem });
    return MISSING_TEXT;
  }

  /**
   * The message in `locale` only, or undefined: for optional entries whose English lives elsewhere
   * (command descriptions, written in the command specs).
   */
  find(locale: Locale, id: string, args?: MessageArgs, attribute?: string): string | undefined {
    return this.format(locale, id, args, attribute);
  }

  has(locale: Locale, id: string, attribute?: string): boolean {
    const message = this.bundle(locale).getMessage(id);
    return Boolean(message && (attribute ? message.attributes[attribute] : message.value));
  }

  private bundle(locale: Locale): FluentBundle {
    const own = this.catalogue.get(locale) ?? this.catalogue.get(SOURCE_LOCALE);
    if (!own) throw new Error(`i18n: no catalogue for ${locale}`);
    return own.bundle;
  }

  private format(locale: Locale, id: string, args: MessageArgs | undefined, attribute: string | undefined): string | undefined {
    const bundle = this.bundle(locale);
    const message = bundle.getMessage(id);
    const pattern = attribute ? message?.attributes[attribute] : message?.value;
    if (!pattern) return undefined;
    const errors: Error[] = [];
    const text = bundle.formatPattern(pattern, args ?? null, errors);
    if (errors.length) {
      const problem = `${locale} "${id}${attribute ? `.${attribute}` : ''}": ${errors.map((e) => e.message).join('; ')}`;
      if (this.opts.strict) throw new Error(`i18n: ${problem}`);
      this.opts.report?.({ locale, id, attribute, problem });
    }
    return text;
  }
}

let shared: Translator | undefined;
let reporter: TranslatorOptions['report'];

/**
 * The process's translator, read from disk at first use. Strict unless NODE_ENV is `production`
 * (the image sets it): a missing English message fails the test or the developer's run that
 * reaches it, and in production is reported (setTranslatorReport) and never shown as a key.
 */
export function translator(): Translator {
  shared ??= new Translator(loadCatalogue(), {
    strict: process.env.NODE_ENV !== 'production',
    report: (p) => reporter?.(p),
  });
  return shared;
}

/** Where the shared translator reports problems in production (the composition root passes its logger). */
export function setTranslatorReport(report: TranslatorOptions['report']): void {
  reporter = report;
}

/** Shorthand for translator().t: the text of message `id` in `locale`. */
export function t(locale: Locale, id: string, args?: MessageArgs): string {
  return translator().t(locale, id, args);
}
