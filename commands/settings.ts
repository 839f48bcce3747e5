import { z } from 'zod';
import type { Panel, Scope } from '../src/core/chat.ts';
import type { CommandContext, CommandSpec } from '../src/core/command.ts';
import { UserError } from '../src/core/errors.ts';
import { SETTINGS_SUFFIX_MAX, groupOf, type GroupSettings, type UserSettings } from '../src/core/settings.ts';
import { LANGUAGE_NAMES, LOCALES, isLocale, msg, t, type Locale } from '../src/i18n/index.ts';
import { ASPECT_RATIOS } from './imagine.ts';
import { cleanPrompt } from './schemas.ts';

/**
 * /settings: one panel per user. Its controls carry `set:<user>:<field>=<value>` (the user they
 * belong to, so a press by someone else is refused) and redraw the panel when used. In a group,
 * its admins also see the group's language (`glang`), kept for the whole Discord server or
 * Telegram group.
 */
const NONE = 'none';
/** The language choice's value for "no choice": the bot picks (README, "Languages"). */
const AUTO = 'auto';

function control(scope: Pick<Scope, 'userId'>, field: string, value?: string): string {
  return `set:${scope.userId}:${field}${value === undefined ? '' : `=${value}`}`;
}

/** What a panel is drawn for, besides the user's settings. */
export interface PanelView {
  /** The language it is written in (the user's, as SettingsService.localeOf resolves it). */
  locale: Locale;
  /** Set when the user administers the group the panel is shown in: its settings, and what it is called. */
  group?: { settings: GroupSettings; place: 'server' | 'group' };
}

/** "Automatic", or a language by its own name. */
function languageOptions(locale: Locale, chosen: Locale | undefined): Array<{ value: string; label: string; selected: boolean }> {
  return [
    { value: AUTO, label: t(locale, 'settings-language-automatic'), selected: chosen === undefined },
    ...LOCALES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l], selected: chosen === l })),
  ];
}

export function settingsPanel(scope: Pick<Scope, 'userId'>, s: UserSettings, view: PanelView = { locale: 'en' }): Panel {
  const { locale, group } = view;
  const tr = (id: string, args?: Record<string, string | number>) => t(locale, id, args);
  const lines = [
    tr('settings-title'),
    s.aspectRatio ? tr('settings-aspect-ratio', { ratio: s.aspectRatio }) : tr('settings-aspect-ratio-none'),
    tr('settings-speed', { speed: s.speed }),
    tr('settings-remix', { remix: s.remix ? 'on' : 'off' }),
    tr('settings-variation', { variation: s.variation }),
    s.suffix ? tr('settings-suffix', { suffix: s.suffix }) : tr('settings-suffix-none'),
    s.language ? tr('settings-language', { language: LANGUAGE_NAMES[s.language] }) : tr('settings-language-auto', { language: LANGUAGE_NAMES[locale] }),
  ];
  if (group) {
    const chosen = group.settings.language;
    lines.push(
      chosen
        ? tr('settings-group-language', { place: group.place, language: LANGUAGE_NAMES[chosen] })
        : tr('settings-group-language-auto', { place: group.place }),
    );
  }
  return {
    text: lines.join('\n'),
    rows: [
      {
        choice: {
          id: control(scope, 'ar'),
          placeholder: tr('settings-aspect-ratio-placeholder'),
          options: [NONE, ...ASPECT_RATIOS].map((value) => ({
            value,
            label: value === NONE ? tr('settings-aspect-ratio-no-default') : value,
            selected: (s.aspectRatio ?? NONE) === value,
          })),
        },
      },
      {
        buttons: [
          { id: control(scope, 'remix', s.remix ? 'off' : 'on'), label: tr('settings-remix-button', { remix: s.remix ? 'on' : 'off' }) },
          { id: control(scope, 'speed', s.speed === 'fast' ? 'turbo' : 'fast'), label: tr('settings-speed-button', { speed: s.speed }) },
          { id: control(scope, 'vary', s.variation === 'strong' ? 'subtle' : 'strong'), label: tr('settings-variation-button', { variation: s.variation }) },
        ],
      },
      {
        buttons: [
          { id: control(scope, 'suffix'), label: tr('settings-suffix-button') },
          ...(s.suffix ? [{ id: control(scope, 'suffix', ''), label: tr('settings-suffix-clear-button') }] : []),
        ],
      },
      { choice: { id: control(scope, 'lang'), placeholder: tr('settings-language-placeholder'), options: languageOptions(locale, s.language) } },
      ...(group
        ? [{ choice: { id: control(scope, 'glang'), placeholder: tr('settings-group-language-placeholder', { place: group.place }), options: languageOptions(locale, group.settings.language) } }]
        : []),
    ],
  };
}

/** The panel as `ctx`'s user sees it now: in their language, with the group's row when they administer it. */
async function currentPanel(ctx: CommandContext, s?: UserSettings): Promise<Panel> {
  const { settings } = ctx.services;
  const locale = await settings.localeOf(ctx.scope);
  const admin = groupOf(ctx.scope) !== undefined && (await ctx.isGroupAdmin());
  const group = admin ? { settings: await settings.getGroup(ctx.scope), place: ctx.scope.platform === 'discord' ? ('server' as const) : ('group' as const) } : undefined;
  return settingsPanel(ctx.scope, s ?? (await settings.get(ctx.scope)), { locale, group });
}

