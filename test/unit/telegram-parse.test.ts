import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { CommandSpec } from '../../src/core/command.ts';
import { commandHead, parseArgs, resolveCommand } from '../../adapters/telegram/parse.ts';
import { telegramUsage } from '../../adapters/telegram/usage.ts';
import { menuCommands } from '../../adapters/telegram/menus.ts';
import { clip } from '../../adapters/telegram/limits.ts';
import { inlineKeyboard } from '../../adapters/telegram/port.ts';
import { commands } from '../../commands/index.ts';
import { imagine } from '../../commands/imagine.ts';
import { help } from '../../commands/help.ts';
import { creditsHistory } from '../../commands/credits.ts';
import { creditsGrant } from '../../commands/credits-admin.ts';
import { generate } from '../../commands/generate.ts';
import { settingsPanel } from '../../commands/settings.ts';
import { panelKeyboard } from '../../adapters/telegram/panels.ts';
import { offeredCommands, parseInput } from '../../src/core/command.ts';
import { ProviderRegistry } from '../../src/providers/registry.ts';
import { modelName, type ImageModel } from '../../src/providers/image-models.ts';
import { fakeGenerator } from '../support/generate-provider.ts';

const cmd = (text: string) => commandHead(text, [{ type: 'bot_command', offset: 0, length: /^\S+/.exec(text)![0].length }]);

/** A made-up command with every kind of option, to show the parser follows the declaration. */
const sample: CommandSpec = {
  name: 'grant',
  description: 'Give credits',
  options: [
    { type: 'string', name: 'note', description: 'why', rest: true },
    { type: 'integer', name: 'amount', description: 'how many', flag: 'n', required: true, min: 1 },
    { type: 'string', name: 'wallet', description: 'which wallet' },
    { type: 'attachment', name: 'file', description: 'a file' },
  ],
  input: z.object({}),
  slow: false,
  async run() {},
};

describe('commandHead', () => {
  it('reads the command, the bot it names and the rest', () => {
    expect(cmd('/imagine a red fox')).toEqual({ name: 'imagine', args: 'a red fox' });
    expect(cmd('/imagine@framebot_test_bot   a red fox')).toEqual({ name: 'imagine', target: 'framebot_test_bot', args: 'a red fox' });
    expect(cmd('/Help')).toEqual({ name: 'help', args: '' });
  });

  it('needs a bot_command entity at the start', () => {
    expect(commandHead('/imagine a fox', undefined)).toBeUndefined();
    expect(commandHead('hello /imagine a fox', [{ type: 'bot_command', offset: 6, length: 8 }])).toBeUndefined();
    expect(commandHead(undefined, undefined)).toBeUndefined();
  });
});

describe('parseArgs for /imagine', () => {
  const parse = (args: string) => parseArgs(imagine, args);

  it('splits the prompt from --ar', () => {
    expect(parse('a red fox --ar 16:9')).toEqual({ prompt: 'a red fox', aspect_ratio: '16:9' });
    expect(parse('--ar=9:16 a red fox')).toEqual({ prompt: 'a red fox', aspect_ratio: '9:16' });
    expect(parse('a red --ar 3:2 fox')).toEqual({ prompt: 'a red fox', aspect_ratio: '3:2' });
  });

  it('keeps other Midjourney flags in the prompt', () => {
    expect(parse('a fox --stylize 250 --ar 16:9 --no text --v 6')).toEqual({
      prompt: 'a fox --stylize 250 --no text --v 6',
      aspect_ratio: '16:9',
    });
    // --art is not --ar
    expect(parse('a fox --art deco')).toEqual({ prompt: 'a fox --art deco' });
  });

  it('accepts an em dash (phones replace --) and any case', () => {
    expect(parse('a fox \u2014ar 4:3')).toEqual({ prompt: 'a fox', aspect_ratio: '4:3' });
    expect(parse('a fox --AR 4:3')).toEqual({ prompt: 'a fox', aspect_ratio: '4:3' });
  });

  it('passes odd values on for the schema to explain', () => {
    expect(parse('a fox --ar 7:3')).toEqual({ prompt: 'a fox', aspect_ratio: '7:3' });
    expect(parse('a fox --ar')).toEqual({ prompt: 'a fox', aspect_ratio: '' });
    expect(parse('a fox --ar --v 6')).toEqual({ prompt: 'a fox --v 6', aspect_ratio: '' });
    expect(() => parseInput(imagine, parse('a fox --ar 7:3'))).toThrow(/one of 1:1, 16:9/);
  });

  it('a flag given twice is refused: which one was meant cannot be known', () => {
    expect(() => parse('a fox --ar 1:1 --ar 2:3')).toThrow(expect.objectContaining({ code: 'repeated_flag', message: '--ar is given twice (1:1 and 2:3): give it once.' }));
    expect(() => parse('a fox —ar 1:1 --AR=1:1 --ar')).toThrow('--ar is given 3 times (1:1 and 1:1 and nothing): give it once.');
    expect(() => parseArgs(sample, 'thanks --n 5 --n 6')).toThrow('--n is given twice (5 and 6): give it once.');
  });

  it('leaves the prompt out when there is none', () => {
    expect(parse('')).toEqual({});
    expect(parse('   --ar 16:9  ')).toEqual({ aspect_ratio: '16:9' });
  });

  it('keeps line breaks but tidies the spaces left by a flag', () => {
    expect(parse('a fox\n--ar 16:9 in snow')).toEqual({ prompt: 'a fox\nin snow', aspect_ratio: '16:9' });
  });
});

