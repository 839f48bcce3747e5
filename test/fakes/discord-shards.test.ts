// Self-test of the fake Discord's sharding, driven by the real discord.js Client: IDENTIFY's
// `shard`, READY and GUILD_CREATE per shard, events routed by (guild_id >> 22) % count, 4010 for a
// shard id the count does not have, GET /gateway/bot's `shards`, and GET /users/@me/guilds.
import { afterEach, describe, expect, it } from 'vitest';
import { Client, Events, GatewayIntentBits, Routes, type Interaction } from 'discord.js';
import { FakeDiscord, shardOf, type DcGuild } from './discord.ts';

const serverOn = (shard: number, count: number, n = 0) => ((BigInt(count * (250_000 + n) + shard) << 22n) | 1n).toString();
const guilds: DcGuild[] = [0, 1, 2].map((shard) => ({ id: serverOn(shard, 3), name: `s${shard}`, channels: [{ id: `30000000000000000${shard}`, name: 'general' }] }));

let fake: FakeDiscord | undefined;
const clients: Client[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) await c.destroy();
  await fake?.close();
  fake = undefined;
});

async function login(o: { shards: number[] | 'auto'; shardCount?: number }): Promise<Client<true>> {
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake!.apiBase }, shards: o.shards, ...(o.shardCount ? { shardCount: o.shardCount } : {}) });
  clients.push(client);
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(fake!.token);
  await ready;
  return client as Client<true>;
}

describe('the fake Discord, sharded', () => {
  it('gives each shard the servers on it only, and routes a server’s interactions to its shard', async () => {
    // Shards 0 and 2 identify at once (discord.js waits 5 s between two of one concurrency bucket).
    fake = await FakeDiscord.start({ heartbeatIntervalMs: 200, guilds, maxConcurrency: 3 });
    expect(guilds.map((g) => shardOf(g.id, 3))).toEqual([0, 1, 2]);
    const first = await login({ shards: [0, 2], shardCount: 3 });
    const second = await login({ shards: [1], shardCount: 3 });
    expect([...first.guilds.cache.keys()].sort()).toEqual([guilds[0]!.id, guilds[2]!.id].sort());
    expect([...second.guilds.cache.keys()]).toEqual([guilds[1]!.id]);
    expect(fake.liveShards.sort()).toEqual([
      [0, 3],
      [1, 3],
      [2, 3],
    ]);

    const seen: string[] = [];
    const note = (who: string) => (i: Interaction) => seen.push(`${who}:${i.guildId}`);
    first.on(Events.InteractionCreate, note('first'));
    second.on(Events.InteractionCreate, note('second'));
    for (const g of guilds) await fake.slashCommand({ name: 'ping', guildId: g.id });
    await fake.slashCommand({ name: 'ping', guildId: null });
    await expect.poll(() => seen.length).toBe(4);
    // Two clients: the order between them is theirs.
    expect(seen.sort()).toEqual([`first:${guilds[0]!.id}`, `first:${guilds[2]!.id}`, 'first:null', `second:${guilds[1]!.id}`].sort());
  });

  it('says how many shards it recommends, and which servers the bot is in', async () => {
    fake = await FakeDiscord.start({ heartbeatIntervalMs: 200, guilds, recommendedShards: 3, maxConcurrency: 3 });
    const client = await login({ shards: 'auto' });
    expect(client.options.shardCount).toBe(3);
    expect(fake.liveShards.sort()).toEqual([
      [0, 3],
      [1, 3],
      [2, 3],
    ]);
    const page = (await client.rest.get(Routes.userGuilds(), { query: new URLSearchParams({ limit: '2', after: guilds[0]!.id }) })) as Array<{ id: string }>;
    expect(page.map((g) => g.id)).toEqual([guilds[1]!.id, guilds[2]!.id]);
  });

  it('closes with 4010 (Invalid shard) a shard id the count does not have', async () => {
    fake = await FakeDiscord.start({ heartbeatIntervalMs: 200, guilds });
    const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: fake.apiBase }, shards: [2], shardCount: 2 });
    clients.push(client);
    const closed = new Promise<number>((resolve) => client.once(Events.ShardDisconnect, (event) => resolve(event.code)));
    void client.login(fake.token).catch(() => undefined);
    expect(await closed).toBe(4010);
  });
});
