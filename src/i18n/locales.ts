/**
 * The languages framebot speaks, and how a platform's locale becomes one of them. English is the
 * source: every message exists in it, and the others fall back to it message by message.
 */
import { negotiateLanguages } from '@fluent/langneg';

export const LOCALES = ['en', 'es', 'pt-BR', 'ru', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];
export const SOURCE_LOCALE: Locale = 'en';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** One of ours exactly as written (a stored choice), or undefined. */
export function toLocale(value: unknown): Locale | undefined {
  return isLocale(value) ? value : undefined;
}

/**
 * Each language by its own name (an endonym), as a language menu shows it: a reader finds their
 * language whatever language the menu is in, so these are the same in every locale.
 */
export const LANGUAGE_NAMES: Readonly<Record<Locale, string>> = {
  en: 'English',
  es: 'Español',
  'pt-BR': 'Português (Brasil)',
  ru: 'Русский',
  'zh-CN': '简体中文',
};

/**
 * A platform's tag cleaned before negotiation: Telegram writes `pt-br` and `zh-hans`, Discord
 * `es-419` (Latin American Spanish, a numeric UN M.49 region langneg does not read, so the region
 * goes). Traditional Chinese (`zh-TW`, `zh-HK`, `zh-MO`, `zh-Hant`) is dropped: langneg would hand
 * it Simplified Chinese, another script many of its readers do not read comfortably; English is
 * the honest fallback until a zh-TW catalogue exists.
 */
function cleanTag(tag: string | undefined): string | undefined {
  const parts = tag?.trim().replace(/_/g, '-').split('-').filter(Boolean) ?? [];
  if (!parts.length || !/^[a-z]{2,3}$/i.test(parts[0]!)) return undefined;
  const lower = parts.map((p) => p.toLowerCase());
  if (lower[0] === 'zh' && lower.slice(1).some((p) => p === 'hant' || p === 'tw' || p === 'hk' || p === 'mo')) return undefined;
  return parts.filter((p, i) => i === 0 || !/^\d{3}$/.test(p)).join('-');
}

/** The best of ours for one tag, or undefined when none fits (`de`, `zh-TW`). */
export function matchLocale(tag: string | undefined): Locale | undefined {
  const clean = cleanTag(tag);
  if (!clean) return undefined;
  const [best] = negotiateLanguages([clean], LOCALES, { strategy: 'filtering' });
  return toLocale(best);
}

/**
 * The first of `requested` (most wanted first; undefined skipped) that one of ours fits, else
 * English: `['de', 'es-419']` is Spanish, `[undefined, 'zh-TW']` English.
 */
export function negotiateLocale(requested: readonly (string | undefined)[]): Locale {
  for (const tag of requested) {
    const match = matchLocale(tag);
    if (match) return match;
  }
  return SOURCE_LOCALE;
}

/** What decides a user's language, most important first (README, "Languages"). */
export interface LocaleSources {
  /** The user's own choice in /settings (undefined: automatic). */
  userChoice?: string;
  /** What the platform says the user's app is in: Telegram's from.language_code, Discord's interaction.locale. */
  platformLocale?: string;
  /** The group's choice, set by one of its admins in /settings. */
  groupChoice?: string;
  /** Discord's guild_locale: the server's community language. */
  guildLocale?: string;
}

/** User's choice → the platform's locale → the group's choice → the server's locale → English. */
export function pickLocale(s: LocaleSources): Locale {
  return toLocale(s.userChoice) ?? negotiateLocale([s.platformLocale, s.groupChoice, s.guildLocale]);
}
