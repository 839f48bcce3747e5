/**
 * The text-to-image models /generate offers (aiphotogenerator.net runs them): the API's id, and
 * the name people know them by. The operator may offer fewer (AIPHOTOGENERATOR_MODELS).
 */
export const IMAGE_MODELS = [
  { id: 'flux-2', name: 'Flux 2 Pro' },
  { id: 'flux-2-flex', name: 'Flux 2 Flex' },
  { id: 'nano-banana', name: 'Nano Banana' },
  { id: 'nano-banana-pro', name: 'Nano Banana Pro' },
  { id: 'nano-banana-2', name: 'Nano Banana 2' },
  { id: 'seedream-4', name: 'Seedream 4' },
  { id: 'stable-diffusion-xl', name: 'Stable Diffusion XL' },
] as const;

export type ImageModel = (typeof IMAGE_MODELS)[number]['id'];
export const IMAGE_MODEL_IDS = IMAGE_MODELS.map((m) => m.id) as [ImageModel, ...ImageModel[]];

export function modelName(id: ImageModel): string {
  return IMAGE_MODELS.find((m) => m.id === id)?.name ?? id;
}

/** The limits the service's API page gives for one request. */
export const GENERATE_LIMITS = {
  promptMax: 1024,
  negativeMax: 1024,
  sideMin: 512,
  sideMax: 4096,
  countMax: 10,
  inputsMax: 10,
} as const;
