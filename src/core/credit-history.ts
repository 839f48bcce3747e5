import type { LedgerKind, LedgerLine } from '../store/records/wallets.ts';

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
