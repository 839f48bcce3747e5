import { Counter, Registry } from 'prom-client';

/**
 * The process's counters, in a prom-client registry of their own (not the library's global one,
 * so several apps in one test process never collide). An HTTP /metrics route can expose
 * `registry.metrics()` as they are.
 */
export interface Metrics {
  registry: Registry;
  /** A task resubmitted after a crash caught its earlier submit in flight: the provider may run it twice. */
  duplicateRiskResubmits: Counter;
  /** Provider answers that said "finished" without the result the task needs; the task was failed and refunded. */
  invalidResults: Counter;
  /** Platform updates handled again after a restart because a crash interrupted them. */
  replayedUpdates: Counter<'platform'>;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  return {
    registry,
    duplicateRiskResubmits: new Counter({
      name: 'framebot_duplicate_risk_resubmits_total',
      help: 'Tasks resubmitted after a crash interrupted a submit that may have reached the provider',
      registers: [registry],
    }),
    invalidResults: new Counter({
      name: 'framebot_invalid_results_total',
      help: 'Finished provider answers without the result the task needs (failed and refunded)',
      registers: [registry],
    }),
    replayedUpdates: new Counter({
      name: 'framebot_replayed_updates_total',
      help: 'Platform updates handled after a restart because a crash interrupted them',
      labelNames: ['platform'],
      registers: [registry],
    }),
  };
}
