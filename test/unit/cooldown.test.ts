// The courtesy-message limiter: once per key per period, on an injected clock, and bounded.
import { describe, expect, it } from 'vitest';
import { Cooldown } from '../../adapters/shared/cooldown.ts';

describe('Cooldown', () => {
  it('lets a key through once per period, each key on its own', () => {
    let now = 0;
    const c = new Cooldown(1_000, 100, () => now);
    expect(c.take('a')).toBe(true);
    expect(c.take('a')).toBe(false);
    expect(c.take('b')).toBe(true);
    now = 999;
    expect(c.take('a')).toBe(false);
    now = 1_000;
    expect(c.take('a')).toBe(true);
  });

  it('forgets the key used longest ago when full', () => {
    const now = 0;
    const c = new Cooldown(1_000, 2, () => now);
    c.take('a');
    c.take('b');
    c.take('c');
    // 'a' was forgotten, so it is let through again; 'c' is still remembered.
    expect(c.take('a')).toBe(true);
    expect(c.take('c')).toBe(false);
  });
});
