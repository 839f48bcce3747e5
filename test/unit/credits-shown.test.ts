// Issue 10 part 10, /credits as a new user sees it: wallets in words (never raw ids), prices in
// words, plurals right, and a history of one line per job with a button to the next page.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, type Store } from '../../src/store/index.ts';
import type { TaskRecord } from '../../src/store/tasks-repo.ts';
import { dispatch } from '../../src/core/dispatch.ts';
import type { CommandSpec, RawOptions } from '../../src/core/command.ts';
import type { Scope } from '../../src/core/chat.ts';
import { COST_KEYS, COST_WORDS, DEFAULT_COSTS } from '../../src/core/costs.ts';
import { GENERATE_COST } from '../../src/core/generate.ts';
import { IMAGE_MODELS } from '../../src/providers/image-models.ts';
import { creditsBalance, creditsHistory } from '../../commands/credits.ts';
import { creditsGrant, creditsLimit, creditsTake } from '../../commands/credits-admin.ts';
import { routePayload } from '../../commands/index.ts';
import { MemoryChat, scope } from '../support/memory-chat.ts';
import { testProvider } from '../support/provider.ts';
import { testServices, type TestServices } from '../support/services.ts';
import { fakeGenerator } from '../support/generate-provider.ts';
import { commandContext } from '../support/command-context.ts';

let store: Store;
let services: TestServices;
let chat: MemoryChat;
const OPERATOR = scope({ userId: '1', userName: '@op' });
const ANA = scope({ userId: '7', userName: '@ana' });
const BOB = scope({ userId: '8', userName: 'Bob' });
const OP_DM = scope({ userId: '1', userName: '@op', chatId: '1', isPrivate: true });
const DISCORD_OP = scope({ platform: 'discord', guildId: '2000', chatId: '3000', userId: '1', userName: 'Op' });
let submitted = 0;
const provider = testProvider({ submit: async () => ({ providerTaskId: `p-${++submitted}` }) });

beforeEach(() => {
  store = createStore(':memory:');
  services = testServices(store, provider, { operators: ['telegram:1', 'discord:1'] });
  ({ chat } = services);
});
afterEach(() => {
  services.cleanup();
  store.close();
});

/** What the user is shown for one command through dispatch. */
async function run(spec: CommandSpec, raw: RawOptions, s: Scope): Promise<string> {
  const before = chat.events.length;
  await dispatch(spec, raw, commandContext(services, s), async () => {});
  return chat.events.slice(before).map((e) => e.text).join('\n');
}

/** Starts an /imagine-like job charged to the scope's wallet, as the task service does. */
async function job(s: Scope, label: string, prompt: string, cost: number): Promise<string> {
  const task = await services.tasks.start(
    { scope: s, job: { type: 'mj.imagine', prompt }, prompt, label, charge: { walletId: (await services.credits.charge(s, 'imagine')).walletId, cost } },
    chat.responder(s),
  );
  return task.id;
}
const record = async (id: string) => (await store.tasks.get(id))!;
/** The credit hooks as the task lifecycle runs them: inside a unit of work. */
const captured = (task: TaskRecord, partial?: { failed: number; of: number }) => store.transaction((tx) => services.credits.finished(task, tx, partial));
const refund = (task: TaskRecord) => store.transaction((tx) => services.credits.failed(task, tx));

