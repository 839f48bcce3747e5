/** The copy's comparison (npm run migrate-to-postgres): each difference names its table or wallet. */
import { describe, expect, it } from 'vitest';
import { compareTallies, listed, walletsOffLedger, type Tally } from '../../src/store/postgres/copy-from-sqlite/checks.ts';

const tally = (over: Partial<Tally> = {}): Tally => ({
  counts: new Map([
    ['wallets', 2n],
    ['ledger', 3n],
  ]),
  wallets: [
    { id: 'telegram:group:-1', balance: 10n, ledgerSum: 10n },
    { id: 'discord:user:2', balance: 0n, ledgerSum: 0n },
  ],
  ledgerTotal: 10n,
  ...over,
});

describe('comparing a copy with its source', () => {
  it('finds nothing when both sides agree', () => {
    expect(compareTallies(tally(), tally())).toEqual([]);
  });

  it('names a table short of rows, a wallet missing, a wallet added, and a changed total', () => {
    const target = tally({
      counts: new Map([
        ['wallets', 2n],
        ['ledger', 2n],
      ]),
      wallets: [
        { id: 'telegram:group:-1', balance: 10n, ledgerSum: 10n },
        { id: 'discord:user:3', balance: 0n, ledgerSum: 0n },
      ],
      ledgerTotal: 9n,
    });
    expect(compareTallies(tally(), target)).toEqual([
      'table ledger has 3 rows in SQLite and 2 in PostgreSQL',
      'wallet discord:user:2 is in SQLite but not in PostgreSQL',
      'wallet discord:user:3 is in PostgreSQL but not in SQLite',
      'the ledger sums to 10 in SQLite and 9 in PostgreSQL',
    ]);
  });

  it('compares amounts exactly, past what a JavaScript number holds', () => {
    const big = 2n ** 60n;
    const source = tally({ wallets: [{ id: 'w', balance: big + 1n, ledgerSum: big + 1n }], ledgerTotal: big + 1n });
    const target = tally({ wallets: [{ id: 'w', balance: big, ledgerSum: big }], ledgerTotal: big + 1n });
    expect(compareTallies(source, target)).toEqual([`wallet w has balance ${big + 1n} in SQLite and ${big} in PostgreSQL`]);
  });

  it('names a wallet whose balance is not its ledger sum', () => {
    expect(walletsOffLedger([{ id: 'w', balance: 5n, ledgerSum: 4n }], 'SQLite')).toEqual(['wallet w has balance 5 in SQLite but its ledger sums to 4']);
  });

  it('keeps the line short: the first few differences, then how many more', () => {
    expect(listed(['a', 'b'])).toBe('a; b');
    expect(listed(['a', 'b', 'c', 'd', 'e'])).toBe('a; b; c (and 2 more)');
  });
});
