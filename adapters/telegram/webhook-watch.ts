/**
 * Whether Telegram still delivers to this bot's webhook, for GET /readyz, read with getWebhookInfo
 * now and then. The webhook pointing elsewhere (another process set its own address, or a polling
 * instance deleted it) means no update reaches this process: not ready. Telegram's last delivery
 * error is only reported (detail and one warning per error): it is about the public address all
 * instances share (DNS, proxy, certificate), and taking every instance out of a load balancer
 * because of it would only make it worse.
 */
import type { Api } from 'grammy';
import type { WebhookInfo } from 'grammy/types';
import type { Logger } from '../../src/logger.ts';

/** How often getWebhookInfo is read while the bot runs. */
export const WEBHOOK_CHECK_MS = 60_000;

export interface WebhookState {
  ready: boolean;
  detail?: string;
}

export class WebhookWatch {
  private state: WebhookState = { ready: true };
  private lastWarned = 0;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly api: Api,
    private readonly url: string,
    private readonly log: Logger,
    /** Unix seconds when this process set the webhook: an older error is another process's past. */
    private readonly since: number,
  ) {}

  status(): WebhookState {
    return this.state;
  }

  /** Reads getWebhookInfo once; a failed read keeps what was known (polling errors are the API watch's business). */
  async check(signal?: AbortSignal): Promise<WebhookState> {
    let info: WebhookInfo;
    try {
      info = await this.api.getWebhookInfo(signal as Parameters<Api['getWebhookInfo']>[0]);
    } catch (err) {
      this.log.debug({ err }, 'getWebhookInfo failed; the webhook state stays as last seen');
      return this.state;
    }
    this.state = this.judge(info);
    return this.state;
  }

  private judge(info: WebhookInfo): WebhookState {
    if (info.url !== this.url) {
      // The address itself is not logged: some put a secret in the path.
      return { ready: false, detail: info.url ? 'Telegram delivers updates to another address than TELEGRAM_WEBHOOK_URL (set by another process?)' : 'the webhook was deleted (by a bot instance that polls?): Telegram holds updates for getUpdates' };
    }
    const at = info.last_error_date;
    if (at === undefined || at < this.since) return { ready: true, ...(info.pending_update_count > 0 ? { detail: `${info.pending_update_count} updates waiting at Telegram` } : {}) };
    const detail = `Telegram's last delivery to TELEGRAM_WEBHOOK_URL failed at ${new Date(at * 1000).toISOString()}: ${info.last_error_message ?? 'no reason given'} (${info.pending_update_count} updates waiting)`;
    if (at !== this.lastWarned) {
      this.lastWarned = at;
      this.log.warn({ lastError: info.last_error_message, pending: info.pending_update_count }, 'Telegram could not deliver an update to TELEGRAM_WEBHOOK_URL; it retries, but check the address reaches this bot (run npm run doctor)');
    }
    return { ready: true, detail };
  }

  start(everyMs = WEBHOOK_CHECK_MS): void {
    this.timer = setInterval(() => void this.check(), everyMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
