// Webhook mode of the fake Telegram: setWebhook / deleteWebhook / getWebhookInfo, and delivery of
// updates by POST to the registered URL with X-Telegram-Bot-Api-Secret-Token, retried after a
// failure as Telegram does (any answer but 2xx, or no answer, is a failure).
//
// Differences from Telegram, on purpose: http:// is accepted for 127.0.0.1 and localhost (the
// tests' bot listens there); updates are posted at once and concurrently rather than in order
// over max_connections; retries come after `retryMs` and stop after `attempts` tries.
import { badRequest } from './telegram-format.ts';
import type { Handler } from './telegram-messages.ts';

type Update = { update_id: number } & Record<string, any>;

export interface WebhookDelivery {
  update_id: number;
  /** The HTTP status the bot answered, or 'error' when it could not be reached. */
  status: number | 'error';
  /** Whether the secret header was sent (its value is Telegram's own for automatic deliveries). */
  withSecret: boolean;
}

export interface WebhookSettings {
  url: string;
  secret_token?: string;
  allowed_updates?: string[];
}

/** Update kinds Telegram sends when allowed_updates is not given. */
const DEFAULT_KINDS = new Set(['message', 'edited_message', 'channel_post', 'edited_channel_post', 'inline_query', 'chosen_inline_result', 'callback_query', 'shipping_query', 'pre_checkout_query', 'poll', 'poll_answer', 'my_chat_member', 'chat_join_request']);
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost']);
const PORTS = new Set(['', '80', '88', '443', '8443']);

export class FakeWebhook {
  settings: WebhookSettings | undefined;
  readonly deliveries: WebhookDelivery[] = [];
  private lastError: { date: number; message: string } | undefined;
  /** Updates being delivered (first try or retries). */
  private readonly pending = new Set<number>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly o: {
      signal: AbortSignal;
      now: () => number;
      changed: () => void;
      /** The getUpdates queue, handed over at setWebhook (or dropped). */
      takeQueued: (drop: boolean) => Update[];
      queued: () => number;
      retryMs: number;
      attempts: number;
    },
  ) {}

  handlers(): Record<string, Handler> {
    return {
      setWebhook: (p) => {
        const url = String(p.url ?? '');
        if (url === '') return this.remove(p.drop_pending_updates === true);
        let parsed: URL;
        try {
          parsed = new URL(url);
        } catch {
          throw badRequest('bad webhook: Failed to resolve host: Name or service not known');
        }
        const local = LOCAL_HOSTS.has(parsed.hostname);
        if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && local)) throw badRequest('bad webhook: An HTTPS URL must be provided for webhook');
        if (!local && !PORTS.has(parsed.port)) throw badRequest('bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443');
        if (p.secret_token !== undefined && !/^[A-Za-z0-9_-]{1,256}$/.test(String(p.secret_token))) throw badRequest('secret token contains unallowed characters');
        if (p.allowed_updates !== undefined && !Array.isArray(p.allowed_updates)) throw badRequest('can\'t parse allowed updates');
        this.settings = {
          url,
          ...(p.secret_token !== undefined ? { secret_token: String(p.secret_token) } : {}),
          ...(p.allowed_updates !== undefined ? { allowed_updates: p.allowed_updates.map(String) } : {}),
        };
        this.lastError = undefined;
        for (const u of this.o.takeQueued(p.drop_pending_updates === true)) this.push(u);
        return true;
      },
      deleteWebhook: (p) => this.remove(p.drop_pending_updates === true),
      getWebhookInfo: () => ({
        url: this.settings?.url ?? '',
        has_custom_certificate: false,
        pending_update_count: this.settings ? this.pending.size : this.o.queued(),
        ...(this.lastError ? { last_error_date: this.lastError.date, last_error_message: this.lastError.message } : {}),
        ...(this.settings?.allowed_updates ? { allowed_updates: this.settings.allowed_updates } : {}),
        max_connections: 40,
      }),
    };
  }

  private remove(drop: boolean): true {
    this.settings = undefined;
    if (drop) this.o.takeQueued(true);
    return true;
  }

  /** Whether Telegram sends this kind of update to the webhook at all. */
  wants(update: Update): boolean {
    const kind = Object.keys(update).find((k) => k !== 'update_id');
    const allowed = this.settings?.allowed_updates?.length ? new Set(this.settings.allowed_updates) : DEFAULT_KINDS;
    return kind !== undefined && allowed.has(kind);
  }

  /** Delivers an update with the registered secret, retrying until the bot answers 2xx. */
  push(update: Update): void {
    if (!this.wants(update)) return;
    this.pending.add(update.update_id);
    void this.attempt(update, 1);
  }

  private async attempt(update: Update, n: number): Promise<void> {
    const settings = this.settings;
    if (!settings || this.o.signal.aborted) return;
    const status = await this.post(settings.url, update, settings.secret_token ?? null);
    if (typeof status === 'number' && status >= 200 && status < 300) {
      this.pending.delete(update.update_id);
      this.o.changed();
      return;
    }
    this.lastError = { date: Math.floor(this.o.now() / 1000), message: status === 'error' ? 'Connection refused' : `Wrong response from the webhook: ${status}` };
    if (n >= this.o.attempts) {
      this.pending.delete(update.update_id);
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(update, n + 1);
    }, this.o.retryMs);
    this.timers.add(timer);
  }

  /** One POST of `update` to the webhook, with `secret` as the header (null: none); records and returns the status. */
  async post(url: string, update: Update, secret: string | null): Promise<number | 'error'> {
    let status: number | 'error';
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(secret !== null ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
        body: JSON.stringify(update),
        signal: this.o.signal,
      });
      await res.arrayBuffer();
      status = res.status;
    } catch {
      status = 'error';
    }
    this.deliveries.push({ update_id: update.update_id, status, withSecret: secret !== null });
    this.o.changed();
    return status;
  }

  close(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
