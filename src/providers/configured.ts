import type { Logger } from '../logger.ts';
import { ApiframeClient } from './apiframe/client.ts';
import { APIFRAME_WEBHOOK_PATH } from './apiframe/webhook.ts';
import { AiphotogeneratorClient } from './aiphotogenerator/client.ts';
import type { LookupTable } from './aiphotogenerator/lookup.ts';
import { AIPHOTOGENERATOR_WEBHOOK_PATH } from './aiphotogenerator/webhook.ts';
import type { ImageModel } from './image-models.ts';
import { ProviderRegistry } from './registry.ts';
import type { ImageHost, ImageProvider, ProviderCallObserver } from './types.ts';

/** What the providers need from the configuration. */
export interface ProvidersConfig {
  apiframe?: { apiKey: string; baseUrl: string; timeoutMs: number };
  aiphotogenerator?: { token: string; baseUrl: string; timeoutMs: number; models: readonly ImageModel[]; lookup: LookupTable };
  /** PUBLIC_URL and WEBHOOK_SECRET: where providers that can post updates send them. */
  webhooks?: { publicUrl: string; secret: string };
  /** Where reference images go when no provider hosts them (the bot's own server). */
  imageHost?: ImageHost;
  /** Told of every HTTP request a provider makes (the app's metrics). */
  calls?: ProviderCallObserver;
}

/** The registry of every configured provider: each one whose key is set. */
export function configuredProviders(config: ProvidersConfig, log: Logger): ProviderRegistry {
  const providers: ImageProvider[] = [];
  const hooks = config.webhooks;
  if (config.apiframe) {
    const webhook = hooks ? { url: `${hooks.publicUrl}${APIFRAME_WEBHOOK_PATH}`, secret: hooks.secret } : undefined;
    providers.push(new ApiframeClient({ ...config.apiframe, webhook, calls: config.calls, log: log.child({ component: 'apiframe' }) }));
  }
  if (config.aiphotogenerator) {
    const child = log.child({ component: 'aiphotogenerator' });
    // The service is told of our webhook by the operator (its setup is not documented), with the
    // secret as ?token=; the route is served either way, and polling covers a URL never registered.
    const webhook = hooks ? { url: `${hooks.publicUrl}${AIPHOTOGENERATOR_WEBHOOK_PATH}`, secret: hooks.secret } : undefined;
    if (webhook) child.info({ register: `${webhook.url}?token=<WEBHOOK_SECRET>` }, 'aiphotogenerator.net can post results to this URL if you register it there; they are polled either way');
    providers.push(new AiphotogeneratorClient({ ...config.aiphotogenerator, webhook, calls: config.calls, log: child }));
  }
  return new ProviderRegistry(providers, config.imageHost);
}
