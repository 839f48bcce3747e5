/**
 * Updates a chat platform pushes to the bot's own HTTP server (Telegram in webhook mode), as a port:
 * the adapter knows the platform's rules (its secret header, what an update is, when it is safe to
 * answer), the server knows HTTP (body limits, status codes, rate-limited logs of refusals). The
 * composition root mounts an adapter's route on the server; neither imports the other.
 */
import type { Platform } from './chat.ts';

/** One request as the server hands it over. */
export interface PlatformWebhookRequest {
  /** Request headers, names in lower case (as node:http gives them). */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  /** Reads the body as JSON, within the server's size limit; rejects (the server then answers 400 or 413) otherwise. */
  json(): Promise<unknown>;
}

/** How the adapter answers; the first call decides the answer, later calls do nothing. */
export interface PlatformWebhookReply {
  /** 200: the update is safely recorded, the platform may forget it; the work goes on after. */
  accepted(): void;
  /** 401: a wrong or missing secret. */
  unauthorized(): void;
  /** 400: the body is not an update. */
  rejected(reason: string): void;
  /** 503: this process takes no updates now (starting or stopping); the platform delivers it again later. */
  unavailable(): void;
}

export interface PlatformWebhook {
  platform: Platform;
  /** The path the platform posts to (from the webhook URL it was given). */
  path: string;
  /** Answers through `reply` as soon as it may, then resolves once the update has been handled. */
  handle(req: PlatformWebhookRequest, reply: PlatformWebhookReply): Promise<void>;
}
