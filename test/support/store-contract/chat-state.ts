import { describe, expect, it } from 'vitest';
import { DRAFT_LIFETIME_MS, type DraftRecord } from '../../../src/store/records/chat-state.ts';
import { T, storePerTest, type StoreFactory } from './engine.ts';

/** SettingsRepository, AsksRepository and DraftsRepository: what is put comes back, until it is removed or pruned. */
export function chatStateContract(open: StoreFactory): void {
  describe('settings, asks and drafts', () => {
    const engine = storePerTest(open);
    const store = () => engine().store;

    it("keeps each user's settings per platform, the last put winning", async () => {
      expect(await store().settings.get('telegram', '7')).toBeUndefined();
      await store().settings.put('telegram', '7', { ar: '16:9', speed: 'fast' }, T);
      await store().settings.put('discord', '7', { ar: '1:1' }, T);
      expect(await store().settings.get('telegram', '7')).toEqual({ ar: '16:9', speed: 'fast' });
      await store().settings.put('telegram', '7', { ar: '3:2' }, T + 1);
      expect(await store().settings.get('telegram', '7')).toEqual({ ar: '3:2' });
      expect(await store().settings.get('discord', '7')).toEqual({ ar: '1:1' });
    });

    it("keeps each group's settings per platform and group, apart from its members' own", async () => {
      expect(await store().settings.getGroup('discord', 'g1')).toBeUndefined();
      await store().settings.putGroup('discord', 'g1', { language: 'es' }, T);
      await store().settings.putGroup('telegram', 'g1', { language: 'ru' }, T);
      await store().settings.put('discord', 'g1', { speed: 'turbo' }, T);
      expect(await store().settings.getGroup('discord', 'g1')).toEqual({ language: 'es' });
      await store().settings.putGroup('discord', 'g1', {}, T + 1);
      expect(await store().settings.getGroup('discord', 'g1')).toEqual({});
      expect(await store().settings.getGroup('telegram', 'g1')).toEqual({ language: 'ru' });
      expect(await store().settings.get('discord', 'g1')).toEqual({ speed: 'turbo' });
      expect(await store().settings.getGroup('discord', 'g2')).toBeUndefined();
    });

    it('keeps a question by the message that asked it, replaces it, removes it, and prunes the old ones', async () => {
      await store().asks.put('telegram', '-100', 'm1', '7', { kind: 'vary', task: 't1' }, T);
      expect(await store().asks.get('telegram', '-100', 'm1')).toEqual({ userId: '7', question: { kind: 'vary', task: 't1' }, createdAt: T });
      expect(await store().asks.get('telegram', '-200', 'm1')).toBeUndefined();
      await store().asks.put('telegram', '-100', 'm1', '8', { kind: 'zoom' }, T + 1);
      expect(await store().asks.get('telegram', '-100', 'm1')).toEqual({ userId: '8', question: { kind: 'zoom' }, createdAt: T + 1 });
      await store().asks.remove('telegram', '-100', 'm1');
      expect(await store().asks.get('telegram', '-100', 'm1')).toBeUndefined();
      await store().asks.put('telegram', '-100', 'm2', '7', 1, T);
      await store().asks.put('telegram', '-100', 'm3', '7', 2, T + 10);
      expect(await store().asks.prune(T + 10)).toBe(1);
      expect(await store().asks.get('telegram', '-100', 'm2')).toBeUndefined();
      expect((await store().asks.get('telegram', '-100', 'm3'))?.question).toBe(2);
    });

    it('keeps a draft until it is picked (once) or a day has passed', async () => {
      const draft = (id: string, createdAt: number): DraftRecord => ({ id, platform: 'discord', chatId: 'c1', userId: '7', kind: 'generate', input: { prompt: 'me at sea', count: 2 }, createdAt });
      await store().drafts.put(draft('d1', T));
      await store().drafts.put(draft('d2', T + 1));
      expect(await store().drafts.get('d1')).toEqual(draft('d1', T));
      expect(await store().drafts.remove('d1')).toBe(true);
      expect(await store().drafts.remove('d1')).toBe(false);
      expect(await store().drafts.get('d1')).toBeUndefined();
      // Writing a draft forgets those more than a day older than it.
      await store().drafts.put(draft('d3', T + 1 + DRAFT_LIFETIME_MS));
      expect(await store().drafts.get('d2')).toEqual(draft('d2', T + 1));
      await store().drafts.put(draft('d4', T + 2 + DRAFT_LIFETIME_MS));
      expect(await store().drafts.get('d2')).toBeUndefined();
      expect(await store().drafts.get('d3')).toBeDefined();
    });
  });
}
