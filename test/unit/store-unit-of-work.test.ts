import { describe, expect, it } from 'vitest';
import { createStore } from '../../src/store/index.ts';
import { turn, unitOfWorkContract } from '../support/store-contract.ts';

unitOfWorkContract('sqlite', () => createStore(':memory:'));

/**
 * SQLite has one connection, so a statement from outside an open unit would join its transaction;
 * it waits instead (see SerialGate). PostgreSQL runs it on another connection, so this is SQLite's.
 */
describe('store.transaction on SQLite', () => {
  it('makes a write from outside wait for the open unit rather than join it', async () => {
    const store = createStore(':memory:');
    await store.wallets.create('w', 'telegram', 'group', 0);
    let release!: () => void;
    const slowStep = new Promise<void>((resolve) => (release = resolve));
    const unit = store.transaction(async (tx) => {
      await tx.wallets.move('w', 1, { kind: 'grant', note: 'inside' }, 1);
      await slowStep;
      throw new Error('rolled back');
    });
    await turn();
    let outsideDone = false;
    const outside = store.wallets.move('w', 5, { kind: 'grant', note: 'outside' }, 2).then(() => (outsideDone = true));
    await turn();
    expect(outsideDone).toBe(false);
    release();
    await expect(unit).rejects.toThrow('rolled back');
    await outside;
    expect((await store.wallets.history('w', 10, 0)).map((e) => e.note)).toEqual(['outside']);
    await store.close();
  });
});
