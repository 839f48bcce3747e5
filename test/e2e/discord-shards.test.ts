// Discord shards (issue 11, part 5), through the real discord.js client against the fake Discord,
// which routes each server's events to shard (guild_id >> 22) % count only, as Discord does: two
// instances split the shards, one instance runs several, and only one registers the commands.
import { afterEach, describe, expect, it } from 'vitest';
import { createStore, type Store } from '../../src/store/index.ts';
import { offeredCommands, type CommandSpec } from '../../src/core/command.ts';
import { redactPort } from '../../src/core/redact.ts';
import type { PlatformAdapter } from '../../src/core/chat.ts';
import type { ShardPlan } from '../../src/discord-shards.ts';
import { commands } from '../../commands/index.ts';
import { createDiscordAdapter } from '../../adapters/discord/index.ts';
import { FakeDiscord, shardOf, type DcGuild } from '../fakes/discord.ts';
import { testProvider } from '../support/provider.ts';
import { memoryLogger } from '../support/silent-log.ts';
import { testServices, type TestServices } from '../support/services.ts';
import { eventually, startHarness, type Harness } from './harness.ts';

/** A server id on `shard` of 2: Discord picks the shard from the id's timestamp bits. */
const serverOn = (shard: number) => ((BigInt(1_000_000 + shard) << 22n) | 1n).toString();
const G0 = serverOn(0);
const G1 = serverOn(1);
const guilds: DcGuild[] = [
  { id: G0, name: 'On shard 0', channels: [{ id: '300000000000000010', name: 'general' }] },
  { id: G1, name: 'On shard 1', channels: [{ id: '300000000000000011', name: 'general' }] },
];

interface Instance {
  name: string;
  adapter: PlatformAdapter;
  services: TestServices;
  store: Store;
  lines: string[];
}

let fake: FakeDiscord | undefined;
let harness: Harness | undefined;
const instances: Instance[] = [];
/** Which instance ran each /help, in order. */
const handledBy: string[] = [];

afterEach(async () => {
  for (const i of instances.splice(0)) {
    await i.adapter.stop(1_000);
    i.services.cleanup();
    i.store.close();
  }
  await harness?.close();
  harness = undefined;
  await fake?.close();
  fake = undefined;
  handledBy.length = 0;
});

/** The bot's commands, with /help noting which instance ran it. */
function commandsOf(name: string, services: TestServices): CommandSpec[] {
  return offeredCommands(commands, services.providers).map((c) =>
    c.name === 'help' && !c.group
      ? {
          ...c,
          run: (ctx, input) => {
            handledBy.push(name);
            return c.run(ctx, input);
          },
        }
      : c,
  );
}

function instance(name: string, o: { shards: ShardPlan; registerCommands: boolean }): Instance {
  const store = createStore(':memory:');
  const services = testServices(store, testProvider({ submit: () => Promise.reject(new Error('no jobs in these tests')) }));
  const { log, lines } = memoryLogger([], 'info');
  const adapter = createDiscordAdapter({
    token: fake!.token,
    applicationId: fake!.applicationId,
    apiUrl: fake!.apiBase,
    services,
    commands: commandsOf(name, services),
    log,
    ...o,
  });
  services.tasks.attach(redactPort(adapter.port, services.scrub));
  const made = { name, adapter, services, store, lines };
  instances.push(made);
  return made;
}

const commandPuts = () => fake!.restCalls.filter((c) => c.method === 'PUT' && c.path === `/applications/${fake!.applicationId}/commands`);
const readyLine = (i: Instance) => JSON.parse(i.lines.find((l) => l.includes('"discord ready"'))!) as Record<string, unknown>;

async function help(guildId: string): Promise<void> {
  const i = await fake!.slashCommand({ name: 'help', guildId });
  const answer = await fake!.waitForCallback(i);
  expect(answer.type).toBe(4);
}

