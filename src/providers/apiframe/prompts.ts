/**
 * Reading the answers of /describe and /shorten (apiframe-api.md §3.11–3.12). Apiframe passes on
 * Midjourney's text: each suggested prompt starts with a keycap number ("1️⃣ a fox…"), and
 * /shorten's `full_content` is markdown whose "Important tokens" section shows the prompt with the
 * influential words in bold and the ones it would drop struck through.
 */

/** A keycap digit (1️⃣, with or without its variation selector), 🔟, or a plain "1." / "1)". */
const NUMBERING = /^\s*(?:\d\uFE0F?\u20E3|\u{1F51F}|\d{1,2}[.)])\s*/u;
/** Control characters (a stray newline or escape inside a prompt) become spaces: a prompt is one line. */
const CONTROL = /[\p{Cc}]+/gu;
const HEADING = /^\s*#{1,6}\s/;
const TOKENS_HEADING = /^\s*(?:#{1,6}\s*|\*\*)?important tokens\b/i;

/** The prompts without their numbering; empty entries are dropped. */
export function suggestedPrompts(content: readonly string[]): string[] {
  return content
    .map((line) => line.replace(CONTROL, ' ').replace(NUMBERING, '').replace(/\s+/g, ' ').trim())
    .filter((prompt) => prompt.length > 0);
}

/**
 * The important tokens of a /shorten answer: the bold words of its "Important tokens" section, or,
 * when nothing there is bold, the section's text without the struck-through words. Undefined when
 * the answer has no such section.
 */
export function importantTokens(fullContent: string): string[] | undefined {
  const lines = fullContent.split(/\r?\n/);
  const start = lines.findIndex((line) => TOKENS_HEADING.test(line));
  if (start === -1) return undefined;
  const section: string[] = [];
  for (const line of lines.slice(start + 1)) {
    // The next section (a heading, or the numbered prompts themselves) ends it.
    if (HEADING.test(line) || NUMBERING.test(line)) break;
    section.push(line);
  }
  const text = section.join(' ').replace(CONTROL, ' ');
  const bold = [...text.matchAll(/\*\*(.+?)\*\*/g)].map((m) => m[1]!.replace(/[*_~`]/g, '').trim()).filter(Boolean);
  if (bold.length > 0) return [...new Set(bold)];
  const kept = text
    .replace(/~~.*?~~/g, ' ')
    .replace(/[*_~`]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return kept ? [kept] : undefined;
}
