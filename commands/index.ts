import type { CommandSpec } from '../src/core/command.ts';
import { imagine } from './imagine.ts';
import { help } from './help.ts';
import { action } from './action.ts';
import { creditsCommands } from './credits.ts';
import { photosCollect, photosCommands } from './photos.ts';
import { describe } from './describe.ts';
import { shorten } from './shorten.ts';

/** The registry both adapters read. Adding a command means adding it here. */
export const commands: readonly CommandSpec[] = [imagine, describe, shorten, ...photosCommands, ...creditsCommands, help, action];

export const actionCommand = action;
/** Where adapters send photos a user posts while their photo set is open. */
export const collectCommand = photosCollect;
