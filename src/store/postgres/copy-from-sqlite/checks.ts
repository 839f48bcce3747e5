import type { WalletSum } from './source.ts';

/** What is compared between the two databases once the rows are in. */
export interface Tally {
  /** Rows per table. */
  counts: ReadonlyMap<string, bigint>;
  wallets: readonly WalletSum[];
  /** The sum of every ledger amount. */
  ledgerTotal: bigint;
}

/** Wallets whose balance is not the sum of their ledger: the invariant every credit movement keeps. */
export function walletsOffLedger(wallets: readonly WalletSum[], engine: string): string[] {
  return wallets.filter((w) => w.balance !== w.ledgerSum).map((w) => `wallet ${w.id} has balance ${w.balance} in ${engine} but its ledger sums to ${w.ledgerSum}`);
}

/** Every difference between the source's tally and the copy's, each naming its table or wallet. */
export function compareTallies(source: Tally, target: Tally): string[] {
  const found: string[] = [];
  for (const [table, rows] of source.counts) {
    const copied = target.counts.get(table) ?? 0n;
    if (copied !== rows) found.push(`table ${table} has ${rows} rows in SQLite and ${copied} in PostgreSQL`);
  }
  found.push(...walletsOffLedger(target.wallets, 'PostgreSQL'));
  const copied = new Map(target.wallets.map((w) => [w.id, w]));
  for (const w of source.wallets) {
    const other = copied.get(w.id);
    if (other === undefined) found.push(`wallet ${w.id} is in SQLite but not in PostgreSQL`);
    else if (other.balance !== w.balance) found.push(`wallet ${w.id} has balance ${w.balance} in SQLite and ${other.balance} in PostgreSQL`);
  }
  const known = new Set(source.wallets.map((w) => w.id));
  for (const w of target.wallets) if (!known.has(w.id)) found.push(`wallet ${w.id} is in PostgreSQL but not in SQLite`);
  if (source.ledgerTotal !== target.ledgerTotal) found.push(`the ledger sums to ${source.ledgerTotal} in SQLite and ${target.ledgerTotal} in PostgreSQL`);
  return found;
}

/** At most a few differences on one line: the first says where to look. */
export function listed(found: readonly string[], most = 3): string {
  const more = found.length > most ? ` (and ${found.length - most} more)` : '';
  return `${found.slice(0, most).join('; ')}${more}`;
}
