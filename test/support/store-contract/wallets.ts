import { describe, expect, it } from 'vitest';
import { T, WALLET, newTask, storePerTest, type StoreFactory } from './engine.ts';

/** WalletsRepository: create once, a balance never below zero, one entry per task and kind, one movement per event. */
export function walletsContract(open: StoreFactory): void {
  describe('wallets', () => {
    const engine = storePerTest(open);
    const wallets = () => engine().store.wallets;
    const balance = async (id = WALLET) => (await wallets().get(id))?.balance;
    async function ledgerAgrees() {
      for (const w of await wallets().balancesAgainstLedger()) expect(w.balance, w.id).toBe(w.ledgerSum);
    }
    async function funded(amount: number) {
      await wallets().create(WALLET, 'telegram', 'group', T);
      if (amount > 0) await wallets().move(WALLET, amount, { kind: 'grant' }, T);
    }

    it('creates a wallet once, empty; creating it again changes nothing', async () => {
      expect(await wallets().create(WALLET, 'telegram', 'group', T)).toBe(true);
      expect(await wallets().get(WALLET)).toEqual({ id: WALLET, platform: 'telegram', kind: 'group', balance: 0, memberDailyCap: null, createdAt: T });
      await wallets().move(WALLET, 5, { kind: 'grant' }, T);
      expect(await wallets().create(WALLET, 'telegram', 'user', T + 1)).toBe(false);
      expect(await wallets().get(WALLET)).toMatchObject({ kind: 'group', balance: 5, createdAt: T });
      expect(await wallets().get('telegram:chat:-200')).toBeUndefined();
    });

    it('never lets a balance go below zero: the move is refused and nothing is written', async () => {
      await funded(10);
      expect(await wallets().move(WALLET, -4, { kind: 'reserve', taskId: 't1' }, T + 1)).toBe(true);
      expect(await wallets().move(WALLET, -7, { kind: 'reserve', taskId: 't2' }, T + 2)).toBe(false);
      expect(await balance()).toBe(6);
      expect(await wallets().history(WALLET, 10, 0)).toHaveLength(2);
      expect(await wallets().entryFor('t2', 'reserve')).toBeUndefined();
      expect(await wallets().move(WALLET, -6, { kind: 'adjust' }, T + 3)).toBe(true);
      expect(await balance()).toBe(0);
      await ledgerAgrees();
    });

    it('refuses a move on a wallet that does not exist, writing nothing', async () => {
      expect(await wallets().move('telegram:chat:-404', 5, { kind: 'grant' }, T)).toBe(false);
      expect(await wallets().history('telegram:chat:-404', 10, 0)).toEqual([]);
    });

    it('reserves, captures and refunds a task at most once each; a second is refused and moves nothing', async () => {
      await funded(10);
      expect(await wallets().move(WALLET, -2, { kind: 'reserve', taskId: 't1', userId: '7' }, T + 1)).toBe(true);
      await expect(wallets().move(WALLET, -2, { kind: 'reserve', taskId: 't1', userId: '7' }, T + 2)).rejects.toThrow();
      expect(await balance()).toBe(8);
      expect(await wallets().move(WALLET, 0, { kind: 'capture', taskId: 't1' }, T + 3)).toBe(true);
      await expect(wallets().move(WALLET, 0, { kind: 'capture', taskId: 't1' }, T + 4)).rejects.toThrow();
      expect(await wallets().move(WALLET, 1, { kind: 'refund', taskId: 't1' }, T + 5)).toBe(true);
      await expect(wallets().move(WALLET, 1, { kind: 'refund', taskId: 't1' }, T + 6)).rejects.toThrow();
      expect(await balance()).toBe(9);
      expect(await wallets().entryFor('t1', 'reserve')).toMatchObject({ walletId: WALLET, taskId: 't1', kind: 'reserve', amount: -2, userId: '7', at: T + 1 });
      expect(await wallets().entryFor('t1', 'refund')).toMatchObject({ amount: 1, at: T + 5 });
      // Movements of no task repeat freely.
      expect(await wallets().move(WALLET, 1, { kind: 'grant' }, T + 7)).toBe(true);
      expect(await wallets().move(WALLET, 1, { kind: 'grant' }, T + 7)).toBe(true);
      await ledgerAgrees();
    });

    it('moves credits once per platform event: movedBy tells, and a replay is refused and moves nothing', async () => {
      await funded(0);
      expect(await wallets().movedBy('tg:update:9')).toBe(false);
      expect(await wallets().move(WALLET, 5, { kind: 'grant', origin: 'tg:update:9' }, T)).toBe(true);
      expect(await wallets().movedBy('tg:update:9')).toBe(true);
      await expect(wallets().move(WALLET, 5, { kind: 'grant', origin: 'tg:update:9' }, T + 1)).rejects.toThrow();
      expect(await balance()).toBe(5);
      expect(await wallets().movedBy('tg:update:10')).toBe(false);
      await ledgerAgrees();
    });

    it('of concurrent reservations, lets through only as many as the balance covers', async () => {
      await funded(10);
      const moves = await Promise.all(
        Array.from({ length: 8 }, (_, n) => wallets().move(WALLET, -3, { kind: 'reserve', taskId: `t${n}` }, T + 1)),
      );
      expect(moves.filter(Boolean)).toHaveLength(3);
      expect(await balance()).toBe(1);
      await ledgerAgrees();
    });

    it('lists a wallet’s entries newest first, a page at a time, and only its own', async () => {
      await funded(0);
      await wallets().create('telegram:chat:-200', 'telegram', 'group', T);
      for (let n = 1; n <= 5; n++) {
        await wallets().move(WALLET, n, { kind: 'grant', note: `n${n}`, userId: '1', userName: '@op' }, T + n);
        await wallets().move('telegram:chat:-200', 1, { kind: 'grant', note: 'other' }, T + n);
      }
      const notes = async (limit: number, offset: number) => (await wallets().history(WALLET, limit, offset)).map((e) => e.note);
      expect(await notes(2, 0)).toEqual(['n5', 'n4']);
      expect(await notes(2, 2)).toEqual(['n3', 'n2']);
      expect(await notes(2, 4)).toEqual(['n1']);
      expect(await notes(2, 6)).toEqual([]);
      expect((await wallets().history(WALLET, 1, 0))[0]).toMatchObject({ walletId: WALLET, kind: 'grant', amount: 5, userId: '1', userName: '@op', taskId: null, note: 'n5', at: T + 5 });
    });

    it("groups a job's movements into one line placed where the job started, with the job's prompt", async () => {
      await funded(0);
      await engine().store.tasks.insert(newTask('tA', { prompt: 'a red fox', walletId: WALLET, cost: 3 }), T);
      await wallets().move(WALLET, 10, { kind: 'grant', note: 'g1' }, T + 1);
      await wallets().move(WALLET, -3, { kind: 'reserve', taskId: 'tA' }, T + 2);
      await wallets().move(WALLET, 1, { kind: 'grant', note: 'g2' }, T + 3);
      await wallets().move(WALLET, 0, { kind: 'capture', taskId: 'tA' }, T + 4);
      await wallets().move(WALLET, -2, { kind: 'reserve', taskId: 'tB' }, T + 5);
      await wallets().move(WALLET, 2, { kind: 'refund', taskId: 'tB' }, T + 6);
      const lines = (await wallets().historyLines(WALLET, 10, 0)).map((l) => ({ prompt: l.prompt, entries: l.entries.map((e) => e.note ?? e.kind) }));
      expect(lines).toEqual([
        { prompt: null, entries: ['reserve', 'refund'] },
        { prompt: null, entries: ['g2'] },
        { prompt: 'a red fox', entries: ['reserve', 'capture'] },
        { prompt: null, entries: ['g1'] },
      ]);
      expect(await wallets().countLines(WALLET)).toBe(4);
      const page = await wallets().historyLines(WALLET, 2, 1);
      expect(page.map((l) => l.entries[0]!.note ?? l.entries[0]!.kind)).toEqual(['g2', 'reserve']);
    });

    it('counts what a member spent since a time, less refunds, a refund on the day of its reservation', async () => {
      await funded(100);
      const day2 = T + 86_400_000;
      await wallets().move(WALLET, -4, { kind: 'reserve', taskId: 'tA', userId: '7' }, day2 - 1_000);
      await wallets().move(WALLET, 4, { kind: 'refund', taskId: 'tA', userId: '7' }, day2 + 1_000);
      await wallets().move(WALLET, -3, { kind: 'reserve', taskId: 'tB', userId: '7' }, day2 + 2_000);
      await wallets().move(WALLET, 0, { kind: 'capture', taskId: 'tB', userId: '7' }, day2 + 3_000);
      await wallets().move(WALLET, -5, { kind: 'reserve', taskId: 'tC', userId: '8' }, day2 + 2_000);
      expect(await wallets().spentBy(WALLET, '7', day2)).toBe(3);
      expect(await wallets().spentBy(WALLET, '7', T)).toBe(3);
      expect(await wallets().spentBy(WALLET, '8', T)).toBe(5);
      expect(await wallets().spentBy(WALLET, '9', T)).toBe(0);
    });

    it("knows a user's last name on a platform, from the ledger first, else from their jobs", async () => {
      await funded(10);
      await wallets().move(WALLET, -1, { kind: 'reserve', taskId: 't1', userId: '7', userName: '@ana' }, T + 1);
      await wallets().move(WALLET, -1, { kind: 'reserve', taskId: 't2', userId: '7', userName: '@ana_new' }, T + 2);
      expect(await wallets().lastNameOf('telegram', '7')).toBe('@ana_new');
      expect(await wallets().lastNameOf('discord', '7')).toBeUndefined();
      await engine().store.tasks.insert(newTask('t3', { userId: '8', userName: '@bob' }), T);
      expect(await wallets().lastNameOf('telegram', '8')).toBe('@bob');
      expect(await wallets().lastNameOf('telegram', '9')).toBeUndefined();
    });

    it("sets and clears a wallet's daily cap per member", async () => {
      await funded(0);
      await wallets().setMemberDailyCap(WALLET, 5, T + 1);
      expect((await wallets().get(WALLET))?.memberDailyCap).toBe(5);
      await wallets().setMemberDailyCap(WALLET, null, T + 2);
      expect((await wallets().get(WALLET))?.memberDailyCap).toBeNull();
    });

    it('keeps the ledger append-only and the balance non-negative below the repository too', async (ctx) => {
      const inspect = engine().inspect;
      if (!inspect) return ctx.skip();
      await funded(5);
      await expect(inspect.sql('UPDATE ledger SET amount = 500')).rejects.toThrow('append-only');
      await expect(inspect.sql('DELETE FROM ledger')).rejects.toThrow('append-only');
      await expect(inspect.sql('UPDATE wallets SET balance = -1')).rejects.toThrow(/check constraint/i);
      await ledgerAgrees();
    });
  });
}
