import type { ProviderRegistry } from '../providers/registry.ts';
import type { JobOf } from '../providers/jobs.ts';
import { IMAGE_MODEL_IDS, modelName, type ImageModel } from '../providers/image-models.ts';
import type { CostKey } from './costs.ts';
import { msg } from '../i18n/index.ts';
import { UserError } from './errors.ts';

/**
 * What /generate and its 🔄 share: which models this bot offers, what a request costs, and how its
 * result reads. The command (commands/generate.ts) and the button (actions/entries.ts) both ask here,
 * so a press is refused and charged exactly as the command would be today.
 */
export type GenerateJob = JobOf<'gen.image'>;

/** Each model's price key: one image of up to about a megapixel (see DEFAULT_COSTS). */
export const GENERATE_COST: Readonly<Record<ImageModel, CostKey>> = {
  'flux-2': 'generate_flux_2',
  'flux-2-flex': 'generate_flux_2_flex',
  'nano-banana': 'generate_nano_banana',
  'nano-banana-pro': 'generate_nano_banana_pro',
  'nano-banana-2': 'generate_nano_banana_2',
  'seedream-4': 'generate_seedream_4',
  'stable-diffusion-xl': 'generate_stable_diffusion_xl',
};

/** The pixels one unit of a model's price pays for: 1024×1024. */
export const UNIT_PIXELS = 1024 * 1024;

/** How many times its model's price one image of this size costs: once per started megapixel. */
export function sizeUnits(width: number, height: number): number {
  return Math.max(1, Math.ceil((width * height) / UNIT_PIXELS));
}

/** A request in units of its model's price: every image it asks for, at its size. */
export function generateUnits(job: Pick<GenerateJob, 'count' | 'width' | 'height'>): number {
  return job.count * sizeUnits(job.width, job.height);
}

/**
 * The models /generate offers here, in the catalog's order: the ones the provider says it offers
 * (the operator may narrow them), every model it can run when it says nothing, none without it.
 */
export function offeredModels(providers: Pick<ProviderRegistry, 'forJob'>): ImageModel[] {
  const provider = providers.forJob('gen.image');
  if (!provider) return [];
  const named = provider.models;
  return named ? IMAGE_MODEL_IDS.filter((id) => named.includes(id)) : [...IMAGE_MODEL_IDS];
}

/** "flux-2 (Flux 2 Pro), seedream-4 (Seedream 4)": how a list of models is named to users. */
export function modelList(models: readonly ImageModel[]): string {
  return models.map((id) => `${id} (${modelName(id)})`).join(', ');
}

/** Refuses a model this bot does not offer (any more): a typed one, or a 🔄 after the operator narrowed the list. */
export function ensureOffered(providers: Pick<ProviderRegistry, 'forJob'>, model: ImageModel): void {
  const offered = offeredModels(providers);
  if (offered.includes(model)) return;
  if (offered.length === 0) throw new UserError('service_off', msg('error-service-off-generate'));
  throw new UserError('model_not_offered', msg('error-model-not-offered', { model: modelName(model), models: modelList(offered) }), { model });
}
