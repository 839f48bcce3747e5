/**
 * How /credits puts wallets, prices and history into words: a wallet as the asker knows it
 * ("this group's wallet", "@ana's wallet"), never its id; a price by what it buys; one history
 * line per job.
 */
import type { CommandContext } from '../src/core/command.ts';
import { COST_WORDS, type CostKey, type Costs } from '../src/core/costs.ts';
import { walletIdFor } from '../src/core/credits.ts';
import { ledgerNoteIn, type HistoryLine } from '../src/core/credit-history.ts';
import { labelIn } from '../src/core/task-label.ts';
import { quote } from '../src/core/render.ts';

/**
 * A wallet as the person asking knows it, in their language; `unnamed`: what to call a person the
 * bot knows no name for (a Discord mention, which shows their name), else `user <id>`.
 */
export async function walletName(ctx: Pick<CommandContext, 'scope' | 'services' | 't'>, walletId: string, unnamed?: string): Promise<string> {
  const { scope } = ctx;
  const [, kind, id] = walletId.split(':');
  const says = (which: string, name = '') => ctx.t('reply-credits-wallet-name', { kind: which, name });
  if (kind === 'user') {
    if (id === scope.userId) return says('own');
    const name = await ctx.services.credits.ownerName(walletId);
    return name ? says('person', name) : unnamed ? says('person', unnamed) : says('user-id', id ?? '');
  }
  if (walletId === walletIdFor(scope)) return says(`this-${walletKind(walletId)}`);
  return says(kind === 'guild' ? 'server' : 'group');
}

/** Which kind of wallet an id names, as the catalogue's wallet selectors read it (`user`, `guild`, `group`). */
export function walletKind(walletId: string): 'user' | 'guild' | 'group' {
  const [, kind] = walletId.split(':');
  return kind === 'user' ? 'user' : kind === 'guild' ? 'guild' : 'group';
}

/** "Costs in credits: imagine 4, …, preparing photos 2, training 4 per photo." The prices' own words are core's (COST_WORDS). */
export function costsText(ctx: Pick<CommandContext, 't' | 'locale'>, keys: readonly CostKey[], costs: Costs): string {
  return ctx.t('reply-credits-costs', { list: keys.map((k) => COST_WORDS[k](costs[k], ctx.locale)).join(', ') });
}

/** The minute a line happened, the same in every language (2026-05-01 09:30 UTC): a log's timestamp, not prose. */
const when = (at: number) => `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** A movement of no job: what, by whom (or why, when nobody did it: "welcome credits"). */
function movement(ctx: Pick<CommandContext, 't' | 'locale'>, kind: string, amount: number, userName: string | null, note: string | null): string[] {
  return [ctx.t('reply-credits-history-movement', { kind, count: Math.abs(amount) }), userName ? ctx.t('reply-credits-history-by', { user: userName }) : note ? ledgerNoteIn(ctx.locale, note) : ''];
}

/** One line of history, starting with what it was (a capital letter), ending with when. */
export function historyText(ctx: Pick<CommandContext, 't' | 'locale'>, line: HistoryLine): string {
  let parts: string[];
  switch (line.kind) {
    case 'job': {
      const outcome = ctx.t('reply-credits-history-outcome', { outcome: line.outcome, refunded: line.outcome === 'partly_refunded' ? line.refunded : 0 });
      parts = [`${labelIn(ctx.locale, line.label)}${line.prompt ? ` ${quote(line.prompt, 60)}` : ''}`, line.userName ?? '', ctx.t('credits-amount', { count: line.cost }), outcome];
      break;
    }
    case 'grant':
      parts = movement(ctx, 'grant', line.amount, line.userName, line.note);
      break;
    case 'adjust':
      parts = movement(ctx, line.amount < 0 ? 'taken' : 'added', line.amount, line.userName, line.note);
      break;
    case 'refund':
      parts = movement(ctx, 'refund', line.amount, null, line.note);
      break;
  }
  return [...parts, when(line.at)].filter(Boolean).join(' · ');
}
