import type { ActionRecord } from '../store/records/actions.ts';
import type { TaskRecord } from '../store/records/tasks.ts';
import { MAX_RESULT_IMAGES, type ResultImage, type ResultMessage } from './chat.ts';
import { buttonRows } from './actions/catalog.ts';
import { promptsText } from './prompt-results.ts';
import { walletKind } from './credits.ts';
import { SOURCE_LOCALE, t, type Locale } from '../i18n/index.ts';
import { labelIn } from './task-label.ts';
import { NO_REASON, reasonIn } from './task-reasons.ts';

/** Plain text everywhere: adapters escape it for their platform, so a prompt can never inject markup. */

const BAR_CELLS = 10;

export function progressBar(percentage: number): string {
  const filled = Math.round((Math.max(0, Math.min(100, percentage)) / 100) * BAR_CELLS);
  return '▰'.repeat(filled) + '▱'.repeat(BAR_CELLS - filled);
}

export function quote(prompt: string, max = 180): string {
  const oneLine = prompt.replace(/\s+/g, ' ').trim();
  return `“${oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine}”`;
}

/** The language a task's messages are written in (its reader's; English for a sketch without one). */
export type Readable = { locale?: Locale };

export function localeOf(task: Readable): Locale {
  return task.locale ?? SOURCE_LOCALE;
}

/** "Upscale #2 “a fox” for @ana": what a task is and whose, in its reader's language. */
export function taskHead(task: Pick<TaskRecord, 'label' | 'prompt' | 'userName'> & Readable, max?: number): string {
  const locale = localeOf(task);
  return t(locale, 'task-head', { label: labelIn(locale, task.label), prompt: quote(task.prompt, max), user: task.userName });
}

/** What the progress message says while a task waits or runs. */
export function progressText(task: Pick<TaskRecord, 'label' | 'prompt' | 'userName'> & Readable, percentage: number | undefined): string {
  const head = taskHead(task);
  if (percentage === undefined || percentage <= 0) return `⏳ ${head}\n${t(localeOf(task), 'task-waiting-to-start')}`;
  return `🎨 ${head}\n${progressBar(percentage)} ${t(localeOf(task), 'task-percent', { percent: percentage })}`;
}

/** A finished task as a message: its text, its images, and its buttons in the catalog's rows. */
export function resultMessage(task: TaskRecord, actions: ActionRecord[], text = `✅ ${taskHead(task)}`): ResultMessage {
  const result = task.result;
  const buttons = buttonRows(actions, localeOf(task));
  const image = (url: string, n?: number): ResultImage => ({ url, filename: `${task.id}${n === undefined ? '' : `-${n + 1}`}.png` });
  switch (result?.kind) {
    case 'grid':
      return { text, images: [image(result.gridUrl)], buttons };
    case 'image':
      return { text, images: [image(result.imageUrl)], buttons };
    case 'photos':
      return { text, images: result.imageUrls.slice(0, MAX_RESULT_IMAGES).map(image), buttons };
    case 'seed':
      // The seed as a string: it is copied into --seed, so no digit grouping.
      return { text: `🌱 ${t(localeOf(task), 'result-seed', { prompt: quote(task.prompt), seed: String(result.seed) })}`, images: [], buttons };
    case 'prompts':
      return { text: promptsText(task, text), images: [], buttons };
    default:
      return { text, images: [], buttons };
  }
}

/** "1 credit", "4 credits". */
export function credits(n: number, locale: Locale = SOURCE_LOCALE): string {
  return t(locale, 'credits-amount', { count: n });
}

/**
 * What a failed task's message says about its credits, from the ledger: `refunded` is what its
 * refund entry gave back (0 when there is none). A shared wallet is named: the credits were not the user's own.
 */
export function refundNote(task: Pick<TaskRecord, 'cost' | 'walletId'> & Readable, refunded: number): string {
  const locale = localeOf(task);
  if (task.cost <= 0) return t(locale, 'task-refund-nothing-charged');
  if (refunded <= 0) return t(locale, 'task-refund-none', { cost: task.cost });
  if (refunded < task.cost) return t(locale, 'task-refund-partial', { cost: task.cost, refunded });
  const personal = !task.walletId || task.walletId.split(':')[1] === 'user';
  return personal ? t(locale, 'task-refund-yours', { cost: task.cost }) : t(locale, 'task-refund-to-wallet', { cost: task.cost, wallet: walletKind(task.walletId!) });
}

/** A sentence that ends as written, or with a full stop (Chinese's own after Chinese). */
function sentence(text: string, locale: Locale): string {
  const trimmed = text.trim();
  if (/[.!?…。！？]$/.test(trimmed)) return trimmed;
  return locale === 'zh-CN' && /[\u3400-\u9fff]$/.test(trimmed) ? `${trimmed}。` : `${trimmed}.`;
}

export function failureText(task: Pick<TaskRecord, 'label' | 'prompt' | 'error' | 'cost' | 'walletId'> & Readable, refunded: number): string {
  const locale = localeOf(task);
  return t(locale, 'task-failed', {
    label: labelIn(locale, task.label),
    prompt: quote(task.prompt),
    reason: sentence(reasonIn(locale, task.error ?? NO_REASON), locale),
    refund: refundNote(task, refunded),
  });
}
