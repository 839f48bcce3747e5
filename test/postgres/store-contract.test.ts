import { createPostgresStore } from '../../src/store/postgres/store.ts';
import { createPostgresPool } from '../../src/store/postgres/pool.ts';
import { migratePostgres } from '../../src/store/postgres/migrate.ts';
import { storeContract, type StoreUnderTest } from '../support/store-contract/index.ts';
import { describePostgres } from '../support/postgres.ts';

/*
 * The repository contract on PostgreSQL, unchanged from SQLite's. Each test gets a database of its
 * own: the ledger refuses TRUNCATE and DELETE (append-only), so tables cannot be emptied between tests.
 */
describePostgres('PostgreSQL store', (server) => {
  storeContract('postgres', async (): Promise<StoreUnderTest> => {
    // A pool per test, ended with the test (store.close), so idle connections do not pile up
    // over the file; the databases are dropped after it.
    const pool = createPostgresPool(await server.newDatabase(), {
      max: 4,
      onError: (err) => {
        throw err;
      },
    });
    await migratePostgres(pool);
    const store = createPostgresStore(pool);
    return {
      store,
      close: () => store.close(),
      inspect: {
        sql: async (statement) => (await pool.query(statement)).rows,
      },
    };
  });
});
