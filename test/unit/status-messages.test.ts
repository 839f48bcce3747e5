// Running status messages on a fake clock: one message per key, edits folded to the chat's pace
// with the newest text, a new message when the old one is far up or gone.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StatusMessages, type StatusIo } from '../../adapters/shared/status-messages.ts';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

function chat() {
  const calls: string[] = [];
  const gone = new Set<number>();
  let next = 100;
  const io: StatusIo<number> = {
    send: async (text) => {
      calls.push(`send ${text}`);
      return next++;
    },
    edit: async (id, text) => {
      if (gone.has(id)) return false;
      calls.push(`edit ${id} ${text}`);
      return true;
    },
  };
  const board = new StatusMessages<number>({ farAfter: 20, intervalMs: () => 5_000, onError: (err) => calls.push(`error ${String(err)}`) });
  return { board, io, calls, gone };
}

describe('StatusMessages', () => {
  it('posts once, then folds a burst of updates into one edit showing the newest', async () => {
    const { board, io, calls } = chat();
    for (let n = 1; n <= 10; n++) await board.show('set', `${n} photos`, n, io);
    expect(calls).toEqual(['send 1 photos']);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(calls).toEqual(['send 1 photos', 'edit 100 10 photos']);
    // The next edit keeps the pace.
    await board.show('set', '11 photos', 11, io);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.at(-1)).toBe('edit 100 11 photos');
  });

  it('posts a new message when the last is far up, and drops the edit still waiting for it', async () => {
    const { board, io, calls } = chat();
    await board.show('set', 'one', 1, io);
    await board.show('set', 'two', 5, io);
    await board.show('set', 'three', 30, io);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(calls).toEqual(['send one', 'send three']);
  });

  it('posts again when the message is gone, and keeps keys apart', async () => {
    const { board, io, calls, gone } = chat();
    await board.show('a', 'a1', 1, io);
    await board.show('b', 'b1', 2, io);
    gone.add(100);
    await board.show('a', 'a2', 3, io);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(calls).toEqual(['send a1', 'send b1', 'send a2']);
    await board.show('a', 'a3', 4, io);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(calls.at(-1)).toBe('edit 102 a3');
  });

  it('edits a message it adopted (a command reply) instead of posting', async () => {
    const { board, io, calls } = chat();
    await board.adopt('set', 42, 'three', 1, io);
    await board.show('set', 'four', 2, io);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(calls).toEqual(['edit 42 four']);
  });

  it('with mayPost false only edits a message already there, never posts one; the same text again is no edit', async () => {
    const { board, io, calls } = chat();
    await board.show('line', 'two waiting', undefined, io, { mayPost: false });
    await board.show('line', 'two waiting', 50, io, { mayPost: false });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(calls).toEqual([]);
    await board.show('line', 'two waiting', 50, io);
    await board.show('line', 'two waiting', 51, io);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(calls).toEqual(['send two waiting']);
    // Far below, but not allowed to post: the old message is edited.
    await board.show('line', 'one waiting', 500, io, { mayPost: false });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(calls).toEqual(['send two waiting', 'edit 100 one waiting']);
  });

  it('with olderIsNear, an update from above the message (a press on an older one) edits it rather than posting below', async () => {
    const { board, io, calls } = chat();
    await board.show('line', 'one', 40, io);
    await board.show('line', 'two', 10, io, { olderIsNear: true });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(calls).toEqual(['send one', 'edit 100 two']);
  });
});
