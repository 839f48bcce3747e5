/**
 * One busy chat must not stall the others (issue 7, part 1): a group whose every delivery takes
 * `slowMs` (Telegram lets a bot send a group ~20 messages a minute, so a backlog drains at one
 * message per 3 s) holds `backlog` finished results; a private chat's result must still arrive
 * within about one poll of its job finishing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Destination, MessageRef, ResultMessage } from '../src/core/chat.ts';
import { createStore } from '../src/store/index.ts';
import { ApiframeClient } from '../src/providers/apiframe/client.ts';
import { FakeApiframe } from '../test/fakes/apiframe.ts';
import { MemoryChat, scope } from '../test/support/memory-chat.ts';
import { memoryLogger } from '../test/support/silent-log.ts';
import { testServices } from '../test/support/services.ts';

const GROUP = '-100777';

/** Deliveries into the group take `slowMs` each, one at a time, as a throttled group does. */
class ThrottledGroup extends MemoryChat {
  private queue = Promise.resolve();
  constructor(private readonly slowMs: number) {
    super();
  }
  override deliverResult(dest: Destination, progress: MessageRef | undefined, message: ResultMessage, key: string): Promise<MessageRef> {
    if (dest.chatId !== GROUP) return super.deliverResult(dest, progress, message, key);
    // unref: the backlog left when the benchmark ends must not keep the process alive.
    const turn = this.queue.then(() => new Promise<void>((r) => setTimeout(r, this.slowMs).unref()));
    this.queue = turn;
    return turn.then(() => super.deliverResult(dest, progress, message, key));
  }
}

export async function busyChatLatency(backlog: number, slowMs: number, pollMs: number): Promise<number> {
  const { log } = memoryLogger([], 'silent');
  const fake = await FakeApiframe.start();
  const dir = mkdtempSync(join(tmpdir(), 'framebot-bench-'));
  const store = createStore(join(dir, 'bench.sqlite'));
  const client = new ApiframeClient({ apiKey: fake.apiKey, baseUrl: fake.url, log });
  const chat = new ThrottledGroup(slowMs);
  const services = testServices(store, client, { chat, freeCredits: 1_000_000 });
  const start = (chatId: string, prompt: string) =>
    services.tasks.start({ scope: scope({ chatId }), job: { type: 'mj.imagine' as const, prompt }, prompt, label: 'Imagine' }, chat.responder(scope({ chatId })));
  const timer = setInterval(() => void services.tasks.sweep(), pollMs);
  try {
    const group = await Promise.all(Array.from({ length: backlog }, (_, i) => start(GROUP, `group job ${i}`)));
    for (const t of group) await fake.finish(t.providerTaskId!);
    // Let the group's backlog start draining before the private job finishes.
    await new Promise((r) => setTimeout(r, pollMs * 2));
    const mine = await start('4242', 'private job');
    await fake.finish(mine.providerTaskId!);
    const t0 = performance.now();
    await chat.waitFor((e) => e.kind === 'result' && e.chatId === '4242', backlog * slowMs + 60_000);
    return performance.now() - t0;
  } finally {
    clearInterval(timer);
    await services.tasks.stop(0);
    await client.close();
    await fake.close();
    await store.close();
    services.cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
}
