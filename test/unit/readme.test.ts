/** The README and .env.example stay true: every variable and every npm script is documented. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES } from '../../src/config.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');
const envExample = readFileSync(resolve(ROOT, '.env.example'), 'utf8');
const scripts = Object.keys((JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);

/** The first cell of each row of the README's configuration table. */
const tableVariables = new Set([...readme.matchAll(/^\| `([A-Z][A-Z0-9_]+)` \|/gm)].map((m) => m[1]!));
/** Lines such as `NAME=` or `# NAME=` in .env.example. */
const exampleVariables = new Set([...envExample.matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]!));

describe('the documentation', () => {
  it('has a README table row and an .env.example line for every variable the configuration reads', () => {
    expect(CONFIG_VARIABLES.length).toBeGreaterThan(20);
    expect(CONFIG_VARIABLES.filter((v) => !tableVariables.has(v))).toEqual([]);
    expect(CONFIG_VARIABLES.filter((v) => !exampleVariables.has(v))).toEqual([]);
  });

  it('documents no variable the bot does not read', () => {
    // Read outside the configuration: the env file's name (main.ts) and the demo's port (demo/).
    const elsewhere = ['FRAMEBOT_ENV_FILE', 'DEMO_PORT'];
    expect([...tableVariables].filter((v) => !CONFIG_VARIABLES.includes(v) && !elsewhere.includes(v))).toEqual([]);
  });

  it('lists every npm script in the README', () => {
    const documented = (name: string) => (name === 'start' || name === 'test' ? readme.includes(`\`npm ${name}\``) : readme.includes(`npm run ${name}`));
    // pre-scripts run by themselves before their script.
    expect(scripts.filter((s) => !s.startsWith('pre') && !documented(s))).toEqual([]);
  });
});
