import { describe, expect, it } from 'vitest';
import { combines, RefusalDigest, type Refusal } from '../../adapters/shared/refusal-digest.ts';
import { StatusMessages, type StatusIo } from '../../adapters/shared/status-messages.ts';

/** A chat of numbered messages: what was posted and each message's newest text. */
function chat() {
  const texts = new Map<number, string>();
  let next = 1;
  const io: StatusIo<number> = {
    send: async (text) => {
      texts.set(next, text);
      return next++;
    },
    edit: async (ref, text) => {
      texts.set(ref, text);
      return true;
    },
  };
  return { texts, io };
}

const settle = () => new Promise((r) => setTimeout(r, 20));
const NOT_ENOUGH = "That costs 4 credits, but this group's wallet has 0.";
const credits = (userId: string, who: string): Refusal => ({ code: 'insufficient_credits', text: NOT_ENOUGH, userId, who });

function digest(now: () => number) {
  const statuses = new StatusMessages<number>({ farAfter: 1_000, intervalMs: () => 0, onError: (err) => { throw err; } });
  return new RefusalDigest(statuses, { quietMs: 60_000, farAfter: 100, now });
}

describe('RefusalDigest', () => {
  it('shows one refusal as it is, then names everyone refused in the same message, with how often', async () => {
    const { texts, io } = chat();
    const d = digest(() => 0);
    await d.add('-1', credits('1', '@ana'), 10, io);
    expect([...texts.values()]).toEqual([NOT_ENOUGH]);
    await d.add('-1', credits('2', '@bo'), 11, io);
    await d.add('-1', credits('1', '@ana'), 12, io);
    await settle();
    expect([...texts.values()]).toEqual([`⛔ Not enough credits in this group's wallet for: @ana ×2, @bo — 3 commands, nothing charged.\n@ana: ${NOT_ENOUGH}`]);
  });

  it('names the first eight and counts the rest', async () => {
    const { texts, io } = chat();
    const d = digest(() => 0);
    for (let i = 1; i <= 11; i++) await d.add('-1', credits(String(i), `u${i}`), 10 + i, io);
    await settle();
    expect(texts.get(1)).toMatch(/^⛔ Not enough credits in this group's wallet for: u1, u2, u3, u4, u5, u6, u7, u8 \(\+3 more\) — 11 commands/);
  });

  it('starts a new message after a quiet spell, far down the chat, for another kind, and in another chat', async () => {
    const { texts, io } = chat();
    let now = 0;
    const d = digest(() => now);
    await d.add('-1', credits('1', '@ana'), 10, io);
    now = 61_000;
    await d.add('-1', credits('2', '@bo'), 11, io);
    await d.add('-1', credits('3', '@cy'), 200, io);
    await d.add('-1', { code: 'rate_limited', text: 'Please wait 5 seconds.', userId: '1', who: '@ana' }, 201, io);
    await d.add('-2', credits('1', '@ana'), 202, io);
    await settle();
    expect(texts.size).toBe(5);
  });

  it('combines the kinds that pile up in a busy group, not a mistyped command', () => {
    for (const code of ['insufficient_credits', 'daily_cap', 'rate_limited', 'too_many_jobs', 'too_many_group_jobs']) expect(combines(code)).toBe(true);
    for (const code of ['invalid_input', 'not_admin', 'toString', 'constructor']) expect(combines(code)).toBe(false);
  });

  it('is in the language of the newest refusal, its headline and count agreeing with the refusal quoted under it', async () => {
    const { texts, io } = chat();
    const d = digest(() => 0);
    const spanish = 'Eso cuesta 4 créditos.';
    await d.add('-1', credits('1', '@ana'), 10, io);
    await d.add('-1', { ...credits('2', '@bo'), text: spanish, locale: 'es' }, 11, io);
    await settle();
    expect([...texts.values()]).toEqual([`⛔ No hay créditos suficientes en el monedero de este grupo para: @ana, @bo — 2 comandos, no se cobró nada.\n@bo: ${spanish}`]);
    await d.add('-1', { ...credits('3', '@ivan'), text: 'Это стоит 4 кредита.', locale: 'ru' }, 12, io);
    for (let i = 4; i <= 12; i++) await d.add('-1', { ...credits(String(i), `@m${i}`), locale: 'ru' }, 10 + i, io);
    await settle();
    // Russian's plural forms: 12 команд; and the names past eight counted in Russian.
    expect([...texts.values()][0]).toMatch(/^⛔ В кошельке этой группы не хватает кредитов для: @ana, @bo, @ivan, .+ \(и ещё 4\) — 12 команд, ничего не списано\.\n@m12: /);
  });
});
