import type { TaskRecord } from '../store/records/tasks.ts';
import { SOURCE_LOCALE, t, type Locale } from '../i18n/index.ts';

/**
 * A result of suggested prompts (/describe, /shorten) as a message: the prompts numbered as
 * Midjourney numbers them, each with a button that imagines it. The buttons carry only their
 * action id; the prompt a button imagines is read from the stored result when it is pressed, so
 * the text may be clipped here without changing what is imagined.
 */

/** One button per prompt fits one Discord row (5 buttons); Midjourney suggests at most five. */
export const PROMPT_NUMBERS = ['1', '2', '3', '4', '5'] as const;
const KEYCAPS = ['1️⃣', '2️⃣', '3️⃣', '4️⃣', '5️⃣'] as const;

/**
 * The whole message stays within this many characters, so it fits Discord's 2000 with room for
 * escaping and a mention (Telegram allows 4096): every prompt gets its share rather than the last
 * ones being cut off by the platform.
 */
const TEXT_BUDGET = 1800;
const TOKENS_MAX = 300;

/** The prompts a finished task offers, one per button; none for any other result. */
export function offeredPrompts(task: Pick<TaskRecord, 'result'>): readonly string[] {
  return task.result?.kind === 'prompts' ? task.result.prompts.slice(0, PROMPT_NUMBERS.length) : [];
}

function clipTo(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/** `head` (what was asked, for whom), the important tokens when there are some, then the numbered prompts. */
export function promptsText(task: Pick<TaskRecord, 'result'> & { locale?: Locale }, head: string): string {
  const locale = task.locale ?? SOURCE_LOCALE;
  const hint = t(locale, 'result-prompts-hint');
  const result = task.result?.kind === 'prompts' ? task.result : undefined;
  const prompts = offeredPrompts(task);
  const lines = [head];
  if (result?.tokens?.length) lines.push(t(locale, 'result-important-tokens', { tokens: clipTo(result.tokens.join(' · '), TOKENS_MAX) }));
  const fixed = lines.join('\n').length + hint.length + 2;
  // Each line is a keycap, a space, the prompt and a line break.
  const share = Math.floor((TEXT_BUDGET - fixed) / Math.max(1, prompts.length)) - KEYCAPS[0].length - 2;
  prompts.forEach((prompt, i) => lines.push(`${KEYCAPS[i]} ${clipTo(prompt, share)}`));
  lines.push(hint);
  return lines.join('\n');
}
