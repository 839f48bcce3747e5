/**
 * Text as Discord shows it. The core hands over plain text (prompts, names, the image service's
 * words), so everything is escaped here: a prompt can never turn into markup, a masked link or a
 * heading. Mentions stay harmless because every message is sent with allowed_mentions.
 */
import { escapeMarkdown } from 'discord.js';

export const CONTENT_MAX = 2000;

export function escapeText(text: string): string {
  return escapeMarkdown(text, { heading: true, maskedLink: true, bulletedList: false, numberedList: false });
}

/** Cuts text to `max` characters, never leaving half an escape sequence or half a surrogate pair. */
export function fit(text: string, max = CONTENT_MAX): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const trailing = /\\+$/.exec(cut)?.[0].length ?? 0;
  if (trailing % 2 === 1) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** Plain text from the core, ready to send as message content. */
export function content(text: string, max = CONTENT_MAX): string {
  return fit(escapeText(text), max);
}
