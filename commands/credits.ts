import { z } from 'zod';
import type { CommandContext, CommandSpec } from '../src/core/command.ts';
import { describeWallet, walletIdFor } from '../src/core/credits.ts';
import { offeredCosts } from '../src/core/offered-costs.ts';
import type { LedgerEntry } from '../src/store/wallets-repo.ts';
import { wholeNumber } from './schemas.ts';

const GROUP = 'credits';

const KIND_WORDS: Record<LedgerEntry['kind'], string> = {
  grant: 'granted',
  reserve: 'spent',
  capture: 'done',
  refund: 'refunded',
  adjust: 'taken',
};

function formatEntry(e: LedgerEntry): string {
  const when = new Date(e.at).toISOString().slice(0, 16).replace('T', ' ');
  const amount = e.kind === 'capture' ? '' : ` ${e.amount > 0 ? '+' : ''}${e.amount}`;
  const who = e.userName ? ` · ${e.userName}` : '';
  return `${when} UTC · ${KIND_WORDS[e.kind]}${amount}${who}${e.note ? ` · ${e.note}` : ''}`;
}

const balanceInput = z.object({});
export const creditsBalance: CommandSpec<z.infer<typeof balanceInput>> = {
  name: 'balance',
  group: GROUP,
  groupDefault: true,
  description: "This chat's credits, and what you spent today and this month",
  options: [],
  input: balanceInput,
  slow: false,
  async run(ctx) {
    const { credits, providers } = ctx.services;
    const { wallet, spentToday, spentThisMonth } = credits.summary(ctx.scope);
    const cap = wallet.memberDailyCap;
    const lines = [
      `💳 ${describeWallet(wallet.id).replace(/^./, (c) => c.toUpperCase())}: ${wallet.balance} credits.`,
      `You spent ${spentToday} today and ${spentThisMonth} this month.`,
    ];
    if (cap !== null) lines.push(`Daily limit per member: ${cap} (${Math.max(0, cap - spentToday)} left for you today).`);
    lines.push(`Costs: ${offeredCosts(providers).map((k) => `${k} ${credits.costs[k]}`).join(', ')}.`);
    await ctx.respond.text(lines.join('\n'));
  },
};

const historyInput = z.object({
  page: wholeNumber('The page must be a whole number.').pipe(z.number().min(1, 'Pages start at 1.')).default(1),
});
export const creditsHistory: CommandSpec<z.infer<typeof historyInput>> = {
  name: 'history',
  group: GROUP,
  description: 'Recent credit movements of this chat, newest first',
  options: [{ type: 'integer', name: 'page', description: 'Page number (10 entries a page)', min: 1, rest: true }],
  input: historyInput,
  slow: false,
  async run(ctx, { page }) {
    const walletId = walletIdFor(ctx.scope);
    ctx.services.credits.wallet(walletId);
    const { entries, pages } = ctx.services.credits.history(walletId, page);
    if (entries.length === 0) {
      await ctx.respond.text(page === 1 ? 'No credit movements here yet.' : `There are only ${pages} page(s).`);
      return;
    }
    const more = page < pages ? `\nMore: page ${page + 1} of ${pages}.` : '';
    await ctx.respond.text(`🧾 ${describeWallet(walletId)}, page ${page} of ${pages}:\n${entries.map(formatEntry).join('\n')}${more}`);
  },
};

export const creditsCommands = [creditsBalance, creditsHistory];
