/**
 * How a command is typed on Telegram, derived from its declaration, e.g.
 * `/imagine <prompt> [--ar 16:9]`. /help shows it through `ctx.usage`.
 */
import type { CommandSpec, OptionSpec } from '../../src/core/command.ts';
import { flagName } from './parse.ts';

/** An example value for a flag: a real choice when there are choices (the second, as the first is usually the default). */
function example(option: OptionSpec): string {
  if (option.type === 'string' && option.choices?.length) {
    return (option.choices[1] ?? option.choices[0])!.value;
  }
  if (option.type === 'integer' && option.min !== undefined) return String(option.min);
  return `<${option.name}>`;
}

function wrap(text: string, required: boolean | undefined): string {
  return required ? text : `[${text}]`;
}

export function telegramUsage(spec: Pick<CommandSpec, 'name' | 'group' | 'options' | 'telegramArgs'>): string {
  const parts = [spec.group ? `/${spec.group} ${spec.name}` : `/${spec.name}`];
  if (spec.telegramArgs) return `${parts[0]} ${spec.telegramArgs}`;
  for (const option of spec.options) {
    if (option.type === 'attachment' || !option.rest) continue;
    const label = option.name.replace(/_/g, ' ');
    parts.push(option.required ? `<${label}>` : `[${label}]`);
  }
  for (const option of spec.options) {
    const flag = flagName(option);
    if (!flag) continue;
    parts.push(wrap(`--${flag} ${example(option)}`, option.required));
  }
  return parts.join(' ');
}
