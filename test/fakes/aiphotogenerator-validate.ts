// Validation of POST /api/images/generate exactly as aiphotogenerator.net's API page lists it,
// answered the way a Laravel app answers: 422 { message, errors: { field: [msg] } }.

export const FAKE_MODELS = ['stable-diffusion-xl', 'flux-2', 'flux-2-flex', 'nano-banana-pro', 'nano-banana', 'nano-banana-2', 'seedream-4'] as const;

export interface ValidationFailure {
  message: string;
  errors: Record<string, string[]>;
}

/** The request as the fake keeps it once valid. */
export interface GenerateRequest {
  model: string;
  prompt: string;
  width: number;
  height: number;
  count: number;
  input?: string[];
  negative_prompt?: string;
}

type Body = Record<string, unknown>;

const isGiven = (v: unknown): boolean => v !== undefined && v !== null && v !== '';
/** Laravel's integer rule takes integers and digit strings alike. */
const asInteger = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isInteger(v) ? v : typeof v === 'string' && /^-?\d+$/.test(v.trim()) ? Number(v) : undefined;

function isUrl(v: unknown): boolean {
  if (typeof v !== 'string') return false;
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/** A validated request, or the 422 body that says what is wrong with every field. */
export function validateGenerate(body: Body): { ok: GenerateRequest } | { fail: ValidationFailure } {
  const errors: Record<string, string[]> = {};
  const add = (field: string, msg: string): void => {
    (errors[field] ??= []).push(msg);
  };
  const text = (field: string, label: string, required: boolean): void => {
    const v = body[field];
    if (!isGiven(v)) {
      if (required) add(field, `The ${label} field is required.`);
    } else if (typeof v !== 'string') add(field, `The ${label} field must be a string.`);
    else if (v.length > 1024) add(field, `The ${label} field must not be greater than 1024 characters.`);
  };
  const integer = (field: string, min: number, max: number, required: boolean): void => {
    const v = body[field];
    if (!isGiven(v)) {
      if (required) add(field, `The ${field} field is required.`);
      return;
    }
    const n = asInteger(v);
    if (n === undefined) add(field, `The ${field} field must be an integer.`);
    else if (n < min) add(field, `The ${field} field must be at least ${min}.`);
    else if (n > max) add(field, `The ${field} field must not be greater than ${max}.`);
  };

  if (!isGiven(body.model)) add('model', 'The model field is required.');
  else if (typeof body.model !== 'string') add('model', 'The model field must be a string.');
  else if (!(FAKE_MODELS as readonly string[]).includes(body.model)) add('model', 'The selected model is invalid.');
  text('prompt', 'prompt', true);
  integer('width', 512, 4096, true);
  integer('height', 512, 4096, true);
  integer('count', 1, 10, false);
  text('negative_prompt', 'negative prompt', false);
  if (isGiven(body.input)) {
    if (!Array.isArray(body.input)) add('input', 'The input field must be an array.');
    else {
      if (body.input.length > 10) add('input', 'The input field must not have more than 10 items.');
      body.input.forEach((v, i) => {
        if (!isUrl(v)) add(`input.${i}`, `The input.${i} field must be a valid URL.`);
      });
    }
  }

  const fields = Object.keys(errors);
  if (fields.length > 0) {
    const first = errors[fields[0]!]![0]!;
    const more = Object.values(errors).flat().length - 1;
    return { fail: { message: more > 0 ? `${first} (and ${more} more error${more > 1 ? 's' : ''})` : first, errors } };
  }
  const ok: GenerateRequest = {
    model: body.model as string,
    prompt: body.prompt as string,
    width: asInteger(body.width)!,
    height: asInteger(body.height)!,
    count: isGiven(body.count) ? asInteger(body.count)! : 1,
  };
  if (isGiven(body.input)) ok.input = body.input as string[];
  if (isGiven(body.negative_prompt)) ok.negative_prompt = body.negative_prompt as string;
  return { ok };
}
