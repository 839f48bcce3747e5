/**
 * Errors from Discord calls, made safe to log. discord.js errors carry the request URL, and
 * interaction routes embed the interaction token (`/interactions/<id>/<token>/callback`,
 * `/webhooks/<app>/<token>/…`), so they are never passed on as they are.
 */
import { DiscordAPIError, HTTPError } from 'discord.js';

/** Discord says the interaction token or its message is gone: fall back to the bot's own routes. */
export const TOKEN_GONE_CODES: ReadonlySet<number> = new Set([
  10008, // Unknown Message
  10015, // Unknown Webhook
  10062, // Unknown interaction
  50027, // Invalid Webhook Token
]);

/** The numeric Discord error code of a failed REST call, if it has one. */
export function discordCode(err: unknown): number | undefined {
  if (err instanceof DiscordAPIError || err instanceof DiscordCallError) return typeof err.code === 'number' ? err.code : undefined;
  return undefined;
}

export function isTokenGone(err: unknown): boolean {
  const code = discordCode(err);
  return code !== undefined && TOKEN_GONE_CODES.has(code);
}

/** Discord says the bot may not do that here (Missing Access, Missing Permissions, or a bare 403). */
export function isForbidden(err: unknown): boolean {
  const code = discordCode(err);
  const status = err instanceof DiscordAPIError || err instanceof DiscordCallError ? err.status : undefined;
  return code === 50001 || code === 50013 || status === 403;
}

/** A failed Discord call described without its URL or request body. */
export class DiscordCallError extends Error {
  override name = 'DiscordCallError';
  readonly code?: number | string;
  readonly status?: number;

  constructor(operation: string, cause: unknown) {
    const { code, status, message } = describe(cause);
    super(`Discord ${operation} failed: ${message}${code !== undefined ? ` (code ${code})` : ''}`);
    this.code = code;
    this.status = status;
  }
}

function describe(err: unknown): { code?: number | string; status?: number; message: string } {
  if (err instanceof DiscordAPIError) return { code: err.code, status: err.status, message: err.message };
  if (err instanceof HTTPError) return { status: err.status, message: err.message };
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    return { code: typeof code === 'string' || typeof code === 'number' ? code : undefined, message: err.message.replace(/\/(interactions|webhooks)\/\S+/g, '/$1/[redacted]') };
  }
  return { message: String(err) };
}

/** Rethrows any error as a DiscordCallError (already safe ones pass through). */
export function safe(operation: string, err: unknown): Error {
  return err instanceof DiscordCallError ? err : new DiscordCallError(operation, err);
}
