/**
 * /generate (issue 9) through the real core, the aiphotogenerator.net client and SQLite against the
 * fake service on loopback: how many calls a request of several images costs when every image has
 * to be looked up on its own, and how soon the album follows its last image.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createStore } from '../src/store/index.ts';
import { dispatch } from '../src/core/dispatch.ts';
import { AiphotogeneratorClient } from '../src/providers/aiphotogenerator/client.ts';
import { generate } from '../commands/generate.ts';
import { FakeAiphotogenerator } from '../test/fakes/aiphotogenerator.ts';
import { scope } from '../test/support/memory-chat.ts';
import { commandContext } from '../test/support/command-context.ts';
import { memoryLogger } from '../test/support/silent-log.ts';
import { testServices } from '../test/support/services.ts';

const ms = (v: number) => `${v.toFixed(0)} ms`;

/** `requests` concurrent /generate of `count` images each, polled every `pollMs` until all are delivered. */
export async function generateCalls(requests: number, count: number, pollMs: number): Promise<void> {
  const { log } = memoryLogger([], 'silent');
  // Each image is queued, then processing, then finished, 60 ms apart: about two polls per image.
  const fake = await FakeAiphotogenerator.start({ mode: 'auto', stepMs: 60 });
  const dir = mkdtempSync(join(tmpdir(), 'framebot-bench-'));
  const store = createStore(join(dir, 'bench.sqlite'));
  const client = new AiphotogeneratorClient({ token: fake.token, baseUrl: fake.url, log, models: ['flux-2'] });
  const s = testServices(store, client, { freeCredits: 1_000_000_000, deadlineMs: 3_600_000 });
  try {
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: requests }, (_, i) =>
        dispatch(generate, { prompt: `bench ${i}`, count }, commandContext(s, scope({ chatId: `-100${i % 50}`, userId: String(i) })), async () => {}),
      ),
    );
    const submitted = performance.now() - t0;
    const deadline = Date.now() + 120_000;
    while (s.chat.of('result').length < requests) {
      if (Date.now() > deadline) throw new Error(`only ${s.chat.of('result').length}/${requests} delivered`);
      await new Promise((r) => setTimeout(r, pollMs));
      await s.tasks.sweep();
    }
    const delivered = performance.now() - t0;
    const lookups = fake.callCount('/images/{id}');
    const images = requests * count;
    console.log(
      `/generate x${requests} of ${count} images: all submitted in ${ms(submitted)}, all delivered as albums ${ms(delivered)} after the first submit; ` +
        `${(fake.callCount('/images/generate') / requests).toFixed(2)} generate + ${(lookups / images).toFixed(2)} lookups per image ` +
        `(anchor: at least 1.00, one lookup per image per ${pollMs} ms sweep while it is made, as the service reads one image a call; Apiframe reads 20 tasks a call)`,
    );
  } finally {
    await s.tasks.stop();
    await client.close();
    await fake.close();
    await store.close();
    s.cleanup();
    rmSync(dir, { recursive: true, force: true });
  }
}
