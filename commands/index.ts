import type { CommandSpec } from '../src/core/command.ts';
import { imagine } from './imagine.ts';
import { help } from './help.ts';
import { action } from './action.ts';
import { creditsCommands } from './credits.ts';
import { photosCollect, photosCommands } from './photos.ts';
// Issue 8: commands that start from images.
import { blend } from './blend.ts';
import { faceswap } from './faceswap.ts';

/** The registry both adapters read. Adding a command means adding it here. */
export const commands: readonly CommandSpec[] = [imagine, blend, faceswap, ...photosCommands, ...creditsCommands, help, action];

export const actionCommand = action;
/** Where adapters send photos a user posts while their photo set is open. */
export const collectCommand = photosCollect;
