import { describe, expect, it } from 'vitest';
import { LogLimit } from '../../src/log-limit.ts';
import { memoryLogger } from '../support/silent-log.ts';

describe('LogLimit', () => {
  it('writes a few lines per kind and window, then one line with how many were left out', () => {
    const { log, lines } = memoryLogger();
    let clock = 0;
    const limit = new LogLimit(log, { perWindow: 3, windowMs: 60_000, now: () => clock });
    for (let i = 0; i < 10; i++) limit.write('forged', 'warn', { i }, 'forged webhook');
    limit.write('other', 'warn', {}, 'another kind');
    const parsed = () => lines.map((l) => JSON.parse(l) as { msg: string; i?: number; suppressed?: number; kind: string });
    expect(parsed().map((l) => l.i ?? l.kind)).toEqual([0, 1, 2, 'other']);
    // The next window starts with the count of the last one.
    clock = 60_000;
    limit.write('forged', 'warn', { i: 10 }, 'forged webhook');
    expect(parsed().slice(4)).toMatchObject([{ kind: 'forged', suppressed: 7, msg: 'forged webhook (7 more like this not logged)' }, { i: 10 }]);
    limit.flush();
    expect(lines).toHaveLength(6);
  });
});
