import type { TaskRecord } from '../store/records/tasks.ts';
import { FluentNumber } from '@fluent/bundle';
import { SOURCE_LOCALE, t, type Locale } from '../i18n/index.ts';
import { quote, taskHead, type Readable } from './render.ts';
import { labelIn } from './task-label.ts';

/** Without any finished job to go by: a typical Midjourney grid. */
export const DEFAULT_RUN_MS = 60_000;

/** 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st… */
export function ordinal(n: number): string {
  return placeIn(SOURCE_LOCALE, n);
}

/**
 * A number a catalogue message selects on by CLDR's ordinal rules (one → 1st, two → 2nd, few →
 * 3rd): Fluent hands its options to Intl.PluralRules, whose `type` NumberFormat's options lack.
 */
export function ordinalArg(n: number): FluentNumber {
  return new FluentNumber(n, { type: 'ordinal' } as Intl.NumberFormatOptions);
}

/** A place in line as `locale` writes it ("3rd", "3.º", "3-й", "第 3 位"). */
export function placeIn(locale: Locale, n: number): string {
  return t(locale, 'queue-place', { place: ordinalArg(n) });
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

export function aboutTime(ms: number, locale: Locale = SOURCE_LOCALE): string {
  if (ms < 45_000) return t(locale, 'queue-eta-soon');
  const minutes = Math.round(ms / 60_000);
  if (minutes < 90) return t(locale, 'queue-eta-minutes', { minutes: Math.max(1, minutes) });
  return t(locale, 'queue-eta-hours', { hours: Math.round(minutes / 60) });
}

/** A waiting job's message: "⏳ 3rd in line, about 1 min", then what it is, in its reader's language. */
export function waitingText(task: Pick<TaskRecord, 'label' | 'prompt' | 'userName'> & Readable, position: number, eta: number): string {
  const locale = task.locale ?? SOURCE_LOCALE;
  return `⏳ ${t(locale, 'queue-waiting', { place: placeIn(locale, position), eta: aboutTime(eta, locale) })}\n${taskHead(task)}`;
}

/** Jobs a chat's board names before "+N more". */
export const BOARD_LINES = 10;

export interface BoardEntry {
  task: Pick<TaskRecord, 'label' | 'prompt' | 'userName'> & Readable;
  position: number;
  eta: number;
}

/**
 * A busy group's one message for its waiting jobs (instead of one message each): who is waiting,
 * their places and ETAs, the front of the line first. Several people read it: it is written in
 * `locale`, the language of the newest job on it (boardLocale). `count`: how many jobs are on it,
 * of which `entries` are the first (a refresh reads no further than it names).
 */
export function boardText(entries: readonly BoardEntry[], locale: Locale = SOURCE_LOCALE, count = entries.length): string {
  const lines = entries
    .slice(0, BOARD_LINES)
    .map((e) => t(locale, 'queue-board-line', { place: placeIn(locale, e.position), job: taskHead({ ...e.task, locale }, 60), eta: aboutTime(e.eta, locale) }));
  const shown = Math.min(entries.length, BOARD_LINES);
  const more = count > shown ? [t(locale, 'queue-board-more', { count: count - shown })] : [];
  return [`⏳ ${t(locale, 'queue-board-head', { count })}`, ...lines, ...more, t(locale, 'queue-board-foot')].join('\n');
}

/** The language of a board: that of the job that joined it last (the newest reader). */
export function boardLocale(tasks: ReadonlyArray<{ locale?: Locale; createdAt?: number }>): Locale {
  let newest: { locale?: Locale; createdAt?: number } | undefined;
  for (const task of tasks) if (!newest || (task.createdAt ?? 0) >= (newest.createdAt ?? 0)) newest = task;
  return newest?.locale ?? SOURCE_LOCALE;
}

/** The board once every job it listed has started (or was cancelled). */
export function boardEmpty(locale: Locale = SOURCE_LOCALE): string {
  return `✅ ${t(locale, 'queue-board-empty')}`;
}

/** A waiting job cancelled from /jobs. */
export function cancelledText(task: Pick<TaskRecord, 'label' | 'prompt'> & Readable, refundNote: string): string {
  const locale = task.locale ?? SOURCE_LOCALE;
  return `❌ ${t(locale, 'queue-cancelled', { label: labelIn(locale, task.label), prompt: quote(task.prompt), refund: refundNote })}`.trim();
}
