/** `npm run doctor`'s Discord check: who the token is (GET /users/@me) and which application it belongs to. */
import { Routes } from 'discord.js';
import type { APIApplication, APIUser } from 'discord.js';
import { StartupError } from '../../src/startup/errors.ts';
import { DISCORD_API, discordFailure } from './startup.ts';
import { standaloneRest } from './rest.ts';

/** Resolves with what the token is, or rejects with the one line saying what to fix. */
export async function checkDiscord(o: { token: string; applicationId: string; apiUrl?: string; timeoutMs: number }): Promise<string> {
  const { rest, close } = standaloneRest(o);
  const signal = AbortSignal.timeout(o.timeoutMs);
  const apiUrl = o.apiUrl ?? DISCORD_API;
  try {
    const user = (await rest.get(Routes.user(), { signal })) as APIUser;
    const app = (await rest.get(Routes.currentApplication(), { signal })) as APIApplication;
    if (app.id !== o.applicationId) {
      throw new StartupError(`DISCORD_APPLICATION_ID is ${o.applicationId}, but DISCORD_TOKEN belongs to application ${app.id}: copy the Application ID of the same application (General Information)`);
    }
    return `DISCORD_TOKEN accepted: ${user.username}${user.discriminator && user.discriminator !== '0' ? `#${user.discriminator}` : ''}, application ${app.id}`;
  } catch (err) {
    if (err instanceof StartupError) throw err;
    throw discordFailure(err, { apiUrl, phase: 'login', timeoutMs: signal.aborted ? o.timeoutMs : undefined });
  } finally {
    close();
  }
}