describe('parseArgs follows any declaration', () => {
  it('integer flags become numbers; bad numbers stay text', () => {
    expect(parseArgs(sample, 'thanks --n 50')).toEqual({ note: 'thanks', amount: 50 });
    expect(parseArgs(sample, 'thanks --n lots')).toEqual({ note: 'thanks', amount: 'lots' });
  });

  it('only plain decimal digits become a number: a sign stays text for the schema to refuse', () => {
    expect(parseArgs(sample, 'thanks --n +7')).toEqual({ note: 'thanks', amount: '+7' });
    expect(parseArgs(sample, 'thanks --n -1')).toEqual({ note: 'thanks', amount: '-1' });
  });

  it('an option with neither rest nor flag is reachable by its name', () => {
    expect(parseArgs(sample, '--wallet=group --n 5')).toEqual({ wallet: 'group', amount: 5 });
  });
});

describe('subcommands', () => {
  const all = commands;

  it('reads the subcommand from the next word, or runs the default', () => {
    expect(resolveCommand(all, 'credits', 'history 2')).toMatchObject({ kind: 'command', spec: { name: 'history' }, args: '2' });
    expect(resolveCommand(all, 'credits', '')).toMatchObject({ kind: 'command', spec: { name: 'balance' }, args: '' });
    expect(resolveCommand(all, 'credits', 'HISTORY')).toMatchObject({ kind: 'command', spec: { name: 'history' } });
    expect(resolveCommand(all, 'credits', 'frobnicate')).toMatchObject({ kind: 'group', group: 'credits' });
    expect(resolveCommand(all, 'imagine', 'a fox')).toMatchObject({ kind: 'command', spec: { name: 'imagine' }, args: 'a fox' });
    expect(resolveCommand(all, 'action', 'act:abcdef')).toBeUndefined();
    expect(resolveCommand(all, 'nope', '')).toBeUndefined();
  });

  it('a number `rest` option takes one word, flags still work', () => {
    expect(parseArgs(creditsGrant, '100 --wallet user:42')).toEqual({ amount: 100, wallet: 'user:42' });
    expect(parseArgs(creditsGrant, '--wallet=me 7')).toEqual({ amount: 7, wallet: 'me' });
    expect(parseArgs(creditsHistory, '')).toEqual({});
    expect(parseArgs(creditsHistory, 'two')).toEqual({ page: 'two' });
  });

  it('usage and menu show the group', () => {
    expect(telegramUsage(creditsHistory)).toBe('/credits history [page]');
    expect(telegramUsage(creditsGrant)).toBe('/admin grant <amount> [--wallet <wallet>]');
    const menu = menuCommands(all);
    expect(menu.map((c) => c.command)).toEqual(['imagine', 'generate', 'describe', 'blend', 'faceswap', 'shorten', 'photos', 'credits', 'settings', 'jobs', 'help', 'admin']);
    expect(menu.find((c) => c.command === 'credits')!.description).toBe('Credits: balance, history');
    expect(menu.find((c) => c.command === 'admin')!.description).toBe('Admin: grant, take, limit, share, unshare, block, unblock, allow, disallow, access');
  });

  it('keeps the old spellings of the admin commands: /credits grant is /admin grant', () => {
    expect(resolveCommand(all, 'admin', 'grant 100')).toMatchObject({ kind: 'command', spec: { group: 'admin', name: 'grant' }, args: '100' });
    expect(resolveCommand(all, 'credits', 'grant 100 --wallet me')).toMatchObject({ kind: 'command', spec: creditsGrant, args: '100 --wallet me' });
    expect(resolveCommand(all, 'credits', 'LIMIT 4')).toMatchObject({ kind: 'command', spec: { group: 'admin', name: 'limit' }, args: '4' });
    expect(resolveCommand(all, 'photos', 'share Ana')).toMatchObject({ kind: 'command', spec: { group: 'admin', name: 'share' }, args: 'Ana' });
    expect(resolveCommand(all, 'photos', 'unshare Ana')).toMatchObject({ kind: 'command', spec: { group: 'admin', name: 'unshare' } });
    // Only the old group finds it: /settings grant is not a thing.
    expect(resolveCommand(all, 'help', 'grant')).toMatchObject({ kind: 'command', spec: { name: 'help' }, args: 'grant' });
    expect(resolveCommand(all, 'admin', '')).toMatchObject({ kind: 'group', group: 'admin' });
  });
});

