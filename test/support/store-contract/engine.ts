import { afterEach, beforeEach } from 'vitest';
import type { Store } from '../../../src/store/index.ts';
import type { NewTask } from '../../../src/store/records/tasks.ts';

/*
 * What the store contract needs of an engine, and the fixtures its files share. The suites see
 * an engine only through the Store interface, so PostgreSQL runs them unchanged.
 */

/** Raw access for the few promises that hold below the repositories (the schema's own refusals). */
export interface StoreInspector {
  /** Runs one SQL statement without parameters, written so both engines read it alike. */
  sql(statement: string): Promise<unknown>;
}

/** An empty, migrated store, and how to end it (close the store, drop its file or database). */
export interface StoreUnderTest {
  store: Store;
  close(): Promise<void>;
  inspect?: StoreInspector;
}

export type StoreFactory = () => Promise<StoreUnderTest>;

/** Opens a store before each test of the calling describe and closes it after; call the result inside a test. */
export function storePerTest(open: StoreFactory): () => StoreUnderTest {
  let current: StoreUnderTest | undefined;
  beforeEach(async () => {
    current = await open();
  });
  afterEach(async () => {
    await current?.close();
    current = undefined;
  });
  return () => {
    if (!current) throw new Error('the store is opened in beforeEach');
    return current;
  };
}

/** The contract's clock: times are epoch milliseconds the caller passes in. */
export const T = 1_700_000_000_000;

export const WALLET = 'telegram:chat:-100';

export function newTask(id: string, over: Partial<NewTask> = {}): NewTask {
  return {
    id,
    job: { type: 'mj.imagine', prompt: 'a fox' },
    parentId: null,
    prompt: 'a fox',
    label: 'Imagine',
    platform: 'telegram',
    guildId: null,
    chatId: '-100',
    userId: '7',
    userName: '@ana',
    deadlineAt: T + 3_600_000,
    walletId: null,
    cost: 0,
    ...over,
  };
}

export const GRID = { kind: 'grid' as const, gridUrl: 'http://x/g.png', imageUrls: [] };

/** Lets every other pending callback run, as a unit's await on a slow step would. */
export const turn = () => new Promise((resolve) => setImmediate(resolve));
