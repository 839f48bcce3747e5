import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqliteStore, type SqliteStore } from '../../src/store/index.ts';
import type { StoreUnderTest } from '../support/store-contract/index.ts';

/** The contract's view of a SQLite store: raw SQL through the connection, for the schema's own refusals. */
function underTest(store: SqliteStore, cleanup: () => void = () => {}): StoreUnderTest {
  return {
    store,
    close: async () => {
      await store.close();
      cleanup();
    },
    inspect: {
      sql: async (statement) => {
        const stmt = store.db.prepare(statement);
        return stmt.reader ? stmt.all() : stmt.run();
      },
    },
  };
}

export const sqliteInMemory = async (): Promise<StoreUnderTest> => underTest(createSqliteStore(':memory:'));

/** A store on a new file in its own temporary folder, removed on close. */
export const sqliteOnFile = async (): Promise<StoreUnderTest> => {
  const dir = mkdtempSync(join(tmpdir(), 'framebot-store-'));
  return underTest(createSqliteStore(join(dir, 'bot.db')), () => rmSync(dir, { recursive: true, force: true }));
};
