import type { CommandSpec, RawOptions } from '../src/core/command.ts';
import { imagine } from './imagine.ts';
import { help } from './help.ts';
import { action } from './action.ts';
import { creditsCommands, creditsHistoryPage, historyPage } from './credits.ts';
import { creditsGrant, creditsLimit, creditsTake } from './credits-admin.ts';
import { accessCommands } from './access-admin.ts';
import { photosCollect, photosCommands, photosShare, photosUnshare } from './photos.ts';
import { settings, settingsSet } from './settings.ts';
import { describe } from './describe.ts';
import { shorten } from './shorten.ts';
import { blend } from './blend.ts';
import { faceswap } from './faceswap.ts';
import { generate } from './generate.ts';
import { generatePick } from './generate-pick.ts';
import { PICK_PREFIX } from './generate-request.ts';
import { cancelTarget, jobs, jobsCancel } from './jobs.ts';

/** The registry both adapters read. Adding a command means adding it here. */
export const commands: readonly CommandSpec[] = [
  imagine,
  generate,
  describe,
  blend,
  faceswap,
  shorten,
  ...photosCommands,
  ...creditsCommands,
  settings,
  jobs,
  help,
  // /admin: hidden from members on both platforms (see CommandSpec.audience).
  creditsGrant,
  creditsTake,
  creditsLimit,
  photosShare,
  photosUnshare,
  ...accessCommands,
  action,
  settingsSet,
  generatePick,
  jobsCancel,
];

export const actionCommand = action;
/** Where adapters send photos a user posts while their photo set is open. */
export const collectCommand = photosCollect;

/**
 * The hidden command a control payload belongs to, with its raw options: a result button
 * (`act:<id>`), a /settings control (`set:…`), a model picked for a /generate (`gen:…`), a
 * /credits history page (`hist:<page>`), or the answer to a question one of them asked.
 */
export function routePayload(payload: string, answers: Record<string, string> = {}): { spec: CommandSpec; raw: RawOptions } | undefined {
  if (payload.startsWith('act:')) return { spec: action, raw: { ...answers, id: payload } };
  if (payload.startsWith('set:')) return { spec: settingsSet, raw: { ...answers, control: payload } };
  if (payload.startsWith(PICK_PREFIX)) return { spec: generatePick, raw: { pick: payload } };
  if (cancelTarget(payload)) return { spec: jobsCancel, raw: { id: payload } };
  const page = historyPage(payload);
  if (page !== undefined) return { spec: creditsHistoryPage, raw: { page } };
  return undefined;
}
