/**
 * Which Discord gateway shards this instance runs (DISCORD_SHARD_COUNT, DISCORD_SHARD_IDS). Discord
 * sends a server's events to shard `(guild_id >> 22) % count` only, so every instance must agree
 * on the count and together run each id once.
 */
import { z } from 'zod';

/**
 * A fixed count, and the ids of it this instance runs; or `auto`: the count Discord recommends
 * (GET /gateway/bot), every shard in this one process.
 */
export type ShardPlan = { count: number; ids: readonly number[] } | { count: 'auto' };

/** One process, one shard: what a bot in fewer than 2,500 servers needs, and the default. */
export const ONE_SHARD: ShardPlan = { count: 1, ids: [0] };

/** Far above what any bot needs (Discord asks for one shard per 1,000 servers at most). */
const MAX_SHARDS = 100_000;

export const shardCountEnv = z
  .string()
  .trim()
  .transform((text, ctx): number | 'auto' => {
    if (text.toLowerCase() === 'auto') return 'auto';
    const n = Number(text);
    if (!/^\d+$/.test(text) || n < 1 || n > MAX_SHARDS) {
      ctx.addIssue({ code: 'custom', message: 'must be a whole number of shards, 1 or more, or auto (the number Discord recommends, all in this instance)' });
      return z.NEVER;
    }
    return n;
  });

const SHARD_LIST_EXAMPLE = 'such as 0,1 or a range 0-3 (or both: 0-3,8)';

/** `0,1`, `0-3`, `0-3, 8`: the ids, ascending, each once. */
export const shardIdsEnv = z
  .string()
  .trim()
  .transform((text, ctx): number[] => {
    const ids = new Set<number>();
    for (const part of text.split(',').map((p) => p.trim())) {
      const m = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(part);
      if (!m) {
        ctx.addIssue({ code: 'custom', message: `must list shard ids ${SHARD_LIST_EXAMPLE}; "${part}" is neither` });
        return z.NEVER;
      }
      const from = Number(m[1]);
      const to = m[2] === undefined ? from : Number(m[2]);
      if (to < from) {
        ctx.addIssue({ code: 'custom', message: `has the range ${part}, whose end is below its start (write ${to}-${from})` });
        return z.NEVER;
      }
      if (to >= MAX_SHARDS) {
        ctx.addIssue({ code: 'custom', message: `names shard ${to}, more than any bot runs` });
        return z.NEVER;
      }
      for (let id = from; id <= to; id++) ids.add(id);
    }
    return [...ids].sort((a, b) => a - b);
  });

/** The plan from both variables, or the one-line problem naming the variable to fix. */
export function shardPlan(count: number | 'auto' | undefined, ids: readonly number[] | undefined): { plan: ShardPlan } | { problem: { name: string; message: string } } {
  if (count === undefined) {
    if (ids === undefined) return { plan: ONE_SHARD };
    return { problem: { name: 'DISCORD_SHARD_COUNT', message: 'is required with DISCORD_SHARD_IDS: the total number of shards, the same in every instance' } };
  }
  if (count === 'auto') {
    if (ids === undefined) return { plan: { count: 'auto' } };
    // Each instance would read Discord's recommendation on its own, and a change between two starts
    // would leave servers on no shard or on two.
    return {
      problem: { name: 'DISCORD_SHARD_IDS', message: 'needs a fixed DISCORD_SHARD_COUNT, not auto: every instance must agree on the count' },
    };
  }
  const chosen = ids ?? Array.from({ length: count }, (_, i) => i);
  const outside = chosen.filter((id) => id >= count);
  if (outside.length > 0) {
    return {
      problem: {
        name: 'DISCORD_SHARD_IDS',
        message: `names shard ${outside.join(', ')}, but DISCORD_SHARD_COUNT is ${count}: ids run from 0 to ${count - 1}`,
      },
    };
  }
  return { plan: { count, ids: chosen } };
}

/** For log lines: `0, 1 of 4`, or `auto`. */
export function describeShards(plan: ShardPlan): string {
  return plan.count === 'auto' ? 'auto' : `${plan.ids.join(', ')} of ${plan.count}`;
}
