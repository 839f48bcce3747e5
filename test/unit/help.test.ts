import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { help } from '../../commands/help.ts';
import type { CommandContext, CommandSpec } from '../../src/core/command.ts';
import { discordUsage } from '../../adapters/discord/slash-commands.ts';
import { telegramUsage } from '../../adapters/telegram/usage.ts';

async function helpText(usage: (spec: CommandSpec) => string): Promise<string> {
  let shown = '';
  const ctx = { commands, usage, respond: { text: async (t: string) => void (shown = t) } } as unknown as CommandContext;
  await help.run(ctx, {});
  return shown;
}

describe('/help', () => {
  it.each([
    ['Discord', discordUsage, 2000],
    ['Telegram', telegramUsage, 4096],
  ] as const)('lists every visible command and fits one %s message', async (_platform, usage, limit) => {
    const text = await helpText(usage as (spec: CommandSpec) => string);
    expect(text.length).toBeLessThanOrEqual(limit);
    for (const spec of commands.filter((c) => !c.hidden)) expect(text).toContain(usage(spec));
    expect(text).not.toContain('action');
  });
});
