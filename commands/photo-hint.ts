import type { CommandSpec } from '../src/core/command.ts';
import { MAX_PHOTOS, MIN_PHOTOS } from '../src/core/photos.ts';
import { SOURCE_LOCALE, t, type Locale } from '../src/i18n/index.ts';

/**
 * What a photo sent in a private chat with no photo set open can be used for: only the commands
 * this bot offers, each said the way this platform takes a photo (`use`: Telegram "reply /describe
 * to it", Discord "send /describe with it attached"). Undefined when none is offered.
 *
 * `use` is either how, in the catalogue's words (`reply`, `attach`: said in `locale`), or, for an
 * adapter not yet passing one, its own English.
 */
export function photoHint(commands: readonly CommandSpec[], use: 'reply' | 'attach' | ((command: string) => string), locale: Locale = SOURCE_LOCALE): string | undefined {
  const has = (name: string, group?: string) => commands.some((c) => c.name === name && c.group === group && !c.hidden);
  const how = (command: string) => (typeof use === 'function' ? use(command) : t(locale, 'reply-photo-hint-how', { how: use, command }));
  const uses: string[] = [];
  if (has('new', 'photos')) uses.push(t(locale, 'reply-photo-hint-train', { min: MIN_PHOTOS, max: MAX_PHOTOS }));
  if (has('describe')) uses.push(t(locale, 'reply-photo-hint-describe', { how: how('/describe') }));
  if (has('generate')) uses.push(t(locale, 'reply-photo-hint-generate', { how: how('/generate <prompt>') }));
  if (uses.length === 0) return undefined;
  return [t(locale, 'reply-photo-hint-title'), ...uses].join('\n');
}
