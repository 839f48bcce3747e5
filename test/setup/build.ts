/**
 * Compiles dist/ once before any test runs, when it is missing or older than a source: the tests
 * that start the bot through `npm start` or `npm run doctor` then never compile inside their own
 * time limit, and never two at once into the same folder.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export default function setup(): void {
  const root = resolve(import.meta.dirname, '../..');
  execFileSync(process.execPath, ['scripts/build-if-stale.mjs'], { cwd: root, stdio: 'inherit', timeout: 300_000 });
}
