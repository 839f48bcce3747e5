import type { Pool } from './pool.ts';
import { clientExecutor, inTransaction, poolExecutor, type Executor } from './executor.ts';
import { UnitScope } from '../unit-scope.ts';
import type { Repositories, Store } from '../store.ts';
import { pgTasks } from './repos/tasks.ts';
import { pgActions } from './repos/actions.ts';
import { pgWallets } from './repos/wallets.ts';
import { pgPhotos } from './repos/photos.ts';
import { pgInbox } from './repos/inbox.ts';
import { pgAsks, pgDrafts, pgSettings } from './repos/chat-state.ts';
import { pgHostedFiles } from './repos/hosted-files.ts';
import { pgAccess } from './repos/access.ts';
import { pgRateLimits } from './repos/rate-limits.ts';

export interface PostgresStore extends Store {
  readonly engine: 'postgres';
}

function repositories(ex: Executor): Repositories {
  return {
    tasks: pgTasks(ex),
    actions: pgActions(ex),
    wallets: pgWallets(ex),
    photos: pgPhotos(ex),
    inbox: pgInbox(ex),
    settings: pgSettings(ex),
    asks: pgAsks(ex),
    drafts: pgDrafts(ex),
    hostedFiles: pgHostedFiles(ex),
    access: pgAccess(ex),
    rateLimits: pgRateLimits(ex),
  };
}

/**
 * The store on a PostgreSQL pool (already migrated). Outside a unit each call takes any pooled
 * connection; a unit of work is BEGIN … COMMIT on one connection held for its whole life, its
 * repositories bound to that connection. Unlike SQLite nothing is serialised in the process:
 * other callers (and other instances) run beside an open unit, and the guarded statements and
 * row locks decide between them. `close` ends the pool.
 */
export function createPostgresStore(pool: Pool): PostgresStore {
  const scope = new UnitScope();
  return {
    engine: 'postgres',
    ...repositories(poolExecutor(pool, scope)),
    async transaction(work) {
      scope.refuseInside('a transaction');
      return inTransaction(pool, (client) => scope.run((guard) => work(repositories(clientExecutor(client, guard)))));
    },
    async ping() {
      scope.refuseInside('a call through the store');
      await pool.query('SELECT 1');
    },
    // Refused inside a unit, as SQLite's is: it would end the pool under the unit's own connection.
    async close() {
      scope.refuseInside('closing the store');
      await pool.end();
    },
  };
}
