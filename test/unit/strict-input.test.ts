// Input as an attacker types it: numbers in other notations, wallets that cannot exist, invisible
// prompts, ages that are not ages. Each is refused with a message, and nothing is charged or sent.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore, type SqliteStore } from '../../src/store/index.ts';
import { dispatch } from '../../src/core/dispatch.ts';
import { parseInput, type CommandCall, type CommandSpec, type RawOptions } from '../../src/core/command.ts';
import type { ImageProvider } from '../../src/providers/types.ts';
import type { Job } from '../../src/providers/jobs.ts';
import type { Scope } from '../../src/core/chat.ts';
import { creditsHistory } from '../../commands/credits.ts';
import { creditsGrant, creditsLimit, creditsTake } from '../../commands/credits-admin.ts';
import { imagine } from '../../commands/imagine.ts';
import { photosGenerate, photosNew } from '../../commands/photos.ts';
import { parseArgs } from '../../adapters/telegram/parse.ts';
import { scope } from '../support/memory-chat.ts';
import { testProvider } from '../support/provider.ts';
import { testServices, type TestServices } from '../support/services.ts';

let store: SqliteStore;
let services: TestServices;
let submitted: Job[];
const OPERATOR = scope({ userId: '1', userName: '@op' });
const provider = testProvider({
  submit: async (job) => {
    submitted.push(job);
    return { providerTaskId: `p-${submitted.length}` };
  },
});

beforeEach(() => {
  submitted = [];
  store = createStore(':memory:');
  services = testServices(store, provider, { operators: ['telegram:1'], freeCredits: 25 });
});
afterEach(() => {
  services.cleanup();
  store.close();
});

