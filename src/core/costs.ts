import { modelName } from '../providers/image-models.ts';
import { SOURCE_LOCALE, t, type Locale } from '../i18n/index.ts';

/**
 * What each command and button costs, in credits. Defaults follow Apiframe's own prices so a
 * wallet maps onto the operator's Apiframe credits one to one; operators override them with
 * CREDIT_COSTS or CREDIT_COSTS_FILE.
 */
export const DEFAULT_COSTS = {
  imagine: 4,
  reroll: 4,
  variation: 4,
  vary: 4,
  upscale: 2,
  /** Upscale (Subtle) and Upscale (Creative). */
  upscale_alt: 4,
  upscale_2x: 1,
  upscale_4x: 2,
  /** Zoom Out, Custom Zoom and Make Square. */
  outpaint: 4,
  pan: 4,
  seed: 2,
  /** /describe: four prompts from an image. */
  describe: 2,
  /** /shorten: shorter versions of a prompt. */
  shorten: 2,
  /**
   * Added to a Midjourney job run in turbo mode (/settings). Apiframe does not publish turbo's
   * price; Midjourney bills turbo at about twice fast, hence the default.
   */
  turbo: 4,
  /** /blend: two to five images into one grid. */
  blend: 4,
  /** /faceswap: one image. */
  faceswap: 2,
  /** AI Photos: preparing a set of photos for training (once per set). */
  photo_prepare: 2,
  /** AI Photos: training, per photo in the set. */
  photo_train: 4,
  /** AI Photos: each generated photo. */
  photo_generate: 1,
  /*
   * /generate (aiphotogenerator.net): each image of up to about one megapixel (1024×1024); a larger
   * one costs this once per started megapixel. The service charges by model and output size but
   * publishes no price list we could follow, so these are relative guesses — Stable Diffusion XL
   * cheapest, the Pro models dearest — for operators to set from their own bill.
   */
  generate_stable_diffusion_xl: 1,
  generate_seedream_4: 2,
  generate_nano_banana: 2,
  generate_flux_2_flex: 3,
  generate_nano_banana_2: 3,
  generate_flux_2: 4,
  generate_nano_banana_pro: 4,
} as const;

export type CostKey = keyof typeof DEFAULT_COSTS;
export type Costs = Record<CostKey, number>;
export const COST_KEYS = Object.keys(DEFAULT_COSTS) as CostKey[];

/** How one model's price reads: per image of up to about a megapixel. */
const perImage =
  (model: Parameters<typeof modelName>[0]) =>
  (price: number, locale: Locale = SOURCE_LOCALE): string =>
    t(locale, 'credits-cost-model-images', { model: modelName(model), price });
/** A price in words, `credits-cost-<key>` in the catalogue. */
const words =
  (key: string) =>
  (price: number, locale: Locale = SOURCE_LOCALE): string =>
    t(locale, `credits-cost-${key.replace(/_/g, '-')}`, { price });

/**
 * How each price reads in /credits, in words a user knows from the buttons and commands (never
 * the key), in the reader's language: one entry per cost key, so a new key does not compile without its words.
 */
export const COST_WORDS: Readonly<Record<CostKey, (price: number, locale?: Locale) => string>> = {
  imagine: words('imagine'),
  reroll: words('reroll'),
  variation: words('variation'),
  vary: words('vary'),
  upscale: words('upscale'),
  upscale_alt: words('upscale_alt'),
  upscale_2x: words('upscale_2x'),
  upscale_4x: words('upscale_4x'),
  outpaint: words('outpaint'),
  pan: words('pan'),
  seed: words('seed'),
  describe: words('describe'),
  shorten: words('shorten'),
  turbo: words('turbo'),
  blend: words('blend'),
  faceswap: words('faceswap'),
  photo_prepare: words('photo_prepare'),
  photo_train: words('photo_train'),
  photo_generate: words('photo_generate'),
  generate_stable_diffusion_xl: perImage('stable-diffusion-xl'),
  generate_seedream_4: perImage('seedream-4'),
  generate_nano_banana: perImage('nano-banana'),
  generate_flux_2_flex: perImage('flux-2-flex'),
  generate_nano_banana_2: perImage('nano-banana-2'),
  generate_flux_2: perImage('flux-2'),
  generate_nano_banana_pro: perImage('nano-banana-pro'),
};