describe('/admin grant and take name the wallet in words', () => {
  it("say this group's, this server's, your own, someone's or the group's wallet, never its id", async () => {
    await services.credits.wallet('telegram:user:8');
    await services.credits.wallet('telegram:user:9');
    await services.credits.wallet('telegram:chat:-300');
    // Bob has spent here once, so his name is known.
    await run(creditsGrant, { amount: 10 }, OPERATOR);
    await job(BOB, 'Imagine', 'a fox', 4);

    const replies = [
      await run(creditsGrant, { amount: 200 }, OPERATOR),
      await run(creditsGrant, { amount: 200 }, DISCORD_OP),
      await run(creditsGrant, { amount: 5, wallet: 'me' }, OPERATOR),
      await run(creditsGrant, { amount: 5 }, OP_DM),
      await run(creditsGrant, { amount: 5, wallet: 'user:8' }, OPERATOR),
      await run(creditsGrant, { amount: 1, wallet: 'user:9' }, OPERATOR),
      await run(creditsGrant, { amount: 5, wallet: 'group:-300' }, OP_DM),
      await run(creditsTake, { amount: 1 }, OPERATOR),
    ];
    expect(replies).toEqual([
      "✅ Added 200 credits to this group's wallet. Balance: 206.",
      "✅ Added 200 credits to this server's wallet. Balance: 200.",
      '✅ Added 5 credits to your own wallet. Balance: 5.',
      '✅ Added 5 credits to your own wallet. Balance: 10.',
      "✅ Added 5 credits to Bob's wallet. Balance: 5.",
      "✅ Added 1 credit to user 9's wallet. Balance: 1.",
      "✅ Added 5 credits to the group's wallet. Balance: 5.",
      "✅ Took 1 credit from this group's wallet. Balance: 205.",
    ]);
    for (const text of replies) expect(text).not.toMatch(/telegram:|discord:/);
    // Named by a Discord mention and never seen: the mention, which Discord shows as the name.
    await services.credits.wallet('discord:user:9');
    expect(await run(creditsGrant, { amount: 2, wallet: '<@9>' }, DISCORD_OP)).toBe("✅ Added 2 credits to <@9>'s wallet. Balance: 2.");
  });

  it('says which wallet does not exist in the words it was named, not as an id', async () => {
    const text = await run(creditsGrant, { amount: 5, wallet: 'user:99' }, OPERATOR);
    expect(text).toMatch(/^There is no wallet for user:99 yet: a wallet appears when its chat or person first uses the bot\./);
    expect(text).not.toContain('telegram:user');
    expect(await run(creditsGrant, { amount: 5, wallet: 'group:-42' }, OPERATOR)).toMatch(/^There is no wallet for group:-42 yet/);
  });
});

describe('prices in words', () => {
  it('has words for every cost key, the /generate ones by the model’s name', () => {
    expect(Object.keys(COST_WORDS).sort()).toEqual([...COST_KEYS].sort());
    for (const key of COST_KEYS) expect(COST_WORDS[key](DEFAULT_COSTS[key])).not.toMatch(/_/);
    for (const model of IMAGE_MODELS) expect(COST_WORDS[GENERATE_COST[model.id]](3)).toBe(`${model.name} images 3 each`);
    expect(COST_WORDS.photo_prepare(2)).toBe('preparing photos 2');
    expect(COST_WORDS.photo_train(4)).toBe('training 4 per photo');
  });

  it('/credits lists what things cost in words, with no cost key in sight', async () => {
    const text = await run(creditsBalance, {}, ANA);
    expect(text).toContain('Costs in credits: imagine 4, 🔄 reroll 4, V1–V4 variations 4, Vary (Strong/Subtle) 4, U1–U4 upscale 2,');
    expect(text).toContain('preparing photos 2, training 4 per photo, AI photos 1 each.');
    expect(text).not.toMatch(/\b[a-z]+_[a-z0-9_]+\b/);
  });

  it('names the /generate models it offers', async () => {
    const generator = fakeGenerator({ models: ['flux-2', 'seedream-4'] });
    const only = testServices(createStore(':memory:'), generator.provider);
    try {
      await dispatch(creditsBalance, {}, commandContext(only, ANA), async () => {});
      expect(only.chat.events.at(-1)!.text).toMatch(/Costs in credits: Seedream 4 images 2 each, Flux 2 Pro images 4 each\.$/);
    } finally {
      only.cleanup();
      only.store.close();
    }
  });
});

describe('plurals', () => {
  it('says 1 credit and 1 page', async () => {
    await run(creditsGrant, { amount: 2 }, OPERATOR);
    await run(creditsTake, { amount: 1 }, OPERATOR);
    expect(await run(creditsBalance, {}, ANA)).toContain("💳 This group's wallet: 1 credit.");
    expect(await run(creditsTake, { amount: 5 }, OPERATOR)).toBe('That wallet has only 1 credit; take at most that.');
    expect(await run(creditsLimit, { cap: '1' }, OPERATOR)).toBe('✅ Each member may now spend up to 1 credit per day here.');
    expect(await run(creditsHistory, { page: 3 }, ANA)).toBe('There is only 1 page.');
    await services.credits.wallet('telegram:chat:-100');
    await expect(services.credits.ensureCovers(ANA, 1, 1)).resolves.toBeUndefined();
    await expect(services.credits.ensureCovers(ANA, 2, 1)).rejects.toThrow("That costs 2 credits, but this group's wallet has 1.");
    await run(creditsTake, { amount: 1 }, OPERATOR);
    await expect(services.credits.ensureCovers(ANA, 1, 1)).rejects.toThrow("That costs 1 credit, but this group's wallet has 0.");
  });
});