async function run(spec: CommandSpec, raw: RawOptions, s: Scope = OPERATOR): Promise<string> {
  const ctx: CommandCall = { scope: s, respond: services.chat.responder(s), services, commands: [], usage: (c) => `/${c.name}`, isGroupAdmin: async () => true };
  const before = services.chat.events.length;
  await dispatch(spec, raw, ctx, async () => {});
  return services.chat.events.slice(before).map((e) => e.text).join('\n');
}
/** The message a schema refuses `raw` with, or undefined when it accepts it. */
function refusal(spec: CommandSpec, raw: RawOptions): string | undefined {
  try {
    parseInput(spec, raw);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}
const ledgerRows = () => (store.db.prepare('SELECT COUNT(*) AS n FROM ledger').get() as { n: number }).n;

describe('numbers are plain decimal whole numbers', () => {
  it.each(['0x10', '1e3', '1.0', '0b11', 'Infinity', '١٢', '+7'])('/credits grant %j as Telegram passes it is refused and grants nothing', async (typed) => {
    const text = await run(creditsGrant, parseArgs(creditsGrant, typed));
    expect(text).toBe('Give the amount as a whole number of credits.');
    expect(ledgerRows()).toBe(0);
  });

  it.each([16, '16'])('/credits grant %j is accepted', async (amount) => {
    expect(await run(creditsGrant, { amount })).toContain('Added 16 credits');
  });

  it('refuses a page, a cap, a count and a seed that are not plain whole numbers', () => {
    expect(refusal(creditsHistory, { page: '1e3' })).toBe('The page must be a whole number.');
    expect(refusal(creditsHistory, { page: '0x2' })).toBe('The page must be a whole number.');
    expect(refusal(creditsTake, { amount: '1e3' })).toBe('Give the amount as a whole number of credits.');
    expect(refusal(creditsLimit, { cap: '1e3' })).toContain('or off');
    expect(refusal(creditsLimit, { cap: '0x10' })).toContain('or off');
    expect(refusal(photosGenerate, { prompt: 'a portrait', count: '0x2' })).toBe('Count must be 1 to 4.');
    expect(refusal(photosGenerate, { prompt: 'a portrait', count: 2.5 })).toBe('Count must be 1 to 4.');
    expect(refusal(photosGenerate, { prompt: 'a portrait', seed: '1e3' })).toBe('The seed must be a whole number.');
    expect(parseInput(photosGenerate, { prompt: 'a portrait', count: '3', seed: 42 })).toMatchObject({ count: 3, seed: 42 });
    expect(parseInput(creditsLimit, { cap: '12' })).toEqual({ cap: 12 });
  });
});

describe('an operator names only wallets that exist', () => {
  it.each(['group:1', 'group:-10012345678901234567', 'user:42', '<@43>'])('--wallet %s is refused when nobody ever used it, and no wallet is created', async (wallet) => {
    for (const spec of [creditsGrant, creditsTake]) {
      const text = await run(spec, { amount: 5, wallet });
      expect(text).toMatch(/^There is no wallet for (group|user):-?\d+ yet/);
    }
    expect(store.db.prepare('SELECT id FROM wallets').all()).toEqual([]);
    expect(ledgerRows()).toBe(0);
  });

  it('grants to a wallet that exists, to this chat and to me (created on first use)', async () => {
    await services.credits.wallet('telegram:chat:-300');
    expect(await run(creditsGrant, { amount: 7, wallet: 'group:-300' })).toContain('Balance: 32.');
    expect(await run(creditsGrant, { amount: 5 })).toContain('Balance: 30.');
    expect(await run(creditsGrant, { amount: 8, wallet: 'me' })).toContain('Balance: 33.');
  });
});

describe('prompts are visible text', () => {
  it.each([
    ['zero-width spaces', '\u200B\u200B\u200B'],
    ['a NUL', '\u0000'],
    ['control characters and a BOM', '\u0007\uFEFF\u0008'],
    ['bidi controls and a soft hyphen', '\u202E\u2066\u00AD'],
    ['a lone joiner', '\u200D'],
  ])('a prompt of only %s is refused, not submitted and not charged', async (_name, prompt) => {
    const text = await run(imagine, { prompt });
    expect(text).toContain('Tell me what to imagine');
    expect(submitted).toHaveLength(0);
    expect(store.db.prepare("SELECT COUNT(*) AS n FROM ledger WHERE kind = 'reserve'").get()).toEqual({ n: 0 });
  });

  it('control and invisible characters never reach Apiframe; tabs and line breaks become spaces', async () => {
    await run(imagine, { prompt: 'a\u0000 red\u200B fox\tin\r\nfresh\u00ADsnow\u202E --ar\u0007 16:9\uFEFF' });
    expect(submitted[0]).toMatchObject({ prompt: 'a red fox in freshsnow', aspectRatio: '16:9' });
  });

  it('keeps emoji joined with a zero-width joiner, and a flag of a region', async () => {
    const emoji = '👩‍💻 and 👨‍👩‍👧 under 🏳️‍🌈 with 🏴󠁧󠁢󠁳󠁣󠁴󠁿';
    await run(imagine, { prompt: emoji });
    expect(submitted[0]).toMatchObject({ prompt: emoji });
  });

  it('cleans an AI Photos prompt the same way', () => {
    expect(refusal(photosGenerate, { prompt: '\u200B' })).toContain('Describe the photo');
    expect(parseInput(photosGenerate, { prompt: 'a\u0000 portrait\u2028' })).toMatchObject({ prompt: 'a portrait' });
  });
});

describe('/photos new: an age is a real age, and nothing typed is dropped', () => {
  const typed = (args: string) => refusal(photosNew, parseArgs(photosNew, args));

  it.each([
    ['-1', 'AI Photos are for adults: age must be 18 or more.'],
    ['1e9', 'Age must be a whole number, e.g. 30.'],
    ['NaN', 'Age must be a whole number, e.g. 30.'],
    ['1000', 'Age must be at most 100.'],
    ['17', 'AI Photos are for adults: age must be 18 or more.'],
  ])('refuses the age %s typed on Telegram', (age, message) => {
    expect(typed(`female white ${age}`)).toBe(message);
  });

  it('refuses words it does not understand instead of dropping them', () => {
    expect(typed('female white 30 please')).toBe('I did not understand “please”. Say female or male, then their ethnicity and, if you like, their age, e.g. /photos new female white 30.');
    expect(typed('male asian 30 31')).toContain('I did not understand “31”');
  });

  it('refuses a bad age given as a Discord option', () => {
    expect(refusal(photosNew, { gender: 'female', ethnicity: 'white', age: 30.5 })).toBe('Age must be a whole number, e.g. 30.');
    expect(refusal(photosNew, { gender: 'female', ethnicity: 'white', age: 17 })).toBe('AI Photos are for adults: age must be 18 or more.');
  });

  it('still reads a subject typed in any order', () => {
    expect(parseInput(photosNew, parseArgs(photosNew, '30 middle eastern woman'))).toEqual({ gender: 'female', ethnicity: 'middle eastern', age: 30 });
    expect(parseInput(photosNew, parseArgs(photosNew, 'male black'))).toEqual({ gender: 'male', ethnicity: 'black' });
    expect(parseInput(photosNew, { gender: 'male', ethnicity: 'asian', age: 41 })).toEqual({ gender: 'male', ethnicity: 'asian', age: 41 });
  });
});
