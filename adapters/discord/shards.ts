/** The discord.js Client options for a shard plan: its internal sharding, several shards in one process. */
import type { ClientOptions } from 'discord.js';
import type { ShardPlan } from '../../src/discord-shards.ts';

export function shardOptions(plan: ShardPlan): Pick<ClientOptions, 'shards' | 'shardCount'> {
  // Both are given: with ids alone discord.js takes their number as the total, which is wrong for any instance but the only one.
  return plan.count === 'auto' ? { shards: 'auto' } : { shards: [...plan.ids], shardCount: plan.count };
}
