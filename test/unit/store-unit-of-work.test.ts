import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, type SqliteStore } from '../../src/store/index.ts';
import type { NewTask } from '../../src/store/tasks-repo.ts';

/**
 * The store's unit of work on SQLite: one transaction across awaits on the one connection, kept
 * free of every other caller's statements (see SerialGate).
 */
let store: SqliteStore;
const WALLET = 'telegram:chat:-100';

const newTask = (id: string): NewTask => ({
  id,
  job: { type: 'mj.imagine', prompt: 'a fox' },
  parentId: null,
  prompt: 'a fox',
  label: 'Imagine',
  platform: 'telegram',
  guildId: null,
  chatId: '-100',
  userId: '7',
  userName: '@ana',
  deadlineAt: 1e12,
  walletId: WALLET,
  cost: 4,
});

/** Lets every other pending callback run, as a unit's await on a slow step would. */
const turn = () => new Promise((resolve) => setImmediate(resolve));

beforeEach(async () => {
  store = createStore(':memory:');
  await store.wallets.create(WALLET, 'telegram', 'group', 0);
  await store.wallets.move(WALLET, 10, { kind: 'grant' }, 0);
});
afterEach(() => store.close());

describe('store.transaction on SQLite', () => {
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
    expect((await store.wallets.get(WALLET))?.balance).toBe(10);
    expect(await store.wallets.balancesAgainstLedger()).toEqual([{ id: WALLET, balance: 10, ledgerSum: 10 }]);
  });

  it('keeps a write from outside out of an open unit: it waits, and survives the unit rolling back', async () => {
    let release!: () => void;
    const slowStep = new Promise<void>((resolve) => (release = resolve));
    const unit = store.transaction(async (tx) => {
      await tx.tasks.insert(newTask('t1'), 1);
      await slowStep;
      throw new Error('rolled back');
    });
    await turn();
    // Another caller writes while the unit is open, and waits for it rather than joining it.
    let outsideDone = false;
    const outside = store.wallets.move(WALLET, 5, { kind: 'grant', note: 'outside' }, 2).then(() => (outsideDone = true));
    await turn();
    expect(outsideDone).toBe(false);
    release();
    await expect(unit).rejects.toThrow('rolled back');
    await outside;
    expect(await store.tasks.get('t1')).toBeUndefined();
    expect((await store.wallets.get(WALLET))?.balance).toBe(15);
  });

  it('runs units one after the other, so a guarded change is won exactly once', async () => {
    await store.tasks.insert(newTask('t1'), 1);
    await store.tasks.finish('t1', { kind: 'grid', gridUrl: 'http://x/g.png', imageUrls: [] }, 2);
    const claims = await Promise.all(
      [1, 2, 3].map(() =>
        store.transaction(async (tx) => {
          await turn();
          return tx.tasks.claimDelivery('t1', 3);
        }),
      ),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it('never lets a balance go below zero: the move is refused and nothing is written', async () => {
    const moved = await store.transaction((tx) => tx.wallets.move(WALLET, -11, { kind: 'reserve' }, 1));
    expect(moved).toBe(false);
    expect(await store.wallets.history(WALLET, 10, 0)).toHaveLength(1);
  });

  it('refuses a call through the store, or a nested unit, from inside a unit (it would not be part of it)', async () => {
    await expect(store.transaction(async () => store.tasks.get('t1'))).rejects.toThrow('use the repositories the transaction hands you (tx)');
    await expect(store.transaction(async () => store.transaction(async () => 1))).rejects.toThrow('a transaction inside a unit of work');
    // The refusals rolled back and released the connection.
    expect(await store.transaction(async (tx) => tx.wallets.get(WALLET))).toMatchObject({ balance: 10 });
  });

  it("refuses a unit's repositories once it has ended", async () => {
    let kept: Parameters<Parameters<SqliteStore['transaction']>[0]>[0] | undefined;
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
