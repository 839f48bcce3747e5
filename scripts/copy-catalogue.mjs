// Part of the build (`npm run build`, and scripts/build-if-stale.mjs before `npm start`): tsc emits
// JavaScript only, so the translations (src/i18n/locales/<locale>/*.ftl) are copied beside the
// emitted catalogue module (dist/src/i18n/), where it reads them from; dist/ is all the image ships.
// Plain JavaScript, because it runs with the build.
import { cpSync, existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const CATALOGUE_SOURCE = 'src/i18n/locales';
export const CATALOGUE_BUILT = 'dist/src/i18n/locales';

/** Replaces the built catalogue with the source one (a locale or file removed goes too). */
export function copyCatalogue(root) {
  const from = join(root, CATALOGUE_SOURCE);
  const to = join(root, CATALOGUE_BUILT);
  if (!existsSync(from)) throw new Error(`${CATALOGUE_SOURCE} is missing: the translations cannot be built`);
  rmSync(to, { recursive: true, force: true });
  cpSync(from, to, { recursive: true, filter: (path) => !path.includes('/.') });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  copyCatalogue(resolve(import.meta.dirname, '..'));
}
