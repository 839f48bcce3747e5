import type { Db } from './db.ts';
import type { Platform, Sync } from './types.ts';
import type { LedgerEntry, LedgerKind, LedgerLine, Movement, WalletKind, WalletRecord, WalletsRepository } from './records/wallets.ts';
import { toEntry, toWallet, type LedgerRow, type WalletRow } from './rows/wallets.ts';

/**
 * WalletsRepository on SQLite. A balance changes only through move(), which appends the ledger
 * entry in the same (nested) transaction; callers wrap it in a unit of work with whatever else
 * must agree.
 */
export class WalletsRepo implements Sync<WalletsRepository> {
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      get: db.prepare('SELECT * FROM wallets WHERE id = ?'),
      create: db.prepare(
        'INSERT OR IGNORE INTO wallets (id, platform, kind, balance, created_at, updated_at) VALUES (?, ?, ?, 0, ?, ?)',
      ),
      move: db.prepare('UPDATE wallets SET balance = balance + ?, updated_at = ? WHERE id = ? AND balance + ? >= 0'),
      append: db.prepare(
        `INSERT INTO ledger (wallet_id, user_id, user_name, task_id, kind, amount, note, at, origin)
         VALUES (@wallet_id, @user_id, @user_name, @task_id, @kind, @amount, @note, @at, @origin)`,
      ),
      byOrigin: db.prepare('SELECT 1 FROM ledger WHERE origin = ?'),
      entryFor: db.prepare('SELECT * FROM ledger WHERE task_id = ? AND kind = ?'),
      // A refund belongs to the day of the reservation it reverses, whenever it lands: found by
      // its task through ledger_one_per_task_kind, so a refund after midnight cannot make a day negative.
      spent: db.prepare(
        `SELECT COALESCE(SUM(-r.amount - COALESCE(f.amount, 0)), 0) AS spent
         FROM ledger r LEFT JOIN ledger f ON f.task_id = r.task_id AND f.kind = 'refund'
         WHERE r.wallet_id = ? AND r.user_id = ? AND r.kind = 'reserve' AND r.at >= ?`,
      ),
      history: db.prepare('SELECT * FROM ledger WHERE wallet_id = ? ORDER BY id DESC LIMIT ? OFFSET ?'),
      // A job's movements are one line, placed where the job started (its reservation), so a line
      // does not move between pages when the job ends.
      lines: db.prepare(
        `SELECT task_id, MIN(id) AS first FROM ledger WHERE wallet_id = ?
         GROUP BY COALESCE(task_id, '#' || id) ORDER BY first DESC LIMIT ? OFFSET ?`,
      ),
      countLines: db.prepare(`SELECT COUNT(DISTINCT COALESCE(task_id, '#' || id)) AS n FROM ledger WHERE wallet_id = ?`),
      ofTask: db.prepare('SELECT l.*, t.prompt AS prompt FROM ledger l LEFT JOIN tasks t ON t.id = l.task_id WHERE l.task_id = ? AND l.wallet_id = ? ORDER BY l.id'),
      byId: db.prepare('SELECT * FROM ledger WHERE id = ?'),
      lastName: db.prepare('SELECT user_name FROM ledger WHERE user_id = ? AND wallet_id LIKE ? AND user_name IS NOT NULL ORDER BY id DESC LIMIT 1'),
      lastTaskName: db.prepare('SELECT user_name FROM tasks WHERE user_id = ? AND platform = ? ORDER BY created_at DESC LIMIT 1'),
      setCap: db.prepare('UPDATE wallets SET member_daily_cap = ?, updated_at = ? WHERE id = ?'),
      sums: db.prepare(
        `SELECT w.id, w.balance, COALESCE((SELECT SUM(amount) FROM ledger l WHERE l.wallet_id = w.id), 0) AS ledger_sum FROM wallets w`,
      ),
    };
  }

  get(id: string): WalletRecord | undefined {
    const row = this.s.get.get(id) as WalletRow | undefined;
    return row && toWallet(row);
  }

  /** Creates the wallet if it is new; returns true when it was created. */
  create(id: string, platform: Platform, kind: WalletKind, now: number): boolean {
    return this.s.create.run(id, platform, kind, now, now).changes === 1;
  }

  move(walletId: string, amount: number, m: Movement, now: number): boolean {
    // Its own transaction (a savepoint inside a unit): an entry the ledger refuses (a second
    // reserve of a task, a replayed origin) must take the balance change back with it.
    return this.db.transaction(() => {
      if (this.s.move.run(amount, now, walletId, amount).changes !== 1) return false;
      this.s.append.run({
        wallet_id: walletId,
        user_id: m.userId ?? null,
        user_name: m.userName ?? null,
        task_id: m.taskId ?? null,
        kind: m.kind,
        amount,
        note: m.note ?? null,
        at: now,
        origin: m.origin ?? null,
      });
      return true;
    })();
  }

  /** True when the event `origin` already moved credits (a replayed command must not move them again). */
  movedBy(origin: string): boolean {
    return this.s.byOrigin.get(origin) !== undefined;
  }

  entryFor(taskId: string, kind: LedgerKind): LedgerEntry | undefined {
    const row = this.s.entryFor.get(taskId, kind) as LedgerRow | undefined;
    return row && toEntry(row);
  }

  /** What a member has spent from a wallet through reservations made since `since`, less their refunds. */
  spentBy(walletId: string, userId: string, since: number): number {
    return (this.s.spent.get(walletId, userId, since) as { spent: number }).spent;
  }

  history(walletId: string, limit: number, offset: number): LedgerEntry[] {
    return (this.s.history.all(walletId, limit, offset) as LedgerRow[]).map(toEntry);
  }

  /** A page of the wallet's history, newest line first (see LedgerLine). */
  historyLines(walletId: string, limit: number, offset: number): LedgerLine[] {
    const page = this.s.lines.all(walletId, limit, offset) as Array<{ task_id: string | null; first: number }>;
    return page.map(({ task_id, first }) => {
      if (task_id === null) return { entries: [toEntry(this.s.byId.get(first) as LedgerRow)], prompt: null };
      const rows = this.s.ofTask.all(task_id, walletId) as Array<LedgerRow & { prompt: string | null }>;
      return { entries: rows.map(toEntry), prompt: rows[0]?.prompt ?? null };
    });
  }

  countLines(walletId: string): number {
    return (this.s.countLines.get(walletId) as { n: number }).n;
  }

  /** The name a user of this platform last had in the ledger (a spend, a grant they made) or on a job, if any. */
  lastNameOf(platform: Platform, userId: string): string | undefined {
    const fromLedger = this.s.lastName.get(userId, `${platform}:%`) as { user_name: string } | undefined;
    const fromTasks = fromLedger ? undefined : (this.s.lastTaskName.get(userId, platform) as { user_name: string } | undefined);
    return (fromLedger ?? fromTasks)?.user_name;
  }

  setMemberDailyCap(walletId: string, cap: number | null, now: number): void {
    this.s.setCap.run(cap, now, walletId);
  }

  /** Every wallet's balance beside the sum of its ledger; they must always be equal. */
  balancesAgainstLedger(): Array<{ id: string; balance: number; ledgerSum: number }> {
    return (this.s.sums.all() as Array<{ id: string; balance: number; ledger_sum: number }>).map((r) => ({
      id: r.id,
      balance: r.balance,
      ledgerSum: r.ledger_sum,
    }));
  }

}
