import type { TaskResult } from '../providers/types.ts';
import { RESULT_OF, type JobType } from '../providers/jobs.ts';

/**
 * A "finished" answer that does not carry the result its job needs (no image fields, fields under
 * other names, the shape of another operation) is not a result: the task fails and is refunded
 * instead of being shown as done with nothing in it.
 */
export function usableResult(job: JobType, result: TaskResult | undefined): TaskResult | undefined {
  if (!result || result.kind !== RESULT_OF[job]) return undefined;
  switch (result.kind) {
    case 'grid':
      return result.gridUrl ? result : undefined;
    case 'photos':
      return result.imageUrls.length > 0 ? result : undefined;
    case 'trained':
      return result.triggerWord.trim() ? result : undefined;
    case 'prompts':
      return result.prompts.length > 0 ? result : undefined;
    default:
      return result;
  }
}
