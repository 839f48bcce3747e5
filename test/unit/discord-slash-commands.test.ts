import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { commands } from '../../commands/index.ts';
import { ASPECT_RATIOS, PROMPT_MAX_LENGTH } from '../../commands/imagine.ts';
import type { CommandSpec } from '../../src/core/command.ts';
import { buildSlashCommands, discordUsage, findSpec } from '../../adapters/discord/slash-commands.ts';
import { offeredCommands } from '../../src/core/command.ts';
import { ProviderRegistry } from '../../src/providers/registry.ts';
import { IMAGE_MODELS, type ImageModel } from '../../src/providers/image-models.ts';
import { validateCommands } from '../fakes/discord-limits.ts';
import { fakeGenerator } from '../support/generate-provider.ts';
import { testProvider } from '../support/provider.ts';

/**
 * The payload without its localizations, whose shape these tests pin down; the localizations of
 * every command, option and choice are test/unit/command-texts.test.ts's.
 */
function plain<T>(json: T): T {
  return JSON.parse(JSON.stringify(json, (key, value) => (key === 'name_localizations' || key === 'description_localizations' ? undefined : value))) as T;
}

describe('slash commands derived from the registry', () => {
  const json = plain(buildSlashCommands(commands));

  it('has imagine and help, and no hidden action command', () => {
    const names = json.map((c) => c.name);
    expect(names).toContain('imagine');
    expect(names).toContain('help');
    expect(names).not.toContain('action');
    expect(new Set(names).size).toBe(names.length);
  });

  it('nests grouped specs as subcommands of one command', () => {
    for (const spec of commands.filter((c) => c.group && !c.hidden)) {
      const parent = json.find((c) => c.name === spec.group)!;
      expect(parent.options?.find((o) => o.name === spec.name)).toMatchObject({ type: 1, description: spec.description.slice(0, 100) });
    }
  });

  it('derives /imagine: required prompt first, aspect ratio choices, one image attachment', () => {
    const imagine = json.find((c) => c.name === 'imagine')!;
    expect(imagine).toEqual({
      type: 1,
      name: 'imagine',
      description: 'Create four images from a text prompt',
      options: [
        { type: 3, name: 'prompt', description: 'What to imagine (Midjourney --flags are welcome)', required: true, max_length: PROMPT_MAX_LENGTH },
        {
          type: 3,
          name: 'aspect_ratio',
          description: 'Width:height of the images',
          required: false,
          choices: ASPECT_RATIOS.map((r) => ({ name: r, value: r })),
        },
        { type: 11, name: 'image', description: 'An image to guide the result (image prompt)', required: false },
      ],
    });
  });

  it('derives /help with its optional topic as choices', () => {
    expect(json.find((c) => c.name === 'help')).toEqual({
      type: 1,
      name: 'help',
      description: 'How to use this bot',
      options: [
        {
          type: 3,
          name: 'topic',
          description: 'A group of commands, or the buttons',
          required: false,
          choices: [
            { name: 'photos', value: 'photos' },
            { name: 'credits', value: 'credits' },
            { name: 'admin', value: 'admin' },
            { name: 'buttons', value: 'buttons' },
          ],
        },
      ],
    });
  });

  it('handles integers, min lengths, several attachments and puts required options first', () => {
    const spec: CommandSpec = {
      name: 'photos',
      description: 'x'.repeat(150),
      options: [
        { type: 'attachment', name: 'photo', description: 'A photo', max: 3 },
        { type: 'string', name: 'title', description: 'Title', minLength: 2, maxLength: 9000 },
        { type: 'integer', name: 'count', description: 'How many', required: true, min: 1, max: 4 },
      ],
      input: z.any(),
      slow: false,
      run: async () => {},
    };
    const [cmd] = plain(buildSlashCommands([spec]));
    expect(cmd!.description).toHaveLength(100);
    expect(cmd!.options).toEqual([
      { type: 4, name: 'count', description: 'How many', required: true, min_value: 1, max_value: 4 },
      { type: 11, name: 'photo', description: 'A photo', required: false },
      { type: 11, name: 'photo2', description: 'A photo (2)', required: false },
      { type: 11, name: 'photo3', description: 'A photo (3)', required: false },
      { type: 3, name: 'title', description: 'Title', required: false, min_length: 2, max_length: 6000 },
    ]);
  });

  it('groups subcommands in registry order and finds them again', () => {
    const sub = (name: string, extra: Partial<CommandSpec> = {}): CommandSpec => ({
      name,
      group: 'wallet',
      description: `${name} it`,
      options: [],
      input: z.any(),
      slow: false,
      run: async () => {},
      ...extra,
    });
    const top = { ...sub('top'), group: undefined };
    const specs = [sub('show'), top, sub('give', { options: [{ type: 'integer', name: 'amount', description: 'How many', required: true }] })];
    expect(plain(buildSlashCommands(specs))).toEqual([
      {
        type: 1,
        name: 'wallet',
        description: 'Wallet: show, give',
        options: [
          { type: 1, name: 'show', description: 'show it' },
          { type: 1, name: 'give', description: 'give it', options: [{ type: 4, name: 'amount', description: 'How many', required: true }] },
        ],
      },
      { type: 1, name: 'top', description: 'top it' },
    ]);
    expect(findSpec(specs, 'wallet', 'give')).toBe(specs[2]);
    expect(findSpec(specs, 'top', null)).toBe(top);
    expect(findSpec(specs, 'show', null)).toBeUndefined();
    expect(discordUsage(specs[2]!)).toBe('/wallet give amount:…');
  });

  it('derives /blend: image1 and image2 required, image3–5 optional, dimension choices', () => {
    const blend = json.find((c) => c.name === 'blend')!;
    expect(blend.options!.map((o) => [o.name, o.type, (o as { required?: boolean }).required])).toEqual([
      ['image1', 11, true],
      ['image2', 11, true],
      ['image3', 11, false],
      ['image4', 11, false],
      ['image5', 11, false],
      ['dimension', 3, false],
    ]);
    expect((blend.options![5] as { choices: unknown }).choices).toEqual([
      { name: 'square', value: 'square' },
      { name: 'portrait', value: 'portrait' },
      { name: 'landscape', value: 'landscape' },
    ]);
    expect(discordUsage(commands.find((c) => c.name === 'blend')!)).toBe('/blend image1:… image2:… [image3…5] [dimension]');
  });

  it('derives /faceswap: the target and the face, both required', () => {
    const faceswap = json.find((c) => c.name === 'faceswap')!;
    expect(faceswap.options!.map((o) => [o.name, o.type, (o as { required?: boolean }).required])).toEqual([
      ['target', 11, true],
      ['face', 11, true],
    ]);
    expect(discordUsage(commands.find((c) => c.name === 'faceswap')!)).toBe('/faceswap target:… face:…');
  });

  it('describes usage the Discord way', () => {
    expect(discordUsage(commands.find((c) => c.name === 'imagine')!)).toBe('/imagine prompt:… [aspect_ratio] [image]');
  });

  it('names the options as the reader’s picker shows them (their name_localizations), numbered slots too', () => {
    expect(discordUsage(commands.find((c) => c.name === 'imagine')!, 'ru')).toBe('/imagine запрос:… [пропорции] [изображение]');
    expect(discordUsage(commands.find((c) => c.name === 'blend')!, 'es')).toBe('/blend imagen1:… imagen2:… [imagen3…5] [formato]');
    const blend = buildSlashCommands(commands).find((c) => c.name === 'blend')!;
    expect(blend.options!.map((o) => o.name_localizations?.['es-ES'])).toEqual(['imagen1', 'imagen2', 'imagen3', 'imagen4', 'imagen5', 'formato']);
  });
});

