/**
 * Heap per finished task (issue 14, part 4): the bot's core in a process of its own (with
 * --expose-gc), /imagine through dispatch → TaskService → Apiframe client → SQLite and the real
 * TelegramPort, against the fakes in this process. The heap is read after a full GC once warmed
 * up and again after BENCH_HEAP_TASKS more tasks: what grows per task is what the bot keeps of
 * finished tasks (anchor: 0; test/e2e/finished-tasks-heap.test.ts holds it under a fixed bound).
 *
 *   npx tsx bench/memory.ts
 */
import { heapCheck } from '../test/support/heap-check.ts';

export async function printHeapPerTask(tasks: number): Promise<void> {
  const half = Math.max(1, Math.round(tasks / 2));
  const report = await heapCheck({ warmup: 500, rounds: [half, half], timeoutMs: 600_000 });
  const [start, middle, end] = report.heapUsed as [number, number, number];
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
  console.log(
    `heap per finished task: ${((end - start) / (2 * half)).toFixed(0)} B over ${2 * half} tasks after 500 to warm up ` +
      `(heap after GC ${kib(start)} → ${kib(middle)} → ${kib(end)}; anchor 0: nothing is kept per finished task, ` +
      'the rest is V8\'s and the libraries\' own bounded tables)',
  );
}

if (import.meta.url === `file://${process.argv[1]}`) await printHeapPerTask(Number(process.env.BENCH_HEAP_TASKS ?? 5_000));
