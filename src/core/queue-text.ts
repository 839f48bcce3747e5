import type { TaskRecord } from '../store/records/tasks.ts';
import { quote } from './render.ts';

/** Without any finished job to go by: a typical Midjourney grid. */
export const DEFAULT_RUN_MS = 60_000;

/** 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st… */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/**
 * How long until a job `position` places from the front starts. The provider runs `concurrency`
 * jobs at a time, each about `runMs` (its recent mean); `runningFor` is how long each running job
 * has run (unknown: every slot just taken), so a slot whose job is nearly done frees sooner than
 * one just taken. Each slot then takes the next job in line as it frees, so the nth waiting job
 * starts when the nth slot frees.
 */
export function etaMs(position: number, concurrency: number, runMs: number, runningFor?: readonly number[]): number {
  const slots = Math.max(1, concurrency);
  runningFor ??= new Array<number>(slots).fill(0);
  // When each slot frees next: a running job's remaining time (an overdue one any moment), a free slot at once.
  const frees = Array.from({ length: slots }, (_, i) => (i < runningFor.length ? Math.max(0, runMs - runningFor[i]!) : 0)).sort((a, b) => a - b);
  const round = Math.floor((position - 1) / slots);
  return frees[(position - 1) % slots]! + round * runMs;
}

export function aboutTime(ms: number): string {
  if (ms < 45_000) return 'under a minute';
  const minutes = Math.round(ms / 60_000);
  if (minutes < 90) return `about ${Math.max(1, minutes)} min`;
  return `about ${Math.round(minutes / 60)} h`;
}

/** A waiting job's message: "⏳ 3rd in line, about 1 min", then what it is. */
export function waitingText(task: Pick<TaskRecord, 'label' | 'prompt' | 'userName'>, position: number, eta: number): string {
  return `⏳ ${ordinal(position)} in line, ${aboutTime(eta)}\n${task.label} ${quote(task.prompt)} for ${task.userName}`;
}

/** Jobs a chat's board names before "+N more". */
export const BOARD_LINES = 10;

export interface BoardEntry {
  task: Pick<TaskRecord, 'label' | 'prompt' | 'userName'>;
  position: number;
  eta: number;
}

/**
 * A busy group's one message for its waiting jobs (instead of one message each): who is waiting,
 * their places and ETAs, the front of the line first.
 */
export function boardText(entries: readonly BoardEntry[]): string {
  const lines = entries.slice(0, BOARD_LINES).map((e) => `${ordinal(e.position)}: ${e.task.label} ${quote(e.task.prompt, 60)} for ${e.task.userName}, ${aboutTime(e.eta)}`);
  const more = entries.length > BOARD_LINES ? [`…and ${entries.length - BOARD_LINES} more.`] : [];
  const head = entries.length === 1 ? '⏳ Waiting in line here (1 job):' : `⏳ Waiting in line here (${entries.length} jobs):`;
  return [head, ...lines, ...more, 'Each job gets its own message when it starts. /jobs shows yours, with ❌ Cancel.'].join('\n');
}

/** The board once every job it listed has started (or was cancelled). */
export const BOARD_EMPTY = '✅ Nothing is waiting in line here any more: every job has started.';

/** A waiting job cancelled from /jobs. */
export function cancelledText(task: Pick<TaskRecord, 'label' | 'prompt'>, refundNote: string): string {
  return `❌ ${task.label} ${quote(task.prompt)} was cancelled before it started. ${refundNote}`.trim();
}
