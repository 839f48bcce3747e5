import type { ActionRecord } from '../store/actions-repo.ts';
import type { TaskRecord } from '../store/tasks-repo.ts';
import type { Button, ResultImage, ResultMessage } from './chat.ts';

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
  regenerate: () => '🔄',
};

export function buttonFor(action: ActionRecord): Button {
  return { id: `act:${action.id}`, label: BUTTON_LABELS[action.kind]?.(action.arg) ?? action.kind };
}

/**
 * Grid results get U1–U4 + 🔄 on the first row and V1–V4 on the second, as Midjourney lays them
 * out; other results put their buttons on one row. Kinds with their own wording pass `text`.
 */
export function resultMessage(task: TaskRecord, actions: ActionRecord[], text = `✅ ${task.label} ${quote(task.prompt)} for ${task.userName}`): ResultMessage {
  const result = task.result;
  const buttons = actions.map(buttonFor);
  const oneRow = buttons.length ? [buttons] : [];
  const image = (url: string, n?: number): ResultImage => ({ url, filename: `${task.id}${n === undefined ? '' : `-${n + 1}`}.png` });
  switch (result?.kind) {
    case 'grid': {
      const first = buttons.filter((b) => /^U\d|🔄/.test(b.label));
      const second = buttons.filter((b) => /^V\d/.test(b.label));
      return { text, images: [image(result.gridUrl)], buttons: [first, second].filter((r) => r.length > 0) };
    }
    case 'image':
      return { text, images: [image(result.imageUrl)], buttons: oneRow };
    case 'photos':
      return { text, images: result.imageUrls.slice(0, 4).map(image), buttons: oneRow };
    default:
      return { text, images: [], buttons: oneRow };
  }
}

export function failureText(task: Pick<TaskRecord, 'label' | 'prompt' | 'error'>): string {
  return `❌ ${task.label} ${quote(task.prompt)} did not finish: ${task.error ?? 'the image service gave no reason'}`;
}
