import { expect, it } from 'vitest';
import { describePostgres } from '../support/postgres.ts';
import { WALLET, newTask } from '../support/store-contract/engine.ts';

/*
 * What only PostgreSQL's unit of work has to get right: a refusal inside a unit aborts the whole
 * transaction unless a savepoint contains it, and calls started together share one connection.
 */
describePostgres('PostgreSQL unit of work', (server) => {
  async function openStore() {
    const store = await server.newStore();
    await store.wallets.create(WALLET, 'telegram', 'group', 0);
    await store.wallets.move(WALLET, 10, { kind: 'grant' }, 0);
    return store;
  }

  it('goes on after a refusal the caller caught, keeping what came before and after it', async () => {
    const store = await openStore();
    await store.transaction(async (tx) => {
      await tx.tasks.insert(newTask('t1', { origin: 'tg:update:1' }), 1);
      await expect(tx.tasks.insert(newTask('t2', { origin: 'tg:update:1' }), 1)).rejects.toThrow('already made a task');
      expect(await tx.wallets.move(WALLET, -4, { kind: 'reserve', taskId: 't1' }, 2)).toBe(true);
      await expect(tx.wallets.move(WALLET, -4, { kind: 'reserve', taskId: 't1' }, 3)).rejects.toThrow('already has a ledger entry');
    });
    expect((await store.tasks.byOrigin('tg:update:1'))?.id).toBe('t1');
    expect(await store.wallets.balancesAgainstLedger()).toEqual([{ id: WALLET, balance: 6, ledgerSum: 6 }]);
  });

  it("keeps writes started beside a refused one in the same unit (a savepoint takes in no other call's statement)", async () => {
    const store = await openStore();
    await store.transaction(async (tx) => {
      await tx.tasks.insert(newTask('t1'), 1);
      await tx.wallets.move(WALLET, -1, { kind: 'reserve', taskId: 't1' }, 1);
      const [refused, granted, inserted] = await Promise.allSettled([
        tx.wallets.move(WALLET, -1, { kind: 'reserve', taskId: 't1' }, 2),
        tx.wallets.move(WALLET, 5, { kind: 'grant' }, 2),
        tx.tasks.insert(newTask('t2'), 2),
      ]);
      expect(refused.status).toBe('rejected');
      expect(granted).toEqual({ status: 'fulfilled', value: true });
      expect(inserted.status).toBe('fulfilled');
    });
    expect(await store.tasks.get('t2')).toMatchObject({ id: 't2' });
    expect(await store.wallets.balancesAgainstLedger()).toEqual([{ id: WALLET, balance: 14, ledgerSum: 14 }]);
  });

  it('moves credits from several connections at once without going below zero', async () => {
    const store = await openStore();
    const moves = await Promise.all(Array.from({ length: 8 }, (_, i) => store.wallets.move(WALLET, -3, { kind: 'adjust', note: `take ${i}` }, 1)));
    expect(moves.filter(Boolean)).toHaveLength(3);
    expect(await store.wallets.balancesAgainstLedger()).toEqual([{ id: WALLET, balance: 1, ledgerSum: 1 }]);
  });
});
