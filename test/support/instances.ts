/**
 * Several real bot processes (src/main.ts under tsx) on one PostgreSQL database, as an operator runs
 * them behind a load balancer (issue 11, part 6): one fake Telegram in webhook mode and one fake
 * Apiframe in the test process, and a FakeLoadBalancer in front of the instances' HTTP servers.
 * Telegram posts its updates to the balancer; with `providerWebhooks`, PUBLIC_URL is the balancer
 * too, so Apiframe's result posts (and hosted files) reach whichever instance it picks.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeApiframe } from '../fakes/apiframe.ts';
import { FakeLoadBalancer, type LoadBalancerOptions } from '../fakes/load-balancer.ts';
import { FakeTelegram } from '../fakes/telegram.ts';
import { BotProcess } from './bot-process.ts';
import { closedPort } from './ports.ts';
import type { TestPostgresServer } from './postgres.ts';
import type { DatabaseUrl } from '../../src/store/postgres/url.ts';

export const TELEGRAM_WEBHOOK_PATH = '/telegram';
export const TELEGRAM_WEBHOOK_SECRET = 'multi-instance-telegram-secret_01';
/** Where Apiframe posts results (src/providers/apiframe/webhook.ts), below PUBLIC_URL. */
export const APIFRAME_WEBHOOK_PATH = '/webhooks/apiframe';
/** How long a dead instance's work waits before another takes it over, in these tests (INSTANCE_LEASE_MS). */
export const INSTANCE_LEASE_MS = 1_500;
const START_TIMEOUT_MS = 30_000;
/** How long a test waits for one step of the bots: generous, as several processes share a busy machine. */
export const WAIT_MS = 20_000;

export interface FleetOptions {
  /** Apiframe posts its updates to PUBLIC_URL (the balancer); without, the instances must poll it. */
  providerWebhooks: boolean;
  /** Where the balancer sends a request first (default: round robin). */
  route?: LoadBalancerOptions['route'];
  /** Variables for every instance, over the defaults. */
  env?: Record<string, string>;
}

/** One fresh database, one set of fakes, a balancer, and the bot processes started on them. */
export class Fleet {
  readonly bots: BotProcess[] = [];
  private readonly urls: string[] = [];
  private readonly dirs: string[] = [];

  private constructor(
    readonly telegram: FakeTelegram,
    readonly apiframe: FakeApiframe,
    readonly balancer: FakeLoadBalancer,
    readonly databaseUrl: DatabaseUrl,
    private readonly server: TestPostgresServer,
    private readonly opts: FleetOptions,
    /** Stands in the balancer for an instance not listening yet: refused, so the next one answers. */
    private readonly nobody: string,
  ) {}

  /** The fakes, the balancer and an empty database; no instance yet. */
  static async create(server: TestPostgresServer, opts: FleetOptions): Promise<Fleet> {
    const databaseUrl = await server.newDatabase();
    const [telegram, apiframe, balancer] = await Promise.all([FakeTelegram.start(), FakeApiframe.start(), FakeLoadBalancer.start({ route: opts.route })]);
    return new Fleet(telegram, apiframe, balancer, databaseUrl, server, opts, `http://127.0.0.1:${await closedPort()}`);
  }

  /** What every instance gets: the same database, the same Telegram address and secrets, a port of its own (PORT=0). */
  env(extra: Record<string, string> = {}): Record<string, string> {
    const dir = mkdtempSync(join(tmpdir(), 'framebot-instance-'));
    this.dirs.push(dir);
    return {
      APIFRAME_API_KEY: this.apiframe.apiKey,
      APIFRAME_BASE_URL: this.apiframe.url,
      TELEGRAM_BOT_TOKEN: this.telegram.token,
      TELEGRAM_API_ROOT: this.telegram.apiRoot,
      TELEGRAM_WEBHOOK_URL: `${this.balancer.url}${TELEGRAM_WEBHOOK_PATH}`,
      TELEGRAM_WEBHOOK_SECRET,
      DATABASE_URL: this.databaseUrl.href,
      // Only the photo and hosted-file folders live here with DATABASE_URL: one per instance, as on separate machines.
      DATABASE_PATH: join(dir, 'framebot.sqlite'),
      HOST: '127.0.0.1',
      PORT: '0',
      POLL_INTERVAL_MS: '300',
      POLL_MAX_INTERVAL_MS: '300',
      INSTANCE_LEASE_MS: String(INSTANCE_LEASE_MS),
      LOG_LEVEL: 'debug',
      FREE_CREDITS: '100',
      SHUTDOWN_GRACE_MS: '2000',
      ...(this.opts.providerWebhooks ? { PUBLIC_URL: this.balancer.url, WEBHOOK_SECRET: 'multi-instance-apiframe-hook-secret' } : {}),
      ...this.opts.env,
      ...extra,
    };
  }

