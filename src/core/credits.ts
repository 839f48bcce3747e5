import { FluentDateTime } from '@fluent/bundle';
import type { Metrics } from '../metrics.ts';
import type { Repositories, Store } from '../store/index.ts';
import type { WalletRecord } from '../store/records/wallets.ts';
import type { TaskRecord } from '../store/records/tasks.ts';
import type { Scope } from './chat.ts';
import type { CostKey, Costs } from './costs.ts';
import type { TaskHooks } from './tasks.ts';
import { UserError } from './errors.ts';
import { historyLine, type HistoryLine } from './credit-history.ts';
import { msg, SOURCE_LOCALE, t, type Locale } from '../i18n/index.ts';

export interface CreditServiceOptions {
  store: Store;
  costs: Costs;
  /** Credits a wallet starts with. */
  freeCredits: number;
  /** Operators, as `platform:userId`. */
  operators: ReadonlySet<string>;
  now?: () => number;
  /** Counts the credits reserved, captured and refunded. */
  metrics?: Metrics;
}

export interface Charge {
  walletId: string;
  cost: number;
}

const DAY_MS = 86_400_000;

/**
 * When members' daily limits reset (the next 00:00 UTC), as a message argument: shown through Intl
 * in the reader's locale, on a 24-hour clock so no language reads it as noon.
 */
