import type { Logger } from '../logger.ts';
import { ProviderError, type ImageProvider, type ProviderAccount } from '../providers/types.ts';
import { stepSignal, throwIfStopped, timedOut } from './deadline.ts';
import { StartupError } from './errors.ts';
import { networkCode, unreachableLine } from './network.ts';

export interface AccountCheckOptions {
  signal?: AbortSignal;
  timeoutMs: number;
  /** Credits below this are logged as a warning (PROVIDER_CREDITS_WARN). */
  warnBelow: number;
  log: Logger;
}

const nameOf = (p: ImageProvider) => p.name ?? p.id;

/** Logs what an account holds: info, and a warning when its credits run low. */
export function logAccount(provider: ImageProvider, account: ProviderAccount, warnBelow: number, log: Logger): void {
  const fields = { provider: provider.id, credits: account.credits, ...(account.detail ? { detail: account.detail } : {}) };
  if (account.credits === undefined) {
    log.info(fields, `${nameOf(provider)} accepted ${provider.keyVariable}; it did not say how many credits are left`);
    return;
  }
  log.info(fields, `${nameOf(provider)} accepted ${provider.keyVariable}: ${account.credits} credits left`);
  if (account.credits < warnBelow) {
    log.warn({ ...fields, warnBelow }, `${nameOf(provider)} credits are running low (${account.credits} left, below PROVIDER_CREDITS_WARN=${warnBelow}): top up the account, or jobs will start failing`);
  }
}

/**
 * The one line for an account call that failed, or undefined when the failure should not stop
 * start-up (the service answered, only not as expected: its key was not refused).
 */
export function accountFailure(provider: ImageProvider, err: unknown, timeoutMs: number | undefined): StartupError | undefined {
  const name = nameOf(provider);
  if (err instanceof ProviderError && err.kind === 'auth') {
    return new StartupError(`${name} refused ${provider.keyVariable}${err.status ? ` (HTTP ${err.status})` : ''}: copy the key again from your ${name} account`);
  }
  // An HTTP answer, even one that came as the bound ran out between retries, proves it was reached.
  if (err instanceof ProviderError && err.status !== undefined) return undefined;
  const code = networkCode(err);
  const unreached = timeoutMs !== undefined || code !== undefined;
  if (!unreached) return undefined;
  const where = provider.location ?? { url: provider.id, variable: `${provider.id} base URL setting` };
  return new StartupError(unreachableLine({ service: name, url: where.url, code, timeoutMs, check: where.variable }));
}

/**
 * Start-up's check of each provider that can tell its account: bounded, in parallel. A refused key
 * or an unreachable service stops start-up with one line; credits are logged.
 */
export async function checkAccounts(providers: readonly ImageProvider[], o: AccountCheckOptions): Promise<void> {
  const failures = await Promise.all(
    providers
      .filter((p) => typeof p.account === 'function')
      .map(async (provider): Promise<StartupError | undefined> => {
        const step = stepSignal(o.signal, o.timeoutMs);
        try {
          logAccount(provider, await provider.account!({ signal: step }), o.warnBelow, o.log);
          return undefined;
        } catch (err) {
          throwIfStopped(step);
          const failure = accountFailure(provider, err, timedOut(step) ? o.timeoutMs : undefined);
          // The service answered but not as expected (a 5xx, an odd shape): its key was not refused, so serve on.
          if (!failure) o.log.warn({ err, provider: provider.id }, `could not read the ${nameOf(provider)} account at start; its key is not checked`);
          return failure;
        }
      }),
  );
  const lines = failures.filter((f): f is StartupError => f !== undefined);
  if (lines.length > 0) throw new StartupError(lines.map((f) => f.message).join('; '));
}
