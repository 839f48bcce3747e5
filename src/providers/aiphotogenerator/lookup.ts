import { z } from 'zod';

/**
 * How an image is read back from aiphotogenerator.net. The API page documents only the submit and
 * status 0 = queued; where an image is looked up, what its later status codes mean and which field
 * holds its URL are our assumptions. They live in this one table so an operator can correct them
 * (AIPHOTOGENERATOR_LOOKUP_PATH, _STATUS_MAP, _URL_FIELDS) without a code change.
 */
export const IMAGE_STATES = ['queued', 'running', 'finished', 'failed'] as const;
export type ImageState = (typeof IMAGE_STATES)[number];

/** A path below the base URL with one `{id}`, e.g. /images/{id} (a query such as ?id={id} is fine). */
const lookupPath = z
  .string()
  .trim()
  .refine((v) => v.startsWith('/') && !/\s/.test(v), { message: 'must be a path below the base URL, e.g. /images/{id}' })
  .refine((v) => v.split('{id}').length === 2, { message: 'must contain {id} exactly once, e.g. /images/{id}' });

/** A status as the service sends it (a number or a word), compared case-insensitively. */
const statusName = z
  .string()
  .trim()
  .regex(/^[\w.-]{1,40}$/, { message: 'must name statuses with digits or words, e.g. 2=finished' })
  .transform((v) => v.toLowerCase());

const statuses = z
  .record(statusName, z.enum(IMAGE_STATES, { message: `must map each status to one of ${IMAGE_STATES.join(', ')}` }))
  .refine((m) => Object.values(m).includes('finished'), { message: 'must say which status means finished, e.g. 2=finished' });

/** A field of the image object, or a dotted path into it (output.url). */
const fieldPath = z
  .string()
  .trim()
  .regex(/^[A-Za-z_]\w*(\.\w+)*$/, { message: 'must list field names such as url,image_url or a path such as output.url' });

export const lookupTableSchema = z.object({
  path: lookupPath,
  statuses,
  urlFields: z.array(fieldPath).min(1, { message: 'must name at least one field' }),
});
export type LookupTable = z.output<typeof lookupTableSchema>;

export const DEFAULT_LOOKUP: LookupTable = lookupTableSchema.parse({
  path: '/images/{id}',
  statuses: { 0: 'queued', 1: 'running', 2: 'finished', 3: 'failed' },
  urlFields: ['url', 'image_url', 'output_url'],
});

const PAIRS = /^\s*[\w.-]+\s*=\s*\w+\s*(,\s*[\w.-]+\s*=\s*\w+\s*)*$/;

/**
 * The environment's overrides, each parsed and validated on its own so a start-up error names the
 * one variable that is wrong. An override replaces that part of the table whole.
 */
export const lookupEnv = {
  AIPHOTOGENERATOR_LOOKUP_PATH: lookupPath,
  AIPHOTOGENERATOR_STATUS_MAP: z
    .string()
    .regex(PAIRS, { message: 'must look like 0=queued,1=running,2=finished,3=failed' })
    .transform((text) => text.split(',').map((pair) => pair.split('=').map((s) => s.trim().toLowerCase()) as [string, string]))
    .refine((pairs) => new Set(pairs.map(([k]) => k)).size === pairs.length, { message: 'names a status twice' })
    .transform((pairs) => Object.fromEntries(pairs))
    .pipe(statuses),
  AIPHOTOGENERATOR_URL_FIELDS: z
    .string()
    .transform((text) => text.split(',').map((s) => s.trim()).filter(Boolean))
    .pipe(lookupTableSchema.shape.urlFields),
};

/** The table with whichever overrides are given. */
export function lookupTable(over: { path?: string; statuses?: Record<string, ImageState>; urlFields?: string[] } = {}): LookupTable {
  return lookupTableSchema.parse({
    path: over.path ?? DEFAULT_LOOKUP.path,
    statuses: over.statuses ?? DEFAULT_LOOKUP.statuses,
    urlFields: over.urlFields ?? DEFAULT_LOOKUP.urlFields,
  });
}

/** The lookup URL path for an image, below the base URL's path. */
export function lookupPathFor(table: LookupTable, id: string): string {
  return table.path.replace('{id}', encodeURIComponent(id));
}

/** What a status means, or undefined when the table does not know it. */
export function stateOf(table: LookupTable, status: unknown): ImageState | undefined {
  if (typeof status !== 'number' && typeof status !== 'string') return undefined;
  return table.statuses[String(status).trim().toLowerCase()];
}

/**
 * The image's URL from the first configured field that holds one (a field holding a list gives its
 * first URL). A relative URL is read against the service's origin.
 */
export function imageUrlOf(table: LookupTable, image: Record<string, unknown>, origin: string): string | undefined {
  for (const field of table.urlFields) {
    let value: unknown = image;
    for (const key of field.split('.')) value = isRecord(value) ? value[key] : undefined;
    if (Array.isArray(value)) value = value.find((v) => typeof v === 'string');
    if (typeof value !== 'string' || value.trim() === '') continue;
    const url = absoluteUrl(value.trim(), origin);
    if (url) return url;
  }
  return undefined;
}

function absoluteUrl(value: string, origin: string): string | undefined {
  try {
    const url = new URL(value, origin);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
