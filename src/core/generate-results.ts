import type { Store } from '../store/index.ts';
import type { TaskRecord } from '../store/tasks-repo.ts';
import type { TaskService } from './tasks.ts';
import { quote, resultMessage } from './render.ts';

/** How a /generate result reads; what it costs and which models it may use are in generate.ts. */

/** How a result says that some of its images did not come back (and were refunded); empty when all did. */
function missingNote(store: Store, task: TaskRecord): string {
  const parts = store.tasks.parts(task.id);
  const failed = parts.filter((p) => p.state === 'failed').length;
  if (failed === 0) return '';
  const came = parts.length - failed;
  return `\n${came} of ${parts.length} images came back; the credits for the ${failed === 1 ? 'missing one were' : `${failed} missing ones were`} refunded.`;
}

/** The result of a generate: all its images in one message, saying which model made them and what is missing. */
export function defineGenerate(deps: { tasks: TaskService; store: Store }): void {
  deps.tasks.defineKind('gen.image', {
    render: (task, actions) => resultMessage(task, actions, `✅ ${task.label} ${quote(task.prompt)} for ${task.userName}${missingNote(deps.store, task)}`),
  });
}
