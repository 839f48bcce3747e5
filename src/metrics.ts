import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ProviderCallObserver } from './providers/types.ts';

/**
 * The process's metrics, in a prom-client registry of their own (not the library's global one,
 * so several apps in one test process never collide). GET /metrics serves them with the process
 * metrics (exposition()). Every label takes values from a small fixed set — job kinds, endpoints,
 * methods, statuses, command names — never an id, a prompt or a secret.
 */
export interface Metrics {
  registry: Registry;
  /** A task resubmitted after a crash caught its earlier submit in flight: the provider may run it twice. */
  duplicateRiskResubmits: Counter;
  /** Provider answers that said "finished" without the result the task needs; the task was failed and refunded. */
  invalidResults: Counter;
  /** Platform updates handled again after a restart because a crash interrupted them. */
  replayedUpdates: Counter<'platform'>;
  tasksStarted: Counter<'provider' | 'kind'>;
  tasksFinished: Counter<'provider' | 'kind'>;
  tasksFailed: Counter<'provider' | 'kind'>;
  /** From the task's row (written just before its submit) to finished or failed. */
  taskDuration: Histogram<'provider' | 'kind' | 'outcome'>;
  /** One per HTTP attempt to an image service; `status` is the HTTP status, or `timeout` / `network`. */
  providerCalls: Counter<'provider' | 'endpoint' | 'status'>;
  providerCallDuration: Histogram<'provider' | 'endpoint'>;
  /** Webhook requests: `accepted`, `rejected_secret` (wrong or missing secret), `rejected_body` (not an update). */
  webhookDeliveries: Counter<'provider' | 'outcome'>;
  /** Updates a chat platform posted to the bot (Telegram in webhook mode): `accepted`, `rejected_secret`, `rejected_body`, `unavailable`. */
  platformWebhookDeliveries: Counter<'platform' | 'outcome'>;
  creditsReserved: Counter;
  creditsCaptured: Counter;
  creditsRefunded: Counter;
  /** One per HTTP request to a chat platform's API (Telegram: the Bot API method; Discord: the route with ids left out). */
  platformApiCalls: Counter<'platform' | 'method'>;
  platformApiRateLimited: Counter<'platform' | 'method'>;
  commands: Counter<'platform' | 'command' | 'outcome'>;
  tasksInFlight: Gauge;
  /** Gives the in-flight gauge its source, read at each scrape. */
  countInFlightWith(count: () => Promise<number>): void;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  const registers = [registry];
  let inFlight: (() => Promise<number>) | undefined;
  return {
    registry,
    duplicateRiskResubmits: new Counter({
      name: 'framebot_duplicate_risk_resubmits_total',
      help: 'Tasks resubmitted after a crash interrupted a submit that may have reached the provider',
      registers,
    }),
    invalidResults: new Counter({
      name: 'framebot_invalid_results_total',
      help: 'Finished provider answers without the result the task needs (failed and refunded)',
      registers,
    }),
    replayedUpdates: new Counter({
      name: 'framebot_replayed_updates_total',
      help: 'Platform updates handled after a restart because a crash interrupted them',
      labelNames: ['platform'],
      registers,
    }),
    tasksStarted: new Counter({ name: 'framebot_tasks_started_total', help: 'Tasks written and sent to an image service', labelNames: ['provider', 'kind'], registers }),
    tasksFinished: new Counter({ name: 'framebot_tasks_finished_total', help: 'Tasks that finished with a result', labelNames: ['provider', 'kind'], registers }),
    tasksFailed: new Counter({
      name: 'framebot_tasks_failed_total',
      help: 'Tasks that failed (refused, failed at the service, timed out or not sent again after a crash)',
      labelNames: ['provider', 'kind'],
      registers,
    }),
    taskDuration: new Histogram({
      name: 'framebot_task_duration_seconds',
      help: 'From submit to finished or failed',
      labelNames: ['provider', 'kind', 'outcome'],
      buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1200, 3600],
      registers,
    }),
    providerCalls: new Counter({
      name: 'framebot_provider_calls_total',
      help: 'HTTP requests to image services, by endpoint and HTTP status (timeout or network when none came back)',
      labelNames: ['provider', 'endpoint', 'status'],
      registers,
    }),
    providerCallDuration: new Histogram({
      name: 'framebot_provider_call_duration_seconds',
      help: 'How long one HTTP request to an image service took',
      labelNames: ['provider', 'endpoint'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    webhookDeliveries: new Counter({
      name: 'framebot_webhook_deliveries_total',
      help: 'Webhook requests from image services: accepted, rejected_secret or rejected_body',
      labelNames: ['provider', 'outcome'],
      registers,
    }),
    platformWebhookDeliveries: new Counter({
      name: 'framebot_platform_webhook_deliveries_total',
      help: 'Updates a chat platform posted to the bot (Telegram in webhook mode): accepted, rejected_secret, rejected_body or unavailable',
      labelNames: ['platform', 'outcome'],
      registers,
    }),
    creditsReserved: new Counter({ name: 'framebot_credits_reserved_total', help: 'Credits reserved for jobs when they were started', registers }),
    creditsCaptured: new Counter({ name: 'framebot_credits_captured_total', help: 'Credits kept for jobs that finished', registers }),
    creditsRefunded: new Counter({ name: 'framebot_credits_refunded_total', help: 'Credits given back for jobs (or images) that failed', registers }),
    platformApiCalls: new Counter({
      name: 'framebot_platform_api_calls_total',
      help: 'HTTP requests to a chat platform API (each attempt), by method',
      labelNames: ['platform', 'method'],
      registers,
    }),
    platformApiRateLimited: new Counter({
      name: 'framebot_platform_api_rate_limited_total',
      help: 'Chat platform API requests answered 429 Too Many Requests, by method',
      labelNames: ['platform', 'method'],
      registers,
    }),
    commands: new Counter({
      name: 'framebot_commands_total',
      help: 'Commands and button presses handled: ok, refused (the user can fix it) or failed',
      labelNames: ['platform', 'command', 'outcome'],
      registers,
    }),
    // Read from the store at each scrape rather than kept in step with every state change.
    tasksInFlight: new Gauge({
      name: 'framebot_tasks_in_flight',
      help: 'Tasks submitted or being submitted and not yet finished or failed',
      registers,
      async collect() {
        try {
          if (inFlight) this.set(await inFlight());
        } catch {
          // The store is closing: the last value stands rather than failing the whole scrape.
        }
      },
    }),
    countInFlightWith(count) {
      inFlight = count;
    },
  };
}

/** What the provider clients are given: they report their calls without knowing prom-client. */
export function providerCallObserver(metrics: Metrics): ProviderCallObserver {
  return {
    call({ provider, endpoint, status, seconds }) {
      metrics.providerCalls.inc({ provider, endpoint, status: String(status) });
      metrics.providerCallDuration.observe({ provider, endpoint }, seconds);
    },
  };
}

let processRegistry: Registry | undefined;

/**
 * prom-client's process and Node.js metrics, collected once per process (each collection starts
 * monitors that are never stopped, so not once per app: tests start many).
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

/** The text GET /metrics answers, and its content type: the app's metrics and the process's. */
export async function exposition(metrics: Metrics): Promise<{ text: string; contentType: string }> {
  const merged = Registry.merge([metrics.registry, processMetrics()]);
  return { text: await merged.metrics(), contentType: merged.contentType };
}
