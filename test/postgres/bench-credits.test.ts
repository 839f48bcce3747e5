/**
 * The scale-out benchmark's credit harness (bench/credits-scale.ts) does what its figures claim:
 * separate worker processes spend from the same wallets on one PostgreSQL database, and afterwards
 * the ledger matches the balances and every pair was charged exactly once. No speed is asserted.
 */
import { expect, it } from 'vitest';
import { creditPairsAcrossInstances } from '../../bench/credits-scale.ts';
import { describePostgres } from '../support/postgres.ts';

describePostgres('the benchmark credit workers', (server) => {
  it('two instances spending from the same wallets at once leave the ledger consistent, no wallet negative, each pair charged once', async () => {
    const url = (await server.newDatabase()).href;
    const run = await creditPairsAcrossInstances({ engine: 'postgres', url }, { instances: 2, wallets: 2, lanes: 3, durationMs: 500 });
    expect(run.pairs).toBeGreaterThan(0);
    expect(run).toMatchObject({ consistent: true, nonNegative: true, chargedOnce: true });
  });
});
