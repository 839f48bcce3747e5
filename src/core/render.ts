import type { ActionRecord } from '../store/records/actions.ts';
import type { TaskRecord } from '../store/records/tasks.ts';
import { MAX_RESULT_IMAGES, type ResultImage, type ResultMessage } from './chat.ts';
import { buttonRows } from './actions/catalog.ts';
import { promptsText } from './prompt-results.ts';
import { describeWallet } from './credits.ts';

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

/** What the progress message says while a task waits or runs. */
export function progressText(task: Pick<TaskRecord, 'label' | 'prompt' | 'userName'>, percentage: number | undefined): string {
  const head = `${task.label} ${quote(task.prompt)} for ${task.userName}`;
  if (percentage === undefined || percentage <= 0) return `⏳ ${head}\nWaiting to start…`;
  return `🎨 ${head}\n${progressBar(percentage)} ${percentage}%`;
}

/** A finished task as a message: its text, its images, and its buttons in the catalog's rows. */
export function resultMessage(task: TaskRecord, actions: ActionRecord[], text = `✅ ${task.label} ${quote(task.prompt)} for ${task.userName}`): ResultMessage {
  const result = task.result;
  const buttons = buttonRows(actions);
  const image = (url: string, n?: number): ResultImage => ({ url, filename: `${task.id}${n === undefined ? '' : `-${n + 1}`}.png` });
  switch (result?.kind) {
    case 'grid':
      return { text, images: [image(result.gridUrl)], buttons };
    case 'image':
      return { text, images: [image(result.imageUrl)], buttons };
    case 'photos':
      return { text, images: result.imageUrls.slice(0, MAX_RESULT_IMAGES).map(image), buttons };
    case 'seed':
      return { text: `🌱 The seed of ${quote(task.prompt)} is ${result.seed}: add --seed ${result.seed} to a prompt to start from the same noise.`, images: [], buttons };
    case 'prompts':
      return { text: promptsText(task, text), images: [], buttons };
    default:
      return { text, images: [], buttons };
  }
}

/** "1 credit", "4 credits". */
export function credits(n: number): string {
  return `${n} credit${n === 1 ? '' : 's'}`;
}

/**
 * What a failed task's message says about its credits, from the ledger: `refunded` is what its
 * refund entry gave back (0 when there is none). A shared wallet is named: the credits were not the user's own.
 */
export function refundNote(task: Pick<TaskRecord, 'cost' | 'walletId'>, refunded: number): string {
  if (task.cost <= 0) return 'Nothing was charged.';
  const were = (n: number) => (n === 1 ? 'was' : 'were');
  if (refunded <= 0) return `The ${credits(task.cost)} it cost ${were(task.cost)} not refunded.`;
  if (refunded < task.cost) return `${refunded} of the ${credits(task.cost)} it cost ${were(refunded)} refunded.`;
  const personal = !task.walletId || task.walletId.split(':')[1] === 'user';
  return personal
    ? `Your ${credits(task.cost)} ${were(task.cost)} refunded.`
    : `The ${credits(task.cost)} ${were(task.cost)} refunded to ${describeWallet(task.walletId!)}.`;
}

/** A sentence that ends as written, or with a full stop. */
function sentence(text: string): string {
  return /[.!?…]$/.test(text.trim()) ? text.trim() : `${text.trim()}.`;
}

export function failureText(task: Pick<TaskRecord, 'label' | 'prompt' | 'error' | 'cost' | 'walletId'>, refunded: number): string {
  return `❌ ${task.label} ${quote(task.prompt)} did not finish: ${sentence(task.error ?? 'the image service gave no reason')} ${refundNote(task, refunded)}`;
}
