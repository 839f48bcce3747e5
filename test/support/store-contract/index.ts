import { describe } from 'vitest';
import type { StoreFactory } from './engine.ts';
import { unitOfWorkContract } from './unit-of-work.ts';
import { tasksContract } from './tasks.ts';
import { queueContract } from './queue.ts';
import { queueOrderContract } from './queue-order.ts';
import { taskLeasesContract } from './task-leases.ts';
import { walletsContract } from './wallets.ts';
import { actionsContract } from './actions.ts';
import { photosContract } from './photos.ts';
import { inboxContract } from './inbox.ts';
import { chatStateContract } from './chat-state.ts';
import { hostedFilesContract } from './hosted-files.ts';
import { accessContract } from './access.ts';
import { rateLimitsContract } from './rate-limits.ts';

export type { StoreFactory, StoreInspector, StoreUnderTest } from './engine.ts';
export { turn } from './engine.ts';

/**
 * Everything a store engine promises, written once against the Store interface so every engine
 * runs it unchanged: SQLite in test/store/sqlite-*.test.ts, PostgreSQL beside them. `open` gives an
 * empty, migrated store per test; the suite closes it.
 */
export function storeContract(engine: string, open: StoreFactory): void {
  describe(`store contract (${engine})`, () => {
    unitOfWorkContract(open);
    tasksContract(open);
    queueContract(open);
    queueOrderContract(open);
    taskLeasesContract(open);
    walletsContract(open);
    actionsContract(open);
    photosContract(open);
    inboxContract(open);
    chatStateContract(open);
    hostedFilesContract(open);
    accessContract(open);
    rateLimitsContract(open);
  });
}
