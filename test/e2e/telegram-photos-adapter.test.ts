// The Telegram adapter's timing for AI Photos, on a fake clock: albums gathered from their parts,
// and the progress of a long job (a training) edited less often without losing its newest text.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Message } from 'grammy/types';
import { AlbumBuffer } from '../../adapters/telegram/albums.ts';
import { LONG_PROGRESS_AFTER_MS, LONG_PROGRESS_INTERVAL_MS, TelegramPort } from '../../adapters/telegram/port.ts';
import type { Messenger } from '../../adapters/telegram/messenger.ts';
import type { MessageRef } from '../../src/core/chat.ts';
import { memoryLogger } from '../support/silent-log.ts';

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});
afterEach(() => {
  vi.useRealTimers();
});

let nextId = 1;
function part(group: string, o: { chat?: number; user?: number; id?: number } = {}): Message {
  return {
    message_id: o.id ?? nextId++,
    date: 0,
    chat: { id: o.chat ?? -100, type: 'supergroup', title: 'g' },
    from: { id: o.user ?? 7, is_bot: false, first_name: 'U' },
    media_group_id: group,
    photo: [],
  } as unknown as Message;
}

function buffer(o: { maxParts?: number; maxOpen?: number } = {}) {
  const albums: number[][] = [];
  const errors: unknown[] = [];
  const b = new AlbumBuffer({
    quietMs: 800,
    maxParts: o.maxParts ?? 30,
    maxOpen: o.maxOpen ?? 100,
    onAlbum: async (parts) => {
      albums.push(parts.map((p) => p.message_id));
    },
    onError: (err) => errors.push(err),
  });
  return { b, albums, errors };
}

describe('Telegram albums', () => {
  it('handles an album once, in message order, after it has been quiet; each part waits for it', async () => {
    const { b, albums } = buffer();
    const settled: number[] = [];
    const ids = [3, 1, 2];
    for (const id of ids) void b.add(part('A', { id })).then(() => settled.push(id));
    await vi.advanceTimersByTimeAsync(799);
    expect(albums).toEqual([]);
    // A late part restarts the wait.
    void b.add(part('A', { id: 4 })).then(() => settled.push(4));
    await vi.advanceTimersByTimeAsync(799);
    expect(albums).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(albums).toEqual([[1, 2, 3, 4]]);
    expect(settled.sort()).toEqual([1, 2, 3, 4]);
    expect(b.size).toBe(0);
  });

  it('keeps albums of different senders, chats and groups apart, and counts a redelivered part once', async () => {
    const { b, albums } = buffer();
    void b.add(part('A', { id: 10, user: 1 }));
    void b.add(part('A', { id: 11, user: 2 }));
    void b.add(part('A', { id: 12, user: 1, chat: -200 }));
    void b.add(part('B', { id: 13, user: 1 }));
    void b.add(part('A', { id: 10, user: 1 }));
    await vi.advanceTimersByTimeAsync(800);
    expect(albums.sort((x, y) => x[0]! - y[0]!)).toEqual([[10], [11], [12], [13]]);
  });

  it('handles an album at once when it reaches its size, and the oldest early when too many are open', async () => {
    const { b, albums } = buffer({ maxParts: 3, maxOpen: 2 });
    for (const id of [1, 2, 3]) void b.add(part('full', { id }));
    await vi.advanceTimersByTimeAsync(0);
    expect(albums).toEqual([[1, 2, 3]]);

    void b.add(part('x', { id: 4 }));
    void b.add(part('y', { id: 5 }));
    void b.add(part('z', { id: 6 }));
    await vi.advanceTimersByTimeAsync(0);
    expect(albums).toEqual([[1, 2, 3], [4]]);
    expect(b.size).toBe(2);
    b.flushAll();
    await vi.advanceTimersByTimeAsync(0);
    expect(albums).toEqual([[1, 2, 3], [4], [5], [6]]);
    expect(b.size).toBe(0);
  });

  it('reports a failing handler and still releases the parts', async () => {
    const errors: unknown[] = [];
    const b = new AlbumBuffer({ quietMs: 800, maxParts: 30, maxOpen: 10, onAlbum: async () => Promise.reject(new Error('boom')), onError: (e) => errors.push(e) });
    const done = b.add(part('A'));
    await vi.advanceTimersByTimeAsync(800);
    await expect(done).resolves.toBeUndefined();
    expect(errors).toHaveLength(1);
  });
});

describe('Telegram progress of a long job', () => {
  function port() {
    const edits: Array<{ at: number; text: string }> = [];
    const messenger = {
      api: {},
      edit: async (_chat: number, _id: number, text: string) => {
        edits.push({ at: Date.now(), text });
        return true;
      },
    } as unknown as Messenger;
    return { port: new TelegramPort(messenger, memoryLogger([], 'silent').log), edits };
  }
  const ref: MessageRef = { platform: 'telegram', chatId: '-100123', messageId: '42' };

  it('edits a training every few seconds at first, then at most every 30 s in a group, ending on its newest text', async () => {
    const { port: p, edits } = port();
    const start = Date.now();
    let pct = 0;
    // A progress update every 10 s for 5 minutes.
    for (let t = 0; t <= 5 * 60_000; t += 10_000) {
      await p.updateProgress(ref, `${++pct}%`);
      await vi.advanceTimersByTimeAsync(10_000);
    }
    const early = edits.filter((e) => e.at - start < LONG_PROGRESS_AFTER_MS);
    const late = edits.filter((e) => e.at - start >= LONG_PROGRESS_AFTER_MS);
    expect(early.length).toBeGreaterThanOrEqual(10);
    for (let i = 1; i < late.length; i++) expect(late[i]!.at - late[i - 1]!.at).toBeGreaterThanOrEqual(LONG_PROGRESS_INTERVAL_MS.group);
    expect(late.length).toBeLessThanOrEqual(Math.ceil((3 * 60_000) / LONG_PROGRESS_INTERVAL_MS.group) + 1);
    // The newest text is shown once its turn comes, not dropped.
    await vi.advanceTimersByTimeAsync(LONG_PROGRESS_INTERVAL_MS.group);
    expect(edits.at(-1)!.text).toBe(`${pct}%`);
  });

  it('forgets waiting progress once the result replaces the message', async () => {
    const { port: p, edits } = port();
    await p.updateProgress(ref, 'first');
    await vi.advanceTimersByTimeAsync(LONG_PROGRESS_AFTER_MS + 1);
    await p.updateProgress(ref, 'late 1');
    await vi.advanceTimersByTimeAsync(1);
    await p.updateProgress(ref, 'late 2');
    const before = edits.length;
    await p.cancelProgress(ref);
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(edits.length).toBe(before);
    expect(edits.map((e) => e.text)).not.toContain('late 2');
  });
});
