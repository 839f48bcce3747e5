import { z } from 'zod';
import type { CommandContext, CommandSpec } from '../src/core/command.ts';
import { walletIdFor } from '../src/core/credits.ts';
import { UserError } from '../src/core/errors.ts';
import { msg } from '../src/i18n/index.ts';
import { walletName } from './credits-text.ts';
import { wholeNumber } from './schemas.ts';

/** Credits for the people who run the bot: /admin grant and take (operators), /admin limit (group admins). */
const GROUP = 'admin';
const MAX_AMOUNT = 1_000_000;

function requireOperator(ctx: CommandContext): void {
  if (!ctx.services.credits.isOperator(ctx.scope)) {
    throw new UserError('not_operator', msg('error-not-operator'));
  }
}

/**
 * `me`, `user:<id>`, `<@id>` (a Discord mention) or `group:<id>`; nothing means this chat's wallet.
 * This chat's wallet and the operator's own are real, so they are created on first use; any other
 * must exist already, or a typo (or `group:1`) would create a wallet for a chat that cannot exist.
 */
async function targetWallet(ctx: CommandContext, target: string | undefined): Promise<{ id: string; shown: string }> {
  const { platform } = ctx.scope;
  const { credits } = ctx.services;
  const ours = async (id: string) => ({ id: (await credits.wallet(id)).id, shown: await walletName(ctx, id) });
  if (!target) return await ours(walletIdFor(ctx.scope));
  if (target === 'me') return await ours(`${platform}:user:${ctx.scope.userId}`);
  const user = /^(?:user:|<@!?)(\d+)>?$/.exec(target);
  if (user) {
    const id = (await credits.existingWallet(`${platform}:user:${user[1]}`, `user:${user[1]}`)).id;
    // A person the bot knows no name for: as they were named (a Discord mention shows their name).
    return { id, shown: await walletName(ctx, id, target.startsWith('<@') ? target : undefined) };
  }
  const group = /^group:(-?\d+)$/.exec(target);
  if (group) {
    const id = (await credits.existingWallet(platform === 'discord' ? `discord:guild:${group[1]}` : `telegram:chat:${group[1]}`, `group:${group[1]}`)).id;
    return { id, shown: await walletName(ctx, id) };
  }
  throw new UserError('bad_target', msg('error-bad-target-wallet'));
}

const amountSchema = wholeNumber('input-admin-amount-whole').pipe(z.number().min(1, 'input-admin-amount-min').max(MAX_AMOUNT, 'input-admin-amount-max'));

const moveInput = z.object({ amount: amountSchema, wallet: z.string().trim().optional() });
type MoveInput = z.infer<typeof moveInput>;
const moveOptions = [
  { type: 'integer', name: 'amount', description: 'How many credits', required: true, min: 1, max: MAX_AMOUNT, rest: true },
  { type: 'string', name: 'wallet', description: 'me, user:<id>, @mention or group:<id>; default: this chat', flag: 'wallet' },
] as const;

/** Operators move credits into (grant) or out of (take) a wallet; both share options and checks. */
const moveSpec = (kind: 'grant' | 'take'): CommandSpec<MoveInput> => ({
  name: kind,
  group: GROUP,
  audience: 'operators',
  aliases: [{ group: 'credits', name: kind }],
  description: kind === 'grant' ? 'Add credits to a wallet (bot operators)' : 'Remove credits from a wallet (bot operators)',
  options: moveOptions,
  input: moveInput,
  slow: false,
  authorize: (ctx) => requireOperator(ctx),
  async run(ctx, { amount, wallet }) {
    const target = await targetWallet(ctx, wallet);
    const { credits } = ctx.services;
    const after = kind === 'grant' ? await credits.grant(target.id, amount, ctx.scope, { origin: ctx.origin }) : await credits.take(target.id, amount, ctx.scope, ctx.origin);
    await ctx.respond.text(ctx.t(kind === 'grant' ? 'reply-admin-grant' : 'reply-admin-take', { count: amount, wallet: target.shown, balance: after.balance }));
  },
});
export const creditsGrant = moveSpec('grant');
export const creditsTake = moveSpec('take');

const CAP_MESSAGE = 'input-admin-cap';
const limitInput = z.object({
  cap: z.union([
    z.string().trim().regex(/^off$/i).transform(() => null),
    wholeNumber(CAP_MESSAGE).pipe(z.number().min(0, CAP_MESSAGE).max(MAX_AMOUNT, 'input-admin-cap-max')),
  ], { message: CAP_MESSAGE }),
});
export const creditsLimit: CommandSpec<z.infer<typeof limitInput>> = {
  name: 'limit',
  group: GROUP,
  audience: 'admins',
  aliases: [{ group: 'credits', name: 'limit' }],
  description: 'Cap what each member may spend per day here (server or group admins)',
  options: [{ type: 'string', name: 'cap', description: 'Credits per member per day, or off', required: true, maxLength: 10, rest: true }],
  input: limitInput,
  slow: false,
  async run(ctx, { cap }) {
    if (ctx.scope.isPrivate) throw new UserError('not_group', msg('error-not-group-limit'));
    if (!ctx.services.credits.isOperator(ctx.scope) && !(await ctx.isGroupAdmin())) {
      throw new UserError('not_admin', msg('error-not-admin-limit', { place: ctx.scope.platform === 'discord' ? 'server' : 'group' }));
    }
    await ctx.services.credits.setMemberDailyCap(walletIdFor(ctx.scope), cap);
    await ctx.respond.text(cap === null ? ctx.t('reply-admin-limit-off') : ctx.t('reply-admin-limit', { count: cap }));
  },
};
