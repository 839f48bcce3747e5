import type { Job, JobType } from './jobs.ts';
import type { ImageProvider, ProviderWebhook } from './types.ts';

/**
 * The image services this bot runs, by id. The core asks the registry which provider runs a job
 * and which one a task's updates come from; it never names a concrete client. A provider that is
 * not configured is simply not registered.
 */
export class ProviderRegistry {
  private readonly byId = new Map<string, ImageProvider>();

  constructor(providers: readonly ImageProvider[]) {
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

  /** A provider that can host an image at a public URL (for images a chat only has privately). */
  imageHost(): (ImageProvider & Required<Pick<ImageProvider, 'upload'>>) | undefined {
    return this.all().find((p): p is ImageProvider & Required<Pick<ImageProvider, 'upload'>> => typeof p.upload === 'function');
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
