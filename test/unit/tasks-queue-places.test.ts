// Issue 14, part 2: a refresh of the waiting line reads only the places it shows (the first jobs'
// own messages, each board's chat), yet every place it shows, a job's first message and /jobs show
// is the job's true place in the whole line, however far back.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createStore, type Store } from '../../src/store/index.ts';
import { TaskService } from '../../src/core/tasks.ts';
import type { MessageRef } from '../../src/core/chat.ts';
import { ApiframeClient } from '../../src/providers/apiframe/client.ts';
import { ProviderRegistry } from '../../src/providers/registry.ts';
import { FakeApiframe } from '../fakes/apiframe.ts';
import { MemoryChat, scope } from '../support/memory-chat.ts';
import { memoryLogger } from '../support/silent-log.ts';

let fake: FakeApiframe;
let store: Store;
let client: ApiframeClient;
const { log } = memoryLogger([], 'silent');
const QUEUE = { concurrency: { apiframe: 1 }, maxJobsPerUser: 0, maxJobsPerGroup: 0 };

/** A chat that keeps one board per chat (as a busy Telegram group does) and records what it last said. */
class BoardChat extends MemoryChat {
  readonly boards = new Map<string, string>();
  async showLine(chatId: string, _key: string, text: string): Promise<void> {
    this.boards.set(chatId, text);
  }
}

let chat: BoardChat;
let limitsAsked: number[];
beforeEach(async () => {
  fake = await FakeApiframe.start();
  store = createStore(':memory:');
  client = new ApiframeClient({ apiKey: fake.apiKey, baseUrl: fake.url, log, retries: 0 });
  chat = new BoardChat();
  // How far down the line each read of it reaches.
  limitsAsked = [];
  const read = store.tasks.waitingInOrder.bind(store.tasks);
  store.tasks.waitingInOrder = (provider, limit) => {
    limitsAsked.push(limit);
    return read(provider, limit);
  };
});
afterEach(async () => {
  await client.close();
  await fake.close();
  store.close();
});

const service = () => {
  const tasks = new TaskService({ store, providers: new ProviderRegistry([client]), log, deadlineMs: 600_000, queue: QUEUE });
  tasks.attach(chat);
  return tasks;
};
const imagine = (prompt: string) => ({ job: { type: 'mj.imagine' as const, prompt }, prompt, label: 'Imagine' });
const settle = async (tasks: TaskService) => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 10));
  await tasks.idle();
};

it('shows the 80th job its true place, then edits only the first 50 places when the line moves, and /jobs still tells the 80th where it is', async () => {
  const tasks = service();
  const head = await tasks.start({ scope: scope({ chatId: 'c0', userId: 'u0' }), ...imagine('head') }, chat.responder(scope({ chatId: 'c0' })));
  // 80 jobs from 80 chats that were never served: the line is their order of arrival.
  for (let i = 1; i <= 80; i++) await tasks.start({ scope: scope({ chatId: `c${i}`, userId: `u${i}` }), ...imagine(`job ${i}`) }, chat.responder(scope({ chatId: `c${i}` })));
  await settle(tasks);
  expect(chat.of('progress').find((e) => e.chatId === 'c80')?.text).toContain('80th in line');

  const editsBefore = chat.of('edit').length;
  await fake.finish(head.providerTaskId!);
  await tasks.sweep({ force: true });
  await settle(tasks);
  // Job 1 started; jobs 2–51 are now 1st–50th and shown so; 52–80 are not edited (they see it as they move up).
  const edits = chat.of('edit').slice(editsBefore).filter((e) => e.text.includes('in line'));
  const edited = new Map(edits.map((e) => [e.chatId, e.text]));
  expect([...edited.keys()].sort()).toEqual(Array.from({ length: 50 }, (_, i) => `c${i + 2}`).sort());
  for (const [chatId, text] of edited) expect(text).toContain(`${ordinal(Number(chatId.slice(1)) - 1)} in line`);
  expect(Math.max(...limitsAsked)).toBeLessThanOrEqual(50);

  const [open] = await tasks.openJobs('telegram', 'c80', 'u80');
  expect(open?.position).toBe(79);
  await tasks.stop(0);
});

it('shows a busy chat’s board with every job on it counted and the first ten at their places in the whole line', async () => {
  const tasks = service();
  await tasks.start({ scope: scope({ chatId: 'c0', userId: 'u0' }), ...imagine('head') }, chat.responder(scope({ chatId: 'c0' })));
  const onBoard = (chatId: string, userId: string) => ({
    ...chat.responder(scope({ chatId, userId })),
    inLine: async (): Promise<MessageRef> => ({ platform: 'telegram', chatId, unposted: true }),
  });
  // A busy group of three people, 36 jobs on its board, between the jobs of five other chats.
  for (let i = 0; i < 36; i++) {
    await tasks.start({ scope: scope({ chatId: '-500', userId: `b${i % 3}` }), ...imagine(`busy ${i}`) }, onBoard('-500', `b${i % 3}`));
    if (i % 7 === 0) await tasks.start({ scope: scope({ chatId: `c${i}`, userId: `o${i}` }), ...imagine(`other ${i}`) }, chat.responder(scope({ chatId: `c${i}` })));
  }
  await settle(tasks);
  const line = await store.tasks.waitingInOrder('apiframe', 1000);
  const places = line.flatMap((t, i) => (t.chatId === '-500' ? [i + 1] : []));
  expect(places).toHaveLength(36);
  const board = chat.boards.get('-500')!.split('\n');
  expect(board[0]).toContain('36 jobs');
  expect(board.slice(1, 11).map((l) => l.split(':')[0])).toEqual(places.slice(0, 10).map(ordinal));
  expect(board[11]).toContain('26 more');
  await tasks.stop(0);
});

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${s}`;
}
