// Issue 7, part 4: what a delivery already sent is recorded the moment it is sent, so a delivery
// tried again (after a failure, or a crash) skips it instead of posting it twice.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, type Store } from '../../src/store/index.ts';
import type { DeliveryJournal, Destination, MessageRef, ResultMessage } from '../../src/core/chat.ts';
import { ApiframeClient } from '../../src/providers/apiframe/client.ts';
import { FakeApiframe } from '../fakes/apiframe.ts';
import { MemoryChat, scope } from '../support/memory-chat.ts';
import { memoryLogger } from '../support/silent-log.ts';
import { testServices, type TestServices } from '../support/services.ts';

/** A platform that posts a result in two steps (photos, then the caption), like a Telegram album. */
class TwoStepChat extends MemoryChat {
  albums = 0;
  /** The caption fails this many times after the photos went out. */
  captionFailures = 0;
  override async deliverResult(dest: Destination, progress: MessageRef | undefined, message: ResultMessage, key: string, journal?: DeliveryJournal): Promise<MessageRef> {
    if (!journal?.get('album')) {
      this.albums++;
      await journal?.record('album', true);
    }
    if (this.captionFailures > 0) {
      this.captionFailures--;
      throw new Error('chat is down');
    }
    return super.deliverResult(dest, progress, message, key);
  }
}

let fake: FakeApiframe;
let store: Store;
let client: ApiframeClient;
let s: TestServices;
let chat: TwoStepChat;
let clock: number;

beforeEach(async () => {
  fake = await FakeApiframe.start();
  store = createStore(':memory:');
  const { log } = memoryLogger([], 'silent');
  client = new ApiframeClient({ apiKey: fake.apiKey, baseUrl: fake.url, log, retries: 0 });
  chat = new TwoStepChat();
  clock = 1_000_000;
  // testServices attaches the chat as the app does, behind the secret scrubber.
  s = testServices(store, client, { chat, now: () => clock });
});
afterEach(async () => {
  s.cleanup();
  await client.close();
  await fake.close();
  store.close();
});

describe('the delivery journal', () => {
  it('a delivery tried again skips the step that was already sent', async () => {
    const ana = scope();
    const task = await s.tasks.start({ scope: ana, job: { type: 'mj.imagine' as const, prompt: 'a fox' }, prompt: 'a fox', label: 'Imagine' }, chat.responder(ana));
    chat.captionFailures = 1;
    await fake.finish(task.providerTaskId!);
    await s.tasks.sweep();
    await s.tasks.idle();
    expect(chat.albums).toBe(1);
    expect(await store.tasks.get(task.id)).toMatchObject({ delivery: 'pending', deliveryJournal: { album: true } });

    clock += 10_000;
    await s.tasks.sweep();
    await s.tasks.idle();
    expect(chat.albums).toBe(1);
    expect(chat.of('result')).toHaveLength(1);
    expect((await store.tasks.get(task.id))?.delivery).toBe('sent');
  });
});
