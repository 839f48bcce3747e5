// Runs before `npm start` (prestart): compiles dist/ when it is missing or older than any source,
// so a fresh clone starts right after `npm install`, and an edited tree never runs stale JavaScript.
// Plain JavaScript, because it must run before anything is compiled.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { CATALOGUE_BUILT, copyCatalogue } from './copy-catalogue.mjs';

const root = resolve(import.meta.dirname, '..');
/** tsc rewrites every output on each build, so the entry point's age is the build's age. */
const entry = join(root, 'dist/src/main.js');
/** The other entry points (`npm run register`, `backup`, `migrate-to-postgres`): a build from before one existed lacks it. */
const others = ['dist/src/register.js', 'dist/src/backup.js', 'dist/src/migrate-to-postgres.js'];
const INPUTS = ['src', 'commands', 'adapters', 'tsconfig.json', 'tsconfig.build.json'];

/** The newest modification time under a path; a folder's own time covers files deleted or renamed in it. */
function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs);
}

function staleness() {
  if (!existsSync(entry)) return 'dist/ has not been built';
  const missing = others.find((name) => !existsSync(join(root, name)));
  if (missing) return `${missing} is missing`;
  if (!existsSync(join(root, CATALOGUE_BUILT))) return `${CATALOGUE_BUILT} (the translations) is missing`;
  const built = statSync(entry).mtimeMs;
  const changed = INPUTS.find((name) => existsSync(join(root, name)) && newest(join(root, name)) > built);
  return changed ? `${changed} changed since the last build` : undefined;
}

const why = staleness();
if (why) {
  let tsc;
  try {
    tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch {
    console.error(`framebot: ${why}, and TypeScript is not installed to build it: run \`npm install\` (with dev dependencies), or \`npm run build\` where it is.`);
    process.exit(1);
  }
  console.error(`framebot: compiling TypeScript into dist/ (${why})…`);
  const run = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  if (run.status !== 0) {
    console.error('framebot: the build failed (see above); nothing was started.');
    process.exit(1);
  }
  // The translations, which tsc does not emit (as `npm run build` does).
  copyCatalogue(root);
}
