/** The buttons under an upscale of a wide (16:9) grid, row by row, as Midjourney lays them out. */
export const UPSCALE_BUTTONS = [
  ['Upscale (Subtle)', 'Upscale (Creative)', 'Upscale 2x', 'Upscale 4x'],
  ['Vary (Subtle)', 'Vary (Strong)'],
  ['Zoom Out 2x', 'Zoom Out 1.5x', 'Custom Zoom', 'Make Square'],
  ['⬅️', '➡️', '⬆️', '⬇️'],
  ['🌱 Seed'],
];

/**
 * Every button under an upscale, what it asks Apiframe (the endpoint and the fields besides the
 * parent) and what comes back. `parent` is whose id the job names: the upscale, or for the seed
 * the grid it came from.
 */
export const UPSCALE_PRESSES: ReadonlyArray<{
  label: string;
  endpoint: string;
  body: Record<string, unknown>;
  parent: 'upscale' | 'grid';
  result: 'image' | 'grid' | 'seed';
  cost: number;
}> = [
  { label: 'Upscale (Subtle)', endpoint: 'upscale-alt', body: { type: 'subtle' }, parent: 'upscale', result: 'image', cost: 4 },
  { label: 'Upscale (Creative)', endpoint: 'upscale-alt', body: { type: 'creative' }, parent: 'upscale', result: 'image', cost: 4 },
  { label: 'Upscale 2x', endpoint: 'upscale-highres', body: { type: '2x' }, parent: 'upscale', result: 'image', cost: 1 },
  { label: 'Upscale 4x', endpoint: 'upscale-highres', body: { type: '4x' }, parent: 'upscale', result: 'image', cost: 2 },
  { label: 'Vary (Subtle)', endpoint: 'variations', body: { index: 'subtle' }, parent: 'upscale', result: 'grid', cost: 4 },
  { label: 'Vary (Strong)', endpoint: 'variations', body: { index: 'strong' }, parent: 'upscale', result: 'grid', cost: 4 },
  { label: 'Zoom Out 2x', endpoint: 'outpaint', body: { zoom_ratio: 2, aspect_ratio: '16:9' }, parent: 'upscale', result: 'grid', cost: 4 },
  { label: 'Zoom Out 1.5x', endpoint: 'outpaint', body: { zoom_ratio: 1.5, aspect_ratio: '16:9' }, parent: 'upscale', result: 'grid', cost: 4 },
  { label: 'Make Square', endpoint: 'outpaint', body: { zoom_ratio: 1, aspect_ratio: '1:1' }, parent: 'upscale', result: 'grid', cost: 4 },
  { label: '⬅️', endpoint: 'pan', body: { direction: 'left' }, parent: 'upscale', result: 'grid', cost: 4 },
  { label: '➡️', endpoint: 'pan', body: { direction: 'right' }, parent: 'upscale', result: 'grid', cost: 4 },
  { label: '⬆️', endpoint: 'pan', body: { direction: 'up' }, parent: 'upscale', result: 'grid', cost: 4 },
  { label: '⬇️', endpoint: 'pan', body: { direction: 'down' }, parent: 'upscale', result: 'grid', cost: 4 },
  { label: '🌱 Seed', endpoint: 'seed', body: {}, parent: 'grid', result: 'seed', cost: 2 },
];

/** The buttons a result of each kind gets. */
export const GRID_BUTTONS = [
  ['U1', 'U2', 'U3', 'U4', '🔄'],
  ['V1', 'V2', 'V3', 'V4'],
];
