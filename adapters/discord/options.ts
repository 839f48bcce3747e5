/** Maps a slash command's options to the RawOptions the command declared (attachments as lists). */
import type { Attachment, ChatInputCommandInteraction } from 'discord.js';
import type { IncomingAttachment } from '../../src/core/chat.ts';
import type { CommandSpec, RawOptions } from '../../src/core/command.ts';
import { fileTooLarge, readBounded } from '../shared/bounded-download.ts';
import { attachmentOptionNames } from './slash-commands.ts';

const DOWNLOAD_TIMEOUT_MS = 30_000;

export function readOptions(interaction: Pick<ChatInputCommandInteraction, 'options'>, spec: CommandSpec): RawOptions {
  const raw: RawOptions = {};
  for (const option of spec.options) {
    if (option.type === 'attachment') {
      const files = attachmentOptionNames(option)
        .map((name) => interaction.options.get(name)?.attachment)
        .filter((a): a is Attachment => Boolean(a))
        .map(toIncomingAttachment);
      if (files.length) raw[option.name] = files;
      continue;
    }
    // get() rather than getString()/getInteger(): a value of an unexpected type reaches the
    // command's schema (and becomes a polite message) instead of throwing here.
    const value = interaction.options.get(option.name)?.value;
    if (value !== undefined && value !== null) raw[option.name] = value;
  }
  return raw;
}

export function toIncomingAttachment(a: Pick<Attachment, 'name' | 'url' | 'contentType' | 'size' | 'width' | 'height'>): IncomingAttachment {
  const file: IncomingAttachment = {
    name: a.name,
    publicUrl: a.url,
    size: a.size,
    download: (maxBytes) => download(a.url, a.name, maxBytes, a.size),
  };
  if (a.contentType) file.contentType = a.contentType;
  if (a.width != null) file.width = a.width;
  if (a.height != null) file.height = a.height;
  return file;
}

/** Downloads an attachment, refusing (without reading on) as soon as it is larger than `maxBytes`. */
export async function download(url: string, name: string, maxBytes: number, declaredSize?: number): Promise<Uint8Array> {
  if (declaredSize !== undefined && declaredSize > maxBytes) throw fileTooLarge(name, maxBytes);
  const res = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  if (!res.ok || !res.body) {
    await res.body?.cancel().catch(() => {});
    throw new Error(`downloading the Discord attachment failed: HTTP ${res.status}`);
  }
  return readBounded(res, name, maxBytes);
}
