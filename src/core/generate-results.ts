import type { Store } from '../store/index.ts';
import type { TaskRecord } from '../store/tasks-repo.ts';
import type { TaskService } from './tasks.ts';
import { credits, quote, resultMessage } from './render.ts';

/** How a /generate result reads; what it costs and which models it may use are in generate.ts. */

/**
 * How a result says that some of its images did not come back, and what the ledger gave back for
 * them; empty when all did.
 */
async function missingNote(store: Store, task: TaskRecord): Promise<string> {
  const parts = await store.tasks.parts(task.id);
  const failed = parts.filter((p) => p.state === 'failed').length;
  if (failed === 0) return '';
  const came = `\n${parts.length - failed} of ${parts.length} images came back`;
  const missing = failed === 1 ? 'the missing one' : `the ${failed} missing ones`;
  const refunded = (await store.wallets.entryFor(task.id, 'refund'))?.amount ?? 0;
  if (task.cost <= 0) return `${came}; nothing was charged for ${missing}.`;
  if (refunded <= 0) return `${came}; nothing was refunded for ${missing}.`;
  return `${came}; ${credits(refunded)} for ${missing} ${refunded === 1 ? 'was' : 'were'} refunded.`;
}

/** The result of a generate: all its images in one message, saying which model made them and what is missing. */
export function defineGenerate(deps: { tasks: TaskService; store: Store }): void {
  deps.tasks.defineKind('gen.image', {
    render: async (task, actions) => resultMessage(task, actions, `✅ ${task.label} ${quote(task.prompt)} for ${task.userName}${await missingNote(deps.store, task)}`),
  });
}
