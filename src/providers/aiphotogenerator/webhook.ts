import type { Logger } from '../../logger.ts';
import type { ProviderTaskView, ProviderWebhook } from '../types.ts';
import { secretMatches } from '../webhook-auth.ts';
import { webhookBody } from './schemas.ts';
import type { ImageObject } from './schemas.ts';

export const AIPHOTOGENERATOR_WEBHOOK_PATH = '/webhooks/aiphotogenerator';

/**
 * Updates aiphotogenerator.net posts to us. How its webhooks are set up and signed is not
 * documented, so the operator registers `PUBLIC_URL/webhooks/aiphotogenerator?token=<secret>`
 * with the service: a request without that token is refused before its body is read. The body is
 * read as image objects, like a lookup's answer.
 */
export function aiphotogeneratorWebhook(
  secret: string,
  view: (providerTaskId: string, image: ImageObject) => ProviderTaskView,
  log: Logger,
): ProviderWebhook {
  return {
    path: AIPHOTOGENERATOR_WEBHOOK_PATH,
    authorized: ({ query }) => secretMatches(query.get('token') ?? undefined, secret),
    parse: (body) => {
      const parsed = webhookBody.safeParse(body);
      if (!parsed.success) {
        log.debug({ issues: parsed.error.issues.slice(0, 3) }, 'aiphotogenerator.net webhook body did not parse');
        return undefined;
      }
      return parsed.data.map((image) => view(image.id, image));
    },
  };
}