async function show(ctx: CommandContext, panel: Panel): Promise<void> {
  if (ctx.respond.panel) await ctx.respond.panel(panel);
  else await ctx.respond.text(panel.text, { private: true });
}

export const settings: CommandSpec<Record<string, never>> = {
  name: 'settings',
  requires: 'mj.imagine',
  description: 'Your defaults: aspect ratio, speed, remix, a prompt suffix and language',
  options: [],
  input: z.object({}).strip() as unknown as z.ZodType<Record<string, never>>,
  slow: false,
  async run(ctx) {
    await show(ctx, await currentPanel(ctx));
  },
};

const FIELDS = ['ar', 'speed', 'remix', 'vary', 'suffix', 'lang', 'glang'] as const;
type Field = (typeof FIELDS)[number];
const FIELD = new RegExp(`^set:(\\d{1,25}):(${FIELDS.join('|')})(?:=(.*))?$`, 's');

const setInput = z
  .object({
    control: z.string().regex(FIELD, 'input-button-unknown'),
    /** The answer when the control asked first (the suffix). */
    value: z.string().optional(),
  })
  .transform(({ control, value }) => {
    const [, owner, field, given] = FIELD.exec(control)!;
    return { owner: owner!, field: field as Field, value: given ?? value };
  });
type SetInput = z.infer<typeof setInput>;

/** A language control's value: a locale, or undefined for automatic; anything else is refused. */
function language(value: string): Locale | undefined {
  if (value === AUTO) return undefined;
  if (!isLocale(value)) throw new UserError('bad_setting', msg('settings-bad-language'));
  return value;
}

/** What a user control's value means; a value no control offers is refused. */
function change(field: Exclude<Field, 'glang'>, value: string): Partial<UserSettings> {
  const bad = (id: string, args?: Record<string, string | number>) => new UserError('bad_setting', msg(id, args));
  switch (field) {
    case 'ar':
      if (value === NONE) return { aspectRatio: undefined };
      if (!(ASPECT_RATIOS as readonly string[]).includes(value)) throw bad('settings-bad-aspect-ratio', { ratios: ASPECT_RATIOS.join(', ') });
      return { aspectRatio: value };
    case 'speed':
      if (value !== 'fast' && value !== 'turbo') throw bad('settings-bad-speed');
      return { speed: value };
    case 'remix':
      if (value !== 'on' && value !== 'off') throw bad('settings-bad-remix');
      return { remix: value === 'on' };
    case 'vary':
      if (value !== 'strong' && value !== 'subtle') throw bad('settings-bad-variation');
      return { variation: value };
    case 'suffix': {
      const suffix = cleanPrompt(value);
      if (suffix.length > SETTINGS_SUFFIX_MAX) throw bad('settings-bad-suffix', { max: SETTINGS_SUFFIX_MAX });
      return { suffix };
    }
    case 'lang':
      return { language: language(value) };
  }
}

/** A control of the /settings panel was used (or the suffix it asked for was answered). */
export const settingsSet: CommandSpec<SetInput> = {
  name: 'settings-set',
  description: 'A /settings control',
  options: [],
  input: setInput,
  slow: false,
  hidden: true,
  // The suffix joins every later prompt: a banned word is refused when it is set.
  prompts: ({ field, value }) => (field === 'suffix' ? [value] : []),
  async authorize(ctx, { owner, field }) {
    if (owner !== ctx.scope.userId) throw new UserError('not_your_settings', msg('settings-not-yours'));
    // The group's language is its admins' to set (Discord: Manage Server; Telegram: a chat admin).
    if (field === 'glang' && (groupOf(ctx.scope) === undefined || !(await ctx.isGroupAdmin()))) {
      throw new UserError('not_admin', msg('settings-group-language-admins-only'));
    }
  },
  async ask(ctx, { field, value }) {
    if (field !== 'suffix' || value !== undefined) return undefined;
    const locale = await ctx.services.settings.localeOf(ctx.scope);
    return {
      target: control(ctx.scope, 'suffix'),
      title: t(locale, 'settings-suffix-question'),
      fields: [{ name: 'value', label: t(locale, 'settings-suffix-question-label'), value: (await ctx.services.settings.get(ctx.scope)).suffix, required: false, maxLength: SETTINGS_SUFFIX_MAX }],
    };
  },
  async run(ctx, { field, value }) {
    const { settings } = ctx.services;
    if (field === 'glang') {
      await settings.updateGroup(ctx.scope, { language: language(value ?? '') });
      await show(ctx, await currentPanel(ctx));
      return;
    }
    const updated = await settings.update(ctx.scope, change(field, value ?? ''));
    // Redrawn in the language now in force (a new choice shows at once).
    await show(ctx, await currentPanel(ctx, updated));
  },
};
