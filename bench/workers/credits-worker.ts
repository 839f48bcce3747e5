/**
 * One bot instance's credit traffic (bench/credit-pairs.ts), as a separate OS process with its own
 * store (its own pool on PostgreSQL). Runs for `durationMs` after the parent says go.
 *
 * IPC: the parent forks this with a WorkerJob as argv[2]; the worker says `ready` once its store is
 * open, runs on `go`, answers `done` (or `failed`) and exits.
 */
import { performance } from 'node:perf_hooks';
import type { Store } from '../../src/store/index.ts';
import { openStore } from '../stores.ts';
import { spend, type WorkerJob, type WorkerMessage } from '../credit-pairs.ts';

async function main(): Promise<void> {
  const send = (m: WorkerMessage) => new Promise<void>((resolve) => process.send!(m, () => resolve()));
  const job = JSON.parse(process.argv[2]!) as WorkerJob;
  let store: Store | undefined;
  try {
    // One connection per lane: a lane holds one for its transaction, as a command does.
    store = await openStore(job.target, job.lanes);
    const go = new Promise<void>((resolve) => process.once('message', () => resolve()));
    await send({ kind: 'ready' });
    await go;
    const t0 = performance.now();
    const pairs = await spend(store, job, t0 + job.durationMs);
    await send({ kind: 'done', pairs, elapsedMs: performance.now() - t0 });
  } catch (err) {
    await send({ kind: 'failed', error: err instanceof Error ? err.message : String(err) });
  } finally {
    await store?.close().catch(() => undefined);
    process.disconnect();
  }
}

await main();
