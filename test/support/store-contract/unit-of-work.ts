import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Repositories, Store } from '../../../src/store/index.ts';
import { WALLET, newTask as task, turn, type StoreFactory, type StoreUnderTest } from './engine.ts';

/** What every store engine promises about its unit of work (store.transaction). */
export function unitOfWorkContract(open: StoreFactory): void {
  describe('store.transaction', () => {
    let engine: StoreUnderTest;
    let store: Store;
    const newTask = (id: string) => task(id, { walletId: WALLET, cost: 4 });

    beforeEach(async () => {
      engine = await open();
      store = engine.store;
      await store.wallets.create(WALLET, 'telegram', 'group', 0);
      await store.wallets.move(WALLET, 10, { kind: 'grant' }, 0);
    });
    afterEach(() => engine.close());

    it('commits every write of the unit together', async () => {
      await store.transaction(async (tx) => {
        await tx.tasks.insert(newTask('t1'), 1);
        await turn();
        expect(await tx.wallets.move(WALLET, -4, { kind: 'reserve', taskId: 't1' }, 1)).toBe(true);
      });
      expect((await store.tasks.get('t1'))?.status).toBe('pending');
      expect((await store.wallets.get(WALLET))?.balance).toBe(6);
    });

    it('writes nothing when the unit throws, even after awaits', async () => {
      await expect(
        store.transaction(async (tx) => {
          await tx.tasks.insert(newTask('t1'), 1);
          await tx.wallets.move(WALLET, -4, { kind: 'reserve', taskId: 't1' }, 1);
          await turn();
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      expect(await store.tasks.get('t1')).toBeUndefined();
      expect(await store.wallets.balancesAgainstLedger()).toEqual([{ id: WALLET, balance: 10, ledgerSum: 10 }]);
    });

    it('keeps a write made outside an open unit when the unit rolls back', async () => {
      let release!: () => void;
      const slowStep = new Promise<void>((resolve) => (release = resolve));
      const unit = store.transaction(async (tx) => {
        await tx.tasks.insert(newTask('t1'), 1);
        await slowStep;
        throw new Error('rolled back');
      });
      await turn();
      const outside = store.wallets.move(WALLET, 5, { kind: 'grant', note: 'outside' }, 2);
      await turn();
      release();
      await expect(unit).rejects.toThrow('rolled back');
      expect(await outside).toBe(true);
      expect(await store.tasks.get('t1')).toBeUndefined();
      expect((await store.wallets.get(WALLET))?.balance).toBe(15);
    });

    it('lets exactly one of several concurrent units win a guarded change', async () => {
      await store.tasks.insert(newTask('t1'), 1);
      await store.tasks.finish('t1', { kind: 'grid', gridUrl: 'http://x/g.png', imageUrls: [] }, 2);
      const claims = await Promise.all(
        [1, 2, 3].map(() =>
          store.transaction(async (tx) => {
            await turn();
            return tx.tasks.claimDelivery('t1', 'me', 3, 1_000);
          }),
        ),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
    });

    it('never lets a balance go below zero: the move is refused and nothing is written', async () => {
      expect(await store.transaction((tx) => tx.wallets.move(WALLET, -11, { kind: 'reserve' }, 1))).toBe(false);
      expect(await store.wallets.history(WALLET, 10, 0)).toHaveLength(1);
      expect((await store.wallets.get(WALLET))?.balance).toBe(10);
    });

    it('refuses a call through the store, or a nested unit, from inside a unit (it would not be part of it)', async () => {
      await expect(store.transaction(async () => store.tasks.get('t1'))).rejects.toThrow('use the repositories the transaction hands you (tx)');
      await expect(store.transaction(async () => store.transaction(async () => 1))).rejects.toThrow('a transaction inside a unit of work');
      // The refusals rolled back and let go of the database.
      expect(await store.transaction(async (tx) => tx.wallets.get(WALLET))).toMatchObject({ balance: 10 });
    });

    it("refuses a unit's repositories once it has ended", async () => {
      let kept: Repositories | undefined;
      await store.transaction(async (tx) => {
        kept = tx;
      });
      await expect(kept!.tasks.get('t1')).rejects.toThrow('this unit of work has ended');
    });

    it('lets work started inside a unit use the store once the unit has ended', async () => {
      let later: Promise<unknown> | undefined;
      await store.transaction(async (tx) => {
        await tx.tasks.insert(newTask('t1'), 1);
        later = (async () => {
          await turn();
          return store.tasks.get('t1');
        })();
      });
      expect(await later).toMatchObject({ id: 't1' });
    });
  });
}
