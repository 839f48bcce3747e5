/**
 * What keeps a test's bot away from the operator's own setup (issue 10, part 9): it reads no `.env`
 * and talks to loopback only, so a filled `.env` or a real token cannot reach a real service.
 */

/** Each service the bot can talk to: the variable that turns it on and the one that says where it is. */
const SERVICES: ReadonlyArray<[key: string, url: string]> = [
  ['APIFRAME_API_KEY', 'APIFRAME_BASE_URL'],
  ['AIPHOTOGENERATOR_API_TOKEN', 'AIPHOTOGENERATOR_BASE_URL'],
  ['TELEGRAM_BOT_TOKEN', 'TELEGRAM_API_ROOT'],
  ['DISCORD_TOKEN', 'DISCORD_API_URL'],
];

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** Throws when the environment would send the bot to a service off this machine (its default address included). */
export function assertLoopbackOnly(env: Record<string, string | undefined>): void {
  const wrong: string[] = [];
  for (const [key, url] of SERVICES) {
    if (!env[key]) continue;
    const at = env[url];
    if (!at) wrong.push(`${key} is set without ${url}, so the bot would use the real service`);
    else if (!isLoopbackHost(new URL(at).hostname)) wrong.push(`${url}=${at} is not on this machine`);
  }
  if (env.PUBLIC_URL && !isLoopbackHost(new URL(env.PUBLIC_URL).hostname)) wrong.push(`PUBLIC_URL=${env.PUBLIC_URL} is not on this machine`);
  if (wrong.length > 0) throw new Error(`a test's bot may talk to 127.0.0.1 only: ${wrong.join('; ')}`);
}
