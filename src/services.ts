import { makeScrubber, type Logger } from './logger.ts';
import type { Store } from './store/index.ts';
import type { ImageProvider, WebhookTarget } from './providers/types.ts';
import type { Services } from './core/command.ts';
import type { Costs } from './core/costs.ts';
import { TaskService } from './core/tasks.ts';
import { CreditService } from './core/credits.ts';
import { PhotoService } from './core/photos.ts';
import { PhotoDisk } from './store/photo-disk.ts';

export interface ServicesOptions {
  store: Store;
  provider: ImageProvider;
  log: Logger;
  webhook?: WebhookTarget;
  deadlineMs: number;
  costs: Costs;
  freeCredits: number;
  operators: ReadonlySet<string>;
  photosDir: string;
  /** Values no chat may ever see (the config's secrets). */
  secrets?: readonly string[];
  now?: () => number;
}

/** The core services wired together; the app, the tests and the benchmarks all build them here. */
export function createServices(o: ServicesOptions): Services {
  const credits = new CreditService({ store: o.store, costs: o.costs, freeCredits: o.freeCredits, operators: o.operators, now: o.now });
  const tasks = new TaskService({
    store: o.store,
    provider: o.provider,
    log: o.log.child({ component: 'tasks' }),
    webhook: o.webhook,
    deadlineMs: o.deadlineMs,
    hooks: credits,
    now: o.now,
  });
  const photos = new PhotoService({ store: o.store, disk: new PhotoDisk(o.photosDir), tasks, credits, log: o.log.child({ component: 'photos' }), now: o.now });
  return { store: o.store, tasks, credits, photos, provider: o.provider, log: o.log, scrub: makeScrubber(o.secrets ?? []) };
}
