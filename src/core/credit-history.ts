import type { LedgerKind, LedgerLine } from '../store/records/wallets.ts';
import { SOURCE_LOCALE, t, type Locale } from '../i18n/index.ts';
import { labelIn } from './task-label.ts';

/** How a job's charge ended: kept, given back, given back in part (images that did not come back), or not yet decided. */
export type JobOutcome = 'charged' | 'refunded' | 'partly_refunded' | 'in_progress';

/** One line of /credits history: a job with its whole charge, or a movement of no job. */
export type HistoryLine =
  | {
      kind: 'job';
      at: number;
      /** The job's label ("Imagine", "Upscale #2") and prompt. */
      label: string;
      prompt: string | null;
      userName: string | null;
      /** What was reserved when it started. */
      cost: number;
      refunded: number;
      outcome: JobOutcome;
    }
  | { kind: Exclude<LedgerKind, 'reserve' | 'capture'>; at: number; amount: number; userName: string | null; note: string | null };

/**
 * Folds a job's ledger entries (reserve, then capture and/or refunds) into one line; a movement of
 * no job stays as it is. A job is charged once captured with nothing back, refunded when all of it
 * came back, partly refunded when some did.
 */
export function historyLine(line: LedgerLine): HistoryLine {
  const [first] = line.entries;
  const reserve = line.entries.find((e) => e.kind === 'reserve');
  if (!reserve) return { kind: first!.kind === 'reserve' || first!.kind === 'capture' ? 'adjust' : first!.kind, at: first!.at, amount: first!.amount, userName: first!.userName, note: first!.note };
  const cost = -reserve.amount;
  const refunded = line.entries.filter((e) => e.kind === 'refund').reduce((sum, e) => sum + e.amount, 0);
  const captured = line.entries.some((e) => e.kind === 'capture');
  const outcome: JobOutcome = refunded >= cost ? 'refunded' : refunded > 0 ? 'partly_refunded' : captured ? 'charged' : 'in_progress';
  return { kind: 'job', at: reserve.at, label: reserve.note ?? 'A job', prompt: line.prompt, userName: reserve.userName, cost, refunded, outcome };
}

/**
 * A ledger note in the reader's language. Notes are stored in English (credits.ts writes them; older
 * rows have them): the bot's own are translated here, a job's label through labelIn, and an
 * operator's own note (/admin grant … note) is shown as they wrote it.
 */
export function ledgerNoteIn(locale: Locale | undefined, note: string): string {
  const lang = locale ?? SOURCE_LOCALE;
  if (note === 'welcome credits') return t(lang, 'credits-note-welcome');
  if (note === 'granted by an operator') return t(lang, 'credits-note-granted');
  if (note === 'taken by an operator') return t(lang, 'credits-note-taken');
  const missing = /^(.*): (\d+) of (\d+) images did not come back$/s.exec(note);
  if (missing) return t(lang, 'credits-note-missing-images', { label: labelIn(lang, missing[1]!), failed: Number(missing[2]), total: Number(missing[3]) });
  return note;
}
