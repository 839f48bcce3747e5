import { beforeEach, afterEach, describe, expect, it } from 'vitest';
import { createStore, type Store } from '../../src/store/index.ts';
import type { TaskService } from '../../src/core/tasks.ts';
import type { CreditService } from '../../src/core/credits.ts';
import { dispatch } from '../../src/core/dispatch.ts';
import type { CommandCall, CommandSpec, RawOptions } from '../../src/core/command.ts';
import type { ImageProvider } from '../../src/providers/types.ts';
import type { Scope } from '../../src/core/chat.ts';
import { creditsBalance, creditsHistory } from '../../commands/credits.ts';
import { creditsGrant, creditsLimit, creditsTake } from '../../commands/credits-admin.ts';
import { MemoryChat, scope } from '../support/memory-chat.ts';
import { testProvider } from '../support/provider.ts';
import { testServices, type TestServices } from '../support/services.ts';
import { fakeGenerator } from '../support/generate-provider.ts';
import { commandContext } from '../support/command-context.ts';

let store: Store;
let chat: MemoryChat;
let services: TestServices;
let credits: CreditService;
let tasks: TaskService;
const OPERATOR = scope({ userId: '1', userName: '@op' });
const MEMBER = scope({ userId: '7', userName: '@ana' });
const provider = testProvider({
  submit: async () => ({ providerTaskId: `p-${Math.random()}` }),
});

beforeEach(() => {
  store = createStore(':memory:');
  services = testServices(store, provider, { operators: ['telegram:1'] });
  ({ credits, tasks, chat } = services);
});
afterEach(() => {
  services.cleanup();
  store.close();
});

async function run(spec: CommandSpec, raw: RawOptions, s: Scope, admin = false, origin?: string): Promise<string> {
  const ctx: CommandCall = {
    scope: s,
    respond: chat.responder(s),
    services,
    commands: [],
    usage: (c) => `/${c.name}`,
    isGroupAdmin: async () => admin,
    origin,
  };
  const before = chat.events.length;
  await dispatch(spec, raw, ctx, async () => {});
  return chat.events.slice(before).map((e) => e.text).join('\n');
}

