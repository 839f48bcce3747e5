import type { ActionRecord } from '../store/actions-repo.ts';
import type { TaskRecord } from '../store/tasks-repo.ts';
import type { Button, ResultMessage } from './chat.ts';

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

const BUTTON_LABELS: Record<string, (arg: string | null) => string> = {
  upscale: (arg) => `U${arg}`,
  variation: (arg) => (arg === 'strong' ? 'Vary (Strong)' : arg === 'subtle' ? 'Vary (Subtle)' : `V${arg}`),
  reroll: () => '🔄',
};

export function buttonFor(action: ActionRecord): Button {
  return { id: `act:${action.id}`, label: BUTTON_LABELS[action.kind]?.(action.arg) ?? action.kind };
}

/** Grid results get U1–U4 + 🔄 on the first row and V1–V4 on the second, as Midjourney lays them out. */
export function resultMessage(task: TaskRecord, actions: ActionRecord[]): ResultMessage {
  const result = task.result;
  const buttons = actions.map(buttonFor);
  const text = `✅ ${task.label} ${quote(task.prompt)} for ${task.userName}`;
  if (result?.kind === 'grid') {
    const first = buttons.filter((b) => /^U\d|🔄/.test(b.label));
    const second = buttons.filter((b) => /^V\d/.test(b.label));
    return { text, image: { url: result.gridUrl, filename: `${task.id}.png` }, buttons: [first, second].filter((r) => r.length > 0) };
  }
  if (result?.kind === 'image') {
    return { text, image: { url: result.imageUrl, filename: `${task.id}.png` }, buttons: buttons.length ? [buttons] : [] };
  }
  if (result?.kind === 'photos' && result.imageUrls[0]) {
    return { text, image: { url: result.imageUrls[0], filename: `${task.id}.png` }, buttons: buttons.length ? [buttons] : [] };
  }
  throw new Error(`task ${task.id} has no image result to show`);
}

export function failureText(task: Pick<TaskRecord, 'label' | 'prompt' | 'error'>): string {
  return `❌ ${task.label} ${quote(task.prompt)} did not finish: ${task.error ?? 'the image service gave no reason'}`;
}
