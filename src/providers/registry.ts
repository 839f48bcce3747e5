import type { Job, JobType } from './jobs.ts';
import type { ImageHost, ImageProvider, ProviderWebhook } from './types.ts';

/**
 * The image services this bot runs, by id. The core asks the registry which provider runs a job
 * and which one a task's updates come from; it never names a concrete client. A provider that is
 * not configured is simply not registered.
 */
export class ProviderRegistry {
  private readonly byId = new Map<string, ImageProvider>();

  /** `fallbackHost`: where images go when no provider hosts them (the bot's own server, with PUBLIC_URL). */
  constructor(
    providers: readonly ImageProvider[],
    private readonly fallbackHost?: ImageHost,
  ) {
    for (const p of providers) {
      if (this.byId.has(p.id)) throw new Error(`two image providers share the id ${p.id}`);
      this.byId.set(p.id, p);
    }
  }

  get(id: string): ImageProvider | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  all(): ImageProvider[] {
    return [...this.byId.values()];
  }

  /** The provider that runs this kind of job, if one is configured. */
  forJob(type: JobType | Job): ImageProvider | undefined {
    const jobType = typeof type === 'string' ? type : type.type;
    return this.all().find((p) => p.handles(jobType));
  }

  /**
   * Where an image a chat holds only privately gets a public URL: a provider's own storage first
   * (the service then fetches from itself), else the fallback, else nowhere.
   */
  imageHost(): ImageHost | undefined {
    const provider = this.all().find((p) => typeof p.upload === 'function');
    return provider ? { upload: (image) => provider.upload!(image) } : this.fallbackHost;
  }

  /** The provider whose webhook is served at this path, if any. */
  webhookAt(path: string): { provider: string; webhook: ProviderWebhook } | undefined {
    const p = this.all().find((x) => x.webhook?.path === path);
    return p?.webhook ? { provider: p.id, webhook: p.webhook } : undefined;
  }

  async close(): Promise<void> {
    await Promise.allSettled(this.all().map((p) => p.close?.()));
  }
}
