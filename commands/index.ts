import type { CommandSpec } from '../src/core/command.ts';
import { imagine } from './imagine.ts';
import { help } from './help.ts';
import { action } from './action.ts';

/** The registry both adapters read. Adding a command means adding it here. */
export const commands: readonly CommandSpec[] = [imagine, help, action];

export const actionCommand = action;

export function findCommand(name: string): CommandSpec | undefined {
  return commands.find((c) => c.name === name && !c.hidden);
}
