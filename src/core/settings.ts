import { z } from 'zod';
import type { Store } from '../store/index.ts';
import { LOCALES, matchLocale, pickLocale, type Locale } from '../i18n/index.ts';
import type { Scope } from './chat.ts';

/**
 * A user's /settings, the same wherever they use the bot on that platform. Read back with zod:
 * a field that no longer parses falls back to its default rather than breaking the user's commands.
 */
export const userSettingsSchema = z.object({
  /** The aspect ratio /imagine uses when none is given. */
  aspectRatio: z.string().regex(/^\d+:\d+$/).optional().catch(undefined),
  /** Midjourney's speed: Apiframe's process_mode. Turbo costs more credits (the `turbo` cost). */
  speed: z.enum(['fast', 'turbo']).default('fast').catch('fast'),
  /** Remix: V1–V4, 🔄, Vary, Zoom and Pan ask for the prompt first. */
  remix: z.boolean().default(false).catch(false),
  /**
   * How far V1–V4 stray: strong is Apiframe's /variations; subtle upscales the image and varies the
   * upscale subtly (Apiframe has no strength for grid variations), so it costs an upscale more.
   */
  variation: z.enum(['strong', 'subtle']).default('strong').catch('strong'),
  /** Appended to every prompt (e.g. `--v 7 --stylize 250`). */
  suffix: z.string().max(200).default('').catch(''),
  /** The language the bot speaks to this user; unset: automatic (README, "Languages"). */
  language: z.enum(LOCALES).optional().catch(undefined),
});

/** A group's settings, set by its admins: a Discord server's (every channel of it) or a Telegram group's. */
export const groupSettingsSchema = z.object({
  /** The language for members whose own app language is not one of ours; unset: automatic. */
  language: z.enum(LOCALES).optional().catch(undefined),
});
export type GroupSettings = z.infer<typeof groupSettingsSchema>;

/**
 * The group a scope belongs to, whose admins set its settings: a Discord server (not one channel),
 * a Telegram group; none in a private chat or a DM.
 */
export function groupOf(scope: Pick<Scope, 'guildId' | 'chatId' | 'isPrivate'>): string | undefined {
  if (scope.guildId) return scope.guildId;
  return scope.isPrivate ? undefined : scope.chatId;
}

export const SETTINGS_SUFFIX_MAX = 200;

export type UserSettings = z.infer<typeof userSettingsSchema>;

export class SettingsService {
  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {}

  async get(scope: Pick<Scope, 'platform' | 'userId'>): Promise<UserSettings> {
    return userSettingsSchema.parse((await this.store.settings.get(scope.platform, scope.userId)) ?? {});
  }

  /** Changes some settings and returns them all. */
  async update(scope: Pick<Scope, 'platform' | 'userId'>, change: Partial<UserSettings>): Promise<UserSettings> {
    const next = userSettingsSchema.parse({ ...await this.get(scope), ...change });
    await this.store.settings.put(scope.platform, scope.userId, next, this.now());
    return next;
  }

  async getGroup(scope: Pick<Scope, 'platform' | 'guildId' | 'chatId' | 'isPrivate'>): Promise<GroupSettings> {
    const group = groupOf(scope);
    return groupSettingsSchema.parse((group && (await this.store.settings.getGroup(scope.platform, group))) ?? {});
  }

  /** Changes the group's settings (the caller checked the user is one of its admins); none exist outside a group. */
  async updateGroup(scope: Pick<Scope, 'platform' | 'guildId' | 'chatId' | 'isPrivate'>, change: Partial<GroupSettings>): Promise<GroupSettings> {
    const group = groupOf(scope);
    if (!group) throw new Error('a private chat has no group settings');
    const next = groupSettingsSchema.parse({ ...await this.getGroup(scope), ...change });
    await this.store.settings.putGroup(scope.platform, group, next, this.now());
    return next;
  }

  /**
   * The language to speak to whoever `scope` is: their /settings choice → their app's language
   * (the platform's locale) → the group's choice → Discord's server locale → English. The group
   * is read only when the first two do not decide.
   */
  async localeOf(scope: Scope): Promise<Locale> {
    const sources = { userChoice: (await this.get(scope)).language, platformLocale: scope.platformLocale };
    if (sources.userChoice || matchLocale(sources.platformLocale)) return pickLocale(sources);
    const groupChoice = groupOf(scope) ? (await this.getGroup(scope)).language : undefined;
    return pickLocale({ ...sources, groupChoice, guildLocale: scope.guildLocale });
  }

  /** A prompt as the user's settings finish it: their suffix added unless it is there already. */
  finishPrompt(settings: UserSettings, prompt: string): string {
    const suffix = settings.suffix.trim();
    return suffix && !prompt.includes(suffix) ? `${prompt} ${suffix}` : prompt;
  }
}
