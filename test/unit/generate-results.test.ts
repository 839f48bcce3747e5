// What a /generate ends in: its images gathered into one result with 🔄 and ⬇️ 1–N, the share of
// the images that did not come back refunded (rounded in the user's favour), and the presses: 🔄
// charged again under today's rules, ⬇️ a free file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, type SqliteStore } from '../../src/store/index.ts';
import { dispatch } from '../../src/core/dispatch.ts';
import type { RawOptions } from '../../src/core/command.ts';
import type { Scope } from '../../src/core/chat.ts';
import { DEFAULT_COSTS } from '../../src/core/costs.ts';
import { walletIdFor } from '../../src/core/credits.ts';
import type { ImageModel } from '../../src/providers/image-models.ts';
import { generate } from '../../commands/generate.ts';
import { action } from '../../commands/action.ts';
import { commandContext } from '../support/command-context.ts';
import { fakeGenerator, imageAt, settle, type FakeGenerator } from '../support/generate-provider.ts';
import { scope } from '../support/memory-chat.ts';
import { testServices, type TestServices } from '../support/services.ts';

let store: SqliteStore;
let gen: FakeGenerator;
let services: TestServices;
const ana = scope({ userId: '7', userName: '@ana' });
const bob = scope({ userId: '8', userName: '@bob' });
const elsewhere = scope({ chatId: '-200', userId: '7', userName: '@ana' });
const PRICE = DEFAULT_COSTS.generate_flux_2;

beforeEach(() => {
  store = createStore(':memory:');
  gen = fakeGenerator({ models: ['flux-2', 'seedream-4'] });
  services = testServices(store, gen.provider, { freeCredits: 1000 });
});
afterEach(() => {
  services.cleanup();
  store.close();
});

const run = (raw: RawOptions, s: Scope = ana) => dispatch(generate, raw, commandContext(services, s), async () => {});
const pressButton = (id: string, s: Scope = ana) => dispatch(action, { id }, commandContext(services, s), async () => {});
const balance = async (s: Scope = ana) => (await store.wallets.get(walletIdFor(s)))?.balance ?? 1000;
const results = () => services.chat.of('result');
const lastError = () => services.chat.of('error').at(-1);
const taskOf = async (submit: number) => (await store.tasks.byProviderId('aiphotogenerator', gen.ids[submit]![0]!))!;
const ledgerOf = (taskId: string) =>
  (store.db.prepare('SELECT kind, amount FROM ledger WHERE task_id = ? ORDER BY id').all(taskId) as Array<{ kind: string; amount: number }>).map((e) => `${e.kind} ${e.amount}`);

/** Runs a request with the model named and returns the ids of its images. */
async function requested(raw: RawOptions = {}, model: ImageModel = 'flux-2'): Promise<string[]> {
  await run({ prompt: 'a lighthouse at dawn', model, ...raw });
  return gen.ids.at(-1)!;
}
const button = (label: string) => results().at(-1)!.result!.buttons.flat().find((b) => b.label === label)!.id;

describe('a /generate result', () => {
  it('gathers ten images into one result, with 🔄 and ⬇️ 1–10 in rows of five', async () => {
    const ids = await requested({ count: 10 });
    await settle(services.tasks, ids.slice(0, 9), 'finished');
    expect(results()).toEqual([]);
    await settle(services.tasks, ids.slice(9), 'finished');
    expect(results()).toHaveLength(1);
    const message = results()[0]!.result!;
    const first = await taskOf(0);
    expect(message.text).toBe('✅ Flux 2 Pro “a lighthouse at dawn” for @ana');
    expect(message.images.map((i) => i.url)).toEqual(ids.map(imageAt));
    expect(message.images.map((i) => i.filename)).toEqual(ids.map((_, i) => `${first.id}-${i + 1}.png`));
    expect(message.buttons.map((row) => row.map((b) => b.label))).toEqual([
      ['🔄'],
      ['⬇️ 1', '⬇️ 2', '⬇️ 3', '⬇️ 4', '⬇️ 5'],
      ['⬇️ 6', '⬇️ 7', '⬇️ 8', '⬇️ 9', '⬇️ 10'],
    ]);
  });

  it('offers only 🔄 under a single image', async () => {
    await settle(services.tasks, await requested(), 'finished');
    expect(results()[0]!.result!.buttons.map((row) => row.map((b) => b.label))).toEqual([['🔄']]);
  });
});

