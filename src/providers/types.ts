import type { Job } from './jobs.ts';

/**
 * What an image service gives the core. The Apiframe client implements ImageProvider; tests may too.
 * These types live here, below the core, so arrows keep pointing inwards (core → providers).
 */
export type TaskResult =
  | { kind: 'grid'; gridUrl: string; imageUrls: string[] }
  | { kind: 'image'; imageUrl: string }
  | { kind: 'photos'; imageUrls: string[] }
  | { kind: 'prepared'; expiresAt?: string }
  | { kind: 'trained'; triggerWord: string }
  | { kind: 'seed'; seed: string }
  /**
   * Suggested prompts (/describe, /shorten), without their numbering. `tokens`: the words /shorten
   * found most influential in the prompt it was given.
   */
  | { kind: 'prompts'; prompts: string[]; tokens?: string[] };

export interface ProviderTaskView {
  providerTaskId: string;
  state: 'queued' | 'running' | 'finished' | 'failed';
  /** 0–100 when the service reports it. */
  percentage?: number;
  result?: TaskResult;
  /** The service's own words on a failure. */
  message?: string;
  /** The answer as received, for the log when it cannot be used. */
  raw?: unknown;
}

export interface WebhookTarget {
  url: string;
  secret: string;
}

/** What a submit gives back: the service's task id, and the finished task when the service answers at once. */
export interface Submitted {
  providerTaskId: string;
  finished?: ProviderTaskView;
}

export interface ImageProvider {
  /** Starts a job; for a job the service runs synchronously, the answer is already finished. */
  submit(job: Job, webhook?: WebhookTarget): Promise<Submitted>;
  /** Current state of tasks (any number; batched by the client); ids the service does not know are left out. */
  fetchMany(ids: readonly string[]): Promise<ProviderTaskView[]>;
  /** Stores an image with the service and returns a public URL for it (for image prompts). */
  upload(image: { bytes: Uint8Array; filename: string; contentType: string }): Promise<string>;
}

/**
 * A failed call to a provider, split by where it failed (after grammY's GrammyError/HttpError):
 * `rejected` – the service refused the request and said why (HTTP 400): its words are for the user;
 * `auth` – the service refused our key (401): the operator must act;
 * `unavailable` – the service could not be reached, timed out or failed (5xx) after retries.
 */
export class ProviderError extends Error {
  override name = 'ProviderError';
  constructor(
    readonly kind: 'rejected' | 'auth' | 'unavailable',
    readonly operation: string,
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
