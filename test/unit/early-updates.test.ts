// Updates for a task id the store does not know yet (the submit's answer not recorded, or recorded
// by another instance): held and tried again, never dropped at once.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EarlyUpdates } from '../../src/core/early-updates.ts';
import type { ProviderTaskView } from '../../src/providers/types.ts';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
});

const view = (id: string, state: ProviderTaskView['state'] = 'finished'): ProviderTaskView => ({ providerTaskId: id, state });

describe('EarlyUpdates', () => {
  it('applies a held update as soon as its id is recorded here', async () => {
    const applied: string[] = [];
    const early = new EarlyUpdates(async (_p, v) => (applied.push(`${v.providerTaskId}:${v.state}`), true), () => undefined);
    early.hold('apiframe', view('t1', 'running'));
    early.hold('apiframe', view('t1'));
    await early.recorded('apiframe', ['t1', 't2']);
    expect(applied).toEqual(['t1:finished']);
    expect(early.size).toBe(0);
  });

  it('tries again while another instance records the id, then applies the newest view once', async () => {
    let known = false;
    const applied: string[] = [];
    const early = new EarlyUpdates(async (_p, v) => {
      if (!known) return false;
      applied.push(v.state);
      return true;
    }, () => undefined);
    early.hold('apiframe', view('t1', 'running'));
    await vi.advanceTimersByTimeAsync(500);
    expect(applied).toEqual([]);
    early.hold('apiframe', view('t1', 'finished'));
    known = true;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(applied).toEqual(['finished']);
    expect(early.size).toBe(0);
  });

  it('gives an id nobody records up to polling after about half a minute, and holds at most a bounded number', async () => {
    const given: string[] = [];
    let tries = 0;
    const early = new EarlyUpdates(async () => (tries++, false), (_p, v) => given.push(v.providerTaskId));
    early.hold('apiframe', view('ghost'));
    await vi.advanceTimersByTimeAsync(40_000);
    expect(given).toEqual(['ghost']);
    expect(tries).toBe(6);
    expect(early.size).toBe(0);
    for (let i = 0; i < 1_001; i++) early.hold('apiframe', view(`g${i}`));
    expect(early.size).toBe(1_000);
    expect(given).toEqual(['ghost', 'g0']);
    early.clear();
    expect(early.size).toBe(0);
  });
});
