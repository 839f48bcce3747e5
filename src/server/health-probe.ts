import { z } from 'zod';

/** Where the bot's own server listens, read as config.ts reads it (HOST, PORT; empty means unset). */
const listenEnv = z.object({
  HOST: z.string().trim().default('0.0.0.0'),
  PORT: z.coerce.number({ message: 'must be a whole number' }).int().min(1, { message: 'must be a fixed port (not 0) for a health check' }).max(65535).default(8080),
});

/** The /healthz address to ask from inside the same machine or container. */
export function healthUrl(env: NodeJS.ProcessEnv): string {
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const parsed = listenEnv.safeParse(given);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${String(issue.path[0])} ${issue.message}`);
  }
  const { HOST, PORT } = parsed.data;
  // A server on every interface answers on loopback; a specific address is asked directly.
  const host = HOST === '0.0.0.0' ? '127.0.0.1' : HOST === '::' ? '[::1]' : HOST.includes(':') ? `[${HOST}]` : HOST;
  return `http://${host}:${PORT}/healthz`;
}

/** Asks /healthz once, within a bound: healthy only on a 2xx answer. Never throws. */
export async function probeHealth(url: string, timeoutMs: number): Promise<{ healthy: boolean; line: string }> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    await res.body?.cancel();
    return { healthy: res.ok, line: `${url} answered ${res.status}` };
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name;
    return { healthy: false, line: `${url} did not answer (${cause})` };
  }
}