describe('Discord shards', () => {
  it('the fake puts the test servers on different shards', () => {
    expect([shardOf(G0, 2), shardOf(G1, 2)]).toEqual([0, 1]);
  });

  it('two instances running shards 0 and 1 of 2 both connect; each server reaches only the instance running its shard; only one registers', async () => {
    fake = await FakeDiscord.start({ heartbeatIntervalMs: 200, guilds });
    const a = instance('A', { shards: { count: 2, ids: [0] }, registerCommands: true });
    const b = instance('B', { shards: { count: 2, ids: [1] }, registerCommands: false });
    await Promise.all([a.adapter.start(), b.adapter.start()]);

    expect(fake.liveShards.sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(a.adapter.status()).toEqual({ ready: true });
    expect(b.adapter.status()).toEqual({ ready: true });

    await help(G1);
    expect(handledBy).toEqual(['B']);
    await help(G0);
    expect(handledBy).toEqual(['B', 'A']);
    // A DM comes on shard 0, as Discord sends DMs.
    const dm = await fake.slashCommand({ name: 'help', guildId: null });
    await fake.waitForCallback(dm);
    expect(handledBy).toEqual(['B', 'A', 'A']);

    // The commands were put once, by A; B asked nothing about commands at all.
    expect(commandPuts()).toHaveLength(1);
    expect(fake.restCalls.filter((c) => c.path.includes('/commands') && c.method !== 'POST')).toHaveLength(
      // A's PUT, and its look for stale copies in the one server on its shard.
      1 + fake.restCalls.filter((c) => c.method === 'GET' && c.path === `/applications/${fake!.applicationId}/guilds/${G0}/commands`).length,
    );
    expect(readyLine(a)).toMatchObject({ shards: [0], shardCount: 2, commands: expect.arrayContaining(['help']), registeredIn: 'global' });
    expect(readyLine(b)).toMatchObject({ shards: [1], shardCount: 2, commands: expect.stringMatching(/not registered here \(DISCORD_REGISTER_COMMANDS=false\)/) });
  });

  it('one instance runs several shards (auto: the count GET /gateway/bot recommends), and is not ready while any of them is down', async () => {
    // Two identifies at once, as Discord allows bigger bots: discord.js would otherwise wait 5 s between them.
    fake = await FakeDiscord.start({ heartbeatIntervalMs: 200, guilds, recommendedShards: 2, maxConcurrency: 2 });
    const only = instance('only', { shards: { count: 'auto' }, registerCommands: true });
    await only.adapter.start();
    expect(fake.liveShards.sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(readyLine(only)).toMatchObject({ shards: [0, 1], shardCount: 2 });
    await help(G0);
    await help(G1);
    expect(handledBy).toEqual(['only', 'only']);

    fake.shardDown(1);
    await eventually(() => !only.adapter.status().ready, 10_000, 'not ready while shard 1 is down');
    expect(only.adapter.status()).toEqual({ ready: false, detail: 'shard 1 of 2: gateway connection lost; reconnecting' });
    // The other shard's servers are still served meanwhile.
    await help(G0);
    expect(handledBy).toEqual(['only', 'only', 'only']);

    fake.shardUp(1);
    await eventually(() => only.adapter.status().ready, 10_000, 'ready once shard 1 resumed');
    await help(G1);
    expect(handledBy).toHaveLength(4);
  });

  it('through the configuration: DISCORD_SHARD_COUNT and DISCORD_SHARD_IDS pick the shard, DISCORD_REGISTER_COMMANDS=false registers nothing', async () => {
    harness = await startHarness({
      discord: { guilds },
      env: { DISCORD_SHARD_COUNT: '2', DISCORD_SHARD_IDS: '1', DISCORD_REGISTER_COMMANDS: 'false' },
    });
    const d = harness.discord!;
    expect(d.liveShards).toEqual([[1, 2]]);
    expect(d.restCalls.filter((c) => c.path.includes('/commands'))).toEqual([]);
    const i = await d.slashCommand({ name: 'help', guildId: G1 });
    expect((await d.waitForCallback(i)).type).toBe(4);
    const ready = harness.logs.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'discord ready');
    expect(ready).toMatchObject({ shards: [1], shardCount: 2 });
  });
});
