import type { Config } from '../config.ts';
import type { Logger } from '../logger.ts';
import { configuredProviders } from '../providers/configured.ts';
import type { ImageProvider } from '../providers/types.ts';
import { accountFailure } from '../startup/accounts.ts';
import { StartupError } from '../startup/errors.ts';
import { checkDiscord } from '../../adapters/discord/check.ts';
import { checkTelegram, checkTelegramWebhook } from '../../adapters/telegram/check.ts';
import { fail, pass, type CheckResult } from './checklist.ts';

/** A provider's key: its account when it has one (credits shown), else a harmless authenticated request. */
async function checkProvider(provider: ImageProvider, o: { timeoutMs: number; warnBelow: number }): Promise<CheckResult> {
  const name = provider.name ?? provider.id;
  const signal = AbortSignal.timeout(o.timeoutMs);
  try {
    if (provider.account) {
      const account = await provider.account({ signal });
      if (account.credits === undefined) return pass(name, `${provider.keyVariable} accepted`);
      const low = account.credits < o.warnBelow ? ` — below PROVIDER_CREDITS_WARN=${o.warnBelow}: top up soon` : '';
      return pass(name, `${provider.keyVariable} accepted, ${account.credits} credits left${account.detail ? ` (${account.detail})` : ''}${low}`);
    }
    if (provider.checkKey) return pass(name, `${provider.keyVariable} ${(await provider.checkKey({ signal })).replace(/^token /, '')}`);
    return pass(name, `configured (it offers no way to check ${provider.keyVariable} without running a job)`);
  } catch (err) {
    const line = accountFailure(provider, err, signal.aborted ? o.timeoutMs : undefined);
    return fail(name, line?.message ?? `${name} answered, but not as expected (${(err as Error).message}): try again later, or check ${provider.location?.variable ?? 'its base URL'}`);
  }
}

/** Runs a platform check, turning its one-line failure into a ✗. */
async function platform(name: string, check: () => Promise<string>): Promise<CheckResult> {
  try {
    return pass(name, await check());
  } catch (err) {
    return fail(name, err instanceof StartupError ? err.message : `${name} could not be checked: ${(err as Error).message}`);
  }
}

/** Every configured image service and chat platform, reached once each within `timeoutMs`, together. */
export async function checkServices(config: Config, o: { timeoutMs: number; log: Logger }): Promise<CheckResult[]> {
  const providers = configuredProviders({ apiframe: config.apiframe, aiphotogenerator: config.aiphotogenerator }, o.log);
  try {
    const checks: Array<Promise<CheckResult>> = providers.all().map((p) => checkProvider(p, { timeoutMs: o.timeoutMs, warnBelow: config.creditsWarnBelow }));
    const { telegram, discord } = config;
    if (telegram) checks.push(platform('Telegram', () => checkTelegram({ ...telegram, timeoutMs: o.timeoutMs })));
    const hook = telegram?.webhook;
    if (telegram && hook) checks.push(platform('TELEGRAM_WEBHOOK_URL', () => checkTelegramWebhook({ ...telegram, url: hook.url, timeoutMs: o.timeoutMs })));
    if (discord) checks.push(platform('Discord', () => checkDiscord({ ...discord, timeoutMs: o.timeoutMs })));
    return await Promise.all(checks);
  } finally {
    await providers.close();
  }
}
