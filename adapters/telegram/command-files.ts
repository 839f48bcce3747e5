/**
 * The files a Telegram command brings, and how they fill the command's attachment options.
 *
 * A command takes the files of the message it replies to — the whole album when the bot saw it —
 * and then its own: the photo or file it is the caption of, or every part of the album whose caption
 * it is. So `/blend` can be an album's caption or a reply to one photo of an album, and a photo
 * captioned `/faceswap` sent as a reply to another gives the two in that order (replied-to first).
 */
import type { Message } from 'grammy/types';
import type { IncomingAttachment } from '../../src/core/chat.ts';
import type { AttachmentOption, CommandSpec, RawOptions } from '../../src/core/command.ts';
import { hasFile, messageAttachments, type FileSource } from './attachments.ts';
import type { AlbumPart, RecentAlbums } from './recent-albums.ts';
import { SOURCE_LOCALE, t, type Locale } from '../../src/i18n/index.ts';

export interface CommandFiles {
  files: IncomingAttachment[];
  /** Part of an album the files come from was never seen (or is forgotten): the user may have sent more. */
  incomplete: boolean;
}

/** `parts`: the command message alone, or every part of the album whose caption is the command. */
export function commandFiles(source: FileSource, message: Message, parts: readonly Message[], albums: RecentAlbums): CommandFiles {
  const sources: AlbumPart[] = [];
  let incomplete = false;
  const replied = message.reply_to_message;
  if (replied && hasFile(replied)) {
    const album = albums.albumOf(replied);
    if (album) sources.push(...album);
    // Telegram albums have two parts at least: one alone means the others never reached the bot.
    // A command that brings its own photo means that photo and the one it answers, not the album.
    incomplete = Boolean(replied.media_group_id) && (album?.length ?? 1) < 2 && !parts.some(hasFile);
    if (!album?.some((p) => p.message_id === replied.message_id)) sources.push(replied);
  }
  if (message.media_group_id && parts.length < 2) incomplete = true;
  for (const part of parts) if (!sources.some((p) => p.message_id === part.message_id)) sources.push(part);
  return { files: sources.flatMap((p) => messageAttachments(source, p)), incomplete };
}

const attachmentOptions = (spec: Pick<CommandSpec, 'options'>): AttachmentOption[] =>
  spec.options.filter((o): o is AttachmentOption => o.type === 'attachment');

/** How many files the command takes at most (the slots Discord offers). */
export function filesTaken(spec: Pick<CommandSpec, 'options'>): number {
  return attachmentOptions(spec).reduce((n, o) => n + Math.max(1, o.max ?? 1), 0);
}

/**
 * Whether to stop and explain instead of running: part of an album never arrived, and the command
 * would have taken more files than it got. A /blend of a subset of what the user sent would be a
 * surprise they pay for; an /imagine or a /faceswap that got all it can use just runs.
 */
export function explainIncomplete(spec: Pick<CommandSpec, 'options'>, brought: CommandFiles): boolean {
  return brought.incomplete && brought.files.length < filesTaken(spec);
}

/**
 * Fills the attachment options in order: each takes up to its `max` files (one by default) and the
 * last all that remain, so the command's own schema refuses too many in its own words.
 */
export function fillAttachmentOptions(spec: Pick<CommandSpec, 'options'>, raw: RawOptions, files: readonly IncomingAttachment[]): void {
  const slots = attachmentOptions(spec);
  let rest = [...files];
  slots.forEach((slot, i) => {
    const taken = i === slots.length - 1 ? rest : rest.slice(0, slot.max ?? 1);
    rest = rest.slice(taken.length);
    if (taken.length > 0) raw[slot.name] = taken;
  });
}

/** What a user is told when a command falls short because part of an album never reached the bot. */
export function incompleteAlbumText(command: string, isPrivate: boolean, locale: Locale = SOURCE_LOCALE): string {
  return t(locale, isPrivate ? 'tg-album-incomplete-private' : 'tg-album-incomplete-group', { command });
}
