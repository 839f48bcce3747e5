import type { Job } from '../providers/jobs.ts';
import type { TaskRecord } from '../store/records/tasks.ts';
import type { Costs } from './costs.ts';
import type { CreditService } from './credits.ts';
import type { SettingsService } from './settings.ts';
import type { TaskService } from './tasks.ts';
import { atSpeed } from '../providers/jobs.ts';
import { resultMessage } from './render.ts';
import { walletIdFor } from './credits.ts';
import { UserError } from './errors.ts';
import { t } from '../i18n/index.ts';
import { labelIn } from './task-label.ts';
import { destinationOf, scopeOfTask } from './task-scope.ts';

/**
 * Subtle V1–V4 (/settings). Apiframe varies a grid image only strongly; its Vary (Subtle) works on
 * an upscale. So a subtle V is two jobs in one message: the image is upscaled (shown to nobody),
 * then the upscale is varied subtly, and that grid is the result.
 */
function isStep(task: TaskRecord): task is TaskRecord & { job: Extract<Job, { type: 'mj.upscale' }> } {
  return task.job.type === 'mj.upscale' && task.job.then !== undefined;
}

/** What the second step of a job will cost (0 for a job without one). */
export function followUpCost(job: Job | undefined, costs: Costs): number {
  return job?.type === 'mj.upscale' && job.then ? costs.vary : 0;
}

export function defineSubtleVariations(deps: { tasks: TaskService; credits: CreditService; settings: SettingsService }): void {
  const { tasks, credits, settings } = deps;
  tasks.defineKind('mj.upscale', {
    // The step's upscale is not a result; the variation after it is (in the same message).
    render: (task, actions) => (isStep(task) ? null : resultMessage(task, actions)),
    finished: async (task) => {
      if (!isStep(task) || !task.providerTaskId) return;
      const scope = scopeOfTask(task);
      const speed = (await settings.get(scope)).speed;
      const job = atSpeed({ type: 'mj.variations', parent: task.providerTaskId, index: 'subtle', aspectRatio: task.job.aspectRatio, prompt: task.job.then!.prompt }, speed);
      const respond = tasks.continueIn(destinationOf(task), task.message ?? undefined);
      try {
        await tasks.start(
          {
            scope,
            job,
            prompt: task.prompt,
            label: task.label,
            parentId: task.id,
            actionKey: task.actionKey ?? undefined,
            charge: { walletId: task.walletId ?? walletIdFor(scope), cost: credits.costs.vary + (speed === 'turbo' ? credits.costs.turbo : 0) },
          },
          respond,
        );
      } catch (err) {
        // The upscale step ran (and stays paid); the variation was refunded by its own failure, or never charged.
        const reason = err instanceof UserError ? err.textIn(task.locale) : t(task.locale, 'task-variation-not-started');
        await respond.error(`❌ ${t(task.locale, 'task-variation-failed', { label: labelIn(task.locale, task.label), reason })}`, {
          userFault: err instanceof UserError,
        });
      }
    },
  });
}
