/**
 * /imagine throughput of the real bot processes (the built dist/src/main.js, as `npm start` runs
 * it) on one database: 1..n instances behind a round-robin load balancer, Telegram in webhook mode,
 * one fake Telegram and one fake Apiframe for all. `n` commands from as many users in many groups
 * are offered as fast as the fake delivers them; the clock stops when the fake Apiframe has
 * received every submit, and again when every command has its progress message.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { FakeApiframe } from '../test/fakes/apiframe.ts';
import { FakeLoadBalancer } from '../test/fakes/load-balancer.ts';
import { FakeTelegram, type TgChat, type TgUser } from '../test/fakes/telegram.ts';
import { BotProcess } from '../test/support/bot-process.ts';
import { closedPort } from '../test/support/ports.ts';
import { botEnv, until } from './bot-process-env.ts';

/** Commands spread over this many groups: a group's progress messages are throttled to 20 a minute. */
const GROUPS = 100;
const START_TIMEOUT_MS = 60_000;
/** Unmeasured commands per instance first. */
const WARMUP = 10;

export type ImagineTarget = { engine: 'sqlite' } | { engine: 'postgres'; url: string };

export interface ImagineRun {
  /** Commands per second until the fake Apiframe had every submit. */
  submittedPerSecond: number;
  /** Commands per second until every command had its progress message, or how many had one by the timeout. */
  shown: { perSecond: number } | { count: number };
  /** Every command was submitted exactly once. */
  submittedOnce: boolean;
  /** Webhook deliveries each instance answered, in order. */
  perInstance: number[];
}

/**
 * One configuration. Call BotProcess.ensureBuilt() once before. Every process and fake is stopped
 * at the end, also on error.
 */
export async function imagineAcrossInstances(target: ImagineTarget, instances: number, n: number, timeoutMs: number): Promise<ImagineRun> {
  const dir = mkdtempSync(join(tmpdir(), 'framebot-bench-'));
  const bots: BotProcess[] = [];
  const telegram = await FakeTelegram.start();
  const apiframe = await FakeApiframe.start({ mode: 'manual' });
  const lb = await FakeLoadBalancer.start();
  try {
    const ports: number[] = [];
    for (let i = 0; i < instances; i++) {
      const port = await closedPort();
      ports.push(port);
      bots.push(
        BotProcess.start(
          botEnv({
            telegram,
            apiframe,
            port,
            // Every instance gives Telegram the balancer's address, as behind a real one.
            telegramWebhookUrl: `${lb.url}/telegram`,
            database: target.engine === 'postgres' ? { DATABASE_URL: target.url } : { DATABASE_PATH: join(dir, 'framebot.sqlite') },
          }),
          { entry: 'dist/src/main.js' },
        ),
      );
    }
    // Ready once it takes webhook updates (before that it answers 503 and Telegram redelivers).
    await Promise.all(bots.map((b) => b.waitForLine(/"telegram ready"/, START_TIMEOUT_MS)));
    lb.setBackends(ports.map((p) => `http://127.0.0.1:${p}`));
    if (!(await until(() => telegram.webhook?.url === `${lb.url}/telegram`, START_TIMEOUT_MS))) throw new Error('the bot never set its Telegram webhook');

    const groups: TgChat[] = Array.from({ length: GROUPS }, (_, g) => ({ id: -1_009_000_000 - g, type: 'supergroup', title: `bench ${g}` }));
    // A first round per instance, not measured: each process's first commands load code and warm the JIT.
    const warm = WARMUP * instances;
    for (let i = 0; i < warm; i++) telegram.userSends({ chat: groups[i % GROUPS]!, from: { id: 40_000 + i, is_bot: false, first_name: `Warm ${i}` }, text: `/imagine warm-up ${i}` });
    if (!(await until(() => apiframe.callCount('/imagine') >= warm, timeoutMs))) throw new Error(`the warm-up commands did not reach the fake Apiframe within ${timeoutMs / 1000} s`);

    // Message ids are per chat in Telegram: a command is its chat and id together.
    const commands = new Set<string>();
    const t0 = performance.now();
    for (let i = 0; i < n; i++) {
      const from: TgUser = { id: 50_000 + i, is_bot: false, first_name: `User ${i}` };
      const chat = groups[i % GROUPS]!;
      commands.add(`${chat.id}:${telegram.userSends({ chat, from, text: `/imagine bench fox ${i}` }).message.message_id}`);
    }
    const shownCount = () => groups.reduce((sum, g) => sum + telegram.messagesIn(g.id).filter((m) => commands.has(`${g.id}:${m.reply_to_message_id}`)).length, 0);
    const submits = () => apiframe.callCount('/imagine') - warm;
    const submitted = await until(() => submits() >= n, timeoutMs);
    const tSubmitted = performance.now() - t0;
    if (!submitted) throw new Error(`only ${submits()} of ${n} commands reached the fake Apiframe within ${timeoutMs / 1000} s`);
    const shown = await until(() => shownCount() >= n, timeoutMs);
    const tShown = performance.now() - t0;
    return {
      submittedPerSecond: n / (tSubmitted / 1000),
      shown: shown ? { perSecond: n / (tShown / 1000) } : { count: shownCount() },
      submittedOnce: submits() === n,
      perInstance: lb.answeredBy('/telegram'),
    };
  } finally {
    await Promise.all(bots.map((b) => b.stop(15_000).catch(() => b.kill())));
    await Promise.allSettled([lb.close(), apiframe.close(), telegram.close()]);
    rmSync(dir, { recursive: true, force: true });
  }
}
