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
 * How long until a job `position` places from the front starts: the jobs ahead of it run
 * `concurrency` at a time, each about `runMs` (the provider's recent mean).
 */
export function etaMs(position: number, concurrency: number, runMs: number): number {
  return Math.ceil(position / Math.max(1, concurrency)) * runMs;
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

/** A waiting job cancelled from /jobs. */
export function cancelledText(task: Pick<TaskRecord, 'label' | 'prompt'>, refundNote: string): string {
  return `❌ ${task.label} ${quote(task.prompt)} was cancelled before it started. ${refundNote}`.trim();
}