export function dailyResetAt(now: number): FluentDateTime {
  return new FluentDateTime(startOfUtcDay(now) + DAY_MS, { timeZone: 'UTC', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}

export function startOfUtcDay(t: number): number {
  return Math.floor(t / DAY_MS) * DAY_MS;
}
export function startOfUtcMonth(t: number): number {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

/** The wallet of a scope: the guild or group when shared, else the user's own. */
export function walletIdFor(scope: Scope): string {
  if (scope.isPrivate) return `${scope.platform}:user:${scope.userId}`;
  return scope.platform === 'discord' ? `discord:guild:${scope.guildId ?? scope.chatId}` : `telegram:chat:${scope.chatId}`;
}

/** "your personal wallet", "this server's wallet", "this group's wallet" (lowercase: it goes mid-sentence). */
export function describeWallet(id: string, locale: Locale = SOURCE_LOCALE): string {
  return t(locale, 'credits-wallet', { kind: walletKind(id) });
}

/** A wallet's kind as the catalogue's wallet names select it. */
export function walletKind(id: string): 'user' | 'guild' | 'group' {
  const [, kind] = id.split(':');
  return kind === 'user' || kind === 'guild' ? kind : 'group';
}

/**
 * Wallets and the credit lifecycle of a task: reserve in the transaction that writes the task,
 * capture when it finishes, refund when it fails or times out. Balances change only through the
 * ledger, inside the store's units of work, so the ledger's sum equals every balance.
 */
export class CreditService implements TaskHooks {
  private readonly now: () => number;

  constructor(private readonly opts: CreditServiceOptions) {
    this.now = opts.now ?? Date.now;
  }

  get costs(): Costs {
    return this.opts.costs;
  }

  isOperator(scope: Pick<Scope, 'platform' | 'userId'>): boolean {
    return this.opts.operators.has(`${scope.platform}:${scope.userId}`);
  }

  /** The user ids of this platform's operators (platforms show them their admin commands). */
  operatorsOn(platform: Scope['platform']): string[] {
    return [...this.opts.operators].filter((o) => o.startsWith(`${platform}:`)).map((o) => o.slice(platform.length + 1));
  }

  /** The wallet, created (with the free allowance) on first use. */
  async wallet(id: string): Promise<WalletRecord> {
    const { wallets } = this.opts.store;
    const existing = await wallets.get(id);
    if (existing) return existing;
    const [platform, kind] = id.split(':') as ['discord' | 'telegram', string];
    const now = this.now();
    await this.opts.store.transaction(async (tx) => {
      if ((await tx.wallets.create(id, platform, kind === 'user' ? 'user' : 'group', now)) && this.opts.freeCredits > 0) {
        await tx.wallets.move(id, this.opts.freeCredits, { kind: 'grant', note: 'welcome credits' }, now);
      }
    });
    return (await wallets.get(id))!;
  }

  /**
   * A wallet someone named (`named`: as they typed it): it must exist (it is created when its chat
   * or person first uses the bot).
   */
  async existingWallet(id: string, named: string): Promise<WalletRecord> {
    const wallet = await this.opts.store.wallets.get(id);
    if (!wallet) {
      throw new UserError('unknown_wallet', msg('error-unknown-wallet', { named }), { walletId: id });
    }
    return wallet;
  }

  /** What running `key` here would cost, charged to the scope's wallet. */
  async charge(scope: Scope, key: CostKey, units = 1, opts: { turbo?: boolean } = {}): Promise<Charge> {
    const walletId = walletIdFor(scope);
    await this.wallet(walletId);
    return { walletId, cost: this.opts.costs[key] * units + (opts.turbo ? this.opts.costs.turbo : 0) };
  }

  /** What this member may still spend from the wallet today, or undefined when it has no daily cap. */
  async dailyRoom(walletId: string, userId: string): Promise<number | undefined> {
    const wallet = await this.opts.store.wallets.get(walletId);
    if (!wallet || wallet.memberDailyCap === null) return undefined;
    const spent = await this.opts.store.wallets.spentBy(wallet.id, userId, startOfUtcDay(this.now()));
    return Math.max(0, wallet.memberDailyCap - spent);
  }

  /**
   * Refuses up front what the wallet, or the member's daily limit, cannot pay for: `count` tasks
   * costing `total` together. A press that starts several (🎉 Imagine all) starts none rather than
   * some; a command that must upload an image first uploads nothing. Each task is still reserved
   * on its own when it is written.
   */
  async ensureCovers(scope: Scope, total: number, count: number): Promise<void> {
    if (total <= 0) return;
    const wallet = await this.wallet(walletIdFor(scope));
    // The wallet is named in the reader's language when the refusal is rendered (`wallet` is its kind).
    const kind = walletKind(wallet.id);
    if (wallet.balance < total) {
      throw new UserError('insufficient_credits', msg('error-insufficient-credits', { jobs: count, cost: total, wallet: kind, balance: wallet.balance }));
    }
    const room = await this.dailyRoom(wallet.id, scope.userId);
    if (room !== undefined && room < total) {
      throw new UserError('daily_cap', msg('error-daily-cap', { jobs: count, cost: total, room, resetsAt: dailyResetAt(this.now()) }));
    }
  }

  /** Runs inside the task's insert transaction: throwing aborts the task before anything is sent. */
  async created(task: TaskRecord, { wallets }: Repositories): Promise<void> {
    if (!task.walletId || task.cost <= 0) return;
    const wallet = await wallets.get(task.walletId);
    if (!wallet) throw new Error(`wallet ${task.walletId} does not exist`);
    const now = this.now();
    if (wallet.memberDailyCap !== null) {
      const spent = await wallets.spentBy(wallet.id, task.userId, startOfUtcDay(now));
      if (spent + task.cost > wallet.memberDailyCap) {
        throw new UserError('daily_cap', msg('error-daily-cap-of', { cost: task.cost, room: Math.max(0, wallet.memberDailyCap - spent), cap: wallet.memberDailyCap, resetsAt: dailyResetAt(now) }));
      }
    }
    const moved = await wallets.move(wallet.id, -task.cost, { kind: 'reserve', userId: task.userId, userName: task.userName, taskId: task.id, note: task.label }, now);
    if (!moved) {
      throw new UserError('insufficient_credits', msg('error-insufficient-credits', { jobs: 1, cost: task.cost, wallet: walletKind(wallet.id), balance: wallet.balance }));
    }
    this.opts.metrics?.creditsReserved.inc(task.cost);
  }

  /**
   * Captures the reservation; with `partial`, the share of the images that did not come back is
   * refunded first, rounded up: a cost that does not divide evenly is never kept for a missing image.
   */
  async finished(task: TaskRecord, tx: Repositories, partial?: { failed: number; of: number }): Promise<void> {
    if (!(await this.reservedAndOpen(task, tx))) return;
    const who = { userId: task.userId, userName: task.userName, taskId: task.id };
    const share = partial ? Math.min(task.cost, Math.ceil((task.cost * partial.failed) / partial.of)) : 0;
    if (share > 0) await tx.wallets.move(task.walletId!, share, { kind: 'refund', ...who, note: `${task.label}: ${partial!.failed} of ${partial!.of} images did not come back` }, this.now());
    await tx.wallets.move(task.walletId!, 0, { kind: 'capture', ...who, note: task.label }, this.now());
    if (share > 0) this.opts.metrics?.creditsRefunded.inc(share);
    if (task.cost > share) this.opts.metrics?.creditsCaptured.inc(task.cost - share);
  }

  async failed(task: TaskRecord, tx: Repositories): Promise<void> {
    if (!(await this.reservedAndOpen(task, tx))) return;
    await tx.wallets.move(task.walletId!, task.cost, { kind: 'refund', userId: task.userId, userName: task.userName, taskId: task.id, note: task.label }, this.now());
    this.opts.metrics?.creditsRefunded.inc(task.cost);
  }

  /** A reservation that was neither captured nor refunded yet. */
  private async reservedAndOpen(task: TaskRecord, { wallets }: Repositories): Promise<boolean> {
    if (!task.walletId || task.cost <= 0) return false;
    return Boolean(await wallets.entryFor(task.id, 'reserve')) && !(await wallets.entryFor(task.id, 'capture')) && !(await wallets.entryFor(task.id, 'refund'));
  }

  /** Adds credits; `origin` (the command's event) makes a replayed command grant nothing again. */
  async grant(walletId: string, amount: number, by: Scope, opts: { note?: string; origin?: string } = {}): Promise<WalletRecord> {
    await this.wallet(walletId);
    const { wallets } = this.opts.store;
    await this.opts.store.transaction(async (tx) => {
      if (opts.origin && (await tx.wallets.movedBy(opts.origin))) return;
      await tx.wallets.move(walletId, amount, { kind: 'grant', userId: by.userId, userName: by.userName, note: opts.note ?? 'granted by an operator', origin: opts.origin }, this.now());
    });
    return (await wallets.get(walletId))!;
  }

  async take(walletId: string, amount: number, by: Scope, origin?: string): Promise<WalletRecord> {
    const wallet = await this.wallet(walletId);
    const moved = await this.opts.store.transaction(
      async (tx) =>
        (origin !== undefined && (await tx.wallets.movedBy(origin))) ||
        (await tx.wallets.move(walletId, -amount, { kind: 'adjust', userId: by.userId, userName: by.userName, note: 'taken by an operator', origin }, this.now())),
    );
    if (!moved) throw new UserError('insufficient_credits', msg('error-insufficient-credits-take', { balance: wallet.balance }));
    return (await this.opts.store.wallets.get(walletId))!;
  }

  async setMemberDailyCap(walletId: string, cap: number | null): Promise<void> {
    await this.wallet(walletId);
    await this.opts.store.wallets.setMemberDailyCap(walletId, cap, this.now());
  }

  async summary(scope: Scope): Promise<{ wallet: WalletRecord; spentToday: number; spentThisMonth: number }> {
    const wallet = await this.wallet(walletIdFor(scope));
    const now = this.now();
    const { wallets } = this.opts.store;
    return {
      wallet,
      spentToday: await wallets.spentBy(wallet.id, scope.userId, startOfUtcDay(now)),
      spentThisMonth: await wallets.spentBy(wallet.id, scope.userId, startOfUtcMonth(now)),
    };
  }

  /** A page of the wallet's history, one line per job, newest first. */
  async history(walletId: string, page: number, perPage = 10): Promise<{ lines: HistoryLine[]; pages: number }> {
    const { wallets } = this.opts.store;
    const total = await wallets.countLines(walletId);
    return { lines: (await wallets.historyLines(walletId, perPage, (page - 1) * perPage)).map(historyLine), pages: Math.max(1, Math.ceil(total / perPage)) };
  }

  /** Who owns a personal wallet, by the name they last had here; undefined when the bot never saw it. */
  async ownerName(walletId: string): Promise<string | undefined> {
    const [platform, kind, userId] = walletId.split(':') as [Scope['platform'], string, string];
    return kind === 'user' ? await this.opts.store.wallets.lastNameOf(platform, userId) : undefined;
  }
}
