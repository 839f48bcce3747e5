/**
 * What a locale's catalogue lacks against English: each message id and attribute, and each
 * message whose variables differ (a `{ $count }` lost or invented in translation). Used by the
 * completeness test, whose failure names every gap.
 */
import type { Catalogue } from '../../src/i18n/catalogue.ts';
import { LOCALES, SOURCE_LOCALE, type Locale } from '../../src/i18n/locales.ts';

/** Every `$variable` a pattern (Fluent's runtime AST: strings, arrays, expressions) uses. */
export function variablesOf(pattern: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(pattern)) for (const part of pattern) variablesOf(part, out);
  else if (pattern && typeof pattern === 'object') {
    const node = pattern as Record<string, unknown>;
    if (node.type === 'var' && typeof node.name === 'string') out.add(node.name);
    for (const value of Object.values(node)) if (value && typeof value === 'object') variablesOf(value, out);
  }
  return out;
}

interface Shape {
  /** `id` for a value, `id.attribute` for an attribute, each with its variables. */
  parts: Map<string, Set<string>>;
}

function shapeOf(catalogue: Catalogue, locale: Locale): Shape {
  const parts = new Map<string, Set<string>>();
  for (const entry of catalogue.get(locale)?.entries ?? []) {
    if (entry.id.startsWith('-')) continue; // a term is the locale's own business
    if (entry.value !== null) parts.set(entry.id, variablesOf(entry.value));
    for (const [name, pattern] of Object.entries(entry.attributes)) parts.set(`${entry.id}.${name}`, variablesOf(pattern));
  }
  return { parts };
}

const list = (s: Set<string>) => [...s].sort().map((v) => `$${v}`).join(', ') || 'none';

/** The gaps, one line each (`es: missing settings-title`, `ru: credits-amount uses $n, English $count`). */
export function catalogueGaps(catalogue: Catalogue): string[] {
  const english = shapeOf(catalogue, SOURCE_LOCALE);
  const gaps: string[] = [];
  for (const locale of LOCALES.filter((l) => l !== SOURCE_LOCALE)) {
    const own = shapeOf(catalogue, locale);
    for (const [part, vars] of english.parts) {
      const theirs = own.parts.get(part);
      if (!theirs) gaps.push(`${locale}: missing ${part}`);
      else if (list(theirs) !== list(vars)) gaps.push(`${locale}: ${part} uses ${list(theirs)}, English ${list(vars)}`);
    }
  }
  return gaps;
}
