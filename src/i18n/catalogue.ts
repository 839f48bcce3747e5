/**
 * The catalogue: Fluent files, one folder per locale (src/i18n/locales/<locale>/*.ftl). They are
 * read from beside this module, so the same code finds them under src/ (tsx, tests) and under
 * dist/src/ (the build copies them there: scripts/copy-catalogue.mjs), including in the image.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FluentBundle, FluentResource } from '@fluent/bundle';
import { LOCALES, type Locale } from './locales.ts';

export const CATALOGUE_DIR = fileURLToPath(new URL('./locales/', import.meta.url));

/** One locale's messages: the bundle that formats them, and the entries as parsed (for checks). */
export interface LocaleCatalogue {
  bundle: FluentBundle;
  entries: FluentResource['body'];
  /** The files it was read from, relative to the catalogue folder, for messages naming them. */
  files: readonly string[];
}

export type Catalogue = ReadonlyMap<Locale, LocaleCatalogue>;

/**
 * Builds each locale's bundle from its folder. `useIsolating: false`: Fluent's bidi isolation
 * marks around every variable would reach chats as invisible characters (and break a copied
 * value); none of our languages is right-to-left. A message defined twice is a mistake Fluent only
 * reports; here it throws.
 */
export function loadCatalogue(dir: string = CATALOGUE_DIR): Catalogue {
  const out = new Map<Locale, LocaleCatalogue>();
  for (const locale of LOCALES) {
    const bundle = new FluentBundle(locale, { useIsolating: false });
    const entries: FluentResource['body'] = [];
    const files = readdirSync(join(dir, locale)).filter((f) => f.endsWith('.ftl')).sort();
    for (const file of files) {
      const resource = new FluentResource(readFileSync(join(dir, locale, file), 'utf8'));
      const errors = bundle.addResource(resource);
      if (errors.length) throw new Error(`${locale}/${file}: ${errors.map((e) => e.message).join('; ')}`);
      entries.push(...resource.body);
    }
    out.set(locale, { bundle, entries, files: files.map((f) => `${locale}/${f}`) });
  }
  return out;
}
