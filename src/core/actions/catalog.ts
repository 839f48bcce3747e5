import type { ActionRecord } from '../../store/records/actions.ts';
import type { TaskRecord } from '../../store/records/tasks.ts';
import type { Button } from '../chat.ts';
import { ACTIONS } from './entries.ts';
import { render, SOURCE_LOCALE, type Locale } from '../../i18n/index.ts';
import type { ActionEntry, Answers, Launch, ParentTask, TaskEntry } from './types.ts';

export type ActionId = (typeof ACTIONS)[number]['id'];

/** The entries as their common type (the tuple's literal types are for ActionId only). */
const ENTRIES: readonly ActionEntry[] = ACTIONS;
const BY_ID: ReadonlyMap<string, ActionEntry> = new Map(ENTRIES.map((a) => [a.id, a]));

/** The entry a stored button names; undefined for a button of an action that no longer exists. */
export function actionEntry(id: string): ActionEntry | undefined {
  return BY_ID.get(id);
}

/** The key of one button of an entry (`upscale:2`): a child task records it, so "U2 once" needs no label. */
export function actionKey(id: string, variant: string | null): string {
  return variant === null ? id : `${id}:${variant}`;
}

/** The variants of an entry under this task: its own list, or the one it makes for the result; [null] for a single button. */
export function variantsOf(entry: ActionEntry, task: TaskRecord): ReadonlyArray<string | null> {
  if (!entry.variants) return [null];
  return typeof entry.variants === 'function' ? entry.variants(task) : entry.variants;
}

/** The buttons a finished task gets, in keyboard order: one per entry that applies, one per variant. */
export function layoutFor(task: TaskRecord): Array<{ id: string; variant: string | null }> {
  return ENTRIES.filter((a) => a.appliesTo(task)).flatMap((a) => variantsOf(a, task).map((variant) => ({ id: a.id, variant })));
}

/** Every task one press starts, in order: one for almost every button, several for 🎉 Imagine all. */
export function launchesOf(entry: TaskEntry, parent: ParentTask, variant: string | null, answers: Answers = {}): readonly Launch[] {
  if (entry.jobs) return entry.jobs(parent, variant);
  return [{ job: entry.job(parent, variant, answers), prompt: entry.prompt?.(parent, variant) ?? parent.prompt }];
}

/** Buttons a keyboard row holds at most: Discord's five (Telegram takes eight). */
export const ROW_MAX = 5;

/**
 * Stored buttons as keyboard rows (the entries' rows, empty rows dropped, a longer row wrapped at
 * ROW_MAX so ⬇️ 1–10 are two rows on both platforms); a button payload is always `act:<id>`.
 */
export function buttonRows(actions: readonly ActionRecord[], locale: Locale = SOURCE_LOCALE): Button[][] {
  const rows: Button[][] = [];
  for (const action of actions) {
    const entry = actionEntry(action.kind);
    if (!entry) continue;
    (rows[entry.row] ??= []).push({ id: `act:${action.id}`, label: entry.label(action.arg, locale) });
  }
  return rows.filter((row) => row && row.length > 0).flatMap((row) => Array.from({ length: Math.ceil(row.length / ROW_MAX) }, (_, i) => row.slice(i * ROW_MAX, (i + 1) * ROW_MAX)));
}

/** One line per entry for /help ("U1–U4 upscale one image of the grid"). */
export function actionHelp(locale: Locale = SOURCE_LOCALE): string[] {
  return ENTRIES.flatMap((a) => (a.help ? [`${render(locale, a.help.buttons)} ${render(locale, a.help.does)}`] : []));
}

/** The buttons' names as /help lists them ("U1–U4", "🔄", …). */
export function actionButtons(locale: Locale = SOURCE_LOCALE): string[] {
  return ENTRIES.flatMap((a) => (a.help ? [render(locale, a.help.buttons)] : []));
}
