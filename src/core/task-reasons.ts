import { render, msg, type Locale, type Text } from '../i18n/index.ts';
import { NOTHING_SAID } from '../providers/types.ts';

/**
 * Why a task failed, as the bot itself says it. A task's `error` is stored in English (the log and
 * older rows read it so) and becomes the reader's language where it is shown: one of these by its
 * English, or a provider's own words, shown as they came.
 */
export const INTERRUPTED_SUBMIT = 'the bot restarted while sending it, and sending it again could run it twice, so please try again';
export const NO_RESULT = 'the image service said it was done but sent no images back';
export const TOO_LONG = 'it took too long, so it was stopped';
export const CANCELLED = 'it was cancelled before it started';
export const NO_REASON = 'the image service gave no reason';
export const NOT_STARTED = 'it could not be started';
/** Said by the aiphotogenerator adapter (src/providers/aiphotogenerator/view.ts), which cannot import core. */
const NO_ADDRESS = 'the image service finished the image but sent no address to fetch it from';

const REASONS: ReadonlyMap<string, Text> = new Map([
  [INTERRUPTED_SUBMIT, msg('task-reason-interrupted-submit')],
  [NO_RESULT, msg('task-reason-no-result')],
  [TOO_LONG, msg('task-reason-too-long')],
  [CANCELLED, msg('task-reason-cancelled')],
  [NO_REASON, msg('task-reason-none')],
  [NOT_STARTED, msg('task-reason-not-started')],
  [NO_ADDRESS, msg('task-reason-no-address')],
  [NOTHING_SAID, msg('task-reason-not-accepted')],
]);

/** A stored reason in `locale`: the bot's own translated, anything else as it is. */
export function reasonIn(locale: Locale, error: string): string {
  const known = REASONS.get(error.trim().replace(/\.$/, ''));
  return known ? render(locale, known) : error;
}
