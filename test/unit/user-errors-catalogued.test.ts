// Issue 13: a refusal is told in the reader's language, so no UserError may carry English written
// in code: its text is a catalogue message (msg(id, args)), rendered where the reader is known.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const ENGLISH_TEXT = /new UserError\(\s*[^,()]+,\s*['"`]/g;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

describe('user errors', () => {
  it('carry a catalogue message, never English written in the code', () => {
    const written = ['src', 'commands', 'adapters'].flatMap((dir) =>
      sources(join(ROOT, dir)).flatMap((file) => {
        const text = readFileSync(file, 'utf8');
        return [...text.matchAll(ENGLISH_TEXT)].map((m) => `${relative(ROOT, file)}:${text.slice(0, m.index).split('\n').length}`);
      }),
    );
    expect(written).toEqual([]);
  });

  it('are caught by this check when they do', () => {
    expect("throw new UserError('x', 'Nope.');".match(ENGLISH_TEXT)).toHaveLength(1);
    expect('throw new UserError(code, `Nope ${n}`);'.match(ENGLISH_TEXT)).toHaveLength(1);
    expect("throw new UserError('x', msg('error-x'));".match(ENGLISH_TEXT)).toBeNull();
  });
});