describe('/credits', () => {
  it("shows this chat's balance, your spending today and this month, and the costs", async () => {
    await run(creditsGrant, { amount: 20 }, OPERATOR);
    for (let i = 0; i < 2; i++) {
      await tasks.start({ scope: MEMBER, job: { type: 'mj.imagine' as const, prompt: 'x' }, prompt: 'x', label: 'Imagine', charge: await credits.charge(MEMBER, 'imagine') }, chat.responder(MEMBER));
    }
    const text = await run(creditsBalance, {}, MEMBER);
    expect(text).toContain("This group's wallet: 12 credits.");
    expect(text).toContain('You spent 8 today and 8 this month.');
    expect(text).toContain('Costs in credits: imagine 4, 🔄 reroll 4, V1–V4 variations 4, Vary (Strong/Subtle) 4, U1–U4 upscale 2');
    expect(text).toContain('AI photos 1 each');
    // No image generator runs here: its prices would only confuse.
    expect(text).not.toMatch(/images \d+ each/);
  });

  it('lists only the prices of what this bot runs: the models offered, nothing of Midjourney without Apiframe', async () => {
    const generator = fakeGenerator({ models: ['flux-2', 'seedream-4'] });
    const only = testServices(createStore(':memory:'), generator.provider, { operators: ['telegram:1'] });
    try {
      const ctx = commandContext(only, MEMBER);
      await dispatch(creditsBalance, {}, ctx, async () => {});
      const text = only.chat.events.at(-1)!.text;
      expect(text).toMatch(/Costs in credits: Seedream 4 images 2 each, Flux 2 Pro images 4 each\.$/);
    } finally {
      only.cleanup();
      only.store.close();
    }
  });

  it('lists movements newest first, ten a page', async () => {
    for (let i = 1; i <= 12; i++) await run(creditsGrant, { amount: i }, OPERATOR);
    const first = await run(creditsHistory, {}, MEMBER);
    expect(first).toContain('page 1 of 2');
    expect(first.split('\n')[1]).toMatch(/^Granted 12 credits · by @op · /);
    expect(chat.of('panel').at(-1)!.panel!.rows).toEqual([{ buttons: [{ id: 'hist:2', label: 'Page 2 ▶' }] }]);
    const second = await run(creditsHistory, { page: 2 }, MEMBER);
    expect(second.split('\n')).toHaveLength(3);
    expect(await run(creditsHistory, { page: 0 }, MEMBER)).toContain('Pages start at 1.');
  });

  it("answers in the reader's language: a Spanish member's balance and a Russian member's history, numbers by Intl", async () => {
    await run(creditsGrant, { amount: 12345 }, OPERATOR);
    const spanish = await run(creditsBalance, {}, { ...MEMBER, platformLocale: 'es' });
    expect(spanish).toContain('💳 El monedero de este grupo: 12.345 créditos.');
    expect(spanish).toContain('Has gastado 0 hoy y 0 este mes.');
    const russian = await run(creditsHistory, {}, { ...MEMBER, platformLocale: 'ru' });
    expect(russian.split('\n')[0]).toBe('🧾 Кошелёк этой группы, сначала новые:');
    expect(russian.split('\n')[1]).toMatch(/^Начислено 12\u00a0345 кредитов · от @op · /);
    expect(await run(creditsHistory, { page: 0 }, { ...MEMBER, platformLocale: 'pt-BR' })).toBe('As páginas começam em 1.');
    expect(await run(creditsHistory, { page: 'x' }, { ...MEMBER, platformLocale: 'zh-CN' })).toBe('页码必须是整数。');
  });

  it("tells an operator and a member what /admin did or refused in their language", async () => {
    const es = { ...OPERATOR, platformLocale: 'es' };
    expect(await run(creditsGrant, { amount: 1000 }, es)).toBe('✅ Añadidos 1000 créditos; ahora el monedero de este grupo tiene un saldo de 1000.');
    expect(await run(creditsGrant, { amount: 5, wallet: 'me' }, { ...OPERATOR, platformLocale: 'ru' })).toBe('✅ Добавлено 5 кредитов: ваш собственный кошелёк. Баланс: 5.');
    expect(await run(creditsGrant, { amount: 5 }, { ...MEMBER, platformLocale: 'pt-BR' })).toBe('Só o operador do bot pode fazer isso.');
    expect(await run(creditsGrant, { amount: 5_000_000 }, OPERATOR)).toBe('The amount can be at most 1,000,000.');
  });

  it('lets only operators grant and take, and changes nothing otherwise', async () => {
    expect(await run(creditsGrant, { amount: 50 }, MEMBER)).toBe('Only the bot operator can do that.');
    expect(await store.wallets.get('telegram:chat:-100')).toBeUndefined();
    expect(await run(creditsGrant, { amount: 50 }, OPERATOR)).toContain('Balance: 50.');
    expect(await run(creditsTake, { amount: 20 }, MEMBER)).toBe('Only the bot operator can do that.');
    expect(await run(creditsTake, { amount: 60 }, OPERATOR)).toBe('That wallet has only 50 credits; take at most that.');
    expect(await run(creditsTake, { amount: 20 }, OPERATOR)).toContain('Balance: 30.');
  });

  it('grants to another existing wallet named by user, mention or group', async () => {
    for (const id of ['telegram:user:42', 'telegram:user:43', 'telegram:chat:-300']) await credits.wallet(id);
    await run(creditsGrant, { amount: 5, wallet: 'user:42' }, OPERATOR);
    await run(creditsGrant, { amount: 6, wallet: '<@43>' }, OPERATOR);
    await run(creditsGrant, { amount: 7, wallet: 'group:-300' }, OPERATOR);
    await run(creditsGrant, { amount: 8, wallet: 'me' }, OPERATOR);
    expect((await store.wallets.get('telegram:user:42'))?.balance).toBe(5);
    expect((await store.wallets.get('telegram:user:43'))?.balance).toBe(6);
    expect((await store.wallets.get('telegram:chat:-300'))?.balance).toBe(7);
    expect((await store.wallets.get('telegram:user:1'))?.balance).toBe(8);
    expect(await run(creditsGrant, { amount: 5, wallet: 'everyone' }, OPERATOR)).toContain('Name the wallet as');
  });

  it.each([
    ['zero', 0, 'at least 1'],
    ['a fraction', 2.5, 'whole number'],
    ['words', 'lots', 'whole number'],
    ['too much', 5_000_000, 'at most 1,000,000'],
  ])('refuses %s as an amount', async (_name, amount, message) => {
    expect(await run(creditsGrant, { amount } as RawOptions, OPERATOR)).toContain(message);
  });

  it('lets group admins (asked from the platform) set a daily cap, and nobody else', async () => {
    expect(await run(creditsLimit, { cap: '10' }, MEMBER, false)).toBe('Only admins of this group can set the daily limit.');
    expect((await store.wallets.get('telegram:chat:-100'))?.memberDailyCap ?? null).toBeNull();
    expect(await run(creditsLimit, { cap: '10' }, MEMBER, true)).toContain('up to 10 credits per day');
    expect((await store.wallets.get('telegram:chat:-100'))?.memberDailyCap).toBe(10);
    expect(await run(creditsLimit, { cap: 'off' }, OPERATOR)).toContain('No daily limit');
    expect(await run(creditsLimit, { cap: 'ten' }, OPERATOR)).toContain('or off');
    expect(await run(creditsLimit, { cap: '5' }, scope({ isPrivate: true, chatId: '7' }), true)).toContain('shared wallets');
  });
});

describe('a /credits command handled twice (a replay after a crash)', () => {
  it('grants and takes once per platform event', async () => {
    const wallet = async () => (await store.wallets.get('telegram:chat:-100'))!.balance;
    await run(creditsGrant, { amount: 10 }, OPERATOR, false, 'telegram:1:500');
    await run(creditsGrant, { amount: 10 }, OPERATOR, false, 'telegram:1:500');
    expect(await wallet()).toBe(10);
    await run(creditsTake, { amount: 4 }, OPERATOR, false, 'telegram:1:501');
    await run(creditsTake, { amount: 4 }, OPERATOR, false, 'telegram:1:501');
    expect(await wallet()).toBe(6);
    // Another event is another grant.
    await run(creditsGrant, { amount: 10 }, OPERATOR, false, 'telegram:1:502');
    expect(await wallet()).toBe(16);
  });
});