describe('/credits history', () => {
  it('shows one line per job with its full label, its cost and how it ended, each line starting with a capital', async () => {
    await run(creditsGrant, { amount: 100 }, OPERATOR);
    const charged = await job(ANA, 'Imagine', 'a red fox in the snow', 4);
    await captured(await record(charged));
    const refunded = await job(BOB, 'Upscale #2', 'a red fox in the snow', 2);
    await refund(await record(refunded));
    const partly = await job(ANA, 'Flux 2 Pro', 'a cat on a sofa', 8);
    await captured(await record(partly), { failed: 1, of: 2 });
    await job(BOB, 'Preparing photos for', 'Ana', 2);
    await run(creditsTake, { amount: 10 }, OPERATOR);

    const text = await run(creditsHistory, {}, ANA);
    const lines = text.split('\n');
    expect(lines[0]).toBe("🧾 This group's wallet, newest first:");
    expect(lines.slice(1).map((l) => l.replace(/ · \d{4}-\d\d-\d\d \d\d:\d\d UTC$/, ''))).toEqual([
      'Taken 10 credits · by @op',
      'Preparing photos for “Ana” · Bob · 2 credits · in progress',
      'Flux 2 Pro “a cat on a sofa” · @ana · 8 credits · partly refunded (4 back)',
      'Upscale #2 “a red fox in the snow” · Bob · 2 credits · refunded',
      'Imagine “a red fox in the snow” · @ana · 4 credits · charged',
      'Granted 100 credits · by @op',
    ]);
    for (const line of lines.slice(1)) expect(line).toMatch(/^[A-Z]/);
    expect(text).not.toMatch(/\bspent\b|\bdone\b|capture|reserve/);
  });

  it('pages by lines, ten a page, with buttons to the next and previous page that the registry routes', async () => {
    await run(creditsGrant, { amount: 100 }, OPERATOR);
    // Eleven finished jobs: 33 ledger entries, but 12 lines with the grant.
    for (let i = 1; i <= 11; i++) await captured(await record(await job(ANA, 'Imagine', `fox ${i}`, 1)));

    await run(creditsHistory, {}, ANA);
    const first = chat.of('panel').at(-1)!;
    expect(first.text.split('\n')[0]).toBe("🧾 This group's wallet, page 1 of 2, newest first:");
    expect(first.text.split('\n')).toHaveLength(11);
    expect(first.text).toContain('Imagine “fox 11” · @ana · 1 credit · charged');
    expect(first.panel!.rows).toEqual([{ buttons: [{ id: 'hist:2', label: 'Page 2 ▶' }] }]);

    // The button is a control payload: the registry sends it to the history page command.
    const routed = routePayload('hist:2')!;
    expect(routed.spec.hidden).toBe(true);
    await dispatch(routed.spec, routed.raw, commandContext(services, BOB), async () => {});
    const second = chat.of('panel').at(-1)!;
    expect(second.text.split('\n')).toEqual([
      "🧾 This group's wallet, page 2 of 2, newest first:",
      expect.stringMatching(/^Imagine “fox 1” · @ana · 1 credit · charged · /),
      expect.stringMatching(/^Granted 100 credits · by @op · /),
    ]);
    expect(second.panel!.rows).toEqual([{ buttons: [{ id: 'hist:1', label: '◀ Page 1' }] }]);
  });

  it('refuses a forged page payload politely, and a page past the end with the real count', async () => {
    expect(routePayload('hist:abc')).toBeUndefined();
    expect(routePayload('hist:99999999999')).toBeUndefined();
    await run(creditsGrant, { amount: 1 }, OPERATOR);
    const routed = routePayload('hist:5')!;
    await dispatch(routed.spec, routed.raw, commandContext(services, ANA), async () => {});
    expect(chat.events.at(-1)).toMatchObject({ kind: 'panel', text: 'There is only 1 page.' });
  });

  it('says when there is nothing yet', async () => {
    expect(await run(creditsHistory, {}, ANA)).toBe('No credit movements here yet.');
  });
});
