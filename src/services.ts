import { makeScrubber, type Logger } from './logger.ts';
import type { Store } from './store/index.ts';
import type { ProviderRegistry } from './providers/registry.ts';
import type { Services } from './core/command.ts';
import type { Costs } from './core/costs.ts';
import { TaskService } from './core/tasks.ts';
import type { QueueLimits } from './core/queue-limits.ts';
import { CreditService } from './core/credits.ts';
import { PhotoService } from './core/photos.ts';
import { Inbox } from './core/inbox.ts';
import { InstanceLeases } from './core/instance-leases.ts';
import { SettingsService } from './core/settings.ts';
import { AccessService, type AccessOptions } from './core/access.ts';
import { BannedWords } from './core/banned-words.ts';
import { UserRateLimiter, type RateLimit } from './core/rate-limit.ts';
import { defineSubtleVariations } from './core/subtle-variations.ts';
import { defineGenerate } from './core/generate-results.ts';
import { newId } from './core/ids.ts';
import { createMetrics, type Metrics } from './metrics.ts';
import { SharpPhotoDecoder } from './images/sharp-photo-decoder.ts';

export interface ServicesOptions {
  store: Store;
  /** The image services that are configured. */
  providers: ProviderRegistry;
  log: Logger;
  deadlineMs: number;
  costs: Costs;
  freeCredits: number;
  operators: ReadonlySet<string>;
  /** Values no chat may ever see (the config's secrets). */
  secrets?: readonly string[];
  now?: () => number;
  metrics?: Metrics;
  /** How long this instance's leases last unless renewed (INSTANCE_LEASE_MS); the app renews them. */
  leaseMs?: number;
  /** Words refused in prompts (the configuration's list); none when left out. */
  bannedWords?: readonly string[];
  /** The configuration's allow and deny lists; all empty when left out. */
  access?: AccessOptions;
  /** USER_RATE_LIMIT; none: commands are not limited. */
  userRateLimit?: RateLimit;
  /** Jobs run at once per provider, and the caps (without: no queue and no caps). */
  queue?: QueueLimits;
  /**
   * POLL_INTERVAL_MS and POLL_MAX_INTERVAL_MS, known from the start so that the sweep after a
   * restart (before startPolling) already schedules each job's next read.
   */
  polling?: { intervalMs: number; maxIntervalMs: number };
}

const OPEN_ACCESS: AccessOptions = { allowedGuilds: [], allowedChats: [], blockedUsers: [], quietMs: 3_600_000 };

/** Without INSTANCE_LEASE_MS (tests, benchmarks): as the configuration's default. */
const DEFAULT_LEASE_MS = 30_000;

/** The core services wired together; the app, the tests and the benchmarks all build them here. */
export function createServices(o: ServicesOptions): Services {
  // This process, as the owner of the submits and the updates it is handling.
  const instanceId = newId();
  const leaseMs = o.leaseMs ?? DEFAULT_LEASE_MS;
  // PostgreSQL may be shared by several instances; a SQLite file is one instance's.
  const shared = o.store.engine !== 'sqlite';
  const leases = new InstanceLeases({ store: o.store, owner: instanceId, leaseMs, log: o.log.child({ component: 'leases' }), now: o.now });
  const metrics = o.metrics ?? createMetrics();
  // Read at each scrape: the store is the truth about what is in flight.
  metrics.countInFlightWith(() => o.store.tasks.countUnfinished());
  const credits = new CreditService({ store: o.store, costs: o.costs, freeCredits: o.freeCredits, operators: o.operators, now: o.now, metrics });
  const tasks = new TaskService({
    store: o.store,
    providers: o.providers,
    log: o.log.child({ component: 'tasks' }),
    deadlineMs: o.deadlineMs,
    hooks: credits,
    now: o.now,
    metrics,
    instanceId,
    leaseMs,
    shared,
    queue: o.queue,
    pollIntervalMs: o.polling?.intervalMs,
    pollMaxIntervalMs: o.polling?.maxIntervalMs,
  });
  const photos = new PhotoService({
    store: o.store,
    decoder: new SharpPhotoDecoder(),
    tasks,
    credits,
    log: o.log.child({ component: 'photos' }),
    now: o.now,
  });
  const inbox = new Inbox(o.store, { owner: instanceId, leaseMs }, shared, o.now);
  const settings = new SettingsService(o.store, o.now);
  const rateLimiter = new UserRateLimiter({ store: o.store, limit: o.userRateLimit, isOperator: (scope) => credits.isOperator(scope), now: o.now });
  defineSubtleVariations({ tasks, credits, settings });
  defineGenerate({ tasks, store: o.store });
  const access = new AccessService({ store: o.store, lists: o.access ?? OPEN_ACCESS, isOperator: (scope) => credits.isOperator(scope), now: o.now });
  return {
    store: o.store,
    tasks,
    credits,
    photos,
    inbox,
    leases,
    settings,
    metrics,
    providers: o.providers,
    log: o.log,
    scrub: makeScrubber(o.secrets ?? []),
    access,
    rateLimiter,
    bannedWords: new BannedWords(o.bannedWords ?? []),
  };
}
