/**
 * The albums the bot saw lately, per chat, so a command sent as a reply to one photo of an album
 * can take the whole album: Telegram's `reply_to_message` carries only the photo replied to.
 *
 * Only what Telegram delivered can be here: in a group with privacy mode on (the bot not an admin)
 * plain photos never reach the bot, so their albums are unknown. Kept in memory, bounded in count
 * and age: forgetting an album costs the user a resend (the command then says so), and the files
 * are Telegram's to keep, not ours.
 */
import type { Message } from 'grammy/types';

/** What a command needs of an album part: its place and its file. */
export type AlbumPart = Pick<Message, 'message_id' | 'photo' | 'document'>;

export const RECENT_ALBUM_DEFAULTS = { maxAlbums: 1000, maxAgeMs: 24 * 60 * 60_000 } as const;

interface Seen {
  parts: AlbumPart[];
  at: number;
}

export class RecentAlbums {
  /** In the order they were last seen: the first is forgotten first. */
  private readonly albums = new Map<string, Seen>();

  constructor(private readonly o: { maxAlbums: number; maxAgeMs: number; now?: () => number } = RECENT_ALBUM_DEFAULTS) {}

  /** Records the parts of one album (more parts of an album seen earlier join it). */
  remember(parts: readonly Message[]): void {
    const first = parts[0];
    if (!first?.media_group_id) return;
    const key = keyOf(first.chat.id, first.media_group_id);
    const known = this.albums.get(key)?.parts ?? [];
    const merged = new Map<number, AlbumPart>(known.map((p) => [p.message_id, p]));
    for (const p of parts) merged.set(p.message_id, { message_id: p.message_id, photo: p.photo, document: p.document });
    this.albums.delete(key);
    this.albums.set(key, { parts: [...merged.values()].sort((a, b) => a.message_id - b.message_id), at: this.now() });
    while (this.albums.size > this.o.maxAlbums) this.albums.delete(this.albums.keys().next().value!);
  }

  /** Every part seen of the album `message` belongs to, in message order; undefined when none was seen (lately). */
  albumOf(message: Pick<Message, 'chat' | 'media_group_id'>): AlbumPart[] | undefined {
    if (!message.media_group_id) return undefined;
    const key = keyOf(message.chat.id, message.media_group_id);
    const seen = this.albums.get(key);
    if (!seen) return undefined;
    if (this.now() - seen.at > this.o.maxAgeMs) {
      this.albums.delete(key);
      return undefined;
    }
    return seen.parts;
  }

  get size(): number {
    return this.albums.size;
  }

  private now(): number {
    return (this.o.now ?? Date.now)();
  }
}

function keyOf(chatId: number, mediaGroupId: string): string {
  return `${chatId}:${mediaGroupId}`;
}