  /**
   * Starts `count` more instances, all at once (their migrations meet under the advisory lock) or
   * one after the other; resolves when each has taken Telegram's webhook and is ready.
   */
  async start(count: number, o: { together?: boolean; env?: (index: number) => Record<string, string> } = {}): Promise<BotProcess[]> {
    const started: BotProcess[] = [];
    const launch = (): BotProcess => {
      const index = this.bots.length;
      const bot = BotProcess.start(this.env(o.env?.(index) ?? {}));
      this.bots.push(bot);
      this.urls.push(this.nobody);
      started.push(bot);
      return bot;
    };
    if (o.together) {
      const bots = Array.from({ length: count }, launch);
      await Promise.all(bots.map((bot) => this.ready(bot)));
    } else {
      for (let i = 0; i < count; i++) await this.ready(launch());
    }
    return started;
  }

  /** Waits for the instance's HTTP port (given to the balancer in the instance's place) and for Telegram to be ready. */
  private async ready(bot: BotProcess): Promise<void> {
    const index = this.bots.indexOf(bot);
    const listening = await bot.waitForLine(/"msg":"http server listening"/, START_TIMEOUT_MS);
    const { port } = JSON.parse(listening) as { port: number };
    this.urls[index] = `http://127.0.0.1:${port}`;
    // The balancer's backend i is instance i, so a route can name an instance.
    this.balancer.setBackends(this.urls);
    await bot.waitForLine(/"msg":"telegram ready"/, START_TIMEOUT_MS);
  }

  /** The log lines matching `pattern`, per instance. */
  linesPerInstance(pattern: RegExp): string[][] {
    return this.bots.map((bot) => bot.output.filter((l) => pattern.test(l)));
  }

  /** How many log lines match `pattern` across every instance. */
  countLines(pattern: RegExp): number {
    return this.linesPerInstance(pattern).reduce((n, lines) => n + lines.length, 0);
  }

  private pool?: ReturnType<TestPostgresServer['pool']>;

  /** Rows read straight from the database the instances share. */
  async query<T extends Record<string, unknown>>(sql: string, values: unknown[] = []): Promise<T[]> {
    this.pool ??= this.server.pool(this.databaseUrl, { max: 2, applicationName: 'framebot-test' });
    return (await this.pool.query<T>(sql, values)).rows;
  }

  /** A wallet's ledger (oldest first) and balance, read from the database. */
  async books(walletId: string): Promise<{ ledger: Array<{ kind: string; amount: number }>; balance: number | undefined }> {
    const ledger = await this.query<{ kind: string; amount: number }>('SELECT kind, amount FROM ledger WHERE wallet_id = $1 ORDER BY id', [walletId]);
    const [wallet] = await this.query<{ balance: number }>('SELECT balance FROM wallets WHERE id = $1', [walletId]);
    return { ledger, balance: wallet?.balance };
  }

  /**
   * Resolves once every task's progress message is written down: until then only the instance that
   * sent it knows where it is, and another instance would post the result as a new message.
   */
  async progressRecorded(tasks: number, timeoutMs = 15_000): Promise<void> {
    await until(
      async () => (await this.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM tasks WHERE message_json IS NOT NULL'))[0]!.n >= tasks,
      timeoutMs,
      `${tasks} progress message(s) to be recorded`,
    );
  }

  /** Every process killed (SIGKILL: nothing of theirs may outlive the test), every fake closed. */
  async close(): Promise<void> {
    await Promise.all(this.bots.map((bot) => bot.kill()));
    await Promise.all([this.balancer.close(), this.telegram.close(), this.apiframe.close()]);
    for (const dir of this.dirs) rmSync(dir, { recursive: true, force: true });
  }
}

/** Polls `check` every 25 ms until it gives something truthy, for at most `timeoutMs`. */
export async function until<T>(check: () => T | undefined | false | null | Promise<T | undefined | false | null>, timeoutMs: number, what: string): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
