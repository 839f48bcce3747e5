import { z } from 'zod';
import type { IncomingAttachment } from '../src/core/chat.ts';

/** Discord caps string options at 6000 characters; Midjourney prompts fit well inside that. */
export const PROMPT_MAX_LENGTH = 6000;

/** A prompt: required, trimmed, within the limit; `hint` shows the user an example when it is missing. */
export function promptText(hint: string) {
  return z
    .string({ message: hint })
    .trim()
    .min(1, hint)
    .max(PROMPT_MAX_LENGTH, `That prompt is too long: keep it under ${PROMPT_MAX_LENGTH} characters.`);
}

/** A file the adapter collected; what it holds is checked where it is used. */
export const attachment = z.custom<IncomingAttachment>((v) => typeof v === 'object' && v !== null && 'download' in v);
