// The progress edits' coalescer (adapters/shared/coalescer.ts): it keeps the platform's pace per
// message, and forgets a message once that pace no longer matters (issue 14, part 4).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EditCoalescer } from '../../adapters/shared/coalescer.ts';

const INTERVAL_MS = 1_000;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the edit coalescer', () => {
  it('forgets a message edited once and never cancelled after its interval, keeping the pace until then', async () => {
    const edits = new EditCoalescer(INTERVAL_MS, () => undefined);
    const shown: string[] = [];
    const edit = (text: string) => async () => {
      shown.push(text);
    };
    edits.schedule('chat:1', edit('10%'));
    await vi.advanceTimersByTimeAsync(0);
    expect(shown).toEqual(['10%']);
    // Within the interval a new edit still waits its turn: the slot is kept while it matters.
    await vi.advanceTimersByTimeAsync(INTERVAL_MS / 2);
    edits.schedule('chat:1', edit('20%'));
    await vi.advanceTimersByTimeAsync(INTERVAL_MS / 2 - 1);
    expect(shown).toEqual(['10%']);
    await vi.advanceTimersByTimeAsync(1);
    expect(shown).toEqual(['10%', '20%']);
    expect(edits.size).toBe(1);
    // Its final edit was made elsewhere (another instance delivered the result): nothing cancels it here.
    await vi.advanceTimersByTimeAsync(INTERVAL_MS);
    expect(edits.size).toBe(0);
  });

  it('forgets a thousand messages of finished jobs, whichever way they ended', async () => {
    const edits = new EditCoalescer(INTERVAL_MS, () => undefined);
    for (let i = 0; i < 1_000; i++) edits.schedule(`chat:${i}`, async () => undefined);
    await vi.advanceTimersByTimeAsync(0);
    // Half end with a result delivered here (cancel), half elsewhere.
    for (let i = 0; i < 500; i++) await edits.cancel(`chat:${i}`);
    expect(edits.size).toBe(500);
    await vi.advanceTimersByTimeAsync(INTERVAL_MS);
    expect(edits.size).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
