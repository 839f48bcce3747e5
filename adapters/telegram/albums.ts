/**
 * Telegram sends an album (a media group) as one update per photo, all with the same
 * `media_group_id` and in no promised order, with the caption on one of them at most. The parts
 * are gathered here per (chat, sender, media group) until the album has been quiet for a moment,
 * then handled as one: one command, one reply.
 */
import type { Message } from 'grammy/types';

export interface AlbumBufferOptions {
  /** How long after the last part an album is taken as complete. */
  quietMs: number;
  /** An album is handled at once when it reaches this many parts. */
  maxParts: number;
  /** Albums gathered at once at most; past it, the oldest is handled early (memory stays bounded). */
  maxOpen: number;
  /** Handles a complete album, its parts in message order. */
  onAlbum(parts: Message[]): Promise<void>;
  onError(err: unknown): void;
}

interface OpenAlbum {
  parts: Message[];
  timer?: NodeJS.Timeout;
  done: Promise<void>;
  settle(): void;
}

/** Telegram's own albums hold up to 10 items; 30 (a whole photo set) leaves room for clients that send more. */
export const ALBUM_DEFAULTS = { quietMs: 800, maxParts: 30, maxOpen: 100 } as const;

export function albumKey(message: Message): string | undefined {
  if (!message.media_group_id) return undefined;
  const sender = message.from?.id ?? message.sender_chat?.id ?? 0;
  return `${message.chat.id}:${sender}:${message.media_group_id}`;
}

export class AlbumBuffer {
  private readonly open = new Map<string, OpenAlbum>();

  constructor(private readonly o: AlbumBufferOptions) {}

  /** Albums still being gathered. */
  get size(): number {
    return this.open.size;
  }

  /**
   * Adds one part; resolves once its album has been handled, so the update stays "in flight"
   * (a shutdown waits for it) until then.
   */
  add(message: Message): Promise<void> {
    const key = albumKey(message);
    if (!key) return this.o.onAlbum([message]);
    let album = this.open.get(key);
    if (!album) {
      if (this.open.size >= this.o.maxOpen) this.flush(this.open.keys().next().value!);
      let settle!: () => void;
      const done = new Promise<void>((resolve) => {
        settle = resolve;
      });
      album = { parts: [], done, settle };
      this.open.set(key, album);
    }
    // An update seen twice (a redelivery after a restart) is one part, not two.
    if (!album.parts.some((p) => p.message_id === message.message_id)) album.parts.push(message);
    if (album.timer) clearTimeout(album.timer);
    album.timer = undefined;
    const done = album.done;
    if (album.parts.length >= this.o.maxParts) this.flush(key);
    else album.timer = setTimeout(() => this.flush(key), this.o.quietMs);
    return done;
  }

  /** Handles every album gathered so far without waiting (on shutdown). */
  flushAll(): void {
    for (const key of [...this.open.keys()]) this.flush(key);
  }

  private flush(key: string): void {
    const album = this.open.get(key);
    if (!album) return;
    this.open.delete(key);
    if (album.timer) clearTimeout(album.timer);
    const parts = album.parts.sort((a, b) => a.message_id - b.message_id);
    let handled: Promise<void>;
    try {
      handled = this.o.onAlbum(parts);
    } catch (err) {
      handled = Promise.reject(err);
    }
    handled.catch((err: unknown) => this.o.onError(err)).finally(album.settle);
  }
}