describe('images that do not come back', () => {
  it('refunds the share of the images that failed and shows the rest, saying so', async () => {
    const ids = await requested({ count: 4, size: '1536x1024' });
    const cost = 4 * 2 * PRICE;
    expect(await balance()).toBe(1000 - cost);
    await settle(services.tasks, [ids[0]!, ids[2]!], 'finished');
    await settle(services.tasks, [ids[1]!, ids[3]!], 'failed');
    const message = results()[0]!.result!;
    expect(message.images.map((i) => i.url)).toEqual([imageAt(ids[0]!), imageAt(ids[2]!)]);
    expect(message.text).toBe(`✅ Flux 2 Pro “a lighthouse at dawn” for @ana\n2 of 4 images came back; ${cost / 2} credits for the 2 missing ones were refunded.`);
    expect(await balance()).toBe(1000 - cost / 2);
    expect(ledgerOf((await taskOf(0)).id)).toEqual([`reserve ${-cost}`, `refund ${cost / 2}`, 'capture 0']);
  });

  it('refunds the whole request when no image comes back, and tells the chat why', async () => {
    const ids = await requested({ count: 3 });
    await settle(services.tasks, ids, 'failed');
    expect(results()).toEqual([]);
    // The failure says what came back: the whole charge, to the group's wallet it came from.
    expect(services.chat.of('failure')[0]!.text).toBe(
      `❌ Flux 2 Pro “a lighthouse at dawn” did not finish: the model refused this image. The ${3 * PRICE} credits were refunded to this group's wallet.`,
    );
    expect(await balance()).toBe(1000);
  });

  it('says "Your … credits" in a private chat, "1 credit" for one, and "Nothing was charged" for a free job', async () => {
    const dm = scope({ chatId: '7', userId: '7', userName: '@ana', isPrivate: true });
    const startOne = (cost: number, walletId?: string) =>
      services.tasks.start(
        {
          scope: dm,
          job: { type: 'gen.image', model: 'flux-2', prompt: 'a fox', width: 1024, height: 1024, count: 1 },
          prompt: 'a fox',
          label: 'Flux 2 Pro',
          ...(walletId ? { charge: { walletId, cost } } : {}),
        },
        services.chat.responder(dm),
      );
    const mine = (await services.credits.wallet(walletIdFor(dm))).id;
    for (const [cost, said] of [
      [4, 'Your 4 credits were refunded.'],
      [1, 'Your 1 credit was refunded.'],
    ] as const) {
      await startOne(cost, mine);
      await settle(services.tasks, gen.ids.at(-1)!, 'failed');
      expect(services.chat.of('failure').at(-1)!.text).toBe(`❌ Flux 2 Pro “a fox” did not finish: the model refused this image. ${said}`);
    }
    await startOne(0);
    await settle(services.tasks, gen.ids.at(-1)!, 'failed');
    expect(services.chat.of('failure').at(-1)!.text).toBe('❌ Flux 2 Pro “a fox” did not finish: the model refused this image. Nothing was charged.');
    expect((await store.wallets.get(mine))!.balance).toBe(1000);
  });

  it('rounds a refund that does not divide evenly up, in the user’s favour', async () => {
    // A charge of 5 for two images (an operator's odd price): one missing gives back 3, not 2.
    const task = await services.tasks.start(
      {
        scope: ana,
        job: { type: 'gen.image', model: 'flux-2', prompt: 'a fox', width: 1024, height: 1024, count: 2 },
        prompt: 'a fox',
        label: 'Flux 2 Pro',
        charge: { walletId: (await services.credits.wallet(walletIdFor(ana))).id, cost: 5 },
      },
      services.chat.responder(ana),
    );
    const [first, second] = gen.ids[0]!;
    await settle(services.tasks, [first!], 'finished');
    await settle(services.tasks, [second!], 'failed');
    expect(ledgerOf(task.id)).toEqual(['reserve -5', 'refund 3', 'capture 0']);
    expect(await balance()).toBe(998);
    // The result names what the ledger gave back, not a share worked out again.
    expect(results()[0]!.result!.text).toBe('✅ Flux 2 Pro “a fox” for @ana\n1 of 2 images came back; 3 credits for the missing one were refunded.');
  });
});

