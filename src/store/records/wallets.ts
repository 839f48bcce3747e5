import type { Platform } from '../types.ts';

/*
 * Wallets and their ledger, as every engine keeps them: a balance never below zero, changed only
 * together with the ledger entry that says why, so the ledger's sum is always the balance.
 */

export type LedgerKind = 'grant' | 'reserve' | 'capture' | 'refund' | 'adjust';
export type WalletKind = 'group' | 'user';

export interface WalletRecord {
  id: string;
  platform: Platform;
  kind: WalletKind;
  balance: number;
  memberDailyCap: number | null;
  createdAt: number;
}

export interface LedgerEntry {
  id: number;
  walletId: string;
  userId: string | null;
  userName: string | null;
  taskId: string | null;
  kind: LedgerKind;
  amount: number;
  note: string | null;
  at: number;
}

/**
 * One line of a wallet's history: a job's movements together (its reservation, then its capture
 * and any refunds), with the job's prompt; or one movement of no job (a grant, a take).
 */
export interface LedgerLine {
  entries: LedgerEntry[];
  /** The prompt of the job the line is about (null for a movement of no job, or a job since removed). */
  prompt: string | null;
}

export interface Movement {
  kind: LedgerKind;
  userId?: string | null;
  userName?: string | null;
  taskId?: string | null;
  note?: string | null;
  /** The platform event that asked for it (see CommandContext.origin): one movement per event. */
  origin?: string | null;
}

export interface WalletsRepository {
  get(id: string): Promise<WalletRecord | undefined>;
  /** Creates the wallet (balance 0) if it is new; true when it was created, false (unchanged) when it existed. */
  create(id: string, platform: Platform, kind: WalletKind, now: number): Promise<boolean>;
  /**
   * Changes a balance by `amount` and appends the ledger entry saying why, both or neither. False
   * (nothing written) when the wallet is unknown or the balance would go below zero. Throws
   * (nothing written) on a second reserve, capture or refund for the same task, or a second
   * movement of the same `origin`. Of concurrent moves, never more succeed than the balance allows.
   */
  move(walletId: string, amount: number, m: Movement, now: number): Promise<boolean>;
  /** True when the event `origin` already moved credits (a replayed command must not move them again). */
  movedBy(origin: string): Promise<boolean>;
  /** The task's one entry of that kind, if any. */
  entryFor(taskId: string, kind: LedgerKind): Promise<LedgerEntry | undefined>;
  /**
   * What a member has spent from a wallet through reservations made since `since`, less their
   * refunds, whenever those landed (a refund belongs to the day of the reservation it reverses).
   */
  spentBy(walletId: string, userId: string, since: number): Promise<number>;
  /** A page of the wallet's ledger entries, newest first (in the order they were appended). */
  history(walletId: string, limit: number, offset: number): Promise<LedgerEntry[]>;
  /**
   * A page of the wallet's history, newest line first (see LedgerLine). A job's line sits where the
   * job started (its reservation), so it does not move between pages when the job ends; its
   * entries are in the order appended.
   */
  historyLines(walletId: string, limit: number, offset: number): Promise<LedgerLine[]>;
  /** How many lines historyLines has for the wallet. */
  countLines(walletId: string): Promise<number>;
  /** The name a user of this platform last had in the ledger (a spend, a grant they made) or on a job, if any. */
  lastNameOf(platform: Platform, userId: string): Promise<string | undefined>;
  setMemberDailyCap(walletId: string, cap: number | null, now: number): Promise<void>;
  /** Every wallet's balance beside the sum of its ledger; they must always be equal. */
  balancesAgainstLedger(): Promise<Array<{ id: string; balance: number; ledgerSum: number }>>;
}
