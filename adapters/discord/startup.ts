/**
 * Connecting to Discord at start, with one honest line when it fails: a network failure names the
 * address and DISCORD_API_URL; only Discord's own refusal (401, an invalid-token close) blames the token.
 */
import { DiscordAPIError, HTTPError } from 'discord.js';
import { StartupError } from '../../src/startup/errors.ts';
import { inSeconds, networkCode, unreachableLine } from '../../src/startup/network.ts';
import { safe } from './errors.ts';

/** Discord's REST base when DISCORD_API_URL is unset, for the lines that name where we tried. */
export const DISCORD_API = 'https://discord.com/api';

/** Where start-up was when it failed: logging in (REST), waiting for the gateway, or registering commands. */
export type DiscordStartPhase = 'login' | 'gateway' | 'commands';

export interface DiscordFailureContext {
  apiUrl: string;
  phase: DiscordStartPhase;
  /** Set when the bound ran out. */
  timeoutMs?: number;
  guildId?: string;
}

/** Discord refused the token: a 401 answer, or discord.js's TokenInvalid (a 401 at login, or gateway close 4004). */
export function isTokenRefused(err: unknown): boolean {
  if ((err as { code?: unknown } | undefined)?.code === 'TokenInvalid') return true;
  return (err instanceof DiscordAPIError || err instanceof HTTPError) && err.status === 401;
}

export function discordFailure(err: unknown, ctx: DiscordFailureContext): StartupError {
  if (isTokenRefused(err)) {
    return new StartupError('Discord refused DISCORD_TOKEN (401: invalid token): reset the token under Bot in the Developer Portal and copy it again');
  }
  const reason = safe(ctx.phase === 'commands' ? 'command registration' : 'login', err).message;
  // Close code 4014: a privileged intent the application is not approved for (ours: Message Content).
  if (/disallowed intents/i.test(reason)) {
    return new StartupError(
      'Discord refused the Message Content intent: switch on "Message Content Intent" under Bot in the Developer Portal, or unset DISCORD_MESSAGE_CONTENT.',
    );
  }
  const code = networkCode(err);
  if (ctx.phase === 'gateway' && ctx.timeoutMs !== undefined && !code) {
    return new StartupError(
      `Discord's gateway did not report ready within ${inSeconds(ctx.timeoutMs)}: check that this machine may open WebSocket (wss) connections to Discord (proxy, firewall) (STARTUP_TIMEOUT_MS sets how long start-up waits)`,
    );
  }
  if (code || ctx.timeoutMs !== undefined) {
    return new StartupError(unreachableLine({ service: 'Discord', url: ctx.apiUrl, code, timeoutMs: ctx.timeoutMs, check: 'DISCORD_API_URL (unset for Discord itself)' }));
  }
  if (ctx.phase === 'commands') {
    return new StartupError(`Registering the Discord slash commands failed (check DISCORD_APPLICATION_ID${ctx.guildId ? ' and DISCORD_GUILD_ID' : ''}): ${reason}`);
  }
  return new StartupError(`Discord login failed: ${reason}`);
}