describe('usage', () => {
  it('shows how /imagine is typed', () => {
    expect(telegramUsage(imagine)).toBe('/imagine <prompt> [--ar 16:9]');
    expect(telegramUsage(help)).toBe('/help [topic]');
    expect(telegramUsage(sample)).toBe('/grant [note] --n 1 [--wallet <wallet>]');
  });

  it('names what the reader types in their language, the command and its --flags as they are typed', () => {
    expect(telegramUsage(creditsGrant, 'es')).toBe('/admin grant <cantidad> [--wallet <cartera>]');
    expect(telegramUsage(imagine, 'ru')).toBe('/imagine <запрос> [--ar 16:9]');
    expect(telegramUsage(creditsHistory, 'es')).toBe('/credits history [página]');
  });

  it('the menu lists visible commands only', () => {
    expect(menuCommands(commands).map((c) => c.command)).toEqual(['imagine', 'generate', 'describe', 'blend', 'faceswap', 'shorten', 'photos', 'credits', 'settings', 'jobs', 'help', 'admin']);
  });
});

describe('limits', () => {
  it('clips to the limit without splitting an emoji', () => {
    expect(clip('abcdef', 4)).toBe('abc…');
    expect(clip('ab😀cd', 4)).toBe('ab…');
    expect(clip('abc', 4)).toBe('abc');
  });

  it('buttons become callback data', () => {
    expect(inlineKeyboard([[{ id: 'act:abc123', label: 'U1' }], [{ id: `act:${'x'.repeat(80)}`, label: 'V1' }]])).toEqual({
      inline_keyboard: [[{ text: 'U1', callback_data: 'act:abc123' }]],
    });
    expect(inlineKeyboard([])).toBeUndefined();
  });
});

describe('/generate on Telegram', () => {
  const parse = (args: string) => parseArgs(generate, args);

  it('reads --model, --neg, --ar and --count around the prompt', () => {
    expect(parse('a red fox at dusk --model flux-2 --neg blurry, text, watermark --ar 16:9 --count 4')).toEqual({
      prompt: 'a red fox at dusk',
      model: 'flux-2',
      negative: 'blurry, text, watermark',
      aspect_ratio: '16:9',
      count: 4,
    });
    expect(parse('--count=10 --size 1536x1024 a lighthouse')).toEqual({ prompt: 'a lighthouse', size: '1536x1024', count: 10 });
  });

  it('takes every word after --neg up to the next flag, and leaves --no to the prompt', () => {
    expect(parse('a fox --no text --neg people, cars')).toEqual({ prompt: 'a fox --no text', negative: 'people, cars' });
    expect(parse('a fox \u2014neg=snow, ice --model seedream-4')).toEqual({ prompt: 'a fox', negative: 'snow, ice', model: 'seedream-4' });
    // --negative is not --neg.
    expect(parse('a fox --negative space')).toEqual({ prompt: 'a fox --negative space' });
  });

  it('passes an empty --neg on for the schema to explain', () => {
    expect(parse('a fox --neg')).toEqual({ prompt: 'a fox', negative: '' });
    expect(parse('a fox --neg --count 2')).toEqual({ prompt: 'a fox', negative: '', count: 2 });
  });

  it('shows how /generate is typed, with the models offered', () => {
    expect(telegramUsage(generate)).toBe('/generate <prompt> [--model flux-2-flex] [--neg <negative>] [--ar 16:9] [--size <size>] [--count 1]');
    const [fitted] = offeredCommands([generate], new ProviderRegistry([fakeGenerator({ models: ['seedream-4'] }).provider]));
    expect(telegramUsage(fitted!)).toBe('/generate <prompt> [--model seedream-4] [--neg <negative>] [--ar 16:9] [--size <size>] [--count 1]');
  });
});

describe('panels as inline keyboards', () => {
  it('lays model names out two to a row, each picking the stored request', () => {
    const keyboard = panelKeyboard({
      text: 'Which model?',
      rows: [{ choice: { id: 'gen:abcdefabcdef', placeholder: 'Pick a model', options: ['flux-2', 'seedream-4', 'stable-diffusion-xl'].map((value) => ({ value, label: modelName(value as ImageModel), selected: false })) } }],
    });
    expect(keyboard.inline_keyboard).toEqual([
      [
        { text: 'Flux 2 Pro', callback_data: 'gen:abcdefabcdef=flux-2' },
        { text: 'Seedream 4', callback_data: 'gen:abcdefabcdef=seedream-4' },
      ],
      [{ text: 'Stable Diffusion XL', callback_data: 'gen:abcdefabcdef=stable-diffusion-xl' }],
    ]);
  });

  it('keeps short choices (the /settings aspect ratios) five to a row', () => {
    const panel = settingsPanel({ userId: '7' }, { speed: 'fast', remix: false, variation: 'strong', suffix: '' });
    const rows = panelKeyboard(panel).inline_keyboard;
    expect(rows[0]!.map((b) => b.text)).toEqual(['✓ No default', '1:1', '16:9', '9:16', '4:3']);
  });
});
