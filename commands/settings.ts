import { z } from 'zod';
import type { Panel, Scope } from '../src/core/chat.ts';
import type { CommandSpec } from '../src/core/command.ts';
import { UserError } from '../src/core/errors.ts';
import { SETTINGS_SUFFIX_MAX, type UserSettings } from '../src/core/settings.ts';
import { ASPECT_RATIOS } from './imagine.ts';
import { cleanPrompt } from './schemas.ts';

/**
 * /settings: one panel per user. Its controls carry `set:<user>:<field>=<value>` (the user they
 * belong to, so a press by someone else is refused) and redraw the panel when used.
 */
const NONE = 'none';

function control(scope: Pick<Scope, 'userId'>, field: string, value?: string): string {
  return `set:${scope.userId}:${field}${value === undefined ? '' : `=${value}`}`;
}

export function settingsPanel(scope: Pick<Scope, 'userId'>, s: UserSettings): Panel {
  const lines = [
    '⚙️ Your settings (for every chat where you use me here):',
    `• Aspect ratio: ${s.aspectRatio ?? 'none (Midjourney’s 1:1)'}, used by /imagine when you give none`,
    `• Speed: ${s.speed}${s.speed === 'turbo' ? ' (faster, costs more credits)' : ''}`,
    `• Remix: ${s.remix ? 'on — buttons ask for the prompt first' : 'off'}`,
    `• V1–V4: ${s.variation === 'strong' ? 'strong variations' : 'subtle variations (the image is upscaled first, so they cost an upscale more)'}`,
    `• Suffix: ${s.suffix ? s.suffix : 'none'}${s.suffix ? ' (added to every prompt)' : ''}`,
  ];
  return {
    text: lines.join('\n'),
    rows: [
      {
        choice: {
          id: control(scope, 'ar'),
          placeholder: 'Default aspect ratio',
          options: [NONE, ...ASPECT_RATIOS].map((value) => ({
            value,
            label: value === NONE ? 'No default' : value,
            selected: (s.aspectRatio ?? NONE) === value,
          })),
        },
      },
      {
        buttons: [
          { id: control(scope, 'remix', s.remix ? 'off' : 'on'), label: s.remix ? '🎛️ Remix: on' : '🎛️ Remix: off' },
          { id: control(scope, 'speed', s.speed === 'fast' ? 'turbo' : 'fast'), label: s.speed === 'fast' ? '⚡ Speed: fast' : '⚡ Speed: turbo' },
          { id: control(scope, 'vary', s.variation === 'strong' ? 'subtle' : 'strong'), label: s.variation === 'strong' ? '🎨 V1–V4: strong' : '🎨 V1–V4: subtle' },
        ],
      },
      {
        buttons: [
          { id: control(scope, 'suffix'), label: '✏️ Suffix' },
          ...(s.suffix ? [{ id: control(scope, 'suffix', ''), label: '✖️ No suffix' }] : []),
        ],
      },
    ],
  };
}

export const settings: CommandSpec<Record<string, never>> = {
  name: 'settings',
  requires: 'mj.imagine',
  description: 'Your defaults: aspect ratio, speed, remix and a prompt suffix',
  options: [],
  input: z.object({}).strip() as unknown as z.ZodType<Record<string, never>>,
  slow: false,
  async run(ctx) {
    const panel = settingsPanel(ctx.scope, await ctx.services.settings.get(ctx.scope));
    if (ctx.respond.panel) await ctx.respond.panel(panel);
    else await ctx.respond.text(panel.text, { private: true });
  },
};

const FIELD = /^set:(\d{1,25}):(ar|speed|remix|vary|suffix)(?:=(.*))?$/s;

const setInput = z
  .object({
    control: z.string().regex(FIELD, 'This button is not one of mine.'),
    /** The answer when the control asked first (the suffix). */
    value: z.string().optional(),
  })
  .transform(({ control, value }) => {
    const [, owner, field, given] = FIELD.exec(control)!;
    return { owner: owner!, field: field as 'ar' | 'speed' | 'remix' | 'vary' | 'suffix', value: given ?? value };
  });
type SetInput = z.infer<typeof setInput>;

/** What a control's value means; a value no control offers is refused. */
function change(field: SetInput['field'], value: string): Partial<UserSettings> {
  switch (field) {
    case 'ar':
      if (value === NONE) return { aspectRatio: undefined };
      if (!(ASPECT_RATIOS as readonly string[]).includes(value)) throw new UserError('bad_setting', `Aspect ratio must be one of ${ASPECT_RATIOS.join(', ')}.`);
      return { aspectRatio: value };
    case 'speed':
      if (value !== 'fast' && value !== 'turbo') throw new UserError('bad_setting', 'Speed is fast or turbo.');
      return { speed: value };
    case 'remix':
      if (value !== 'on' && value !== 'off') throw new UserError('bad_setting', 'Remix is on or off.');
      return { remix: value === 'on' };
    case 'vary':
      if (value !== 'strong' && value !== 'subtle') throw new UserError('bad_setting', 'V1–V4 are strong or subtle.');
      return { variation: value };
    case 'suffix': {
      const suffix = cleanPrompt(value);
      if (suffix.length > SETTINGS_SUFFIX_MAX) throw new UserError('bad_setting', `Keep the suffix under ${SETTINGS_SUFFIX_MAX} characters.`);
      return { suffix };
    }
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
  authorize(ctx, { owner }) {
    if (owner !== ctx.scope.userId) throw new UserError('not_your_settings', 'These are someone else’s settings: send /settings for yours.');
  },
  async ask(ctx, { field, value }) {
    if (field !== 'suffix' || value !== undefined) return undefined;
    return {
      target: control(ctx.scope, 'suffix'),
      title: 'Prompt suffix',
      fields: [{ name: 'value', label: 'Added to every prompt, e.g. --v 7 --stylize 250', value: (await ctx.services.settings.get(ctx.scope)).suffix, required: false, maxLength: SETTINGS_SUFFIX_MAX }],
    };
  },
  async run(ctx, { field, value }) {
    const updated = await ctx.services.settings.update(ctx.scope, change(field, value ?? ''));
    const panel = settingsPanel(ctx.scope, updated);
    if (ctx.respond.panel) await ctx.respond.panel(panel);
    else await ctx.respond.text(panel.text, { private: true });
  },
};
