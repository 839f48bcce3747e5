// DISCORD_SHARD_COUNT, DISCORD_SHARD_IDS and DISCORD_REGISTER_COMMANDS (issue 11, part 5).
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { describeShards } from '../../src/discord-shards.ts';

const base = { APIFRAME_API_KEY: 'key-123456', DISCORD_TOKEN: 'abc.def.ghi-token', DISCORD_APPLICATION_ID: '100000000000000001' };
const discord = (env: Record<string, string>) => loadConfig({ ...base, ...env }).discord!;
const problem = (env: Record<string, string>) => {
  try {
    loadConfig({ ...base, ...env });
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    const message = (err as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    expect(message).not.toContain(base.DISCORD_TOKEN);
    return message;
  }
  throw new Error('expected a ConfigError');
};

describe('Discord shards in the configuration', () => {
  it('runs one shard and registers the commands at start when nothing is set (one instance, as before)', () => {
    expect(discord({})).toMatchObject({ shards: { count: 1, ids: [0] }, registerCommands: true });
  });

  it('runs every shard of a count when no ids are given', () => {
    expect(discord({ DISCORD_SHARD_COUNT: '4' }).shards).toEqual({ count: 4, ids: [0, 1, 2, 3] });
  });

  it('reads a list, a range, and both, in any order, each id once', () => {
    expect(discord({ DISCORD_SHARD_COUNT: '2', DISCORD_SHARD_IDS: '1' }).shards).toEqual({ count: 2, ids: [1] });
    expect(discord({ DISCORD_SHARD_COUNT: '4', DISCORD_SHARD_IDS: '0,1' }).shards).toEqual({ count: 4, ids: [0, 1] });
    expect(discord({ DISCORD_SHARD_COUNT: '8', DISCORD_SHARD_IDS: '0-3' }).shards).toEqual({ count: 8, ids: [0, 1, 2, 3] });
    expect(discord({ DISCORD_SHARD_COUNT: '16', DISCORD_SHARD_IDS: ' 12, 0 - 2 ,2,9 ' }).shards).toEqual({ count: 16, ids: [0, 1, 2, 9, 12] });
  });

  it('takes auto: the count Discord recommends, every shard in this instance', () => {
    expect(discord({ DISCORD_SHARD_COUNT: 'auto' }).shards).toEqual({ count: 'auto' });
    expect(discord({ DISCORD_SHARD_COUNT: ' AUTO ' }).shards).toEqual({ count: 'auto' });
  });

  it('refuses a count that is not a whole number of at least one', () => {
    for (const count of ['0', '-1', '1.5', 'two', '2 shards']) {
      expect(problem({ DISCORD_SHARD_COUNT: count })).toMatch(/^Configuration problem: DISCORD_SHARD_COUNT must be a whole number of shards, 1 or more, or auto/);
    }
  });

  it('refuses an id list that does not parse, naming the part', () => {
    expect(problem({ DISCORD_SHARD_COUNT: '4', DISCORD_SHARD_IDS: '0;1' })).toContain('DISCORD_SHARD_IDS must list shard ids such as 0,1 or a range 0-3 (or both: 0-3,8); "0;1" is neither');
    expect(problem({ DISCORD_SHARD_COUNT: '4', DISCORD_SHARD_IDS: '0,,1' })).toContain('"" is neither');
    expect(problem({ DISCORD_SHARD_COUNT: '4', DISCORD_SHARD_IDS: 'one' })).toContain('"one" is neither');
    expect(problem({ DISCORD_SHARD_COUNT: '4', DISCORD_SHARD_IDS: '3-1' })).toContain('DISCORD_SHARD_IDS has the range 3-1, whose end is below its start (write 1-3)');
  });

  it('refuses ids at or past the count, saying which ids exist', () => {
    expect(problem({ DISCORD_SHARD_COUNT: '2', DISCORD_SHARD_IDS: '1,2' })).toContain('DISCORD_SHARD_IDS names shard 2, but DISCORD_SHARD_COUNT is 2: ids run from 0 to 1');
    expect(problem({ DISCORD_SHARD_COUNT: '2', DISCORD_SHARD_IDS: '0-3' })).toContain('names shard 2, 3, but DISCORD_SHARD_COUNT is 2');
  });

  it('needs the count with ids, and a fixed one: instances reading auto each could disagree', () => {
    expect(problem({ DISCORD_SHARD_IDS: '0' })).toContain('DISCORD_SHARD_COUNT is required with DISCORD_SHARD_IDS: the total number of shards, the same in every instance');
    expect(problem({ DISCORD_SHARD_COUNT: 'auto', DISCORD_SHARD_IDS: '0' })).toContain('DISCORD_SHARD_IDS needs a fixed DISCORD_SHARD_COUNT, not auto');
  });

  it('turns registration at start off with DISCORD_REGISTER_COMMANDS=false, and explains a wrong value', () => {
    expect(discord({ DISCORD_REGISTER_COMMANDS: 'false' }).registerCommands).toBe(false);
    expect(discord({ DISCORD_REGISTER_COMMANDS: 'true' }).registerCommands).toBe(true);
    expect(problem({ DISCORD_REGISTER_COMMANDS: 'sometimes' })).toContain('DISCORD_REGISTER_COMMANDS must be true or false');
  });

  it('describes the shards for the log line', () => {
    expect(describeShards(discord({ DISCORD_SHARD_COUNT: '4', DISCORD_SHARD_IDS: '2-3' }).shards)).toBe('2, 3 of 4');
    expect(describeShards({ count: 'auto' })).toBe('auto');
  });
});
