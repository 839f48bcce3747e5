import { describe, expect, it } from 'vitest';
import type { NewAction } from '../../../src/store/records/actions.ts';
import { T, newTask, storePerTest, type StoreFactory } from './engine.ts';

/** ActionsRepository: a button's row, its task's buttons in order, and the double-press guard. */
export function actionsContract(open: StoreFactory): void {
  describe('actions', () => {
    const engine = storePerTest(open);
    const actions = () => engine().store.actions;
    const button = (id: string, arg: string | null = '2'): NewAction => ({ id, taskId: 't1', kind: 'upscale', arg, platform: 'telegram', chatId: '-100', createdAt: T });

    it("keeps a task's buttons as written, in the order written; an id is written once", async () => {
      await engine().store.tasks.insert(newTask('t1'), T);
      await actions().insert(button('zz', '1'));
      await actions().insert(button('aa', null));
      await expect(actions().insert(button('zz', '3'))).rejects.toThrow();
      expect(await actions().get('zz')).toEqual({ ...button('zz', '1'), lastUsedAt: null, lastTaskId: null });
      expect((await actions().forTask('t1')).map((a) => [a.id, a.arg])).toEqual([
        ['zz', '1'],
        ['aa', null],
      ]);
      expect(await actions().forTask('t2')).toEqual([]);
      expect(await actions().get('nope')).toBeUndefined();
    });

    it('records a press unless the same button was pressed within the debounce; of two at once, one counts', async () => {
      await engine().store.tasks.insert(newTask('t1'), T);
      await actions().insert(button('b1'));
      expect(await actions().recordUse('b1', 'c1', T + 1_000, 1_000)).toBe(true);
      expect(await actions().recordUse('b1', 'c2', T + 1_500, 1_000)).toBe(false);
      expect(await actions().get('b1')).toMatchObject({ lastUsedAt: T + 1_000, lastTaskId: 'c1' });
      expect(await actions().recordUse('b1', 'c3', T + 2_000, 1_000)).toBe(true);
      expect(await actions().get('b1')).toMatchObject({ lastUsedAt: T + 2_000, lastTaskId: 'c3' });
      const presses = await Promise.all(['c4', 'c5'].map((c) => actions().recordUse('b1', c, T + 9_000, 1_000)));
      expect(presses.filter(Boolean)).toHaveLength(1);
    });
  });
}
