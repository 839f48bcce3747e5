import type { CommandSpec } from '../src/core/command.ts';

/**
 * The command that makes images on this bot, for texts that point people at one: /imagine when
 * Midjourney runs (Apiframe), else /generate (aiphotogenerator.net alone); undefined when neither
 * is offered. Never a command this bot does not have.
 */
export function imageCommand(commands: readonly CommandSpec[]): string | undefined {
  return ['imagine', 'generate'].find((name) => commands.some((c) => c.name === name && !c.group && !c.hidden));
}

/** What a press of a button that names nothing here is told. */
export function notHereText(commands: readonly CommandSpec[]): string {
  const make = imageCommand(commands);
  return `This button doesn't work here: it belongs to another chat or has expired.${make ? ` Start a new one with /${make}.` : ''}`;
}
