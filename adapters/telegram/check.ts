/** `npm run doctor`'s Telegram check: getMe with the token, once, within a short bound. */
import { Api } from 'grammy';
import { telegramFailure } from './startup.ts';

/** Resolves with the bot's @username, or rejects with the one line saying what to fix. */
export async function checkTelegram(o: { token: string; apiRoot: string; timeoutMs: number }): Promise<string> {
  const apiRoot = o.apiRoot.replace(/\/+$/, '');
  // No auto-retry here: one answer, or the reason there was none.
  const api = new Api(o.token, { apiRoot });
  const signal = AbortSignal.timeout(o.timeoutMs);
  try {
    const me = await api.getMe(signal as unknown as Parameters<typeof api.getMe>[0]);
    return `TELEGRAM_BOT_TOKEN accepted: @${me.username}`;
  } catch (err) {
    throw telegramFailure(err, { apiRoot, timeoutMs: signal.aborted ? o.timeoutMs : undefined });
  }
}
