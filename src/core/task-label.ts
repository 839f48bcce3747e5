import { SOURCE_LOCALE, t, type Locale } from '../i18n/index.ts';

/**
 * A task's label ("Upscale #2", "Imagine") is stored in English with the task, where older rows
 * already have it; it is translated where it is shown, by these patterns. A label none matches (a
 * model's name, a command's label not listed) is shown as it is.
 */
const LABELS: ReadonlyArray<{ pattern: RegExp; id: string; args?: (m: RegExpExecArray) => Record<string, string> }> = [
  { pattern: /^Imagine$/, id: 'task-label-imagine' },
  // credit-history.ts's name for a job whose reservation has no label.
  { pattern: /^A job$/, id: 'task-label-a-job' },
  { pattern: /^Describe$/, id: 'task-label-describe' },
  { pattern: /^Shorten$/, id: 'task-label-shorten' },
  { pattern: /^Blend$/, id: 'task-label-blend' },
  { pattern: /^Face swap$/, id: 'task-label-face-swap' },
  { pattern: /^Reroll$/, id: 'task-label-reroll' },
  { pattern: /^Seed$/, id: 'task-label-seed' },
  { pattern: /^Upscale #(\d+)$/, id: 'task-label-upscale', args: (m) => ({ index: m[1]! }) },
  { pattern: /^Variations of #(\d+)$/, id: 'task-label-variations', args: (m) => ({ index: m[1]! }) },
  { pattern: /^Upscale \((Subtle|Creative)\)$/, id: 'task-label-upscale-alt', args: (m) => ({ mode: m[1]!.toLowerCase() }) },
  { pattern: /^Upscale (2x|4x)$/, id: 'task-label-upscale-factor', args: (m) => ({ factor: m[1]! }) },
  { pattern: /^Vary \((Subtle|Strong)\)$/, id: 'task-label-vary', args: (m) => ({ mode: m[1]!.toLowerCase() }) },
  { pattern: /^Zoom Out ([\d.]+)x$/, id: 'task-label-zoom-out', args: (m) => ({ factor: m[1]! }) },
  { pattern: /^Custom Zoom$/, id: 'task-label-custom-zoom' },
  { pattern: /^Make Square$/, id: 'task-label-make-square' },
  { pattern: /^Pan (left|right|up|down)$/, id: 'task-label-pan', args: (m) => ({ direction: m[1]! }) },
  { pattern: /^Training$/, id: 'task-label-training' },
  { pattern: /^Preparing photos for$/, id: 'task-label-preparing-photos' },
  { pattern: /^Photos of (.+)$/s, id: 'task-label-photos-of', args: (m) => ({ name: m[1]! }) },
];

/** The label as the reader of `locale` sees it. */
export function labelIn(locale: Locale | undefined, label: string): string {
  const lang = locale ?? SOURCE_LOCALE;
  if (lang === SOURCE_LOCALE) return label;
  for (const { pattern, id, args } of LABELS) {
    const m = pattern.exec(label);
    if (m) return t(lang, id, args?.(m));
  }
  return label;
}
