import type { CopiedTable } from './tables.ts';

/**
 * A value as SQLite hands it over: integers as bigint (exact past 2^53), text, a real, a blob, null.
 */
export type SourceValue = string | bigint | number | Uint8Array | null;
export type SourceRow = Record<string, SourceValue>;

/** A wallet's balance beside the sum of its ledger. */
export interface WalletSum {
  id: string;
  balance: bigint;
  ledgerSum: bigint;
}

/**
 * The database being copied, as the copy reads it: one consistent moment from open to close. The
 * PostgreSQL side knows only this interface; sqlite-source.ts is its one implementation.
 */
export interface CopySource {
  /** Where it is, for messages. */
  readonly name: string;
  tables(): string[];
  columns(table: string): string[];
  /**
   * Streams the table's rows with the given columns, in insertion order (parents first where the
   * table names one); `seq` is filled from the rowid where the table asks for it.
   */
  rows(table: CopiedTable, columns: readonly string[]): IterableIterator<SourceRow>;
  count(table: string): bigint;
  walletSums(): WalletSum[];
  ledgerTotal(): bigint;
  /** The highest id an AUTOINCREMENT table ever handed out (0 if none): ids above it are unused. */
  autoincrementFloor(table: string): bigint;
  close(): void;
}
