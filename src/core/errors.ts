import { randomBytes } from 'node:crypto';
import type { Logger } from '../logger.ts';
import { NOTHING_SAID, ProviderError } from '../providers/types.ts';
import { render, SOURCE_LOCALE, t, type Locale, type Text } from '../i18n/index.ts';

/**
 * An error the person chatting can act on. `code` is a stable identifier (for adapters that
 * combine refusals, and for tests); `text` is what the user is told: a catalogue message rendered
 * in the reader's language (textIn), or, until it is moved to the catalogue, English shown as it
 * is. `message` is the English, for logs.
 */
export class UserError extends Error {
  override name = 'UserError';
  constructor(
    readonly code: string,
    readonly text: Text | string,
    readonly context: Record<string, unknown> = {},
  ) {
    super(render(SOURCE_LOCALE, text));
  }

  textIn(locale: Locale): string {
    return render(locale, this.text);
  }
}

/** A short id the user can quote to the operator; the same id is in the log line. */
export function newReferenceId(): string {
  return randomBytes(4).toString('hex').toUpperCase();
}

export interface UserFacingError {
  text: string;
  /** True when the user caused it (shown privately where the platform allows). */
  userFault: boolean;
  /** A UserError's stable code: adapters combine refusals of one kind (a busy group's). */
  code?: string;
  referenceId?: string;
}

/** Turns any error into what the user sees; logs the ones that are not the user's fault. */
export function toUserFacing(err: unknown, log: Logger, context: Record<string, unknown> = {}, locale: Locale = SOURCE_LOCALE): UserFacingError {
  if (err instanceof UserError) {
    log.debug({ ...context, code: err.code }, 'user error');
    return { text: err.textIn(locale), userFault: true, code: err.code };
  }
  if (err instanceof ProviderError && err.kind === 'rejected') {
    log.info({ ...context, operation: err.operation, said: err.message }, 'provider rejected a request');
    // A refused submit fails its task, which refunds it in the same transaction: nothing stays charged.
    // The service's own words, as it wrote them (not translated).
    if (err.message.trim() === NOTHING_SAID) return { text: t(locale, 'apology-provider-rejected-unsaid'), userFault: true };
    const said = /[.!?…]$/.test(err.message.trim()) ? err.message.trim() : `${err.message.trim()}.`;
    return { text: t(locale, 'apology-provider-rejected', { said }), userFault: true };
  }
  const referenceId = newReferenceId();
  if (err instanceof ProviderError && err.kind === 'auth') {
    log.error({ ...context, err, referenceId, provider: err.service }, `the image service refused our API key: check ${err.keyVariable ?? 'its key'}`);
    return {
      text: t(locale, 'apology-provider-key', { reference: referenceId }),
      userFault: false,
      referenceId,
    };
  }
  if (err instanceof ProviderError && err.kind === 'out_of_credits') {
    log.error({ ...context, err, referenceId, provider: err.service }, 'the image service account is out of credits: top it up');
    return {
      text: err.service
        ? t(locale, 'apology-out-of-credits-named', { service: err.service, reference: referenceId })
        : t(locale, 'apology-out-of-credits', { reference: referenceId }),
      userFault: false,
      referenceId,
    };
  }
  if (err instanceof ProviderError && err.kind === 'rate_limited') {
    log.warn({ ...context, operation: err.operation, referenceId, provider: err.service }, 'the image service is rate limiting us');
    return {
      text: err.service ? t(locale, 'apology-busy-named', { service: err.service }) : t(locale, 'apology-busy'),
      userFault: false,
      referenceId,
    };
  }
  log.error({ ...context, err, referenceId }, 'command failed');
  return {
    text: t(locale, 'apology-generic', { reference: referenceId }),
    userFault: false,
    referenceId,
  };
}
