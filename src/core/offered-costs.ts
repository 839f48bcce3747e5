import type { JobType } from '../providers/jobs.ts';
import type { ProviderRegistry } from '../providers/registry.ts';
import { COST_KEYS, type CostKey } from './costs.ts';
import { GENERATE_COST, offeredModels } from './generate.ts';

type GenerateKey = (typeof GENERATE_COST)[keyof typeof GENERATE_COST];

/** The job each price is for; /generate's prices are per model, so they follow the models offered. */
const PRICED_JOB: Readonly<Record<Exclude<CostKey, GenerateKey>, JobType>> = {
  imagine: 'mj.imagine',
  reroll: 'mj.reroll',
  variation: 'mj.variations',
  vary: 'mj.variations',
  upscale: 'mj.upscale',
  upscale_alt: 'mj.upscaleAlt',
  upscale_2x: 'mj.upscaleHighres',
  upscale_4x: 'mj.upscaleHighres',
  outpaint: 'mj.outpaint',
  pan: 'mj.pan',
  seed: 'mj.seed',
  describe: 'mj.describe',
  shorten: 'mj.shorten',
  turbo: 'mj.imagine',
  blend: 'mj.blend',
  faceswap: 'mj.faceswap',
  photo_prepare: 'photo.prepare',
  photo_train: 'photo.train',
  photo_generate: 'photo.generate',
};

/** The prices of what this bot can run (what /credits lists): none of a service it does not use. */
export function offeredCosts(providers: Pick<ProviderRegistry, 'forJob'>): CostKey[] {
  const models = new Set<CostKey>(offeredModels(providers).map((m) => GENERATE_COST[m]));
  return COST_KEYS.filter((k) => (k in PRICED_JOB ? Boolean(providers.forJob(PRICED_JOB[k as keyof typeof PRICED_JOB])) : models.has(k)));
}
