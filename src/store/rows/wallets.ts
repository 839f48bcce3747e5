// The wallets and ledger tables' rows as both engines read them back, and their records: one
// mapping, so SQLite and PostgreSQL cannot drift apart.
import type { Platform } from '../types.ts';
import type { LedgerEntry, LedgerKind, WalletKind, WalletRecord } from '../records/wallets.ts';

export interface WalletRow {
  id: string;
  platform: Platform;
  kind: WalletKind;
  balance: number;
  member_daily_cap: number | null;
  created_at: number;
}
export interface LedgerRow {
  id: number;
  wallet_id: string;
  user_id: string | null;
  user_name: string | null;
  task_id: string | null;
  kind: LedgerKind;
  amount: number;
  note: string | null;
  at: number;
}

export const toWallet = (r: WalletRow): WalletRecord => ({
  id: r.id,
  platform: r.platform,
  kind: r.kind,
  balance: r.balance,
  memberDailyCap: r.member_daily_cap,
  createdAt: r.created_at,
});
export const toEntry = (r: LedgerRow): LedgerEntry => ({
  id: r.id,
  walletId: r.wallet_id,
  userId: r.user_id,
  userName: r.user_name,
  taskId: r.task_id,
  kind: r.kind,
  amount: r.amount,
  note: r.note,
  at: r.at,
});
