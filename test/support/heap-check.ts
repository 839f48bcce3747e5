/**
 * Runs the bot's side of the heap check (heap-run.ts) in a child process with --expose-gc, against
 * a fake Apiframe and a fake Telegram started here on loopback, and returns its report. The fakes
 * stay in this process: their records grow with every call, and must not count as the bot's.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { FakeApiframe } from '../fakes/apiframe.ts';
import { FakeTelegram } from '../fakes/telegram.ts';
import type { HeapRunConfig, HeapRunReport } from './heap-run.ts';

const SCRIPT = resolve(import.meta.dirname, 'heap-run.ts');
const TSX = import.meta.resolve('tsx');

export interface HeapCheckOptions {
  warmup: number;
  rounds: number[];
  /** Private chats the commands come from (default 50). */
  chats?: number;
  /** Groups the commands come from besides (default 5), where waiting jobs share a board. */
  groups?: number;
  /** Jobs at Apiframe at once, the rest waiting in line (default 80: with `batch` 100, a line of up to 20). */
  concurrency?: number;
  /** Commands in flight at once (default 100). */
  batch?: number;
  /** The child is killed after this long (a hung run fails, it does not hang the test). */
  timeoutMs: number;
}

export async function heapCheck(o: HeapCheckOptions): Promise<HeapRunReport> {
  // Each job runs a few ms and reports 50% once on the way, so progress edits are made too.
  const apiframe = await FakeApiframe.start({ mode: 'auto', stepMs: 5, steps: [0, 50] });
  const telegram = await FakeTelegram.start();
  try {
    const chats = Array.from({ length: o.chats ?? 50 }, (_, i) => 5_000_001 + i);
    for (const id of chats) telegram.knowChat({ id, type: 'private', first_name: `User ${id}` }, { id, is_bot: false, first_name: `User ${id}` });
    const groups = Array.from({ length: o.groups ?? 5 }, (_, i) => -1_000_000_001 - i);
    for (const id of groups) telegram.knowChat({ id, type: 'supergroup', title: `Group ${id}` });
    const config: HeapRunConfig = {
      apiframe: { url: apiframe.url, apiKey: apiframe.apiKey },
      telegram: { apiRoot: telegram.apiRoot, token: telegram.token },
      chats: [...chats, ...groups],
      concurrency: o.concurrency ?? 80,
      warmup: o.warmup,
      rounds: o.rounds,
      batch: o.batch ?? 100,
    };
    return await runChild(config, o.timeoutMs);
  } finally {
    await telegram.close();
    await apiframe.close();
  }
}

function runChild(config: HeapRunConfig, timeoutMs: number): Promise<HeapRunReport> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', TSX, SCRIPT, JSON.stringify(config)], {
      cwd: resolve(import.meta.dirname, '../..'),
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', FRAMEBOT_ENV_FILE: 'none' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !line.startsWith('{')) {
        reject(new Error(`the heap run ended with ${signal ?? `code ${code}`}: ${err.slice(-2_000) || out.slice(-2_000)}`));
        return;
      }
      resolveRun(JSON.parse(line) as HeapRunReport);
    });
  });
}
