import type { Logger } from '../logger.ts';
import { ApiframeClient } from './apiframe/client.ts';
import { APIFRAME_WEBHOOK_PATH } from './apiframe/webhook.ts';
import { ProviderRegistry } from './registry.ts';
import type { ImageHost, ImageProvider } from './types.ts';

/** What the providers need from the configuration. */
export interface ProvidersConfig {
  apiframe?: { apiKey: string; baseUrl: string; timeoutMs: number };
  /** PUBLIC_URL and WEBHOOK_SECRET: where providers that can post updates send them. */
  webhooks?: { publicUrl: string; secret: string };
  /** Where reference images go when no provider hosts them (the bot's own server). */
  imageHost?: ImageHost;
}

/** The registry of every configured provider: each one whose key is set. */
export function configuredProviders(config: ProvidersConfig, log: Logger): ProviderRegistry {
  const providers: ImageProvider[] = [];
  if (config.apiframe) {
    const webhook = config.webhooks ? { url: `${config.webhooks.publicUrl}${APIFRAME_WEBHOOK_PATH}`, secret: config.webhooks.secret } : undefined;
    providers.push(new ApiframeClient({ ...config.apiframe, webhook, log: log.child({ component: 'apiframe' }) }));
  }
  return new ProviderRegistry(providers, config.imageHost);
}
