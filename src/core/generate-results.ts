import type { Store } from '../store/index.ts';
import type { TaskRecord } from '../store/records/tasks.ts';
import type { TaskService } from './tasks.ts';
import { t } from '../i18n/index.ts';
import { localeOf, resultMessage, taskHead } from './render.ts';

/** How a /generate result reads; what it costs and which models it may use are in generate.ts. */

/**
 * How a result says that some of its images did not come back, and what the ledger gave back for
 * them; empty when all did.
 */
async function missingNote(store: Store, task: TaskRecord): Promise<string> {
  const parts = await store.tasks.parts(task.id);
  const failed = parts.filter((p) => p.state === 'failed').length;
  if (failed === 0) return '';
  const counts = { received: parts.length - failed, total: parts.length, failed };
  const refunded = (await store.wallets.entryFor(task.id, 'refund'))?.amount ?? 0;
  const locale = localeOf(task);
  if (task.cost <= 0) return `\n${t(locale, 'result-missing-not-charged', counts)}`;
  if (refunded <= 0) return `\n${t(locale, 'result-missing-not-refunded', counts)}`;
  return `\n${t(locale, 'result-missing-refunded', { ...counts, refunded })}`;
}

/** The result of a generate: all its images in one message, saying which model made them and what is missing. */
export function defineGenerate(deps: { tasks: TaskService; store: Store }): void {
  deps.tasks.defineKind('gen.image', {
    render: async (task, actions) => resultMessage(task, actions, `✅ ${taskHead(task)}${await missingNote(deps.store, task)}`),
  });
}