describe('🔄 under a /generate', () => {
  it('asks for the same request again and charges it again', async () => {
    const ids = await requested({ count: 2, aspect_ratio: '16:9', negative: 'text', image: [] }, 'seedream-4');
    await settle(services.tasks, ids, 'finished');
    const before = await balance(bob);
    await pressButton(button('🔄'), bob);
    expect(gen.jobs).toHaveLength(2);
    expect(gen.jobs[1]).toEqual(gen.jobs[0]);
    expect(gen.jobs[1]).toMatchObject({ model: 'seedream-4', width: 1344, height: 768, count: 2, negative: 'text' });
    expect(await balance(bob)).toBe(before - 2 * DEFAULT_COSTS.generate_seedream_4);
    const again = (await store.tasks.byProviderId('aiphotogenerator', gen.ids[1]![0]!))!;
    expect(again).toMatchObject({ label: 'Seedream 4', parentId: (await taskOf(0)).id, actionKey: 'generate-again', userName: '@bob' });
  });

  it('is refused, charging nothing, once the operator stops offering the model', async () => {
    const ids = await requested({}, 'seedream-4');
    await settle(services.tasks, ids, 'finished');
    gen.provider.models = ['flux-2'];
    const before = await balance();
    await pressButton(button('🔄'));
    expect(lastError()).toMatchObject({ userFault: true, text: 'Seedream 4 is not offered here. Choose one of: flux-2 (Flux 2 Pro).' });
    expect(gen.jobs).toHaveLength(1);
    expect(await balance()).toBe(before);
  });

  it('is refused in another chat', async () => {
    await settle(services.tasks, await requested(), 'finished');
    await pressButton(button('🔄'), elsewhere);
    expect(lastError()!.text).toContain("This button doesn't work here");
    expect(gen.jobs).toHaveLength(1);
  });
});

describe('⬇️ under a /generate', () => {
  it('sends that image as a file, free, without starting a task', async () => {
    const ids = await requested({ count: 3 });
    await settle(services.tasks, ids, 'finished');
    const before = await balance();
    const tasks = (store.db.prepare('SELECT COUNT(*) AS n FROM tasks').get() as { n: number }).n;
    await pressButton(button('⬇️ 3'), bob);
    const sent = services.chat.of('file');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ text: '⬇️ Image 3 of 3, full resolution', file: { url: imageAt(ids[2]!), filename: `${(await taskOf(0)).id}-3.png` } });
    expect(await balance()).toBe(before);
    expect((store.db.prepare('SELECT COUNT(*) AS n FROM tasks').get() as { n: number }).n).toBe(tasks);
  });

  it('sends one file for a double click', async () => {
    await settle(services.tasks, await requested({ count: 2 }), 'finished');
    await pressButton(button('⬇️ 1'));
    await pressButton(button('⬇️ 1'));
    expect(services.chat.of('file')).toHaveLength(1);
    expect(lastError()!.text).toBe('Already on it: that button was just pressed.');
  });

  it('numbers the images that came back, not the ones asked for', async () => {
    const ids = await requested({ count: 3 });
    await settle(services.tasks, [ids[0]!], 'failed');
    await settle(services.tasks, [ids[1]!, ids[2]!], 'finished');
    expect(results()[0]!.result!.buttons.flat().map((b) => b.label)).toEqual(['🔄', '⬇️ 1', '⬇️ 2']);
    await pressButton(button('⬇️ 2'));
    expect(services.chat.of('file')[0]!.file!.url).toBe(imageAt(ids[2]!));
  });
});
