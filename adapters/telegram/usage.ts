/**
 * How a command is typed on Telegram, derived from its declaration, e.g.
 * `/imagine <prompt> [--ar 16:9]`. /help shows it through `ctx.usage`.
 */
import type { CommandSpec, OptionSpec } from '../../src/core/command.ts';
import { CommandTexts } from '../../src/core/command-text.ts';
import { SOURCE_LOCALE, type Locale } from '../../src/i18n/index.ts';
import { flagName } from './parse.ts';

/** An example value for a flag: a real choice when there are choices (the second, as the first is usually the default). */
function example(option: OptionSpec, label: string): string {
  if (option.type === 'string' && option.choices?.length) {
    return (option.choices[1] ?? option.choices[0])!.value;
  }
  if (option.type === 'integer' && option.min !== undefined) return String(option.min);
  return `<${label}>`;
}

function wrap(text: string, required: boolean | undefined): string {
  return required ? text : `[${text}]`;
}

/**
 * What is typed stays as it is (the command, `--flag`s, choice values); what stands for the
 * reader's own words (`<prompt>`) is the option's name in their language.
 */
export function telegramUsage(
  spec: Pick<CommandSpec, 'name' | 'group' | 'options' | 'telegramArgs'>,
  locale: Locale = SOURCE_LOCALE,
  texts: CommandTexts = new CommandTexts(),
): string {
  const parts = [spec.group ? `/${spec.group} ${spec.name}` : `/${spec.name}`];
  if (spec.telegramArgs) return `${parts[0]} ${spec.telegramArgs}`;
  const name = (option: OptionSpec) => texts.optionName(locale, spec as CommandSpec, option);
  for (const option of spec.options) {
    if (option.type === 'attachment' || !option.rest) continue;
    const label = name(option).replace(/_/g, ' ');
    parts.push(option.required ? `<${label}>` : `[${label}]`);
  }
  for (const option of spec.options) {
    const flag = flagName(option);
    if (!flag) continue;
    parts.push(wrap(`--${flag} ${example(option, name(option))}`, option.required));
  }
  return parts.join(' ');
}
