import type { CommandSpec } from '../src/core/command.ts';
import { msg, render, SOURCE_LOCALE, type Locale, type Text } from '../src/i18n/index.ts';

/**
 * The command that makes images on this bot, for texts that point people at one: /imagine when
 * Midjourney runs (Apiframe), else /generate (aiphotogenerator.net alone); undefined when neither
 * is offered. Never a command this bot does not have.
 */
export function imageCommand(commands: readonly CommandSpec[]): string | undefined {
  return ['imagine', 'generate'].find((name) => commands.some((c) => c.name === name && !c.group && !c.hidden));
}

/** What a press of a button that names nothing here is told, as a catalogue message. */
export function notHere(commands: readonly CommandSpec[]): Text {
  const make = imageCommand(commands);
  return make ? msg('error-unknown-button-make', { command: `/${make}` }) : msg('error-unknown-button');
}

/** notHere in `locale` (English until a caller passes the reader's). */
export function notHereText(commands: readonly CommandSpec[], locale: Locale = SOURCE_LOCALE): string {
  return render(locale, notHere(commands));
}
