import { describe, expect, it } from 'vitest';
import type { Platform } from '../../../src/store/types.ts';
import { fairOrderSql } from '../fair-order-oracle.ts';
import { T, newTask, storePerTest, type StoreFactory } from './engine.ts';

/** A small seeded generator, so a failing history can be replayed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let x = Math.imul(s ^ (s >>> 15), 1 | s);
    x ^= x + Math.imul(x ^ (x >>> 7), 61 | x);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** Where a job comes from: Telegram chats (the chat is the group) and a Discord server with two channels. */
const PLACES: Array<{ platform: Platform; chatId: string; guildId: string | null }> = [
  { platform: 'telegram', chatId: '-100', guildId: null },
  { platform: 'telegram', chatId: '-200', guildId: null },
  { platform: 'telegram', chatId: '-300', guildId: null },
  { platform: 'telegram', chatId: '42', guildId: null },
  { platform: 'discord', chatId: 'chan-1', guildId: 'guild-1' },
  { platform: 'discord', chatId: 'chan-2', guildId: 'guild-1' },
];

/**
 * The line read lazily (the next jobs, one job's place, a group's jobs) against the line the store
 * computed whole until issue 14 (test/support/fair-order-oracle.ts): after every step of random
 * histories of jobs arriving, admitted, cancelled, failed and finished, or sent to another service
 * than they were written for, in several groups.
 */
export function queueOrderContract(open: StoreFactory): void {
  describe('tasks queue: the fair order read lazily', () => {
    const engine = storePerTest(open);
    const tasks = () => engine().store.tasks;

    const oracle = async (): Promise<string[]> => {
      const rows = (await engine().inspect!.sql(`SELECT q.id, q.turn FROM (${fairOrderSql("'apiframe'")}) q ORDER BY q.turn`)) as Array<{ id: string; turn: number | string }>;
      rows.forEach((r, i) => expect(Number(r.turn)).toBe(i + 1));
      return rows.map((r) => r.id);
    };

    const agrees = async (step: string) => {
      const whole = await oracle();
      expect((await tasks().waitingInOrder('apiframe', 10_000)).map((t) => t.id), step).toEqual(whole);
      for (const n of [1, 2, 5]) expect((await tasks().waitingInOrder('apiframe', n)).map((t) => t.id), `${step}: the first ${n}`).toEqual(whole.slice(0, n));
      const places = await tasks().placesInLine('apiframe', [...whole, 'not-waiting']);
      expect(Object.fromEntries(places), step).toEqual(Object.fromEntries(whole.map((id, i) => [id, i + 1])));
      for (const p of PLACES) {
        const group = p.guildId ?? p.chatId;
        const line = await tasks().waitingInGroup('apiframe', p.platform, group, 10_000);
        const mine = await Promise.all(whole.map((id) => tasks().get(id)));
        const expected = mine.filter((t) => t!.platform === p.platform && (t!.guildId ?? t!.chatId) === group).map((t) => ({ id: t!.id, place: whole.indexOf(t!.id) + 1 }));
        expect(line.map((l) => ({ id: l.task.id, place: l.place })), `${step}: group ${group}`).toEqual(expected);
      }
    };

    it.each([1, 2, 3])('orders, admits and places jobs as the whole-line query did (history %i)', async (seed) => {
      const next = random(seed);
      const pick = <X>(xs: readonly X[]): X => xs[Math.floor(next() * xs.length)]!;
      let clock = T;
      let n = 0;
      const running: string[] = [];
      // A job admitted at once (not queued) also counts as served.
      await tasks().insert(newTask('direct', { provider: 'apiframe', userId: 'u1', chatId: '-200' }), clock);
      for (let step = 0; step < 40; step++) {
        clock += 1 + Math.floor(next() * 3);
        const roll = next();
        if (roll < 0.55) {
          for (let k = 1 + Math.floor(next() * 3); k > 0; k--) {
            const p = pick(PLACES);
            // The same created_at for some, so ties fall to the id.
            await tasks().insert(newTask(`j${++n}`, { ...p, userId: `u${1 + Math.floor(next() * 4)}`, provider: 'apiframe', waiting: true }), clock);
          }
        } else if (roll < 0.8) {
          const admitted = await tasks().admitWaiting('apiframe', running.length + 1 + Math.floor(next() * 3), clock);
          running.push(...admitted.map((t) => t.id));
        } else if (roll < 0.85 && running.length > 0) {
          const done = running.splice(Math.floor(next() * running.length), 1)[0]!;
          await tasks().fail(done, 'done', clock);
        } else if (roll < 0.9) {
          // Written before its service was known (apiframe by default, and served there), then sent elsewhere.
          const id = `moved${++n}`;
          await tasks().insert(newTask(id, { ...pick(PLACES), userId: `u${1 + Math.floor(next() * 4)}` }), clock);
          await tasks().markSubmitted(id, 'aiphotogenerator', [`p-${id}`], clock);
        } else {
          const whole = await oracle();
          if (whole.length > 0) {
            const id = pick(whole);
            if (next() < 0.5) await tasks().cancelWaiting(id, 'cancelled', clock);
            else await tasks().fail(id, 'unavailable', clock, false);
          }
        }
        await agrees(`seed ${seed}, step ${step}`);
      }
    });
  });
}
