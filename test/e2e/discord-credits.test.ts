// Grouped commands reach Discord as subcommands (/credits balance, /credits limit …), and "is this
// user an admin here" is answered from the permissions Discord puts on the interaction.
import { afterEach, describe, expect, it } from 'vitest';
import * as registry from '../../commands/index.ts';
import type { PlatformAdapter } from '../../src/core/chat.ts';
import type { CommandSpec } from '../../src/core/command.ts';
import { createLogger } from '../../src/logger.ts';
import { createDiscordAdapter } from '../../adapters/discord/index.ts';
import { startHarness, type Harness } from './harness.ts';

const EPHEMERAL = 64;
const MANAGE_GUILD = String(1 << 5);

/** The registry plus commands not wired in yet (credits waits in `pendingCommands` for now). */
const pending = (registry as unknown as { pendingCommands?: readonly CommandSpec[] }).pendingCommands ?? [];
const allCommands = [...registry.commands, ...pending.filter((c) => !registry.commands.includes(c))];

let h: Harness | undefined;
let adapter: PlatformAdapter | undefined;
afterEach(async () => {
  await adapter?.stop();
  adapter = undefined;
  await h?.close();
  h = undefined;
});

/** The app's services behind a Discord adapter that serves `allCommands` (the app's own one is stopped). */
async function start(): Promise<Harness> {
  h = await startHarness({ discord: true, env: { FREE_CREDITS: '25' } });
  const d = h.discord!;
  await h.app.adapters.find((a) => a.platform === 'discord')!.stop();
  adapter = createDiscordAdapter({
    token: d.token,
    applicationId: d.applicationId,
    apiUrl: d.apiBase,
    services: h.app.services,
    commands: allCommands,
    log: createLogger({ level: 'silent', secrets: [] }),
  });
  await adapter.start();
  return h;
}

describe('Discord subcommands', () => {
  it('registers /credits with its subcommands and routes /credits balance', async () => {
    const d = (await start()).discord!;
    const credits = d.globalCommands.find((c) => c.name === 'credits');
    expect(credits.options.map((o: { type: number; name: string }) => [o.type, o.name])).toEqual(
      expect.arrayContaining([
        [1, 'balance'],
        [1, 'history'],
        [1, 'limit'],
      ]),
    );

    const i = await d.slashCommand({ name: 'credits', options: [{ name: 'balance', type: 1, options: [] }] });
    expect((await d.waitForCallback(i)).type).toBe(4);
    expect(i.original!.content).toMatch(/This server's wallet: 25 credits/);
  });

  it('lets only members who manage the server set a daily limit', async () => {
    const d = (await start()).discord!;
    const limit = (memberPermissions: string) =>
      d.slashCommand({ name: 'credits', memberPermissions, options: [{ name: 'limit', type: 1, options: [{ name: 'cap', value: '5' }] }] });

    const refused = await limit('0');
    const callback = await d.waitForCallback(refused);
    expect(callback.data.flags & EPHEMERAL).toBe(EPHEMERAL);
    expect(refused.original!.content).toBe('Only admins of this group can set the daily limit.');

    const allowed = await limit(MANAGE_GUILD);
    await d.waitForCallback(allowed);
    expect(allowed.original!.content).toBe('✅ Each member may now spend up to 5 credits per day here.');
  });
});
