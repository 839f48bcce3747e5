import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { help, HELP_TOPICS } from '../../commands/help.ts';
import { inLocale, type CommandCall, type CommandSpec } from '../../src/core/command.ts';
import { actionHelp } from '../../src/core/actions/catalog.ts';
import { discordUsage } from '../../adapters/discord/slash-commands.ts';
import { telegramUsage } from '../../adapters/telegram/usage.ts';
import { offeredCommands } from '../../src/core/command.ts';
import { ProviderRegistry } from '../../src/providers/registry.ts';
import { fakeGenerator } from '../support/generate-provider.ts';
import { testProvider } from '../support/provider.ts';
import type { Locale } from '../../src/i18n/index.ts';

async function helpText(usage: (spec: CommandSpec) => string, topic?: string, offered: readonly CommandSpec[] = commands, locale: Locale = 'en'): Promise<string> {
  let shown = '';
  const ctx = inLocale({ commands: offered, usage, respond: { text: async (t: string) => void (shown = t) } } as unknown as CommandCall, locale);
  await help.run(ctx, { topic: topic as (typeof HELP_TOPICS)[number] | undefined });
  return shown;
}

const platforms = [
  ['Discord', discordUsage, 2000],
  ['Telegram', telegramUsage, 4096],
] as const;

describe('/help', () => {
  it.each(platforms)('gives an overview of every visible command that fits one %s message', async (_platform, usage, limit) => {
    const text = await helpText(usage as (spec: CommandSpec) => string);
    expect(text.length).toBeLessThanOrEqual(limit);
    // Admin commands are under /help admin: they are hidden from members.
    for (const spec of commands.filter((c) => !c.hidden && !c.audience)) {
      if (!spec.group) expect(text).toContain(usage(spec));
      else expect(text).toMatch(new RegExp(`/${spec.group} .*\\b${spec.name}\\b`));
    }
    expect(text).not.toContain('action');
  });

  it.each(platforms)("speaks the reader's language on %s: a Spanish overview with Spanish command descriptions, still within one message", async (_platform, usage, limit) => {
    const imagine = commands.find((c) => c.name === 'imagine')!;
    const text = await helpText(usage as (spec: CommandSpec) => string, undefined, commands, 'es');
    expect(text.length).toBeLessThanOrEqual(limit);
    expect(text.split('\n')[0]).toBe('framebot crea imágenes de Midjourney (/imagine), imágenes de Flux 2, Nano Banana, Seedream y SDXL (/generate) y fotos con IA de una persona a partir de sus propias fotos (/photos) aquí mismo, en el chat.');
    // The usage line names the options as the reader's picker does (Discord) and the menu would.
    expect(text).toContain(`• ${(usage as (spec: CommandSpec, locale: string) => string)(imagine, 'es')} — Crea cuatro imágenes a partir de un prompt`);
    expect(text).toContain('• /credits balance · history — consulta /help credits');
    expect(text).toContain('Créditos: cada trabajo se paga con el monedero de este chat; /credits muestra lo que queda.');
    const admin = await helpText(usage as (spec: CommandSpec) => string, 'admin', commands, 'ru');
    expect(admin).toContain('Операторы бота — это аккаунты из BOT_ADMINS.');
  });

  it.each(platforms)('explains each group and the buttons in a %s message of its own', async (_platform, usage, limit) => {
    for (const group of new Set(commands.filter((c) => c.group && !c.hidden).map((c) => c.group!))) {
      expect(HELP_TOPICS).toContain(group);
      const text = await helpText(usage as (spec: CommandSpec) => string, group);
      expect(text.length).toBeLessThanOrEqual(limit);
      for (const spec of commands.filter((c) => c.group === group && !c.hidden)) expect(text).toContain(usage(spec));
    }
    const buttons = await helpText(usage as (spec: CommandSpec) => string, 'buttons');
    expect(buttons.length).toBeLessThanOrEqual(limit);
    for (const line of actionHelp()) expect(buttons).toContain(line);
  });

  it.each(platforms)('lists /generate on %s, as it is typed there, when a provider generates, and its buttons', async (_platform, usage, limit) => {
    const withGenerator = offeredCommands(commands, new ProviderRegistry([fakeGenerator({ models: ['flux-2', 'seedream-4'] }).provider]));
    const spec = withGenerator.find((c) => c.name === 'generate')!;
    const text = await helpText(usage as (spec: CommandSpec) => string, undefined, withGenerator);
    expect(text.length).toBeLessThanOrEqual(limit);
    expect(text).toContain(`• ${usage(spec)} — Images from a prompt with Flux, Nano Banana, Seedream or SDXL`);
    expect(text).toContain('/generate: leave the model out to pick it from a list; sizes over 1024×1024 cost more per image');
    const buttons = await helpText(usage as (spec: CommandSpec) => string, 'buttons', withGenerator);
    expect(buttons).toContain('• 🔄 under /generate the same request again');
    expect(buttons).toContain('• ⬇️ 1–10 under /generate that image at full resolution, as a file (free)');
  });

  it('leaves the /generate command out when no provider generates', async () => {
    const apiframeOnly = offeredCommands(commands, new ProviderRegistry([testProvider({ submit: async () => ({ providerTaskId: 'x' }) })]));
    const text = await helpText(telegramUsage, undefined, apiframeOnly);
    expect(text).toContain('• /imagine <prompt>');
    expect(text).not.toContain('• /generate');
    expect(text).not.toContain('/generate: leave the model out');
  });

  it('says only what this bot makes: with aiphotogenerator.net alone, no Midjourney or AI Photos hints', async () => {
    const generatorOnly = offeredCommands(commands, new ProviderRegistry([fakeGenerator({ models: ['flux-2'] }).provider]));
    const text = await helpText(telegramUsage, undefined, generatorOnly);
    expect(text.split('\n')[0]).toBe('framebot makes Flux 2, Nano Banana, Seedream and SDXL images (/generate) right here in the chat.');
    expect(text).not.toContain('Midjourney parameters');
    expect(text).not.toContain('AI Photos: /photos new');
    expect(text).not.toContain('/imagine');
  });

  it('names both services when both run', async () => {
    const text = await helpText(telegramUsage);
    expect(text.split('\n')[0]).toBe(
      'framebot makes Midjourney images (/imagine), Flux 2, Nano Banana, Seedream and SDXL images (/generate), and AI photos of a person from their own photos (/photos) right here in the chat.',
    );
  });
});
