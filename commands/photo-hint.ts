import type { CommandSpec } from '../src/core/command.ts';
import { MAX_PHOTOS, MIN_PHOTOS } from '../src/core/photos.ts';

/**
 * What a photo sent in a private chat with no photo set open can be used for: only the commands
 * this bot offers, each said the way this platform takes a photo (`use`: Telegram "reply /describe
 * to it", Discord "send /describe with it attached"). Undefined when none is offered.
 */
export function photoHint(commands: readonly CommandSpec[], use: (command: string) => string): string | undefined {
  const has = (name: string, group?: string) => commands.some((c) => c.name === name && c.group === group && !c.hidden);
  const uses: string[] = [];
  if (has('new', 'photos')) uses.push(`• To train a model of this person, start a photo set with /photos new, then send ${MIN_PHOTOS}–${MAX_PHOTOS} photos.`);
  if (has('describe')) uses.push(`• For prompts that describe it, ${use('/describe')}.`);
  if (has('generate')) uses.push(`• To make images with it as a reference, ${use('/generate <prompt>')}.`);
  if (uses.length === 0) return undefined;
  return ['📷 You have no photo set open, so I did nothing with that photo.', ...uses].join('\n');
}
