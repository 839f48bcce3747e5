import type { Logger } from '../../logger.ts';
import type { ProviderTaskView, ProviderWebhook } from '../types.ts';
import { secretMatches } from '../webhook-auth.ts';
import { taskView, type TaskView } from './schemas.ts';

export const APIFRAME_WEBHOOK_PATH = '/webhooks/apiframe';

/**
 * Apiframe posts a task's progress and its final state to the webhook_url sent with the job,
 * echoing webhook_secret in the `x-webhook-secret` header; anything without it is refused.
 */
export function apiframeWebhook(secret: string, view: (raw: TaskView) => ProviderTaskView, log: Logger): ProviderWebhook {
  return {
    path: APIFRAME_WEBHOOK_PATH,
    authorized: ({ headers }) => secretMatches(headers['x-webhook-secret'], secret),
    parse: (body) => {
      const parsed = taskView.safeParse(body);
      if (!parsed.success) {
        log.debug({ issues: parsed.error.issues.slice(0, 3) }, 'apiframe webhook body did not parse');
        return undefined;
      }
      return [view(parsed.data)];
    },
  };
}
