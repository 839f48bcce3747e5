import { z } from 'zod';
import type { Store } from '../store/index.ts';
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
});

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

  /** A prompt as the user's settings finish it: their suffix added unless it is there already. */
  finishPrompt(settings: UserSettings, prompt: string): string {
    const suffix = settings.suffix.trim();
    return suffix && !prompt.includes(suffix) ? `${prompt} ${suffix}` : prompt;
  }
}
