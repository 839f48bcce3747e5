/**
 * How /credits puts wallets, prices and history into words: a wallet as the asker knows it
 * ("this group's wallet", "@ana's wallet"), never its id; a price by what it buys; one history
 * line per job.
 */
import type { CommandContext } from '../src/core/command.ts';
import { COST_WORDS, type CostKey, type Costs } from '../src/core/costs.ts';
import { describeWallet, walletIdFor } from '../src/core/credits.ts';
import type { HistoryLine, JobOutcome } from '../src/core/credit-history.ts';
import { plural } from '../src/core/plural.ts';
import { quote } from '../src/core/render.ts';

/** A wallet as the person asking knows it; `unnamed`: what to say of a person the bot knows no name for. */
export async function walletName(ctx: Pick<CommandContext, 'scope' | 'services'>, walletId: string, unnamed?: string): Promise<string> {
  const { scope } = ctx;
  const [, kind, id] = walletId.split(':');
  if (kind === 'user') {
    if (id === scope.userId) return 'your own wallet';
    const name = await ctx.services.credits.ownerName(walletId);
    return name ? `${name}'s wallet` : (unnamed ?? `user ${id}'s wallet`);
  }
  if (walletId === walletIdFor(scope)) return describeWallet(walletId);
  return kind === 'guild' ? "the server's wallet" : "the group's wallet";
}

/** "Costs in credits: imagine 4, …, preparing photos 2, training 4 per photo." */
export function costsText(keys: readonly CostKey[], costs: Costs): string {
  return `Costs in credits: ${keys.map((k) => COST_WORDS[k](costs[k])).join(', ')}.`;
}

const OUTCOME: Record<Exclude<JobOutcome, 'partly_refunded'>, string> = {
  charged: 'charged',
  refunded: 'refunded',
  in_progress: 'in progress',
};

const when = (at: number) => `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

/** A movement of no job: what, by whom (or why, when nobody did it: "welcome credits"). */
function movement(verb: string, amount: number, userName: string | null, note: string | null): string[] {
  return [`${verb} ${plural(Math.abs(amount), 'credit')}`, userName ? `by ${userName}` : (note ?? '')];
}

/** One line of history, starting with what it was (a capital letter), ending with when. */
export function historyText(line: HistoryLine): string {
  let parts: string[];
  switch (line.kind) {
    case 'job': {
      const outcome = line.outcome === 'partly_refunded' ? `partly refunded (${line.refunded} back)` : OUTCOME[line.outcome];
      parts = [`${line.label}${line.prompt ? ` ${quote(line.prompt, 60)}` : ''}`, line.userName ?? '', plural(line.cost, 'credit'), outcome];
      break;
    }
    case 'grant':
      parts = movement('Granted', line.amount, line.userName, line.note);
      break;
    case 'adjust':
      parts = movement(line.amount < 0 ? 'Taken' : 'Added', line.amount, line.userName, line.note);
      break;
    case 'refund':
      parts = movement('Refunded', line.amount, null, line.note);
      break;
  }
  return [...parts, when(line.at)].filter(Boolean).join(' · ');
}
