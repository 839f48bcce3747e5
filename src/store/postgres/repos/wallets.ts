import type { Executor } from '../executor.ts';
import { refusing } from '../errors.ts';
import type { WalletsRepository } from '../../records/wallets.ts';
import { toEntry, toWallet, type LedgerRow, type WalletRow } from '../../rows/wallets.ts';

const LEDGER_RULES = {
  ledger_one_per_task_kind: 'this task already has a ledger entry of this kind',
  ledger_origin: 'this event already moved credits',
};

/** WalletsRepository on PostgreSQL. SUMs are cast back to BIGINT, which the pool reads as numbers (SUM gives NUMERIC). */
export function pgWallets(ex: Executor): WalletsRepository {
  return {
    async get(id) {
      const row = (await ex.query<WalletRow>('SELECT * FROM wallets WHERE id = $1', [id])).rows[0];
      return row && toWallet(row);
    },
    async create(id, platform, kind, now) {
      const { rowCount } = await ex.query(
        'INSERT INTO wallets (id, platform, kind, balance, created_at, updated_at) VALUES ($1, $2, $3, 0, $4, $4) ON CONFLICT (id) DO NOTHING',
        [id, platform, kind, now],
      );
      return rowCount === 1;
    },
    move(walletId, amount, m, now) {
      // Balance and entry together (a savepoint inside a unit): an entry the ledger refuses takes
      // the balance change back with it. The guarded UPDATE is re-checked after the row lock, so
      // concurrent moves from several instances never take the balance below zero.
      return refusing(LEDGER_RULES, () =>
        ex.atomic(async (ex) => {
          const moved = await ex.query('UPDATE wallets SET balance = balance + $1, updated_at = $2 WHERE id = $3 AND balance + $1 >= 0', [amount, now, walletId]);
          if (moved.rowCount !== 1) return false;
          await ex.query(
            `INSERT INTO ledger (wallet_id, user_id, user_name, task_id, kind, amount, note, at, origin) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
            [walletId, m.userId ?? null, m.userName ?? null, m.taskId ?? null, m.kind, amount, m.note ?? null, now, m.origin ?? null],
          );
          return true;
        }),
      );
    },
    async movedBy(origin) {
      return (await ex.query('SELECT 1 FROM ledger WHERE origin = $1', [origin])).rows.length > 0;
    },
    async entryFor(taskId, kind) {
      const row = (await ex.query<LedgerRow>('SELECT * FROM ledger WHERE task_id = $1 AND kind = $2', [taskId, kind])).rows[0];
      return row && toEntry(row);
    },
    async spentBy(walletId, userId, since) {
      // A refund belongs to the day of the reservation it reverses, found by its task.
      const { rows } = await ex.query<{ spent: number }>(
        `SELECT COALESCE(SUM(-r.amount - COALESCE(f.amount, 0)), 0)::bigint AS spent
         FROM ledger r LEFT JOIN ledger f ON f.task_id = r.task_id AND f.kind = 'refund'
         WHERE r.wallet_id = $1 AND r.user_id = $2 AND r.kind = 'reserve' AND r.at >= $3`,
        [walletId, userId, since],
      );
      return rows[0]!.spent;
    },
    async history(walletId, limit, offset) {
      return (await ex.query<LedgerRow>('SELECT * FROM ledger WHERE wallet_id = $1 ORDER BY id DESC LIMIT $2 OFFSET $3', [walletId, limit, offset])).rows.map(toEntry);
    },
    async historyLines(walletId, limit, offset) {
      // A job's movements are one line, placed where the job started (its reservation).
      const page = await ex.query<{ task_id: string | null; first: number }>(
        `SELECT task_id, MIN(id) AS first FROM ledger WHERE wallet_id = $1
         GROUP BY task_id, CASE WHEN task_id IS NULL THEN id END ORDER BY first DESC LIMIT $2 OFFSET $3`,
        [walletId, limit, offset],
      );
      const lines = [];
      for (const { task_id, first } of page.rows) {
        if (task_id === null) {
          const row = (await ex.query<LedgerRow>('SELECT * FROM ledger WHERE id = $1', [first])).rows[0]!;
          lines.push({ entries: [toEntry(row)], prompt: null });
          continue;
        }
        const { rows } = await ex.query<LedgerRow & { prompt: string | null }>(
          'SELECT l.*, t.prompt AS prompt FROM ledger l LEFT JOIN tasks t ON t.id = l.task_id WHERE l.task_id = $1 AND l.wallet_id = $2 ORDER BY l.id',
          [task_id, walletId],
        );
        lines.push({ entries: rows.map(toEntry), prompt: rows[0]?.prompt ?? null });
      }
      return lines;
    },
    async countLines(walletId) {
      const { rows } = await ex.query<{ n: number }>(
        `SELECT (COUNT(DISTINCT task_id) + COUNT(*) FILTER (WHERE task_id IS NULL))::bigint AS n FROM ledger WHERE wallet_id = $1`,
        [walletId],
      );
      return rows[0]!.n;
    },
    async lastNameOf(platform, userId) {
      const fromLedger = await ex.query<{ user_name: string }>(
        'SELECT user_name FROM ledger WHERE user_id = $1 AND wallet_id LIKE $2 AND user_name IS NOT NULL ORDER BY id DESC LIMIT 1',
        [userId, `${platform}:%`],
      );
      if (fromLedger.rows[0]) return fromLedger.rows[0].user_name;
      const fromTasks = await ex.query<{ user_name: string }>('SELECT user_name FROM tasks WHERE user_id = $1 AND platform = $2 ORDER BY created_at DESC LIMIT 1', [
        userId,
        platform,
      ]);
      return fromTasks.rows[0]?.user_name;
    },
    async setMemberDailyCap(walletId, cap, now) {
      await ex.query('UPDATE wallets SET member_daily_cap = $1, updated_at = $2 WHERE id = $3', [cap, now, walletId]);
    },
    async balancesAgainstLedger() {
      const { rows } = await ex.query<{ id: string; balance: number; ledger_sum: number }>(
        `SELECT w.id, w.balance, COALESCE((SELECT SUM(amount) FROM ledger l WHERE l.wallet_id = w.id), 0)::bigint AS ledger_sum FROM wallets w ORDER BY w.id`,
      );
      return rows.map((r) => ({ id: r.id, balance: r.balance, ledgerSum: r.ledger_sum }));
    },
  };
}