describe('/generate as a Discord slash command', () => {
  const registry = (models?: readonly ImageModel[]) => new ProviderRegistry([fakeGenerator({ models }).provider]);
  const generateJson = (providers: ProviderRegistry) => plain(buildSlashCommands(offeredCommands(commands, providers))).find((c) => c.name === 'generate');
  const option = (json: ReturnType<typeof generateJson>, name: string) => json!.options!.find((o) => o.name === name) as unknown as Record<string, unknown>;

  it('offers only the models the provider offers, by their names', () => {
    const json = generateJson(registry(['seedream-4', 'flux-2']));
    expect(option(json, 'model').choices).toEqual([
      { name: 'Flux 2 Pro', value: 'flux-2' },
      { name: 'Seedream 4', value: 'seedream-4' },
    ]);
    expect(option(generateJson(registry()), 'model').choices).toEqual(IMAGE_MODELS.map((m) => ({ name: m.name, value: m.id })));
  });

  it('is not registered without a provider that generates', () => {
    const apiframeOnly = new ProviderRegistry([testProvider({ submit: async () => ({ providerTaskId: 'x' }) })]);
    const names = buildSlashCommands(offeredCommands(commands, apiframeOnly)).map((c) => c.name);
    expect(names).toContain('imagine');
    expect(names).not.toContain('generate');
  });

  it('takes a prompt of up to 1024 characters first, then the model, what to avoid, a shape, a count and ten reference images', () => {
    const json = generateJson(registry(['flux-2']))!;
    expect(json.options!.map((o) => o.name)).toEqual([
      'prompt', 'model', 'negative', 'aspect_ratio', 'size', 'count',
      'image', 'image2', 'image3', 'image4', 'image5', 'image6', 'image7', 'image8', 'image9', 'image10',
    ]);
    expect(option(json, 'prompt')).toMatchObject({ type: 3, required: true, max_length: 1024 });
    expect(option(json, 'negative')).toMatchObject({ type: 3, required: false, max_length: 1024 });
    expect(option(json, 'aspect_ratio').choices).toEqual(['1:1', '16:9', '9:16', '4:3', '3:4', '3:2', '2:3', '21:9'].map((r) => ({ name: r, value: r })));
    expect(option(json, 'count')).toMatchObject({ type: 4, min_value: 1, max_value: 10 });
    expect(option(json, 'image10')).toMatchObject({ type: 11, required: false });
    // What Discord itself checks: names, descriptions, at most 25 options, required ones first.
    expect(validateCommands([json])).toBeUndefined();
  });
});
