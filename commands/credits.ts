import { z } from 'zod';
import type { Panel } from '../src/core/chat.ts';
import type { CommandContext, CommandSpec } from '../src/core/command.ts';
import { walletIdFor } from '../src/core/credits.ts';
import { offeredCosts } from '../src/core/offered-costs.ts';
import { costsText, historyText, walletKind } from './credits-text.ts';
import { wholeNumber } from './schemas.ts';

const GROUP = 'credits';
const PER_PAGE = 10;

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
    const { wallet, spentToday, spentThisMonth } = await credits.summary(ctx.scope);
    const cap = wallet.memberDailyCap;
    const lines = [
      ctx.t('reply-credits-balance', { wallet: walletKind(wallet.id), count: wallet.balance }),
      ctx.t('reply-credits-spent', { today: spentToday, month: spentThisMonth }),
    ];
    if (cap !== null) lines.push(ctx.t('reply-credits-daily-limit', { cap, left: Math.max(0, cap - spentToday) }));
    lines.push(costsText(ctx, offeredCosts(providers), credits.costs));
    await ctx.respond.text(lines.join('\n'));
  },
};

/**
 * A history page button's payload: `hist:<page>`. It names a page only: the wallet is always the
 * presser's here, as for the command, so a payload cannot show another chat's history.
 */
export const HISTORY_PREFIX = 'hist:';
const HISTORY_PAYLOAD = /^hist:(\d{1,6})$/;

/** The page number a history button carries, or undefined when the payload is not one. */
export function historyPage(payload: string): string | undefined {
  return HISTORY_PAYLOAD.exec(payload)?.[1];
}

/**
 * A page of this chat's history, one line per job, with buttons to the pages beside it; the
 * buttons redraw the same message (Telegram edits it, Discord updates its private reply).
 */
async function historyPanel(ctx: CommandContext, page: number): Promise<Panel | string> {
  const walletId = walletIdFor(ctx.scope);
  await ctx.services.credits.wallet(walletId);
  const { lines, pages } = await ctx.services.credits.history(walletId, page, PER_PAGE);
  if (lines.length === 0) return page === 1 ? ctx.t('reply-credits-history-empty') : ctx.t('reply-credits-history-past-end', { pages });
  const buttons = [
    ...(page > 1 ? [{ id: `${HISTORY_PREFIX}${page - 1}`, label: ctx.t('reply-credits-history-previous', { page: page - 1 }) }] : []),
    ...(page < pages ? [{ id: `${HISTORY_PREFIX}${page + 1}`, label: ctx.t('reply-credits-history-next', { page: page + 1 }) }] : []),
  ];
  const title =
    pages > 1
      ? ctx.t('reply-credits-history-title-page', { wallet: walletKind(walletId), page, pages })
      : ctx.t('reply-credits-history-title', { wallet: walletKind(walletId) });
  return {
    text: [title, ...lines.map((line) => historyText(ctx, line))].join('\n'),
    rows: buttons.length ? [{ buttons }] : [],
  };
}

const historyInput = z.object({
  page: wholeNumber('input-credits-page-whole').pipe(z.number().min(1, 'input-credits-page-min')).default(1),
});
export const creditsHistory: CommandSpec<z.infer<typeof historyInput>> = {
  name: 'history',
  group: GROUP,
  description: 'Credit movements of this chat, one line per job, newest first',
  options: [{ type: 'integer', name: 'page', description: `Page number (${PER_PAGE} lines a page)`, min: 1, rest: true }],
  input: historyInput,
  slow: false,
  async run(ctx, { page }) {
    const shown = await historyPanel(ctx, page);
    // One page needs no buttons: a plain reply (private on Discord, as a panel is).
    if (typeof shown === 'string' || shown.rows.length === 0 || !ctx.respond.panel) {
      await ctx.respond.text(typeof shown === 'string' ? shown : shown.text, { private: true });
      return;
    }
    await ctx.respond.panel(shown);
  },
};

/** A page button of /credits history was pressed: the page it names, redrawn in place. */
export const creditsHistoryPage: CommandSpec<z.infer<typeof historyInput>> = {
  ...creditsHistory,
  name: 'history-page',
  description: 'A /credits history page button',
  options: [],
  hidden: true,
  async run(ctx, { page }) {
    const shown = await historyPanel(ctx, page);
    const panel = typeof shown === 'string' ? { text: shown, rows: [] } : shown;
    if (ctx.respond.panel) await ctx.respond.panel(panel);
    else await ctx.respond.text(panel.text, { private: true });
  },
};

export const creditsCommands = [creditsBalance, creditsHistory, creditsHistoryPage];
