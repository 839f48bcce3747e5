import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { parseInput, type CommandSpec } from '../../src/core/command.ts';

/** What each command hands dispatch for the banned-word check: every text the user typed for an image service. */
function typed(group: string | undefined, name: string, raw: Record<string, unknown>): ReadonlyArray<string | undefined> {
  const spec = commands.find((c) => c.group === group && c.name === name) as CommandSpec | undefined;
  if (!spec?.prompts) throw new Error(`${group ?? ''} ${name} checks no prompt`);
  return spec.prompts(parseInput(spec, raw as never));
}

describe('the prompts each command checks for banned words', () => {
  it('checks every prompt a user types: imagine, generate and its negative, shorten, photos generate, a remix, the settings suffix', () => {
    expect(typed(undefined, 'imagine', { prompt: 'a fox --ar 16:9' })).toEqual(['a fox']);
    expect(typed(undefined, 'generate', { prompt: 'a fox', negative: 'blur', model: 'flux-2' })).toEqual(['a fox', 'blur']);
    expect(typed(undefined, 'shorten', { prompt: 'a long fox' })).toEqual(['a long fox']);
    expect(typed('photos', 'generate', { prompt: 'me at sea' })).toEqual(['me at sea']);
    expect(typed(undefined, 'action', { id: 'act:abcdefgh', prompt: 'a remixed fox' })).toEqual(['a remixed fox']);
    expect(typed(undefined, 'settings-set', { control: 'set:7:suffix', value: '--stylize 250 nude' })).toEqual(['--stylize 250 nude']);
    expect(typed(undefined, 'settings-set', { control: 'set:7:speed=turbo' })).toEqual([]);
  });
});
